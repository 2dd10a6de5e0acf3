"""Project settings, read from the environment (see README, "Configuration")."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PODIUM_DATA_DIR", Path.cwd() / "var"))


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("DEBUG")
DEVELOPMENT_SECRET_KEY = "podium-insecure-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
# `make run` serves the demo on this machine: the development key will do there (podium serve
# refuses it otherwise, unless DEBUG).
DEMO = _flag("PODIUM_DEMO")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    # Project wiring first so its commands (check, export, serve, demo) take precedence.
    "podium.web",
    "podium.programme",
    "podium.people",
    "podium.floor",
    "podium.record",
    "podium.sideevents",
    "podium.kb",
    "podium.live",
    "podium.desk",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # the request's language never outlives it on the thread
    "podium.web.middleware.ResetLanguageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "podium.web.middleware.SecurityHeadersMiddleware",
    # A lost database becomes a clear 503 with nothing half-written, never a 500.
    "podium.live.middleware.DatabaseUnavailableMiddleware",
    # Static files straight from the apps (no collectstatic needed for `make run`).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in a path, a query or a form field is a 400 here, never a DataError later.
    "podium.web.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Under /api/, every error is problem details (RFC 9457), whoever wrote it.
    "podium.web.middleware.ApiProblemMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ?lang= for one page, else the signed-in person's chosen language (issue 15)
    "podium.web.middleware.ReaderLanguageMiddleware",
    # sign-in and password reset: throttled per account and address, hashing bounded
    "podium.people.throttle.ThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "podium.urls"
ASGI_APPLICATION = "podium.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'podium.sqlite3'}"
# HTTP requests run on a fixed pool of threads (podium.asgi): each keeps its connection for good
# (PODIUM_CONN_MAX_AGE seconds if set), checked before reuse so that a lost database is
# reconnected on the next request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db,
        conn_max_age=int(os.environ["PODIUM_CONN_MAX_AGE"])
        if os.environ.get("PODIUM_CONN_MAX_AGE")
        else None,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the ASGI server's threads and the CLI share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# HTTPS (behind a proxy that terminates TLS; docs/deploy.md): all off by default, for `make run`.
SECURE_HSTS_SECONDS = int(os.environ.get("PODIUM_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("PODIUM_HSTS_SUBDOMAINS")
SECURE_SSL_REDIRECT = _flag("PODIUM_SSL_REDIRECT")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("PODIUM_SECURE_COOKIES")
if _flag("PODIUM_BEHIND_PROXY"):  # the proxy says which requests came over HTTPS
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Cross-process change notification; in-process when unset.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Screens are sent a session's changes at most this often (ms; the newest state wins, and a
# change after a quiet spell leaves at once). 0: every change as it comes.
PODIUM_LIVE_FRAME_MS = max(0, int(os.environ.get("PODIUM_LIVE_FRAME_MS", "50")))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "podium@localhost")

LANGUAGE_CODE = "en"
# The six official languages of the United Nations.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True
# STATIC_ROOT exists only after `collectstatic` (production); the finders serve until then.
warnings.filterwarnings("ignore", message="No directory at")
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Uploaded statements are never served from MEDIA_ROOT: their view checks who may read them,
# then sends the file itself, or (behind nginx) names it in X-Accel-Redirect under this
# internal location, e.g. "/protected-media/" (docs/deploy.md).
PODIUM_X_ACCEL_REDIRECT = os.environ.get("PODIUM_X_ACCEL_REDIRECT", "")
# the knowledge base's indexer: thread (after each commit), inline (tests) or off (`podium kb reindex`)
PODIUM_KB_INDEX = os.environ.get("PODIUM_KB_INDEX", "thread")
PODIUM_TOKEN_DAYS = int(os.environ.get("PODIUM_TOKEN_DAYS", "90"))  # a new API token's life

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
