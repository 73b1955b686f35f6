"""Django settings for Luukku, read from LUUKKU_* environment variables.

The defaults give the embedded demo (SQLite, test personas, local adapters). Production sets
LUUKKU_DATABASE_URL to PostgreSQL and switches each adapter to its real protocol.
"""

import datetime as dt
import hashlib
import hmac
import os
from pathlib import Path
from urllib.parse import urlsplit

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

# The address residents reach Luukku at: the links in text messages and e-mails start with it.
LUUKKU_PUBLIC_URL = os.environ.get("LUUKKU_PUBLIC_URL", "http://localhost:8000")
ALLOWED_HOSTS = env_list("LUUKKU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("LUUKKU_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",  # runserver speaks ASGI, so the demo serves the chat's WebSockets too
    "luukku.identity.admin_config.LuukkuAdminConfig",  # django.contrib.admin; admins by role in force
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # the API docs' Swagger UI from ninja's own static files, not a CDN
    "rules.apps.AutodiscoverRulesConfig",
    "luukku.serving",  # before django_tasks_db: its db_worker (with a heartbeat) is the one that runs
    "django_tasks_db",
    "axes",  # sign-in lockouts (luukku.identity.lockout); before our apps, so its signal receivers run first
    "luukku.web",
    "luukku.demo",
    "luukku.registry",
    "luukku.identity",
    "luukku.audit",
    "luukku.access",
    "luukku.notify",
    "luukku.records",  # low level: the other apps register their record types with it
    "luukku.questionnaires",
    "luukku.booking",
    "luukku.carepaths",
    "luukku.consent",
    "luukku.chat",
    "luukku.assessment",
    "luukku.desk",
    "luukku.fhir",
    "luukku.inbox",
    "luukku.payments",
    "luukku.directory",
    "luukku.feedback",
    "luukku.assistant",
    "luukku.applications",
    "luukku.vouchers",
    "luukku.homecare",
    "luukku.insight",
]

MIDDLEWARE = [
    "luukku.serving.middleware.RequestLogMiddleware",  # request id, JSON access log
    "luukku.serving.middleware.InFlightLimitMiddleware",  # LUUKKU_MAX_IN_FLIGHT: queue, then 503
    "luukku.serving.middleware.ReturnConnectionsMiddleware",  # with the pool: connections back at once
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "luukku.audit.security_log.SecurityContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "luukku.identity.middleware.ActingForMiddleware",
    "luukku.web.request_checks.RefuseNulMiddleware",  # NUL in a URL: 400, before any view
    "luukku.identity.lockout.LockoutMiddleware",  # last, in the place of axes' own (see lockout.py)
]

AUTHENTICATION_BACKENDS = [
    "luukku.identity.lockout.LockoutBackend",  # first: refuses a locked-out username+address
    "rules.permissions.ObjectPermissionBackend",
    "luukku.identity.backends.ProfessionalPasswordBackend",
    "luukku.identity.backends.ResidentSessionBackend",
    "luukku.identity.backends.ProfessionalOidcBackend",
]

# Password sign-in lockouts (django-axes, luukku/identity/lockout.py): a username from one address is
# refused for AXES_COOLOFF_TIME after AXES_FAILURE_LIMIT failures; attempts are kept in the database.
AXES_FAILURE_LIMIT = int(os.environ.get("LUUKKU_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LUUKKU_SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout ends when the person was told it would
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins go to the security log (LUUKKU_SECURITY_LOG)
AXES_CLIENT_IP_CALLABLE = "luukku.web.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "luukku.identity.lockout.lockout_response"
AXES_VERBOSE = False
# axes.W002 asks for axes' own middleware; LockoutMiddleware does its job (axes 8.3.1's is wrong under ASGI).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

ROOT_URLCONF = "luukku.urls"
WSGI_APPLICATION = "luukku.wsgi.application"
ASGI_APPLICATION = "luukku.asgi.application"

# Production serving (luukku/serving/, `./run serve`): requests in flight per process; those over the cap
# wait up to LUUKKU_QUEUE_SECONDS (at most LUUKKU_MAX_QUEUED of them), then get 503 with Retry-After.
# 0 = no cap (the demo's one runserver process). Keep it at or below the connection pool's size.
LUUKKU_MAX_IN_FLIGHT = int(os.environ.get("LUUKKU_MAX_IN_FLIGHT", "0"))
LUUKKU_MAX_QUEUED = int(os.environ.get("LUUKKU_MAX_QUEUED", "200"))
LUUKKU_QUEUE_SECONDS = float(os.environ.get("LUUKKU_QUEUE_SECONDS", "15"))
LUUKKU_BUSY_RETRY_SECONDS = int(os.environ.get("LUUKKU_BUSY_RETRY_SECONDS", "10"))
# The task worker's heartbeat (luukku/serving/heartbeat.py): /readyz fails and a worker's claimed tasks
# are run again when it has not beaten for LUUKKU_WORKER_STALE_SECONDS.
LUUKKU_WORKER_BEAT_SECONDS = float(os.environ.get("LUUKKU_WORKER_BEAT_SECONDS", "10"))
LUUKKU_WORKER_STALE_SECONDS = int(os.environ.get("LUUKKU_WORKER_STALE_SECONDS", "60"))
LUUKKU_REDIS_URL = os.environ.get("LUUKKU_REDIS_URL", "")

# Real-time chat: Redis in production (several processes), in-memory in the one-process demo.
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [os.environ["LUUKKU_REDIS_URL"]]},
    }
    if os.environ.get("LUUKKU_REDIS_URL")
    else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
}
# The cache counts throttles (luukku/web/throttle.py): Redis shared by every server process in production,
# the process's memory in the one-process demo.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["LUUKKU_REDIS_URL"],
        "KEY_PREFIX": "luukku",
    }
    if os.environ.get("LUUKKU_REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "luukku"}
}
# Reverse proxies of our own in front of the server: the client's address is then read from
# X-Forwarded-For, this many entries from the right (throttles, lockouts and the security log use it).
LUUKKU_PROXY_COUNT = int(os.environ.get("LUUKKU_PROXY_COUNT", "0"))
# The security event log for the SIEM (luukku/audit/security_log.py): stderr, stdout, file:/path,
# syslog:host:port (UDP), syslog+tcp:host:port, syslog:/dev/log or none.
LUUKKU_SECURITY_LOG = os.environ.get("LUUKKU_SECURITY_LOG", "stderr")
MEDIA_ROOT = Path(os.environ.get("LUUKKU_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# The analytics warehouse (luukku/insight): an embedded DuckDB file, its Parquet export (the data lake)
# and the key of the pseudonyms of persons in it (derived from SECRET_KEY when not set).
LUUKKU_WAREHOUSE_PATH = Path(os.environ.get("LUUKKU_WAREHOUSE_PATH", BASE_DIR / "var" / "warehouse.duckdb"))
LUUKKU_WAREHOUSE_EXPORT = Path(os.environ.get("LUUKKU_WAREHOUSE_EXPORT", BASE_DIR / "var" / "lake"))
LUUKKU_PSEUDONYM_KEY = os.environ.get("LUUKKU_PSEUDONYM_KEY", "")
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
# A bounded connection pool per process (psycopg 3's, through Django) when LUUKKU_DB_POOL_MAX_SIZE > 0 on
# PostgreSQL. Under ASGI every HTTP request runs in a new thread and Django's connections belong to
# threads, so LUUKKU_DB_CONN_MAX_AGE reuses nothing for HTTP; the pool does, and bounds the connections
# a process opens (processes x max size must stay under PostgreSQL's max_connections). A request waits
# up to LUUKKU_DB_POOL_TIMEOUT seconds for a connection, then gets 503 (web/unavailable.py).
_pool_max = int(os.environ.get("LUUKKU_DB_POOL_MAX_SIZE", "0"))
if _pool_max > 0 and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django refuses persistent connections with a pool
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(_pool_max, int(os.environ.get("LUUKKU_DB_POOL_MIN_SIZE", "2"))),
        "max_size": _pool_max,
        "timeout": float(os.environ.get("LUUKKU_DB_POOL_TIMEOUT", "10")),
        "max_idle": 300,
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
# With LUUKKU_STATIC_ROOT, collectstatic writes content-hashed, compressed copies and WhiteNoise serves
# them with `Cache-Control: max-age=315360000, immutable` (a changed file gets a new name).
WHITENOISE_USE_FINDERS = (DEBUG or DEMO) and not STATIC_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_ROOT
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("LUUKKU_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout rather than absolute timeout
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("LUUKKU_SECURE_COOKIES", not (DEBUG or DEMO))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS only outside the demo: redirect plain HTTP, HSTS for a year. The TLS-terminating proxy in front
# of the ASGI server tells the scheme in LUUKKU_PROXY_SSL_HEADER (it must set or strip that header);
# set it empty when the server itself terminates TLS.
SECURE_SSL_REDIRECT = env_bool("LUUKKU_SSL_REDIRECT", not (DEBUG or DEMO))
# Health checks come over plain HTTP from inside the cluster; more paths (regexes) can be added.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", *env_list("LUUKKU_SSL_REDIRECT_EXEMPT")]
SECURE_HSTS_SECONDS = int(os.environ.get("LUUKKU_HSTS_SECONDS", "0" if DEBUG or DEMO else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LUUKKU_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("LUUKKU_HSTS_PRELOAD", True)
_proxy_ssl_header = os.environ.get("LUUKKU_PROXY_SSL_HEADER", "" if DEBUG or DEMO else "X-Forwarded-Proto")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.strip().upper().replace("-", "_"), "https")
    if _proxy_ssl_header.strip()
    else None
)
# The service directory's background map (luukku.directory): a tile URL template such as
# https://tiles.example.fi/{z}/{x}/{y}.png and its attribution. Empty (the demo): no background tiles, so the
# map makes no third-party request. The tile server's origin is allowed in img-src.
LUUKKU_MAP_TILES = os.environ.get("LUUKKU_MAP_TILES", "")
LUUKKU_MAP_ATTRIBUTION = os.environ.get("LUUKKU_MAP_ATTRIBUTION", "")
_tile_url = urlsplit(LUUKKU_MAP_TILES.replace("{s}", "a"))
_tile_origin = f"{_tile_url.scheme}://{_tile_url.netloc}" if LUUKKU_MAP_TILES else ""
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_tile_origin] if _tile_origin else [])],
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
    # Substantial (loa2: bank IDs) or high (loa3: mobile and card certificates), space-separated; the
    # returned acr must be one of them.
    "acr_values": os.environ.get(
        "LUUKKU_OIDC_ACR_VALUES", "http://ftn.ficora.fi/2017/loa2 http://ftn.ficora.fi/2017/loa3"
    ),
}
# Professionals sign in through the county's OpenID provider when its metadata URL is set; the account
# is the one the county's identity management provisioned over SCIM (/scim/v2/), matched by the stable
# subject or, at the first sign-in, by the employee number claim.
LUUKKU_PROFESSIONAL_OIDC = {
    "client_id": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_CLIENT_ID", ""),
    "client_secret": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_CLIENT_SECRET", ""),
    "server_metadata_url": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_METADATA_URL", ""),
    "scope": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_SCOPE", "openid profile"),
    "subject_claim": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_SUBJECT_CLAIM", "sub"),
    "employee_claim": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_EMPLOYEE_CLAIM", "employee_id"),
    "acr_values": os.environ.get("LUUKKU_PROFESSIONAL_OIDC_ACR_VALUES", ""),
}
# SCIM 2.0 for the county's identity management: SHA-256 digests (hex) of the accepted bearer tokens,
# comma-separated (`manage.py scim_token` makes one). None set: /scim/v2/ refuses every request.
LUUKKU_SCIM_TOKEN_SHA256 = env_list("LUUKKU_SCIM_TOKEN_SHA256")
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

# Suomi.fi Messages for decisions and letters (inbox/adapters.py): "local" behaves like the service.
LUUKKU_SUOMIFI_MESSAGES = {
    "backend": os.environ.get("LUUKKU_SUOMIFI_MESSAGES_BACKEND", "local"),
    "url": os.environ.get("LUUKKU_SUOMIFI_MESSAGES_URL", "https://api.messages-qa.suomi.fi"),
    "username": os.environ.get("LUUKKU_SUOMIFI_MESSAGES_USERNAME", ""),
    "password": os.environ.get("LUUKKU_SUOMIFI_MESSAGES_PASSWORD", ""),
    "service_id": os.environ.get("LUUKKU_SUOMIFI_MESSAGES_SERVICE_ID", ""),
    "paper_contact_email": os.environ.get("LUUKKU_SUOMIFI_PAPER_EMAIL", ""),
    "paper_username": os.environ.get("LUUKKU_SUOMIFI_PAPER_USERNAME", ""),
    "paper_password": os.environ.get("LUUKKU_SUOMIFI_PAPER_PASSWORD", ""),
    "sender_address": {
        "name": "Kanta-Hämeen hyvinvointialue",
        "streetAddress": os.environ.get("LUUKKU_SUOMIFI_SENDER_STREET", "Viipurintie 1-3"),
        "zipCode": os.environ.get("LUUKKU_SUOMIFI_SENDER_ZIP", "13200"),
        "city": os.environ.get("LUUKKU_SUOMIFI_SENDER_CITY", "Hämeenlinna"),
        "countryCode": "FI",
    },
    "timeout": float(os.environ.get("LUUKKU_SUOMIFI_MESSAGES_TIMEOUT", "20")),
}

# Suomi.fi Payments for client fees (payments/adapters.py): "local" is the demo's stand-in.
LUUKKU_SUOMIFI_PAYMENTS = {
    "backend": os.environ.get("LUUKKU_SUOMIFI_PAYMENTS_BACKEND", "local"),
    "url": os.environ.get("LUUKKU_SUOMIFI_PAYMENTS_URL", ""),
    "account": os.environ.get("LUUKKU_SUOMIFI_PAYMENTS_ACCOUNT", "luukku-demo"),
    # Unset: derived from SECRET_KEY, so a payment result can never be signed with a known default.
    "secret": os.environ.get("LUUKKU_SUOMIFI_PAYMENTS_SECRET")
    or hmac.new(SECRET_KEY.encode(), b"luukku-suomifi-payments", hashlib.sha256).hexdigest(),
    "timeout": float(os.environ.get("LUUKKU_SUOMIFI_PAYMENTS_TIMEOUT", "10")),
}

# The county as the creditor of client fees: its account, business ID and invoice numbering.
LUUKKU_CREDITOR = {
    "name": os.environ.get("LUUKKU_CREDITOR_NAME", "Kanta-Hämeen hyvinvointialue"),
    "business_id": os.environ.get("LUUKKU_CREDITOR_BUSINESS_ID", "3221318-2"),
    "iban": os.environ.get("LUUKKU_CREDITOR_IBAN", "FI4950009420028730"),
    "bic": os.environ.get("LUUKKU_CREDITOR_BIC", "OKOYFIHH"),
    "payment_days": int(os.environ.get("LUUKKU_CREDITOR_PAYMENT_DAYS", "21")),
}

# The care record (EHR) that bookings and answered forms are written back to over FHIR (fhir/adapters.py).
LUUKKU_EHR = {
    "backend": os.environ.get("LUUKKU_EHR_BACKEND", "local"),
    "url": os.environ.get("LUUKKU_EHR_URL", ""),
    "token": os.environ.get("LUUKKU_EHR_TOKEN", ""),
    "timeout": float(os.environ.get("LUUKKU_EHR_TIMEOUT", "10")),
}

# Omaolo (luukku/fhir/omaolo.py): assessments are pulled from its FHIR endpoint ("http") or the demo's
# local examples; "units" names the part of the organisation that handles each service area.
LUUKKU_OMAOLO = {
    "backend": os.environ.get("LUUKKU_OMAOLO_BACKEND", "local"),
    "url": os.environ.get("LUUKKU_OMAOLO_URL", ""),
    "token": os.environ.get("LUUKKU_OMAOLO_TOKEN", ""),
    "timeout": float(os.environ.get("LUUKKU_OMAOLO_TIMEOUT", "10")),
    "units": {"health": "avosairaanhoito", "elderly": "ikaantyneet", "family": "lapsiperheet"},
}

# Subscription notifications (luukku/fhir/subscriptions.py): POSTed to the subscribers' endpoints
# ("http") or only logged ("local", the demo).
LUUKKU_FHIR_NOTIFICATIONS = os.environ.get("LUUKKU_FHIR_NOTIFICATIONS", "local")

LUUKKU_VIDEO = {
    "backend": os.environ.get("LUUKKU_VIDEO_BACKEND", "local"),
    "domain": os.environ.get("LUUKKU_VIDEO_DOMAIN", ""),
    "app_id": os.environ.get("LUUKKU_VIDEO_APP_ID", ""),
    "app_secret": os.environ.get("LUUKKU_VIDEO_APP_SECRET", ""),
}

# LUUKKU_LOG_FORMAT=json: one JSON object a line with the request id (luukku/serving/logs.py), and the
# access log (logger luukku.http, a line per request); plain text without it (the demo, tests).
_json_logs = os.environ.get("LUUKKU_LOG_FORMAT", "text") == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "luukku.serving.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "luukku.serving.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if _json_logs else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LUUKKU_LOG_LEVEL", "INFO")},
    # axes' own lines at INFO repeat what the security log says (LUUKKU_SECURITY_LOG)
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # One line per request only where it is read as data; runserver prints its own.
        "luukku.http": {"level": "INFO" if _json_logs else "WARNING"},
    },
}

# Records management (luukku/records): where the local archive adapter writes SÄHKE2-style packages,
# which adapter archives ("local" or "kanta"), and the controller's contacts shown in privacy notices
# (demo defaults: set the real ones in production).
LUUKKU_RECORDS_ARCHIVE = os.environ.get("LUUKKU_RECORDS_ARCHIVE", "local")
LUUKKU_RECORDS_ARCHIVE_DIR = Path(os.environ.get("LUUKKU_RECORDS_ARCHIVE_DIR", BASE_DIR / "var" / "archive"))
LUUKKU_KANTA_ARCHIVE_URL = os.environ.get("LUUKKU_KANTA_ARCHIVE_URL", "")
LUUKKU_CONTROLLER = {
    "name": os.environ.get("LUUKKU_CONTROLLER_NAME", "Kanta-Hämeen hyvinvointialue"),
    "address": os.environ.get("LUUKKU_CONTROLLER_ADDRESS", "Ahvenistontie 20, 13530 Hämeenlinna"),
    "dpo_email": os.environ.get("LUUKKU_DPO_EMAIL", "tietosuoja@omahame.fi"),
}
# Home care: the routing engine (OSRM, one server per travel mode under this URL) and the door-lock
# cloud; empty = the local implementations (haversine x circuity; HMAC-signed keys).
LUUKKU_OSRM_URL = os.environ.get("LUUKKU_OSRM_URL", "")
LUUKKU_LOCKS_URL = os.environ.get("LUUKKU_LOCKS_URL", "")
LUUKKU_LOCKS_TOKEN = os.environ.get("LUUKKU_LOCKS_TOKEN", "")
