# One image for every service: web (gunicorn, the default CMD), the Celery worker and beat.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    PATH="/app/.venv/bin:$PATH"

RUN pip install --no-cache-dir uv

WORKDIR /app

# Dependencies first, so editing the code does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-cache

COPY . .

# Build-only values: settings refuse to load with DEBUG off and no 50+ character SECRET_KEY.
# They exist for this one command and are not kept in the image.
RUN DEBUG=false \
    SECRET_KEY=build-only-not-secret-collectstatic-placeholder-key-0123456789 \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app
USER app

EXPOSE 8000

# ALLOWED_HOSTS must include 127.0.0.1 for this check (the request's Host is 127.0.0.1:8000).
# /healthz is exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT); it answers 503 when
# the database is down, which fails the check. Services that are not web should disable it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
