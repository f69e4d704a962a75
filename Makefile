# Pathways Commons. `make demo` starts the app with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pathways
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: install demo test lint check benchmark soak throughput

install:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen

# The app at http://127.0.0.1:8000 with demo data, on SQLite, tasks run in-process.
demo: install
	DEBUG=true $(UV) run python manage.py migrate --no-input
	DEBUG=true $(UV) run python manage.py seed_demo
	DEBUG=true $(UV) run python manage.py runserver 127.0.0.1:8000

# The whole suite, on PostgreSQL and Redis (override DATABASE_URL / REDIS_URL to point elsewhere).
test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(UV) run pytest $(PYTEST_ARGS)

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports

# What CI checks besides the tests.
check: install
	DEBUG=true $(UV) run python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=pathways.example.org \
		$(UV) run python manage.py check --deploy --fail-level WARNING

# 60 s of mixed traffic from every role against gunicorn and a Celery worker on 127.0.0.1:8765,
# with production settings over plain http (loopback only); prints errors and latencies.
LOOPBACK_ENV = REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	DEBUG=false SECRET_KEY=soak-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false \
	CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
SOAK_ENV = DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(LOOPBACK_ENV)
soak: install
	$(SOAK_ENV) $(UV) run python manage.py migrate --no-input
	$(SOAK_ENV) $(UV) run python manage.py seed_demo
	$(SOAK_ENV) $(UV) run python manage.py collectstatic --no-input -v0
	$(SOAK_ENV) $(UV) run python manage.py soak --serve --seconds $${SOAK_SECONDS:-60}

# Requests per second of each role's main pages, as a share of /healthz's, against gunicorn on
# 127.0.0.1:8766 with production settings, on the large data set of the benchmarks (wrk, a
# bounded load on loopback). README, "Benchmarks".
THROUGHPUT_ENV = DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench} $(LOOPBACK_ENV)
throughput: install
	$(THROUGHPUT_ENV) $(UV) run python manage.py migrate --no-input
	$(THROUGHPUT_ENV) $(UV) run python manage.py seed_demo --scale large
	$(THROUGHPUT_ENV) $(UV) run python manage.py collectstatic --no-input -v0
	$(THROUGHPUT_ENV) $(UV) run python manage.py throughput --seconds $${THROUGHPUT_SECONDS:-8}
