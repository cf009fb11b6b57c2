"""The editors' pages speak Chinese throughout, addressing the editor as 您."""

import gettext
import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.rglob("*.po"))


def django_catalogue(subdirectory, domain="django"):
    root = Path(importlib.util.find_spec("django").origin).parent
    path = root / subdirectory / "locale" / "zh_Hans" / "LC_MESSAGES" / f"{domain}.mo"
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def test_the_catalogues_are_where_settings_look():
    assert CATALOGUES
    for po in CATALOGUES:
        assert po.parents[2] in map(Path, settings.LOCALE_PATHS), po


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: str(po.relative_to(LOCALE)))
def test_each_committed_mo_is_its_po_compiled(po, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("gettext's msgfmt is not installed")
    compiled = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
    with compiled.open("rb") as fresh, po.with_suffix(".mo").open("rb") as committed:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog
        )


@pytest.mark.parametrize("subdirectory", ["conf", "contrib/admin", "contrib/auth"])
def test_djangos_strings_say_nin_never_ni(subdirectory):
    with translation.override("zh-hans"):
        for key, text in django_catalogue(subdirectory).items():
            if isinstance(key, str) and key and "\x04" not in key and "你" in text:
                assert "你" not in translation.gettext(key), key


def test_the_admins_script_strings_say_nin_and_name_the_buttons(client, admin_user):
    client.force_login(admin_user)
    catalogue = client.get(reverse("admin:jsi18n")).content.decode()

    def written(text):  # as the catalogue writes it: JSON, non-ASCII escaped
        return json.dumps(text)[1:-1]

    assert written("您选择了一个动作") in catalogue and written("你") not in catalogue
    assert written("“执行”按钮") in catalogue


def test_strings_django_leaves_in_english_are_chinese():
    with translation.override("zh-hans"):
        assert translation.gettext("Model name") == "内容类型"
        assert translation.gettext("Add link") == "添加链接"
        assert translation.gettext("Change or view list link") == "修改或查看列表链接"
        assert translation.gettext("Error:") == "错误："
