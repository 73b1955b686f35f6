"""Django settings for Luukku, read from LUUKKU_* environment variables.

The defaults give the embedded demo (SQLite, test personas, local adapters). Production sets
LUUKKU_DATABASE_URL to PostgreSQL and switches each adapter to its real protocol.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("LUUKKU_DEBUG", False)
DEMO = env_bool("LUUKKU_DEMO", True)
SECRET_KEY = os.environ.get("LUUKKU_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        raise RuntimeError("LUUKKU_SECRET_KEY must be set when LUUKKU_DEMO and LUUKKU_DEBUG are off")
    SECRET_KEY = "luukku-demo-only-not-for-production"  # noqa: S105 - demo/test default, refused above

ALLOWED_HOSTS = env_list("LUUKKU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("LUUKKU_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",  # runserver speaks ASGI, so the demo serves the chat's WebSockets too
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "luukku.web",
    "luukku.demo",
    "luukku.registry",
    "luukku.identity",
    "luukku.audit",
    "luukku.access",
    "luukku.notify",
    "luukku.questionnaires",
    "luukku.booking",
    "luukku.carepaths",
    "luukku.consent",
    "luukku.chat",
    "luukku.assessment",
    "luukku.desk",
    "luukku.fhir",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "luukku.identity.middleware.ActingForMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "luukku.identity.backends.ProfessionalPasswordBackend",
    "luukku.identity.backends.ResidentSessionBackend",
]

ROOT_URLCONF = "luukku.urls"
WSGI_APPLICATION = "luukku.wsgi.application"
ASGI_APPLICATION = "luukku.asgi.application"

# Real-time chat: Redis in production (several processes), in-memory in the one-process demo.
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [os.environ["LUUKKU_REDIS_URL"]]},
    }
    if os.environ.get("LUUKKU_REDIS_URL")
    else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
}
MEDIA_ROOT = Path(os.environ.get("LUUKKU_MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"  # never served publicly: attachments are sent by a view that checks access

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luukku.web.context_processors.luukku",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("LUUKKU_DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'luukku.sqlite3'}"),
        conn_max_age=int(os.environ.get("LUUKKU_DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "identity:login"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "luukku" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

STATIC_URL = "/static/"
# Production runs collectstatic into LUUKKU_STATIC_ROOT; the demo serves app static files directly.
STATIC_ROOT = os.environ.get("LUUKKU_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = DEBUG or DEMO
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("LUUKKU_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout rather than absolute timeout
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("LUUKKU_SECURE_COOKIES", not (DEBUG or DEMO))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *env_list("LUUKKU_CSP_FORM_ACTION")],
}

# Background work: Django's tasks API on the database backend (`manage.py db_worker`), no broker needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail: Django 6.1's MAILERS; SMTP in production, kept in memory in the demo (the outbox page shows it).
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "LUUKKU_EMAIL_BACKEND",
            "django.core.mail.backends.locmem.EmailBackend"
            if DEMO
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("LUUKKU_EMAIL_HOST"),
                "port": int(os.environ["LUUKKU_EMAIL_PORT"]) if os.environ.get("LUUKKU_EMAIL_PORT") else None,
                "use_tls": env_bool("LUUKKU_EMAIL_TLS", False) or None,
                "username": os.environ.get("LUUKKU_EMAIL_USER"),
                "password": os.environ.get("LUUKKU_EMAIL_PASSWORD"),
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("LUUKKU_EMAIL_FROM", "Luukku <no-reply@luukku.invalid>")

# --- Integrations (adapters): "local" implementations for demo/tests, real protocols in production.
LUUKKU_IDENTIFICATION = os.environ.get("LUUKKU_IDENTIFICATION", "personas" if DEMO else "oidc")
LUUKKU_OIDC = {
    "client_id": os.environ.get("LUUKKU_OIDC_CLIENT_ID", ""),
    "client_secret": os.environ.get("LUUKKU_OIDC_CLIENT_SECRET", ""),
    "server_metadata_url": os.environ.get("LUUKKU_OIDC_METADATA_URL", ""),
    "scope": os.environ.get("LUUKKU_OIDC_SCOPE", "openid profile personal_identity_code"),
    # Suomi.fi e-Identification carries the henkilötunnus in this attribute (nationalIdentificationNumber).
    "hetu_claim": os.environ.get("LUUKKU_OIDC_HETU_CLAIM", "urn:oid:1.2.246.21"),
    "acr_values": os.environ.get("LUUKKU_OIDC_ACR_VALUES", "http://ftn.ficora.fi/2017/loa3"),
}
LUUKKU_POPULATION_REGISTER = os.environ.get("LUUKKU_POPULATION_REGISTER", "local")
LUUKKU_VTJ = {
    "url": os.environ.get("LUUKKU_VTJ_URL", ""),
    "username": os.environ.get("LUUKKU_VTJ_USERNAME", ""),
    "password": os.environ.get("LUUKKU_VTJ_PASSWORD", ""),
    "end_user": os.environ.get("LUUKKU_VTJ_END_USER", "luukku"),
    "message_set": os.environ.get("LUUKKU_VTJ_MESSAGE_SET", "PERUSSANOMA 1"),
    "client_cert": os.environ.get("LUUKKU_VTJ_CLIENT_CERT", ""),
    "client_key": os.environ.get("LUUKKU_VTJ_CLIENT_KEY", ""),
    "timeout": float(os.environ.get("LUUKKU_VTJ_TIMEOUT", "10")),
}
LUUKKU_MANDATES = os.environ.get("LUUKKU_MANDATES", "local")
LUUKKU_MANDATE_TTL_SECONDS = int(os.environ.get("LUUKKU_MANDATE_TTL_SECONDS", "600"))
LUUKKU_SUOMIFI_MANDATES = {
    "base_url": os.environ.get("LUUKKU_MANDATES_URL", ""),
    "client_id": os.environ.get("LUUKKU_MANDATES_CLIENT_ID", ""),
    "api_key": os.environ.get("LUUKKU_MANDATES_API_KEY", ""),
    "oauth_secret": os.environ.get("LUUKKU_MANDATES_OAUTH_SECRET", ""),
    "issues": env_list("LUUKKU_MANDATES_ISSUES", "sote-asiointi"),
    "timeout": float(os.environ.get("LUUKKU_MANDATES_TIMEOUT", "10")),
}

LUUKKU_SMS = {
    "backend": os.environ.get("LUUKKU_SMS_BACKEND", "local"),
    "url": os.environ.get("LUUKKU_SMS_URL", ""),
    "token": os.environ.get("LUUKKU_SMS_TOKEN", ""),
    "sender": os.environ.get("LUUKKU_SMS_SENDER", "KantaHame"),
    "timeout": float(os.environ.get("LUUKKU_SMS_TIMEOUT", "10")),
}

LUUKKU_VIDEO = {
    "backend": os.environ.get("LUUKKU_VIDEO_BACKEND", "local"),
    "domain": os.environ.get("LUUKKU_VIDEO_DOMAIN", ""),
    "app_id": os.environ.get("LUUKKU_VIDEO_APP_ID", ""),
    "app_secret": os.environ.get("LUUKKU_VIDEO_APP_SECRET", ""),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LUUKKU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
