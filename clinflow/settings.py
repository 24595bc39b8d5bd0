"""All of clinflow's settings, read from the environment (see README "Configuration").

Zero-setup defaults: SQLite in var/ and the embedded Redis-compatible server that `make run` starts
(its URL is written to var/redis-url). DATABASE_URL and REDIS_URL switch to real servers.
"""

from __future__ import annotations

import os
import secrets
import warnings
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue as KombuQueue

from clinflow import logs as clinflow_logs
from clinflow.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CLINFLOW_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)

_secret = env_secret("SECRET_KEY")
if not _secret:
    # Zero-setup default: a random key kept in var/ (never in the repo), stable across restarts.
    key_file = VAR_DIR / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    _secret = key_file.read_text().strip()
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc served from our static files (works offline)
    "guardian",
    "django_htmx",
    "channels",
    "clinflow",
    "audit",
    "ingest",
    "queues",
    "mlregistry",
    "triage",
    "scheduling",
    "coding",  # coders' findings of closed encounters, clinical ops' unsigned orders and notes
    "dashboards",
    "governance",
    "fhirapi",
    "hl7v2",  # HL7 v2 over MLLP (manage.py mllp_listen)
    "demo",  # demo tooling (simulate_emr, seed_demo); no runtime app imports it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come pre-compressed); gzip only where BREACH cannot apply.
    "clinflow.compression.SameOriginGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "clinflow.urls"
WSGI_APPLICATION = "clinflow.wsgi.application"
ASGI_APPLICATION = "clinflow.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "queues.context.nav",
            ]
        },
    }
]

# --- Database ---------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'clinflow.sqlite3'}")
try:
    _db = environ.Env.db_url_config(DATABASE_URL)
except Exception as exc:  # django-environ raises several types for a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc

if _db["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the Celery worker write the same file: WAL + IMMEDIATE transactions avoid
    # "database is locked" (../shared/STACK.md).
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file (not :memory:) so that a real Celery worker process in the tests sees the test data.
    # One per test run (pid), so two runs in one checkout never share it.
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # Django's psycopg pool: set DATABASE_POOL=1 for the web process (not for forking Celery workers).
    if env_bool("DATABASE_POOL", False):
        _db["OPTIONS"] = {"pool": {"min_size": 2, "max_size": env_int("DATABASE_POOL_MAX", 16)}}
    else:
        _db["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
        _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = _db["ENGINE"] == "django.db.backends.postgresql"

# --- Redis: one URL feeds the Celery broker, the channel layer and the cache ------------------
_redis_file = VAR_DIR / "redis-url"
REDIS_URL = env_str("REDIS_URL") or (
    _redis_file.read_text().strip() if _redis_file.exists() else "redis://127.0.0.1:6379/0"
)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_PREFIX", "clinflow"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
}

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            # socket_timeout None: redis-py 8 defaults to 5 s, which aborts channels_redis's blocking
            # BZPOPMIN on every idle socket (channels_redis #422) and drops websockets every 5 s.
            "hosts": [{"address": REDIS_URL, "max_connections": 2000, "socket_timeout": None}],
            "prefix": env_str("CHANNELS_PREFIX", "clinflow"),
        },
    }
}

# --- Celery -----------------------------------------------------------------------------------
# Celery is a trigger, not the record: the Event row is the truth and a beat sweep re-enqueues
# anything unprocessed, so at-least-once delivery plus idempotent tasks never lose an event.
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,  # longer than any countdown we use (celery #2599, #4766)
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # Workers consume the queues in the order of CELERY_TASK_QUEUES: the urgent lane always first.
    "queue_order_strategy": "priority",
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "clinflow")
# Events a cheap intake check flags as possible emergencies (ingest.handlers.urgent_if) go to their
# own queue, so an emergency is scored within seconds even behind a backlog of routine events.
CELERY_URGENT_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-urgent"
CELERY_TASK_QUEUES = [KombuQueue(CELERY_URGENT_QUEUE), KombuQueue(CELERY_TASK_DEFAULT_QUEUE)]
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", False)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-events": {
        "task": "ingest.tasks.sweep_stuck_events",
        "schedule": timedelta(seconds=env_int("SWEEP_INTERVAL_SECONDS", 30, minimum=1)),
    },
    "queue-upkeep": {"task": "queues.tasks.queue_upkeep", "schedule": timedelta(seconds=15)},
    "build-digests": {"task": "queues.tasks.build_digests", "schedule": timedelta(seconds=30)},
    # unsigned orders and notes become clinical-ops tasks, then urgent, as they age (coding.thresholds)
    "unsigned-check": {
        "task": "coding.tasks.unsigned_check",
        "schedule": timedelta(seconds=env_int("UNSIGNED_CHECK_SECONDS", 60, minimum=5)),
    },
    "worker-heartbeat": {
        "task": "clinflow.tasks.worker_heartbeat",
        "schedule": timedelta(seconds=10),
    },
}
# Retraining the triage classifier from the site's own final decisions: every RETRAIN_TRIAGE_DAYS
# (0 = never scheduled); the new version is always a candidate for the owner to try and promote.
RETRAIN_TRIAGE_DAYS = env_int("RETRAIN_TRIAGE_DAYS", 7, minimum=0)
if RETRAIN_TRIAGE_DAYS:
    CELERY_BEAT_SCHEDULE["retrain-triage-candidate"] = {
        "task": "triage.tasks.retrain_triage_candidate",
        "schedule": timedelta(days=RETRAIN_TRIAGE_DAYS),
    }
# The same for the no-show models (logistic and the gradient-boosted challenger), from the site's
# own appointment outcomes once it has enough of them (scheduling.services.SITE_MINIMUM).
RETRAIN_NOSHOW_DAYS = env_int("RETRAIN_NOSHOW_DAYS", 7, minimum=0)
if RETRAIN_NOSHOW_DAYS:
    CELERY_BEAT_SCHEDULE["retrain-noshow-candidates"] = {
        "task": "scheduling.tasks.retrain_noshow_candidates",
        "schedule": timedelta(days=RETRAIN_NOSHOW_DAYS),
    }

# --- Event intake -----------------------------------------------------------------------------
EVENT_MAX_BYTES = env_int("EVENT_MAX_BYTES", 256 * 1024, minimum=1024)
BATCH_MAX_BYTES = env_int("BATCH_MAX_BYTES", 16 * 1024 * 1024, minimum=1024)
BATCH_MAX_EVENTS = env_int("BATCH_MAX_EVENTS", 1000, minimum=1)
EVENT_MAX_DEPTH = env_int("EVENT_MAX_DEPTH", 32, minimum=4)
DATA_UPLOAD_MAX_MEMORY_SIZE = BATCH_MAX_BYTES + 1024
# FHIR intake: the facility of resources that name none (no facility extension, no ?facility=, no
# Location that is a facility) when the source may send for every facility ("" = the first by slug)
FHIR_DEFAULT_FACILITY = env_str("FHIR_DEFAULT_FACILITY", "")
# An event left in received this long (with no task queued) is re-enqueued by the sweep; a worker's
# claim on an event is a lease this long, extended by a heartbeat while the handler runs.
EVENT_STUCK_AFTER_SECONDS = env_int("EVENT_STUCK_AFTER_SECONDS", 120, minimum=1)
# How long a published task's marker keeps the sweep from publishing another for the same event.
EVENT_TASK_TTL_SECONDS = env_int("EVENT_TASK_TTL_SECONDS", 900, minimum=10)
EVENT_MAX_ATTEMPTS = env_int("EVENT_MAX_ATTEMPTS", 5, minimum=1)
EVENT_RETRY_BASE_SECONDS = env_int("EVENT_RETRY_BASE_SECONDS", 5, minimum=0)
# Staff work: a claim is a lease. An SLA breach or an interrupt nobody acknowledges within
# INTERRUPT_ESCALATE_MINUTES escalates to the queue owner, unacknowledged after as long again to the
# facility on-call (emergent/urgent), who is re-notified at that interval until someone acknowledges.
CLAIM_MINUTES = env_int("CLAIM_MINUTES", 10, minimum=1)
INTERRUPT_ESCALATE_MINUTES = env_int("INTERRUPT_ESCALATE_MINUTES", 5, minimum=1)
# An alert whose per-user delivery has not run this long after it was raised (the deliver_item task
# was lost) is delivered by beat's queue upkeep.
DELIVERY_SWEEP_AFTER_SECONDS = env_int("DELIVERY_SWEEP_AFTER_SECONDS", 30, minimum=5)
WORKER_HEARTBEAT_MAX_AGE_SECONDS = env_int("WORKER_HEARTBEAT_MAX_AGE_SECONDS", 60, minimum=5)

# --- Manager dashboards (dashboards.metrics) ---------------------------------------------------
# Score drift: a week's population stability index above this warns (0.1-0.2 moderate, > 0.2 large).
DASHBOARD_PSI_WARNING = float(env_str("DASHBOARD_PSI_WARNING", "0.2"))
# Negative signals: the last 7 days against the 28 before; flagged when the rate (or backlog) rose by
# more than this fraction of the earlier value, with at least DASHBOARD_SIGNAL_MIN_N items in each.
DASHBOARD_SIGNAL_RISE = float(env_str("DASHBOARD_SIGNAL_RISE", "0.25"))
DASHBOARD_SIGNAL_MIN_N = env_int("DASHBOARD_SIGNAL_MIN_N", 20, minimum=1)

# --- Auth -------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 15 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True  # the session age is an idle timeout
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
GUARDIAN_RAISE_403 = True

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["clinflow.auth.StaffSessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [  # DRF's defaults, with JSON nested too deeply a 400 (not a 500)
        "clinflow.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "clinflow.problems.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "clinflow API",
    "DESCRIPTION": "Event intake (CloudEvents 1.0) and staff work-queue API. See docs/CONTRACT.md in the repository.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "APPEND_COMPONENTS": {},  # filled with the per-type event schemas by ingest.apps
    # drf-spectacular's enum hook, run on a fresh copy of those components each time (clinflow/openapi.py)
    "POSTPROCESSING_HOOKS": ["clinflow.openapi.postprocess_enums_on_fresh_components"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- I18N / static ----------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year, immutable) plus gzip and brotli copies; before collectstatic
    # the plain names (clinflow/staticstorage.py).
    "staticfiles": {"BACKEND": "clinflow.staticstorage.HashedStaticStorage"},
}
# Files served at the site root: /favicon.ico (browsers ask for it whatever the page links).
WHITENOISE_ROOT = BASE_DIR / "clinflow" / "public"
# Under ASGI, Django reads WhiteNoise's (synchronous) file iterators in a thread and warns once per
# process that it does; that is the intended path for static files, not something to fix.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous iterators")

# --- Logging ----------------------------------------------------------------------------------
# One JSON object per line on stderr, stdlib and structlog lines alike, PHI keys masked
# (clinflow/logs.py). LOG_FORMAT=console gives key=value text for a developer's terminal.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "json")
if LOG_FORMAT not in ("json", "console"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or console, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"structured": clinflow_logs.formatter(json=LOG_FORMAT == "json")},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
clinflow_logs.configure()

# --- Metrics ----------------------------------------------------------------------------------
# Web and Celery workers are separate processes: what a worker observes (processing and model
# latency) reaches the web's /metrics only through prometheus-client's multiprocess mode, one mmap
# file per process in this directory, merged at scrape (clinflow/health.py). `make run` empties it
# at start. prometheus-client picks the mode when it is first imported, so it is set here, before
# any app imports it (clinflow/metrics.py refuses to start if that order was broken).
PROMETHEUS_MULTIPROC_DIR = Path(env_str("PROMETHEUS_MULTIPROC_DIR", str(VAR_DIR / "prometheus")))
PROMETHEUS_MULTIPROC_DIR.mkdir(parents=True, exist_ok=True)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(PROMETHEUS_MULTIPROC_DIR)

DEMO_PASSWORD = env_secret("DEMO_PASSWORD")
