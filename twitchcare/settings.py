"""TwitchCare settings: one module, read from the environment.

Development works with no variables set. With ``DJANGO_DEBUG`` off (the default outside
development) a missing ``DJANGO_SECRET_KEY`` stops the process instead of running with a
guessable key.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; refuse anything that is not clearly one or the other."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated variable into a list, dropping blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


DEBUG = env_bool("DJANGO_DEBUG", False)
# pytest sets PYTEST_VERSION for the whole run; nothing else does.
TESTING = env_bool("DJANGO_TESTING", "PYTEST_VERSION" in os.environ)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            "For local development set DJANGO_DEBUG=true."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if TESTING:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "twitchcare.admin_site.TwitchCareAdminConfig",  # django.contrib.admin, branded
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "twitchcare",
    "journal",
    "guidance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "twitchcare.middleware.PermissionsPolicyMiddleware",
    "twitchcare.middleware.ApiErrorsAsJsonMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "twitchcare.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "twitchcare.middleware.UserTimezoneMiddleware",
    "twitchcare.middleware.NoStoreForPersonalDataMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "twitchcare.urls"
WSGI_APPLICATION = "twitchcare.wsgi.application"

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
                "twitchcare.context_processors.site",
                "journal.context_processors.triage_banner",
            ],
        },
    },
]

# Databases: SQLite for development and the demo, PostgreSQL through DATABASE_URL.
SQLITE_OPTIONS = {
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at the
    # start of a transaction so two requests never deadlock upgrading a read lock.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    # How long a write waits for another to finish before "database is locked" (a 500).
    # 5 s lost 2 of 84 writes on a machine loaded 10 times over its cores (bench,
    # durability); a write that waits longer is still answered well inside gunicorn's 30 s.
    "timeout": 15,
}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else DATABASES["default"]["CONN_MAX_AGE"]
    # Tests run on a file, not Django's shared in-memory database: that one has table locks
    # that ignore the busy timeout, so requests racing in threads (tests/test_api_client_id.py)
    # would fail with "database table is locked" where the real server would wait.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"twitchcare-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DJANGO_PG_PREPARED_STATEMENTS", True
):
    # Parameters bound on the server, and a statement run five times on a connection is
    # prepared there: PostgreSQL then skips parsing and planning it. Measured with the
    # benchmark, the token-authenticated API answered about a third more requests a
    # second. Turn it off behind a pooler that cannot keep prepared statements.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every server), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "twitchcare"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "twitchcare.backends.ModelBackend",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Accounts: django-allauth (sign-up, log-in, log-out, password reset and change, e-mail)
# and allauth.mfa (authenticator app, recovery codes, passkeys). See twitchcare/accounts.py.
ACCOUNT_ADAPTER = "twitchcare.accounts.AccountAdapter"
ACCOUNT_FORMS = {"signup": "twitchcare.forms.SignupForm", "login": "twitchcare.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
# Only what a journal needs: a name to log in with and one password (with "show password").
# The e-mail is optional; reminders and password resets need a verified one.
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True  # one address per person: add it, change it, verify it
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # Django's session hash ends the other sessions
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False  # sessions end with the browser and after inactivity
ACCOUNT_EMAIL_SUBJECT_PREFIX = "TwitchCare: "
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "root", "twitchcare"]
# One lock-out mechanism: django-axes counts wrong passwords AND wrong two-factor codes
# (twitchcare/accounts.py forwards those) per username and address, with a cool-off, and
# covers the API token endpoint too. allauth's own "login_failed" limit is off so the two
# never disagree. Its log-in, sign-up and reset limits are off as well: the page limits in
# ACCOUNT_PAGE_RATE_LIMITS (twitchcare/ratelimit.py) do that, per address and per account.
# allauth keeps its limits on the pages we do not cover (password change, e-mail changes,
# confirmation e-mails, reset links, re-authentication).
ACCOUNT_RATE_LIMITS = {
    "login_failed": False,
    "login": False,
    "signup": False,
    "reset_password": False,
}
MFA_ADAPTER = "twitchcare.accounts.MFAAdapter"
MFA_FORMS = {
    "authenticate": "twitchcare.forms.MFAAuthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "TwitchCare"
MFA_PASSKEY_LOGIN_ENABLED = False  # passkeys are a second factor here, after the password
# Passkeys need https, or http on localhost during development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING

# Proxies in front of the app that each add to X-Forwarded-For (a TLS-terminating one: 1).
# Lock-outs, throttles and rate limits identify a client by twitchcare.client_ip.
NUM_PROXIES = env_int("DJANGO_NUM_PROXIES", 0)

# Log-in brute force: lock a username+address pair after 5 failures, for 30 minutes only,
# so an attacker cannot lock a person out for good.
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# allauth's log-in form calls its field "login" (a username or an e-mail address).
AXES_USERNAME_CALLABLE = "twitchcare.accounts.axes_username"
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
# The client's address behind the proxies, not the proxy's: else one stranger's wrong
# passwords would lock the owner out from everywhere.
AXES_CLIENT_IP_CALLABLE = "twitchcare.client_ip.client_ip"

# Forms posted to the account pages, per client address and per username or e-mail typed:
# (at most this many, in this many seconds). Over a limit the page answers 429.
ACCOUNT_PAGE_RATE_LIMITS = {
    "login": {"address": (30, 15 * 60), "account": (20, 15 * 60)},
    "signup": {"address": (10, 60 * 60), "account": (5, 60 * 60)},
    "password_reset": {"address": (10, 60 * 60), "account": (3, 60 * 60)},
}

# Sessions end after two hours without activity and with the browser.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_AGE", 2 * 60 * 60)
# Saving the session on every request is a write per page; SessionRefreshMiddleware
# pushes the expiry back at most every few minutes instead.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Episode attachments (photos and videos) live in private storage: a folder outside static/
# that nothing serves (only journal.attachments' views, to their owner or a share link), or
# an S3-compatible bucket when DJANGO_ATTACHMENTS_BUCKET is set (django-storages; the
# credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as boto3 reads them).
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media")
).resolve()
ATTACHMENTS_BUCKET = os.environ.get("DJANGO_ATTACHMENTS_BUCKET", "")
if ATTACHMENTS_BUCKET:
    ATTACHMENTS_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ATTACHMENTS_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_ATTACHMENTS_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_ATTACHMENTS_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "location": os.environ.get("DJANGO_ATTACHMENTS_PREFIX", ""),
        },
    }
else:
    if STATIC_ROOT in PRIVATE_MEDIA_ROOT.parents or PRIVATE_MEDIA_ROOT == STATIC_ROOT:
        raise ImproperlyConfigured("DJANGO_PRIVATE_MEDIA_ROOT must not be inside STATIC_ROOT")
    ATTACHMENTS_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # No base_url: the files have no public address.
        "OPTIONS": {
            "location": PRIVATE_MEDIA_ROOT,
            "base_url": None,
            "file_permissions_mode": 0o600,
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": ATTACHMENTS_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Development and tests serve static files straight from static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Part of the service worker's version (twitchcare/pwa.py): change it to make every
# installed app fetch its offline pages again, even when no static file changed.
SERVICE_WORKER_RELEASE = os.environ.get("DJANGO_SERVICE_WORKER_RELEASE", "2")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The console backend only suits development: check --deploy refuses it (twitchcare.checks).
EMAIL_BACKEND = (
    os.environ.get("DJANGO_EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "TwitchCare <care@localhost>")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

REST_FRAMEWORK = {
    # Token first: DRF answers an anonymous request with the first class's challenge, and
    # only TokenAuthentication has one (WWW-Authenticate: Token), so that is a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "journal.api.common.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    # DRF's parsers, with a JSON one that answers 400 to any body it cannot read.
    "DEFAULT_PARSER_CLASSES": [
        "journal.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "twitchcare.api_schema.TwitchCareAutoSchema",
    # One error shape for the whole API: see journal/api/errors.py.
    "EXCEPTION_HANDLER": "journal.api.errors.api_exception_handler",
    # Rates read per request (DRF's own classes copy them once, at import).
    "DEFAULT_THROTTLE_CLASSES": [
        "journal.api.throttling.AnonRateThrottle",
        "journal.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("DJANGO_THROTTLE_USER", "600/min"),
        "auth": os.environ.get("DJANGO_THROTTLE_AUTH", "10/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Our throttles identify a client with twitchcare.client_ip; DRF's own would agree.
    "NUM_PROXIES": NUM_PROXIES,
}
# API tokens (django-rest-knox): one per device, stored only as a SHA-512 digest, ending
# DJANGO_API_TOKEN_DAYS after they were issued. Log-out, "log out everywhere" and any
# password change revoke them (journal/api/auth.py, twitchcare/accounts.py).
API_TOKEN_DAYS = env_int("DJANGO_API_TOKEN_DAYS", 30)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured("DJANGO_API_TOKEN_DAYS must be 1 or more")
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TwitchCare API",
    "DESCRIPTION": (
        "Journal, triage, insights and guidance for facial twitching.\n\n"
        "**Log in**: POST /api/auth/register/ or /api/auth/token/ gives a new token for this "
        "device; send it as `Authorization: Token <key>`. It expires (see `expiry`), and POST "
        "/api/auth/logout/ revokes it, /api/auth/logout-all/ revokes all yours, as does a "
        "password change. A browser session works too (unsafe methods then need the CSRF "
        "token). Guidance is public.\n\n"
        "**Errors**: a 400 maps each field that was wrong to a list of messages "
        '(`{"side": ["..."]}`; whole-request problems under `non_field_errors`). Every '
        'other error is `{"detail": "..."}`: 401 without or with wrong credentials, '
        "404 for anything that is not yours, 429 when throttled (wait `Retry-After` seconds)."
        "\n\n**Lists** are pages: `{count, next, previous, results}`, `?page=` and "
        "`?page_size=` (at most 200).\n\n"
        "**Times** are ISO 8601; one sent without an offset is read in your time zone "
        "(GET /api/account/)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and docs describe the API, not anyone's data: public, without log-in.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # validatorUrl None: Swagger UI would otherwise fetch a badge from validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None, "tryItOutEnabled": False},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The same choice sets appear under several field names; give each one name.
    "ENUM_NAME_OVERRIDES": {
        "LocationEnum": "journal.models.Location",
        "SideEnum": "journal.models.Side",
        "TriggerEnum": "journal.models.Trigger",
        "SymptomEnum": "journal.models.Symptom",
        "LevelEnum": "guidance.models.Level",
        "CriterionLevelEnum": "guidance.models.CRITERION_LEVEL_CHOICES",
        "SpecialistEnum": "guidance.models.Specialist",
        "TreatmentKindEnum": "journal.models.TreatmentKind",
    },
}

# Security headers. The CSP allows no inline script at all: data reaches scripts through
# json_script and every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The service worker (/sw.js) and the web app manifest are this site's own.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page uses are off; the camera stays available to this site's own
# pages (an episode's clip will be recorded from the phone's camera on the episode form).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(self), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

if not DEBUG and not TESTING:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "twitchcare.auth": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
