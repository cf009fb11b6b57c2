"""The tag chips the article form offers on every seed article, for an editor to judge.

Imports `seeds/` (5 files, 15 articles) into a throwaway test database with the real importer,
then prints, per article, its title and the chips `suggest_tags` offers (name and reason), as
the form does with no tags yet in use. With `--keep`, also counts the chips an editor keeps,
from the judgements in `tests/articles/services/test_tag_suggestions_on_seeds.py` (`KEEP`).

Re-run:  .venv/bin/python bench/tag_chips.py [--keep]
"""

import argparse
import sys
from io import StringIO

from harness import ROOT, throwaway_database

# isort: split

from django.core.management import call_command

from articles.models import Article
from articles.services.tagging import suggest_tags


def seed_key(article):
    return article.imported_file.name.split("/")[-1][:3], article.position


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="count the chips an editor keeps")
    arguments = parser.parse_args()
    keep = {}
    if arguments.keep:
        sys.path.insert(0, str(ROOT / "tests" / "articles" / "services"))
        from test_tag_suggestions_on_seeds import KEEP as keep
    with throwaway_database():
        call_command("import_seeds", str(ROOT / "seeds"), stdout=StringIO())
        articles = Article.objects.select_related("imported_file").prefetch_related("tags")
        rows = []
        for article in sorted(articles, key=seed_key):
            key = seed_key(article)
            chips = suggest_tags(article)
            print(f"\n{key[0]}#{key[1]} {article.title}")
            print("  " + "  ".join(f"{chip.name}({chip.reason})" for chip in chips))
            if keep:
                kept = [chip.name for chip in chips if chip.name in keep[key]]
                dropped = [chip.name for chip in chips if chip.name not in keep[key]]
                rows.append((key, len(kept), len(chips)))
                print(f"  kept {len(kept)}/{len(chips)}; dropped: {'、'.join(dropped) or '—'}")
        if rows:
            print("\n| article | kept / shown |\n| --- | ---: |")
            for (prefix, position), kept, shown in rows:
                print(f"| {prefix}#{position} | {kept} / {shown} |")
            total_kept = sum(kept for _key, kept, _shown in rows)
            total_shown = sum(shown for _key, _kept, shown in rows)
            print(f"| all | {total_kept} / {total_shown} |")


if __name__ == "__main__":
    main()
