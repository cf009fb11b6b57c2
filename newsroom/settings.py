"""Newsroom settings, read from the environment with safe development defaults."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


truthy = {"1", "true", "yes", "on"}  # lower case: not a setting


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in truthy


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "articles.apps.NewsroomAdminConfig",  # django.contrib.admin on the newsroom's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "articles.middleware.DatabaseUnavailableMiddleware",
    "newsroom.db_router.ReaderReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    # Two imports at once: each transaction takes the write lock when it begins, and a writer
    # waits up to `timeout` seconds for the other's file instead of failing "database is
    # locked" halfway through; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

# A read-only replica for the reader pages (DATABASE_REPLICA_URL, e.g. a streaming standby):
# public GET requests read from it, everything else (the admin, writes, workers) uses "default".
if replica_url := os.environ.get("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        replica_url,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]


def prepared_statements(database):
    """PostgreSQL prepares the reader's compiled queries (`articles.compiled`) once a
    connection has run one `DJANGO_DB_PREPARE_THRESHOLD` times (5): planning was most of a list
    page's SQL time. `off` behind a pooler that cannot keep them (PgBouncer in transaction
    mode before 1.21)."""
    threshold = os.environ.get("DJANGO_DB_PREPARE_THRESHOLD", "5")
    if database["ENGINE"] == "django.db.backends.postgresql" and threshold != "off":
        database.setdefault("OPTIONS", {})["prepare_threshold"] = int(threshold)


def parallel_plans(database):
    """PostgreSQL's parallel plans, at most `DJANGO_DB_PARALLEL_WORKERS` workers a query (0: none;
    empty: PostgreSQL's own setting, e.g. behind a pooler that refuses startup options). The
    site's queries read a page's worth of rows: planned in parallel, an author's list (480 of
    100,000 articles) took 212 ms of three processes' time instead of 4.7 ms of one, as the
    workers each walked their part of the date index for the author's newest rows."""
    workers = os.environ.get("DJANGO_DB_PARALLEL_WORKERS", "0")
    if database["ENGINE"] == "django.db.backends.postgresql" and workers != "":
        options = database.setdefault("OPTIONS", {})
        setting = f"-c max_parallel_workers_per_gather={int(workers)}"
        options["options"] = (
            f"{options['options']} {setting}" if options.get("options") else setting
        )


for database in DATABASES.values():
    prepared_statements(database)
    parallel_plans(database)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("英文"))]
# The project's catalogue first, then Django's and taggit's strings reworded (您, no English).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "stock"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []


def media_storage(environ):
    """Where uploaded and fetched images go: MEDIA_ROOT, or an S3-compatible bucket.

    `NEWSROOM_MEDIA_S3_BUCKET` switches to django-storages' S3 backend (`pip install -e '.[s3]'`),
    with `NEWSROOM_MEDIA_S3_ENDPOINT_URL` for MinIO, Ceph or a Chinese cloud's S3 gateway, and the
    credentials boto3 reads itself (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
    """
    bucket = environ.get("NEWSROOM_MEDIA_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("NEWSROOM_MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("NEWSROOM_MEDIA_S3_REGION") or None,
        "custom_domain": environ.get("NEWSROOM_MEDIA_S3_CUSTOM_DOMAIN") or None,
        "querystring_auth": environ.get("NEWSROOM_MEDIA_S3_SIGNED_URLS", "").lower() in truthy,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")

TAGGIT_CASE_INSENSITIVE = True
# Editors separate tags with Chinese punctuation as well as ASCII (，、； , ; new lines).
TAGGIT_TAGS_FROM_STRING = "articles.services.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.services.tagging.format_tags"
# Where the admin's import page keeps uploads between preview and confirmation (private, 0700,
# never under MEDIA_ROOT); empty means `import-staging/` beside MEDIA_ROOT.
NEWSROOM_IMPORT_STAGING_DIR = os.environ.get("NEWSROOM_IMPORT_STAGING_DIR", "")

# Background work (the admin's imports) through django-tasks: `immediate` runs a task inside the
# request that enqueues it (development: no worker to start), `database` queues it in the database
# for `manage.py db_worker` (the default with debug off), `rq` queues it on Redis for
# `manage.py rqworker --job-class django_tasks_rq.Job` (`pip install -e '.[rq]'`).
task_backends = {  # lower case: not a setting
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
NEWSROOM_TASKS_BACKEND = os.environ.get(
    "NEWSROOM_TASKS_BACKEND", "immediate" if DEBUG else "database"
)
if NEWSROOM_TASKS_BACKEND not in task_backends:
    raise ImproperlyConfigured(
        f"NEWSROOM_TASKS_BACKEND={NEWSROOM_TASKS_BACKEND!r}: choose one of "
        + ", ".join(task_backends)
        + "."
    )
TASKS = {"default": {"BACKEND": task_backends[NEWSROOM_TASKS_BACKEND], "QUEUES": ["default"]}}
if NEWSROOM_TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {"URL": os.environ.get("NEWSROOM_TASKS_REDIS_URL", "redis://127.0.0.1:6379/0")}
    }

# The importer refuses files larger than this many bytes: parse cost is linear, about 1.1–1.5 s a
# MiB on this machine, so 1 MiB parses in a second or two (bench/README.md, "parse cost by file
# size"); a Word file counts by its bytes, pictures included.
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", 1024 * 1024))
# Importing keeps a local copy of every remote image (`--no-fetch-images` for one offline run);
# an image over NEWSROOM_IMAGE_MAX_BYTES, or not an image, is refused with a warning. A host
# that does not answer within the timeout is not asked again in that run.
NEWSROOM_FETCH_IMAGES = env_bool("NEWSROOM_FETCH_IMAGES", True)
# Half-width `, : ; ! ? ( )` in Chinese text become full-width in imported titles and bodies.
NEWSROOM_FULL_WIDTH_PUNCTUATION = env_bool("NEWSROOM_FULL_WIDTH_PUNCTUATION", True)
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
NEWSROOM_IMAGE_FETCH_TIMEOUT = float(os.environ.get("NEWSROOM_IMAGE_FETCH_TIMEOUT", 5))
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "新闻编辑部")
# The site's address as editors open it, for the links in notification emails.
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Notifications (送审, 发布, 退回) go through Django's email API: printed to the console in
# development, sent by SMTP otherwise (EMAIL_HOST and the rest from the environment).
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Django's cache: local memory in each process unless NEWSROOM_CACHE_URL names a shared one,
# e.g. redis://127.0.0.1:6379/1 (the `redis` package), which all web processes then share.
NEWSROOM_CACHE_URL = os.environ.get("NEWSROOM_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": NEWSROOM_CACHE_URL}
        if NEWSROOM_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Whole pages served from that cache for this many seconds; 0 (the default) turns it off.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "0"))
if NEWSROOM_PAGE_CACHE_SECONDS:
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHE_MIDDLEWARE_SECONDS = NEWSROOM_PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = "page"
# How long a CDN or browser may keep a reader page (`Cache-Control: public, max-age`);
# 0 (the default) sends no such header.
NEWSROOM_PUBLIC_MAX_AGE = int(os.environ.get("NEWSROOM_PUBLIC_MAX_AGE", "0"))

if not DEBUG:
    # HTTPS only, as `manage.py check --deploy` asks; each can be relaxed from the environment.
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
# Behind a proxy that terminates TLS: the header it sets, e.g. `X-Forwarded-Proto: https`.
# Unset by default: trusted only when the proxy always sets (or strips) it.
if proxy_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", ""):
    header, _separator, value = proxy_header.partition(":")
    if not value.strip():
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must read 'Header-Name: value', "
            "e.g. 'X-Forwarded-Proto: https'."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + header.strip().upper().replace("-", "_"), value.strip())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
