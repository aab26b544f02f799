"""kzil settings, read from the environment with safe local defaults.

SQLite is the embedded default; DATABASE_URL=postgres://… switches to PostgreSQL (psycopg 3).
With DEBUG off (the default) the deployment defaults are on: HSTS, SSL redirect, secure cookies, a
required SECRET_KEY. Each security setting can be overridden under its Django name.
A malformed value stops the process with ImproperlyConfigured instead of falling back silently.
"""

import ipaddress
import os
import re
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str | bool) -> bool:
    value = os.getenv(name, str(default))
    if value not in ("", "True", "False"):
        raise ImproperlyConfigured(f"Unexpected value {name}={value!r}, use 'True' or 'False'")
    return value == "True"


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Unexpected value {name}={value!r}, use a whole number") from None


def envlist(name: str, default: str) -> list[str]:
    items = [item.strip() for item in os.getenv(name, default).split(",")]
    if not all(items):
        raise ImproperlyConfigured(
            f"Unexpected value {name}={os.getenv(name)!r}: empty item in the comma-separated list"
        )
    return items


def envrate(name: str, default: str) -> str:
    """A DRF throttle rate such as 600/minute: a whole number, '/', then second, minute, hour or day."""
    value = os.getenv(name, default)
    if not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"Unexpected value {name}={value!r}, use e.g. '600/minute' (per second/minute/hour/day)"
        )
    return value


def envaddresses(name: str) -> list[str]:
    """A comma-separated list of IP addresses; unset means none."""
    items = [item.strip() for item in os.getenv(name, "").split(",") if item.strip()]
    try:
        return [str(ipaddress.ip_address(item)) for item in items]
    except ValueError:
        raise ImproperlyConfigured(f"Unexpected value {name}={os.getenv(name)!r}, use IP addresses") from None


def envheader(name: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER as 'HTTP_X_FORWARDED_PROTO,https': the header's META name and its HTTPS value."""
    value = os.getenv(name, "")
    if not value:
        return None
    header, _, expected = (part.strip() for part in value.partition(","))
    if not re.fullmatch(r"HTTP_[A-Z0-9_]+", header) or not expected:
        raise ImproperlyConfigured(f"Unexpected value {name}={value!r}, use e.g. 'HTTP_X_FORWARDED_PROTO,https'")
    return header, expected


def api_num_proxies() -> int:
    """How many proxies in front of kzil append to X-Forwarded-For; 0 trusts no header at all."""
    count = envint("API_NUM_PROXIES", "0")
    if count < 0:
        raise ImproperlyConfigured(f"Unexpected value API_NUM_PROXIES={count}, use 0 or more")
    return count


def secret_key(debug: bool = False) -> str:
    """SECRET_KEY from the environment; only a DEBUG checkout may fall back to a key generated locally."""
    key = os.getenv("SECRET_KEY")
    if key is not None:
        if len(key) < 32:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long")
        return key
    if not debug:
        # Every process of a deployment must share one key, and its folder may be read-only.
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (set DEBUG=True for local development)")
    # No shared default in the code: a local key is random and stays on this machine.
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database() -> dict:
    url = os.getenv("DATABASE_URL", "")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.getenv("SQLITE_PATH", str(BASE_DIR / "kzil.sqlite3")),
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", "0"))
    except ValueError as exc:
        raise ImproperlyConfigured(f"Unexpected value DATABASE_URL: {exc}") from None
    if config["ENGINE"] not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(f"DATABASE_URL must point at PostgreSQL or SQLite, not {config['ENGINE']}")
    return config


def databases() -> dict:
    """The primary, plus a read replica when DATABASE_REPLICA_URL is set (see kzil/routers.py)."""
    primary = database()
    url = os.getenv("DATABASE_REPLICA_URL", "")
    if not url:
        return {"default": primary}
    try:
        replica = dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", "0"))
    except ValueError as exc:
        raise ImproperlyConfigured(f"Unexpected value DATABASE_REPLICA_URL: {exc}") from None
    if replica["ENGINE"] != "django.db.backends.postgresql" or primary["ENGINE"] != replica["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL for both DATABASE_URL and the replica")
    # Tests see the replica as the primary itself: no second test database.
    replica["TEST"] = {"MIRROR": "default"}
    return {"default": primary, "replica": replica}


def caches() -> dict:
    """Redis when REDIS_URL is set (shared by every process); otherwise memory local to one process."""
    url = os.getenv("REDIS_URL", "")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not re.match(r"(redis|rediss|unix)://", url):
        raise ImproperlyConfigured(f"Unexpected value REDIS_URL={url!r}, use redis://host:6379/0")
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = secret_key(DEBUG)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# Secure by default when DEBUG is off; each one is overridden under its own name, e.g.
# SECURE_SSL_REDIRECT=False behind a proxy that terminates TLS and redirects itself.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_PROXY_SSL_HEADER = envheader("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)

INSTALLED_APPS = [
    "kzil.admin_site.KzilAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "relations",
]

MIDDLEWARE = [
    # A request id, the API mark for the replica router, one log line per request timed around the rest.
    "kzil.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # ETag on every response and 304 on a matching If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the view's exceptions: a database that does not answer is a 503 under /api/.
    "kzil.middleware.DatabaseUnavailableMiddleware",
]

# Admin login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused (even with the right password) for AXES_COOLOFF_HOURS. Attempts are
# kept in the database; a success resets the count. Axes' backend goes first and its middleware last.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", "1")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address the lockout counts by is the one the API throttle uses: REMOTE_ADDR unless API_NUM_PROXIES
# trusted proxies add X-Forwarded-For, so an attacker cannot dodge the lock by sending that header.
AXES_CLIENT_IP_CALLABLE = "relations.api.throttling.client_address"

ROOT_URLCONF = "kzil.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kzil" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "kzil.wsgi.application"

DATABASES = databases()
DATABASE_ROUTERS = ["kzil.routers.ReplicaRouter"]
CACHES = caches()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "kzil" / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# collectstatic writes compressed files with content hashes in their names; whitenoise serves them.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# No inline script or style anywhere: the admin, its quote pages and /api/docs/ load files from 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# stderr only: one line per request (kzil.request) and every 500 with its traceback (django.request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "kzil.request": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}

# The public API: read-only JSON, browsable only when DEBUG is on.
API_CACHE_SECONDS = envint("API_CACHE_SECONDS", "60")
# How long the server keeps a rendered API page (keyed by URL and publication version, so never stale: this
# only bounds the cache's size). 0 keeps none.
API_RESPONSE_CACHE_SECONDS = envint("API_RESPONSE_CACHE_SECONDS", "600")
API_SEARCH_MAX_LENGTH = 200
# Client addresses never throttled (e.g. an internal load test or monitoring), as the throttle sees them.
API_THROTTLE_EXEMPT = envaddresses("API_THROTTLE_EXEMPT")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "relations.api.renderers.ORJSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    # Counted in the cache (shared across processes with REDIS_URL). The client's address is REMOTE_ADDR,
    # or the X-Forwarded-For entry added by the last of API_NUM_PROXIES trusted proxies.
    "DEFAULT_THROTTLE_CLASSES": ["relations.api.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": envrate("API_ANON_RATE", "600/minute")},
    "NUM_PROXIES": api_num_proxies(),
    "DEFAULT_SCHEMA_CLASS": "relations.api.schema.KzilAutoSchema",
    "EXCEPTION_HANDLER": "relations.api.exceptions.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kzil API",
    "DESCRIPTION": (
        "Approved knowledge about Kazakhstan–Israel relations. Every claim and figure carries its "
        "provenance: source, exact quote with character offsets, speaker and review time."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "relations.models.actors.Actor.Kind",
        "SourceKindEnum": "relations.models.sources.Source.Kind",
        "ClaimKindEnum": "relations.models.claims.Claim.Kind",
    },
}
