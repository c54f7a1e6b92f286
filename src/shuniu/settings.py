"""Shuniu settings. Every setting that differs between machines comes from the environment.

The README lists the variables; nothing here should need editing for a deployment.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SHUNIU_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
HTTPS = env_bool("SHUNIU_HTTPS")

INSTALLED_APPS = [
    "shuniu.core.admin_site.AdminConfig",  # django.contrib.admin, gated by the rules (三员分立)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "shuniu.core",
    "shuniu.org",
    "shuniu.workdays",
    "shuniu.notify",
    "shuniu.matters",
    "shuniu.supervision",
    "shuniu.meetings",
    "shuniu.documents",
    "shuniu.petitions",
    "shuniu.hotline",
    "shuniu.portal",
    "shuniu.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shuniu.core.middleware.SecurityHeadersMiddleware",  # CSP and Cache-Control: no-store (after static files)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shuniu.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shuniu.core.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shuniu.api.middleware.InputGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "shuniu.core.middleware.ApiErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shuniu.urls"
WSGI_APPLICATION = "shuniu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shuniu.core.context_processors.shell",
            ],
        },
    }
]

# --- Database --------------------------------------------------------------------------
# SQLite file under the data folder unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'shuniu.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at BEGIN,
        # so two concurrent writers queue instead of failing with "database is locked" mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too (not shared-cache memory), so concurrent writers queue on the lock
    # exactly as they do in production instead of failing with "table is locked".
    # One file per process, so parallel test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test_shuniu_{os.getpid()}.sqlite3")}
elif os.environ.get("SHUNIU_TEST_DB_TEMPLATE"):
    # Django cannot set LC_COLLATE on a PostgreSQL test database, and the cluster default may be
    # a collation that sorts Chinese badly; the test database copies it from this template instead.
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ["SHUNIU_TEST_DB_TEMPLATE"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, tasks ----------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shuniu"}}
# Rate limits must be shared by every worker process: Redis when there is one, else the database
# (table shuniu_limits, created by a migration). Never per-process memory.
CACHES["limits"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "limits"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "shuniu_limits",
          "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4}}
)

# Celery: with a broker (REDIS_URL or CELERY_BROKER_URL) tasks go to worker processes;
# without one they run eagerly in the web process, so the embedded install needs nothing else.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://localhost/")
CELERY_TASK_ALWAYS_EAGER = not (os.environ.get("CELERY_BROKER_URL") or REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_IGNORE_RESULT = True
# Every periodic task in one place. django_celery_beat copies these into its table at start-up,
# where an administrator may change the times.
CELERY_BEAT_SCHEDULE = {
    "sweep-deadlines": {"task": "matters.sweep_deadlines", "schedule": env_int("SHUNIU_SWEEP_MINUTES", 10) * 60},
    "refresh-stats": {"task": "matters.refresh_stats", "schedule": 60},
    # Messages the portal accepted and no queued task registered yet (a lost task, a retry due).
    "portal.register_submissions": {"task": "portal.register_submissions", "schedule": 60},
    # 进展反馈提醒 every morning at 8:30 (Asia/Shanghai).
    "supervision.remind_progress_reports": {
        "task": "supervision.remind_progress_reports",
        "schedule": crontab(hour=8, minute=30),
    },
}

# --- Authentication and security -------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "shuniu.org.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "shuniu.org.passwords.ComplexityValidator"},
    {"NAME": "shuniu.org.passwords.StrengthValidator"},  # zxcvbn score ≥ 3 with Chinese context words
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failures (django-axes), per account.
AXES_FAILURE_LIMIT = env_int("SHUNIU_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SHUNIU_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Offices sit behind one NAT address: an IP lockout would lock out a whole bureau. Accounts are
# locked instead; the public portal has its own per-IP rate limits.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shuniu.core.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # unlocking is the system administrator's admin action, audited
AXES_IPWARE_PROXY_COUNT = env_int("SHUNIU_PROXY_COUNT", 0)

# Idle sessions end after this many minutes without a request.
SESSION_IDLE_MINUTES = env_int("SHUNIU_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # as the CSP's frame-ancestors 'self': attachments preview in a frame
CSRF_FAILURE_VIEW = "shuniu.core.views.csrf_failure"
SECURE_SSL_REDIRECT = HTTPS and env_bool("SHUNIU_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
OTP_TOTP_ISSUER = "枢纽"

# --- API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "shuniu.api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "shuniu.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "shuniu.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["shuniu.api.parsers.StrictJSONParser", "rest_framework.parsers.MultiPartParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("SHUNIU_TOKEN_HOURS", 10)),
    "AUTH_HEADER_PREFIX": "Bearer",
    "AUTO_REFRESH": True,
}
# Live API tokens a person may hold at once; one more is refused until one is revoked or expires.
SHUNIU_MAX_TOKENS = env_int("SHUNIU_MAX_TOKENS", 10)
SPECTACULAR_SETTINGS = {
    "TITLE": "枢纽 Shuniu API",
    "DESCRIPTION": "政府办公厅（室）综合业务平台接口。认证：POST /api/v1/auth/token，之后 Authorization: Bearer <token>。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No online validator badge: intranets are offline, and the badge would send the schema URL out.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation lists its error answers in the API's one error shape (api/schema.py).
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "shuniu.api.schema.postprocess"],
}

# --- Language and time -----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# static/ sits beside the apps, not inside one, so the app-directory finder would not see it.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if env_bool("SHUNIU_COLLECTSTATIC")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve straight from the app folders unless collectstatic was run (production).
WHITENOISE_USE_FINDERS = not env_bool("SHUNIU_COLLECTSTATIC")
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- Mail and notifications --------------------------------------------------------------
# Without an SMTP host the office runs on in-app messages only; set EMAIL_HOST to send e-mail too.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST") else "django.core.mail.backends.dummy.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shuniu@localhost")
SHUNIU_SMS_ADAPTER = os.environ.get("SHUNIU_SMS_ADAPTER", "shuniu.notify.adapters.ConsoleSMS")
SHUNIU_WEBHOOK_URL = os.environ.get("SHUNIU_WEBHOOK_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_without_traceback": {"()": "shuniu.core.log_filters.ForbiddenWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "shuniu.notify": {"level": "INFO"},
        # A 403 is logged as one line; the audit log records the refusal (core/log_filters.py).
        "django.request": {"filters": ["forbidden_without_traceback"]},
    },
}
