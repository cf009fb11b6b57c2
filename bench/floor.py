"""The floor: bare Django rendering a 20-row template from memory, served like the site.

`gunicorn --chdir bench floor:application` (what `site_speed.py` runs). No database, no
project code: what the same server and Django cost before any page does its own work.
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    USE_TZ=True,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "floor.html": (
                                "<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'>"
                                "<title>最新文章</title></head><body><h1>最新文章</h1><ul>"
                                "{% for row in rows %}<li><a href='{{ row.url }}'>{{ row.title }}"
                                "</a> <time>{{ row.date|date:'Y年n月j日' }}</time>"
                                "<p>{{ row.summary }}</p></li>{% endfor %}</ul></body></html>"
                            )
                        },
                    )
                ]
            },
        }
    ],
)

import django  # noqa: E402

django.setup()

from datetime import UTC, datetime  # noqa: E402

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402

ROWS = [
    {
        "url": f"/articles/{number}/",
        "title": f"临时党支部战“疫”当先锋（{number}）",
        "date": datetime(2022, 4, 20, tzinfo=UTC),
        "summary": "盐湖区畜牧局家属院门口，下沉干部正在认真做好进出居民的核查工作。",
    }
    for number in range(20)
]


def floor(request):
    return render(request, "floor.html", {"rows": ROWS})


urlpatterns = [path("", floor)]
application = get_wsgi_application()
