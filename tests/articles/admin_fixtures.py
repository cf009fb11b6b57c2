"""Helpers for the admin tests: users of each group, articles with credits, tags, images."""

from django.contrib.auth.models import Group, User

from articles.models import Article, Source

from .reader_data import build_article

PASSWORD = "correct horse battery staple"


def make_user(username, group=None, **fields):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_article(title="临时党支部战“疫”当先锋", *, credits=(), tags=(), images=0, **fields):
    """A draft with an empty body unless told otherwise, `credits` [(name, role)], `tags` and
    `images` placeholder images, as an editor finds it after an import."""
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("body", "")
    return build_article(title, credits=credits, tags=tags, images=images, **fields)


def source(name, kind=Source.Kind.NEWSPAPER):
    return Source.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def ensure_editorial_groups():
    """Recreate 编辑 and 主编 as the editorial migration does; transactional tests flush them."""
    import pkgutil
    from importlib import import_module

    from django.apps import apps

    import articles.migrations

    names = [module.name for module in pkgutil.iter_modules(articles.migrations.__path__)]
    (editorial,) = [name for name in names if name.endswith("_editorial")]
    (pins,) = [name for name in names if name.endswith("_pins_and_sections")]
    import_module(f"articles.migrations.{editorial}").create_editorial_groups(apps, None)
    import_module(f"articles.migrations.{pins}").let_chief_editors_pin(apps, None)
