"""What an editor must check on an imported story: the importer's warnings."""

from django.utils.translation import gettext as _


def story_warnings(story, *, title_is_inferred=False):
    """Warnings for a parsed story: an inferred title, an unknown date, no source."""
    warnings = list(story.warnings)
    if title_is_inferred:
        warnings.append(_("标题是从正文推断的，请核对。"))
    if story.reported_at is None:
        warnings.append(_("原稿日期不详。"))
    if story.source is None:
        warnings.append(_("来源不详。"))
    return tuple(dict.fromkeys(warnings))
