"""Catalogue the project's strings for zh_Hans, then compile every catalogue in `locale/`.

The strings are written in Chinese in the code, so each translation is its own msgid
(GNU gettext's `msgen`); Django's and taggit's reworded strings are `locale/stock/`'s.

    python locale/update.py          # needs GNU gettext (apt-get install gettext)
"""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = PROJECT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
HEADER = """# The newsroom's own strings, written in Chinese in the code: written by locale/update.py.
msgid ""
msgstr ""
"Project-Id-Version: newsroom\\n"
"Language: zh_Hans\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def manage(*arguments):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=PROJECT, check=True)


def one_plural_form(text):
    """msgen writes English's two plural forms; Chinese has one."""
    kept, skipping = [], False
    for line in text.splitlines():
        if line.startswith("msgstr[1]"):
            skipping = True
            continue
        if skipping and line.startswith('"'):
            continue
        skipping = False
        kept.append(line)
    return "\n".join(kept) + "\n"


def main():
    # made afresh: merged into the old one, a changed string would keep a fuzzy match's
    # translation (`置顶` read `网页`); each translation is its msgid, so nothing is lost
    CATALOGUE.unlink(missing_ok=True)
    manage(
        "makemessages", "-l", "zh_Hans", "--no-location", "--no-obsolete",
        "--ignore=.venv*", "--ignore=tests", "--ignore=bench", "--ignore=build",
    )  # fmt: skip
    subprocess.run(["msgen", str(CATALOGUE), "-o", str(CATALOGUE)], check=True)
    text = CATALOGUE.read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]  # everything after makemessages' template header
    CATALOGUE.write_text(HEADER + "\n" + one_plural_form(body), encoding="utf-8")
    manage("compilemessages", "--ignore=.venv*")


if __name__ == "__main__":
    main()
