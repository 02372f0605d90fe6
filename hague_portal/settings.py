"""Hague Portal settings: one module, driven by the environment.

Development defaults need no server at all (SQLite, a filesystem Celery broker, e-mails written to
files under var/). With DEBUG off every production-critical variable must be set: start-up fails
with a message naming the missing one.
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

from hague_portal.celery import JOB_QUEUES
from hague_portal.celery import queue_name as celery_queue
from hague_portal.lib.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def _var_subdir(name: str) -> Path:
    """A folder under var/ for an embedded default (database, broker queue, mail, media)."""
    path = VAR_DIR / name
    path.mkdir(parents=True, exist_ok=True)
    return path


DEBUG = env.bool("DEBUG", default=True)

# Variables without which a production deployment must not start.
# SITE_URL: e-mails link to applications with it; a default would send them to 127.0.0.1.
REQUIRED_IN_PRODUCTION = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "SITE_URL",
)


def _require_production_variables():
    missing = [name for name in REQUIRED_IN_PRODUCTION if not env.str(name, default="")]
    if missing:
        raise ImproperlyConfigured(
            f"DEBUG is off and {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not set: set "
            f"{'it' if len(missing) == 1 else 'them'} in the environment (see docs/operations.md, Configuration)."
        )


if not DEBUG:
    _require_production_variables()

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"
# Keys published in this repository (the development default, compose's former default).
PUBLIC_SECRET_KEYS = {
    DEVELOPMENT_SECRET_KEY,
    "change-me-in-production-0123456789abcdefghijklmnopqrstuvwxyz",
}
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)


def _refuse_weak_secret_key(key: str) -> None:
    # Sessions, password-reset links and TOTP secrets rest on it: a published or guessable key
    # lets anyone forge them. Same bar as Django's deploy check (50 characters, 5 distinct).
    lowered = key.lower()
    weak = (
        key in PUBLIC_SECRET_KEYS
        or len(key) < 50
        or len(set(key)) < 5
        or any(word in lowered for word in ("change-me", "changeme", "insecure", "secret-key"))
    )
    if weak:
        raise ImproperlyConfigured(
            "DEBUG is off and SECRET_KEY is a published, short or obvious value: set SECRET_KEY "
            "to a long random one, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )


if not DEBUG:
    _refuse_weak_secret_key(SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "hague_portal.accounts.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "django_filters",
    "django_countries",  # only for its translations: country names in French and Spanish
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "hague_portal.accounts",
    "hague_portal.reference",
    "hague_portal.core",
    "hague_portal.api",
    "hague_portal.calculator",
    "hague_portal.filings",
    "hague_portal.mail",
    "hague_portal.events",
    "hague_portal.submissions",
    "hague_portal.payments",
    "hague_portal.examination",
    "hague_portal.register",  # the International Register after registration (issue 22)
    "hague_portal.changes",  # changes in the Register (issue 23; Article 16, Rule 21)
    "hague_portal.bulletin",  # the International Designs Bulletin (issue 22)
    "hague_portal.correspondence",  # messages with the International Bureau (issue 22)
    "hague_portal.notifications",
    "hague_portal.portfolio",
    "hague_portal.addressbook",  # parties typed again and again (issue 20)
    "hague_portal.privacy",  # the user's own data: download it, delete the account (issue 19)
]

MIDDLEWARE = [
    "hague_portal.core.middleware.RequestObservationMiddleware",  # request id, log line, latency
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "hague_portal.core.middleware.RefuseUnstorableAddressMiddleware",  # NUL in path/query: 400
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the language cookie, else Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hague_portal.accounts.middleware.UserLanguageMiddleware",  # the account's language, if chosen
    "hague_portal.core.middleware.SecurityHeadersMiddleware",  # Permissions-Policy, no-store
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hague_portal.accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "hague_portal.urls"
WSGI_APPLICATION = "hague_portal.wsgi.application"

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
                "hague_portal.notifications.context_processors.inbox",  # header's unread count
            ],
            # `|amount`: every amount of money in the reader's number format (lib.numbers).
            "builtins": ["hague_portal.core.templatetags.amounts"],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names a real server.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{_var_subdir('db') / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a browser that uploads files in parallel: wait for the write lock
    # instead of failing, and take it at the start of a transaction (no upgrade deadlocks).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # A kept connection the server dropped (restart, failover, idle timeout) is replaced at the
    # start of the next request instead of failing it with a 500.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the Celery broker and the cache; without it, a filesystem broker and a local cache.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # The cache gets its own Redis database so that clearing it never touches the broker's queues.
    REDIS_CACHE_URL = env.str("REDIS_CACHE_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/1")
    # Redis down must not take the portal down: the cache only holds rate-limit counters and
    # the reference-data version, so its errors are logged and ignored (rate limits then let
    # requests through; sessions live in the database, SESSION_ENGINE's default).
    CACHES = {
        "default": {
            "BACKEND": "hague_portal.lib.cache.DegradingRedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # Seconds: a hung or unreachable Redis must not hang every page. Redis answers in
                # a millisecond; after a failure the cache is skipped for a few seconds
                # (lib/cache.py), so a page pays this once in a while, not at every read.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "CONNECTION_POOL_CLASS": "hague_portal.lib.cache.PausingConnectionPool",
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CELERY_BROKER_URL = REDIS_URL
    # Redis down must not hold a request: a submit sends its jobs after commit, and kombu's
    # defaults retried each connection for 4 s with 2 s pauses, 6 s a message (18.8 s for a
    # submit). Now one attempt of at most half a second: the jobs wait in the database and beat's
    # jobs_resend sends them when the broker is back. The worker's and beat's own connections
    # keep retrying (broker_connection_max_retries), and a publish still retries with a new
    # connection (task_publish_retry_policy).
    CELERY_BROKER_CONNECTION_TIMEOUT = 2  # seconds: kombu's bound on connecting, retries included
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Longer than the longest job (a 100-design DM/1 PDF), so an unacked job is not redelivered
        # while it is still running.
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        "socket_connect_timeout": 0.5,
        # A Redis that stops answering without closing the connection: a publish gives up after
        # this instead of waiting forever. Above the worker's BRPOP poll (1 s), which it answers.
        "socket_timeout": 2,
        "max_retries": 0,
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    BROKER_DIR = _var_subdir("broker")
    _var_subdir("broker/queue")
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Broadcast (worker control) messages: kombu would otherwise write ./control/.
        "control_folder": str(_var_subdir("broker/control")),
        "store_processed": False,
    }
# Sessions in the database, never in the cache: a Redis outage must not sign everyone out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Zurich"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# The queue tasks go to and workers consume by default (a test run uses a queue of its own).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Queues per kind of job (hague_portal/celery.py, docs/operations.md "Queues"): "mail", "render", "checks",
# "exports".
# A worker started without -Q consumes them all; -Q picks some (an e-mail worker, a DM/1 one).
CELERY_TASK_QUEUES = [
    # Each its own exchange and key: bound to one shared default exchange and key (Celery's
    # default for a bare Queue), a message sent through it would reach every queue.
    Queue(name, Exchange(name), routing_key=name)
    for name in (
        CELERY_TASK_DEFAULT_QUEUE,
        *(celery_queue(q, CELERY_TASK_DEFAULT_QUEUE) for q in JOB_QUEUES),
    )
]
CELERY_TASK_ROUTES = ("hague_portal.celery.route_task",)
# Submissions: a running job holds a lease that a heartbeat renews while it runs; the lease of a
# worker that died (SIGKILL, OOM, lost host) runs out and the periodic re-send gives the job to
# another worker: within JOB_LEASE_SECONDS + JOBS_RESEND_SECONDS (2 minutes), not the hour of
# the broker's visibility timeout. Short values only in tests.
JOB_LEASE_SECONDS = env.float("JOB_LEASE_SECONDS", default=60.0)
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=15.0)
JOBS_RESEND_SECONDS = env.float("JOBS_RESEND_SECONDS", default=60.0)
EXAMINATION_BEAT_SECONDS = env.int("EXAMINATION_BEAT_SECONDS", default=3600)
# beat's scheduler records a heartbeat each time it sends a periodic task (core/beat.py);
# /healthz answers 503 naming beat when it has been silent longer than BEAT_MAX_SILENCE_SECONDS.
CELERY_BEAT_SCHEDULER = "hague_portal.core.beat:HeartbeatScheduler"
# Re-send the jobs the broker never received (or lost), and those whose lease ran out.
CELERY_BEAT_SCHEDULE = {
    "submissions-jobs-resend": {
        "task": "hague_portal.submissions.tasks.jobs_resend",
        "schedule": JOBS_RESEND_SECONDS,
    },
    # Time limits are whole days in Geneva: checking hourly applies a lapse within the hour after
    # midnight, and a missed run (beat down) is caught up by the next one.
    "examination-lapse": {
        "task": "hague_portal.examination.tasks.examinations_lapse",
        "schedule": EXAMINATION_BEAT_SECONDS,
    },
    "examination-remind": {
        "task": "hague_portal.examination.tasks.examinations_remind",
        "schedule": EXAMINATION_BEAT_SECONDS,
    },
    # Publication on its date, protection at a refusal period's end, cancellation for a second
    # part not paid: all whole days in Geneva, checked hourly like the examination's.
    "register-daily": {
        "task": "hague_portal.register.tasks.register_daily",
        "schedule": EXAMINATION_BEAT_SECONDS,
    },
    # Change requests not corrected in time are abandoned (issue 23): whole days, hourly.
    "changes-daily": {
        "task": "hague_portal.changes.tasks.changes_daily",
        "schedule": EXAMINATION_BEAT_SECONDS,
    },
    # Notification e-mails the broker lost (or whose sender died): same period as the jobs.
    "notifications-emails-resend": {
        "task": "hague_portal.notifications.tasks.notification_emails_resend",
        "schedule": JOBS_RESEND_SECONDS,
    },
    # Event deliveries whose consumer failed (its backoff passed) or that were never dispatched
    # (the process died between the commit and the dispatch): same period as the jobs.
    "events-redeliver": {
        "task": "hague_portal.events.tasks.events_redeliver",
        "schedule": JOBS_RESEND_SECONDS,
    },
    # Webhook deliveries due: a failed send's backoff has passed, or the broker lost the message.
    "api-webhook-deliveries-resend": {
        "task": "hague_portal.api.tasks.webhook_deliveries_resend",
        "schedule": JOBS_RESEND_SECONDS,
    },
    # The workbench's XLSX exports the broker lost, and those kept past their 7 days.
    "portfolio-exports-resend": {
        "task": "hague_portal.portfolio.tasks.exports_resend",
        "schedule": JOBS_RESEND_SECONDS,
    },
    "portfolio-exports-expire": {
        "task": "hague_portal.portfolio.tasks.exports_expire",
        "schedule": EXAMINATION_BEAT_SECONDS,
    },
}
# Three periods of beat's most frequent task (jobs_resend, every JOBS_RESEND_SECONDS): one late
# or lost send is no alarm, three in a row are.
BEAT_MAX_SILENCE_SECONDS = env.float(
    "BEAT_MAX_SILENCE_SECONDS",
    default=3 * min(entry["schedule"] for entry in CELERY_BEAT_SCHEDULE.values()),
)
# Webhooks (issue 13) are never posted to loopback, private or link-local addresses (SSRF), unless
# this is on (development with a local receiver; tests).
WEBHOOKS_ALLOW_PRIVATE_HOSTS = env.bool("WEBHOOKS_ALLOW_PRIVATE_HOSTS", default=False)
# Notification e-mails carry a signed download link valid this many seconds (14 days); the
# notification itself stays in the inbox for good.
NOTIFICATION_LINK_MAX_AGE = env.int("NOTIFICATION_LINK_MAX_AGE", default=14 * 24 * 3600)

# E-mail: EMAIL_URL (smtp://user:pass@host:587, consolemail://, filemail:///path) or files in var/.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
    if EMAIL_URL.startswith("filemail://"):
        # django-environ drops the leading "/" of filemail:///var/mail (a relative path, written
        # wherever the process started): the path is the URL's, as written.
        EMAIL_FILE_PATH = urlsplit(EMAIL_URL).path or str(_var_subdir("mail"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(_var_subdir("mail"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Hague Portal <noreply@hague-portal.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's public address: e-mails, sent by the worker outside any request, link back to it.
# In development it follows PORT, the port `make run` serves on (the Makefile hands the same
# SITE_URL to every process: honcho gives each one of the Procfile a PORT of its own).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
SITE_URL = SITE_URL.rstrip("/")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
)

# django-allauth: e-mail + password, verified e-mail, TOTP with recovery codes.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workbench"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hague Portal] "
# Failed sign-ins are throttled (allauth's rate limits, in the cache): 10 a minute per client
# address whatever the account, and per account *and* address ("key": accounts.adapter), with
# growing delays: after 5 failures a minute's wait, then about 15 minutes, an hour, a day. An
# attacker slows down only itself: the owner signing in from another address is not held up.
ACCOUNT_ADAPTER = "hague_portal.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/1m/key,7/15m/key,9/1h/key,12/1d/key"}

# The client address of rate limits. X-Forwarded-For is written by the client itself, so only
# the entries our own reverse proxies appended count: the address TRUSTED_PROXY_COUNT hops from
# its right. 0 (no proxy): the connection's address, X-Forwarded-For ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hague Portal"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_THROTTLE_RATES": {
        "public": env.str("API_RATE", default="60/minute"),  # per client address
        "token": env.str("API_TOKEN_RATE", default="300/minute"),  # per token (filing API)
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,  # DRF's default (None) believes X-Forwarded-For
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hague Portal API",
    "DESCRIPTION": "Fees and formality checks for international design applications (Hague System).",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI's deep links are off: each is a link inside the operation's toggle button, two
    # controls in one (axe nested-interactive) and a 16 px target (issue 20). Redoc's page at
    # /api/v1/redoc/ gives every operation an address.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    # Three choice sets are called "status" (a draft's, a webhook delivery's, a payment's).
    "ENUM_NAME_OVERRIDES": {
        "DraftStatusEnum": ["draft", "submitted"],
        "DeliveryStatusEnum": "hague_portal.api.models.DeliveryStatus",
        "PaymentStatusEnum": "hague_portal.payments.models.PaymentStatus",
        "PaymentMethodEnum": "hague_portal.payments.models.PaymentMethod",
        "DesignationStatusEnum": "hague_portal.register.models.DesignationStatus",
        "SecondPartStatusEnum": "hague_portal.register.models.SecondPartStatus",
        "DecisionKindEnum": "hague_portal.register.models.DecisionKind",
    },
}

LANGUAGE_CODE = "en"
# The three languages of the Hague System (Rule 6): the interface and the application's language.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"  # the International Bureau's
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.str("STATIC_ROOT", default="") or str(_var_subdir("static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Object storage (issue 24; docs/operations.md, "Files in object storage"): with a bucket named,
# every uploaded and generated file lives in it (any S3-compatible store: AWS S3, MinIO, ...),
# so any web or worker machine serves and renders any file; MEDIA_ROOT is then unused. Without
# one (`make run`), the files stay under MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Empty: boto3's own chain (instance role, ~/.aws, AWS_* variables).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            # MinIO and most S3-compatible stores want the bucket in the path, not the host name.
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
            # Private objects: read through the permission-checking views only (a pre-signed URL,
            # if one is ever issued, lasts AWS_QUERYSTRING_EXPIRE seconds).
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=60),
            # As on the filesystem: a name already taken gets a suffix, nothing is overwritten.
            "file_overwrite": False,
            "location": env.str("AWS_LOCATION", default=""),
            # An object read is buffered in memory up to this size, then in a temporary file
            # (django-storages' default, 0, keeps a 20 MB reproduction in memory per request).
            "max_memory_size": 4 * 1024 * 1024,
        },
    }
MEDIA_URL = "/media-not-served/"  # files are only served through views that check permission
# Upload limits, in bytes (eHague: 20 MB per reproduction file).
REPRODUCTION_MAX_BYTES = env.int("REPRODUCTION_MAX_BYTES", default=20 * 1024 * 1024)
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)

# Production hardening (passes `manage.py check --deploy --fail-level WARNING`).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Only a local plain-HTTP stack (docker-compose on localhost) turns these off.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files, so a markup
# injection cannot run script. Styles may be inline: Bootstrap's components, Redoc and a few
# templates set them, and a style cannot run code. data: images: allauth's TOTP QR code and
# Swagger UI's icons. The API docs add what their viewers need (hague_portal/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The workbench's covering index (INCLUDE) is a PostgreSQL speed-up; SQLite, the embedded
    # development default, builds it without the extra columns, which is fine there.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

# Logs (issue 24): JSON lines in production (one object a line, for a log collector), readable
# text in development; each line names the request (or the job it enqueued) with its request id.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT is {LOG_FORMAT!r}: set it to json or text.")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env.str("LOG_LEVEL", default="INFO"))
if LOG_FORMAT == "json":
    logging.captureWarnings(True)  # Python's warnings (a static folder missing...) as JSON too

# Prometheus metrics at /metrics (issue 24, docs/operations.md "Metrics"), for a scraper sending
# "Authorization: Bearer <METRICS_TOKEN>"; without a token the address does not exist (404).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
