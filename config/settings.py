"""Settings for Pathways Commons, read from the environment (see README, "Configuration").

Unset DATABASE_URL: an SQLite file in the project. Unset REDIS_URL: Celery runs tasks
eagerly in-process. With DEBUG off, SECRET_KEY is required and the secure defaults apply.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from common import queues
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-only-used-with-debug-on")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Pathways Commons")

INSTALLED_APPS = [
    # Content in both languages (each app's translation.py); before the admin, as it asks.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "common",
    "partners",
    "pathways",
    "measures",
    "agenda",
    "network",
    "activities",
    "funding",
    "communication",
    "dashboards",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # What a reading request asks several times is read once (common/scope.py).
    "common.scope.RequestScopeMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After sign-in: a person's own language, or ?lang= on a shared address.
    "common.languages.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sign-in and messages, so that its 400 page renders like any other.
    "common.middleware.RejectControlCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "partners.middleware.ReadOnlyRolesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partners.context_processors.roles",
                "dashboards.context_processors.publication",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A read replica (optional): the reads of read-only requests go to it, everything else to the
# primary (common/replica.py). A browser that may have written reads the primary for
# REPLICA_PIN_SECONDS after, so it sees what it saved.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 5)
# A replica that cannot be reached is left alone this long; its requests read the primary.
REPLICA_RETRY_SECONDS = env_int("REPLICA_RETRY_SECONDS", 10)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # A stopped replica costs a request two seconds at most, then none for a while.
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    # The test runner makes no database of its own for it: in tests it is the primary.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["common.replica.ReplicaRouter"]
    MIDDLEWARE = ["common.replica.ReplicaMiddleware", *MIDDLEWARE]

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading the signed-in person with their memberships and unread count.
    "config.auth.PersonBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

# Repeated failed logins lock the account out for a while (django-axes).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "partners.auth.axes_username"

LANGUAGE_CODE = "en"
# Each language named in itself, so that a reader finds theirs whatever the page's language.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the switch is remembered for a year in this browser
# Content written in one language reads in the other until it is translated (and says so:
# common.templatetags.commons.untranslated).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("es",)}
# Dates and times written one way in each language (config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
FORM_RENDERER = "common.forms.FormRenderer"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: the console in development; SMTP (or any backend) from the environment.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_mail_options = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "use_ssl": env_bool("EMAIL_USE_SSL", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pathways Commons <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache (dashboard figures, keyed by the last roll-up): Redis when REDIS_URL is set, so every
# web process shares it; otherwise each process keeps its own in memory.
CACHES = {
    "default": (
        {
            # Django's, with one client per connection pool (common/redis_cache.py).
            "BACKEND": "common.redis_cache.RedisCache",
            # Its own Redis database or instance in production (README, "Production notes").
            "LOCATION": env_str("CACHE_URL", "") or REDIS_URL,
            # A stopped or hung Redis costs a page a second at most: it then computes.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            # Deployments sharing a Redis keep their entries apart (as their queues are).
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "") or env_str("CELERY_QUEUE", "celery"),
        }
        if (REDIS_URL := env_str("REDIS_URL", ""))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions: the database is their record; a shared cache (Redis) serves their reads
# (common/sessions.py). Without one, each process's own memory could not see another's
# sign-out, so sessions are read from the database alone.
SESSION_ENGINE = "common.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"

# Celery: a Redis broker when REDIS_URL is set; otherwise tasks run eagerly in-process.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Task modules not named tasks.py (autodiscovery finds those).
CELERY_IMPORTS = ["measures.import_jobs"]
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
# One queue per kind of work (common/queues.py), named from the default queue: "celery",
# "celery.rollups", "celery.imports", "celery.email". A worker without -Q reads them all; one
# with -Q reads only those named, so each kind can run on hosts of its own. Another base keeps
# one deployment's workers apart from another's on a shared Redis.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_QUEUES = queues.declared(CELERY_TASK_DEFAULT_QUEUE)
CELERY_TASK_ROUTES = [queues.route]
# A task whose worker process dies goes back on the queue at once; one whose whole worker was
# killed is delivered again once the visibility timeout, longer than the longest task's hard
# limit (an import: 60 minutes), runs out.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 65 * 60}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Work recorded while the broker was down (common/outbox.py) is sent once it is back.
    "outbox": {"task": "common.tasks.dispatch_outbox", "schedule": 60.0},
    "nightly-full-rollup": {
        "task": "measures.tasks.rebuild_all_aggregates",
        "schedule": crontab(hour=env_int("ROLLUP_HOUR", 3), minute=0),
    },
    # The digest of the 7 days before the run (communication/emails.py), Mondays at 07:00.
    "weekly-digest": {
        "task": "communication.tasks.send_weekly_digest",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    # Reminders of reports due and overdue, on the schedule backbone staff set at /reminders/.
    "daily-report-reminders": {
        "task": "communication.tasks.send_report_reminders",
        "schedule": crontab(hour=env_int("REMINDER_HOUR", 6), minute=30),
    },
}

# Security. Content-Security-Policy allows the app's own origin only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"

# Where a pathway's CTDL resources live once published to a credential registry: their @id is
# this and their CTID (pathways/ctdl.py). Credential Engine's production registry by default.
CTDL_RESOURCE_BASE = env_str(
    "CTDL_RESOURCE_BASE", "https://credentialengineregistry.org/resources/"
)
CTDL_GRAPH_BASE = env_str("CTDL_GRAPH_BASE", "https://credentialengineregistry.org/graph/")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": env_str("AXES_LOG_LEVEL", "WARNING")},
    },
}

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "pathways-demo")
AXES_VERBOSE = env_bool("AXES_VERBOSE", False)
