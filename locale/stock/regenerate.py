"""Write `locale/stock/zh_Hans/LC_MESSAGES/django.po` and `djangojs.po` from the installed
Django and django-taggit catalogues: their Chinese reworded for this newsroom, plus the
body editor's (django-prose-editor) strings, which it ships no Chinese for.

Django's own zh_Hans strings mix 你 and 您; an editor is addressed as 您 throughout. A few
strings Django leaves untranslated are translated here, and taggit's section name becomes
稿件, where the admin shows its tags. Run after upgrading Django or taggit, then compile:

    python locale/stock/regenerate.py && python manage.py compilemessages --ignore=".venv*"
"""

import gettext
import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent

CATALOGUES = {
    "django": [("django", "conf"), ("django", "contrib/admin"), ("django", "contrib/auth")],
    "djangojs": [("django", "contrib/admin")],
}
# msgid → msgstr: what Django leaves in English on the editors' pages, and taggit's section.
EXTRA = {
    "django": {
        "Model name": "内容类型",
        "Add link": "添加链接",
        "Change or view list link": "修改或查看列表链接",
        "Taggit": "稿件",
        "Error:": "错误：",
    },
    "djangojs": {
        "You have selected an action, and you haven’t made any changes on individual fields. "
        "You’re probably looking for the Go button rather than the Save button.": (
            "您选择了一个动作，但没有修改任何字段。您要找的可能是“执行”按钮，而不是“保存”按钮。"
        ),
        "You have selected an action, but you haven’t saved your changes to individual fields "
        "yet. Please click OK to save. You’ll need to re-run the action.": (
            "您选择了一个动作，但还没有保存对字段的修改。请点击“确定”保存，之后需要重新执行该动作。"
        ),
        "You have unsaved changes on individual editable fields. If you run an action, your "
        "unsaved changes will be lost.": "您有尚未保存的字段修改。如果执行动作，这些修改将会丢失。",
        # django-prose-editor's body editor, which has no Chinese of its own.
        "Image URL": "图片地址",
        "Alternative Text": "替代文字",
        "Caption": "图说",
        "Edit Figure": "编辑图片",
        "Insert Figure": "插入图片",
        "Update": "更新",
        "Insert": "插入",
        "Edit HTML": "编辑 HTML",
        "Prettify": "整理格式",
        "URL": "网址",
        "Title": "标题",
        "Open in new window": "在新窗口打开",
        "Edit Link": "编辑链接",
        "List properties": "列表设置",
        "Toggle fullscreen": "切换全屏",
        "Decimal numbers": "阿拉伯数字",
        "Lowercase letters": "小写字母",
        "Uppercase letters": "大写字母",
        "Lowercase Roman numerals": "小写罗马数字",
        "Uppercase Roman numerals": "大写罗马数字",
        "Start at": "起始编号",
        "List type": "列表类型",
        "Cancel": "取消",
    },
}


def installed_catalogue(package, subdirectory, domain):
    root = Path(importlib.util.find_spec(package).origin).parent
    path = root / subdirectory / "locale" / "zh_Hans" / "LC_MESSAGES" / f"{domain}.mo"
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def reworded(domain):
    """{(context, msgid, plural): [msgstr, …]} of every message that says 你, with 您."""
    entries = {}
    for package, subdirectory in CATALOGUES[domain]:
        for key, text in installed_catalogue(package, subdirectory, domain).items():
            if not key or "你" not in text:
                continue
            msgid, index = key if isinstance(key, tuple) else (key, None)
            context, _, msgid = msgid.rpartition("\x04")
            plural = None
            if index is not None:
                msgid, plural = plural_ids(package, subdirectory, domain, msgid)
            entries.setdefault((context, msgid, plural), []).append(text.replace("你", "您"))
    for msgid, text in EXTRA[domain].items():
        entries[("", msgid, None)] = [text]
    return entries


def plural_ids(package, subdirectory, domain, msgid):
    """The singular and plural msgids of a plural message (the .mo keys it by the singular)."""
    root = Path(importlib.util.find_spec(package).origin).parent
    po = root / subdirectory / "locale" / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("msgid ") and unquote_block(lines, number) == msgid:
            following = number + 1
            while not lines[following].startswith("msgid_plural "):
                following += 1
            return msgid, unquote_block(lines, following)
    raise LookupError(msgid)


def unquote_block(lines, number):
    first = lines[number].split(" ", 1)[1]
    parts = [first]
    for line in lines[number + 1 :]:
        if not line.startswith('"'):
            break
        parts.append(line)
    return (
        "".join(part[1:-1] for part in parts)
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


HEADER = """# Django's and django-taggit's Chinese, reworded for the newsroom: written by
# locale/stock/regenerate.py; edit EXTRA there, not this file.
msgid ""
msgstr ""
"Project-Id-Version: newsroom\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: zh_Hans\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def write(domain):
    blocks = [HEADER]
    for (context, msgid, plural), texts in sorted(reworded(domain).items()):
        block = [f"msgctxt {quote(context)}"] if context else []
        block.append(f"msgid {quote(msgid)}")
        if plural is None:
            block.append(f"msgstr {quote(texts[0])}")
        else:
            block.append(f"msgid_plural {quote(plural)}")
            block.append(f"msgstr[0] {quote(texts[0])}")
        blocks.append("\n".join(block) + "\n")
    target = HERE / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(blocks), encoding="utf-8")


if __name__ == "__main__":
    for domain in CATALOGUES:
        write(domain)
