import socket
import subprocess
import sys

import pytest
from django.core.cache.backends.redis import RedisCache

from .test_settings import PROJECT_DIR

REDIS = ("127.0.0.1", 6379)


def show(**environment):
    """The cache backend, its location and whether the page cache middleware is on."""
    code = (
        "from django.conf import settings; c = settings.CACHES['default']; "
        "print(c['BACKEND'].rsplit('.', 1)[1], c.get('LOCATION') or '-', "
        "'django.middleware.cache.FetchFromCacheMiddleware' in settings.MIDDLEWARE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings", **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_local_memory_and_no_page_cache_by_default():
    assert show() == ["LocMemCache", "-", "False"]


def test_redis_and_the_page_cache_from_the_environment():
    assert show(
        NEWSROOM_CACHE_URL="redis://127.0.0.1:6379/1", NEWSROOM_PAGE_CACHE_SECONDS="60"
    ) == ["RedisCache", "redis://127.0.0.1:6379/1", "True"]


def redis_is_running():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_running(), reason="no Redis at 127.0.0.1:6379")
def test_the_redis_backend_keeps_chinese_text():
    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "newsroom-test"})
    cache.set("页面", "临时党支部 战“疫”当先锋", 5)
    assert cache.get("页面") == "临时党支部 战“疫”当先锋"
    cache.delete("页面")
