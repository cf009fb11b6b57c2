from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.services.duplicates import fingerprint_archive


class Command(BaseCommand):
    help = _("为尚无指纹的文章计算查重指纹，并把疑似重复的稿件归组（导入新稿时会自动计算）。")

    def handle(self, *args, **options):
        fingerprinted, notes = fingerprint_archive()
        for note in notes:
            self.stdout.write(note.as_dict()["message"])
        self.stdout.write(
            _("已为 %(count)d 篇文章计算指纹，其中 %(flagged)d 篇疑似重复。")
            % {"count": fingerprinted, "flagged": len(notes)}
        )
