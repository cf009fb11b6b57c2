"""Which format a document is in; a document no format recognises is an error, never a guess."""

from django.utils.translation import gettext as _

from .errors import UnrecognisedFormat
from .formats import FORMATS


def detect_format(text, *, forced=None):
    """The registry name of the first format whose `sniff` accepts `text`, or `forced`."""
    if forced:
        if forced not in FORMATS:
            raise UnrecognisedFormat(
                _("没有名为 %(name)s 的格式；可用的格式：%(known)s。")
                % {"name": forced, "known": "、".join(FORMATS)}
            )
        return forced
    for name, module in FORMATS.items():
        if module.sniff(text):
            return name
    raise UnrecognisedFormat(
        _("无法识别文件格式；可用 --format 指定：%(known)s。") % {"known": "、".join(FORMATS)}
    )
