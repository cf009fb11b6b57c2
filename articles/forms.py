"""Forms of the editors' admin: the article form, bulk-action forms, merges, uploads."""

from datetime import timedelta

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.models import Tag

from .importer.html import sanitise
from .models import Article, Source
from .services.tagging import normalise_tag, parse_tags

TAG_SEPARATOR_HELP = _("多个标签用“，”“、”“；”或换行分隔。")


def https_url_fields(db_field, **kwargs):
    """Form fields for model fields, addresses typed without a scheme taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def version_of(article):
    """The version an editor opens: the article's last save, to the microsecond."""
    return article.updated_at.isoformat() if article.updated_at else ""


# What the body editor offers (django-prose-editor, ProseMirror; its assets ship in the
# package): what a news story needs, nothing for styling it. What it writes is cleaned on
# save by the importer's allow-list (`clean_body`), which holds every tag named here.
BODY_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
    "HTML": True,
}


class ArticleAdminForm(forms.ModelForm):
    """The article form; `can_publish` is set per request by the admin."""

    can_publish = False
    body = ProseEditorFormField(
        label=_("正文"),
        required=False,
        config={"extensions": BODY_EXTENSIONS},
        sanitize=False,  # `clean_body` does, with the importer's allow-list
        widget=AdminProseEditorWidget,
        help_text=_("段落、小标题、加粗、斜体、链接、列表、引用，图片和图说；保存时清洗。"),
    )
    # The version the editor opened: saving over a newer one is refused (`edit_conflict`).
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Its latest revision then, from which the others' changes are shown.
    loaded_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        formfield_callback = https_url_fields
        fields = [
            "kicker", "title", "subtitle", "lead", "body",
            "source", "via", "original_url", "section", "dateline",
            "reported_at", "date_precision", "tags",
            "status", "published_at", "slug", "warnings_checked",
        ]  # fmt: skip
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            self.fields["tags"].help_text = TAG_SEPARATOR_HELP
        if "status" in self.fields and not self.can_publish:
            self.fields["status"].widget.choices = self._statuses_without_publishing()
        self.fields["loaded_version"].initial = version_of(self.instance)
        if self.instance.pk:
            latest = self.instance.revisions.order_by("-created_at", "-id").first()
            self.fields["loaded_revision"].initial = latest.pk if latest else None
        self.conflict_since = None

    def _statuses_without_publishing(self):
        """An editor is offered no status that would publish or unpublish the article."""
        published = Article.Status.PUBLISHED
        if self.instance.pk and self.instance.status == published:
            return [(published, published.label)]
        return [(value, label) for value, label in Article.Status.choices if value != published]

    def _refuse_a_save_over_a_newer_version(self, loaded, loaded_revision):
        """Someone saved the article after this editor opened it: nothing is overwritten.

        The form comes back carrying the newer version, so saving it again, once the
        editor has seen what changed (`conflict_since`: the revision they had, or 0), is a
        decision, not an accident.
        """
        current = version_of(self.instance)
        if not (self.instance.pk and loaded) or loaded == current:
            return
        self.conflict_since = loaded_revision or 0
        latest = self.instance.revisions.order_by("-created_at", "-id").first()
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current
        self.data[self.add_prefix("loaded_revision")] = latest.pk if latest else ""
        raise ValidationError(
            _(
                "您打开本稿之后，别人保存了新的版本。您的修改还没有保存：请看下面对方改了什么，"
                "把您的修改与之合并后再保存；再次保存即以您的版本为准。"
            ),
            code="edit_conflict",
        )

    def clean_body(self):
        """Editors' HTML goes through the same allow-list as imported HTML.

        Browsers send text areas with CRLF line ends; kept as LF, an untouched body stays
        equal to what the importer wrote, so a re-import still counts it as unedited.
        """
        return sanitise(self.cleaned_data["body"].replace("\r\n", "\n"))

    def clean_lead(self):
        return self.cleaned_data["lead"].replace("\r\n", "\n")

    @property
    def was_published(self):
        """Whether the article was published before this submit (a new one never was)."""
        return self.instance.pk is not None and self.instance.status == Article.Status.PUBLISHED

    def clean_status(self):
        status = self.cleaned_data["status"]
        is_published = status == Article.Status.PUBLISHED
        if self.was_published != is_published and not self.can_publish:
            raise ValidationError(_("只有主编可以发布或撤回文章。"), code="publish_forbidden")
        return status

    def clean(self):
        """Publishing needs the import warnings checked; with no time given it publishes now.

        Left to the model, an empty time would fail the `published_article_has_time`
        constraint at validation, and the browser would drop the files chosen in the form.
        """
        cleaned = super().clean()
        self._refuse_a_save_over_a_newer_version(
            cleaned.get("loaded_version"), cleaned.get("loaded_revision")
        )
        publishing = cleaned.get("status") == Article.Status.PUBLISHED and not self.was_published
        if publishing and self.instance.warnings and not cleaned.get("warnings_checked"):
            self.add_error(
                "status",
                ValidationError(
                    _(
                        "本稿有 %(count)d 条导入提示尚未核对：对照原稿核对、勾选“提示已核对”后再发布。"
                    ),
                    code="warnings_unchecked",
                    params={"count": len(self.instance.warnings)},
                ),
            )
        if cleaned.get("status") == Article.Status.PUBLISHED:
            if "published_at" in self.fields and not cleaned.get("published_at"):
                cleaned["published_at"] = timezone.now()
            elif "published_at" not in self.fields and self.instance.published_at is None:
                self.instance.published_at = timezone.now()
        return cleaned


class CheckWarningsForm(forms.Form):
    """A chief editor says, for the record, that the listed import warnings were checked."""

    checked = forms.BooleanField(
        label=_("我已对照原稿核对以上导入提示"),
        error_messages={"required": _("请先核对导入提示并勾选此项。")},
    )


class PinForm(forms.Form):
    """Until when the selected articles stay pinned; the pin then lapses by itself."""

    until = forms.SplitDateTimeField(
        label=_("置顶至"),
        widget=AdminSplitDateTime,
        help_text=_("到这个时间，置顶自动取消。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].initial = timezone.localtime() + timedelta(days=1)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise ValidationError(_("置顶截止时间须在将来。"))
        return until


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("退回意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60, "autofocus": True}),
        help_text=_("写给作者：哪里要改。会随通知邮件发给作者。"),
    )


class TagAdminForm(forms.ModelForm):
    """Renaming a tag: the name normalised like typed tags, never a second spelling of another."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = normalise_tag(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("标签名不能为空。"))
        others = Tag.objects.exclude(pk=self.instance.pk).filter(name__iexact=name)
        if others.exists():
            raise ValidationError(
                _("已有标签“%(name)s”；要把两个标签并为一个，请用“合并到另一项”。"),
                params={"name": others.first().name},
            )
        return name


class TagNamesForm(forms.Form):
    tags = forms.CharField(
        label=_("标签"),
        help_text=TAG_SEPARATOR_HELP,
        widget=forms.TextInput(attrs={"class": "vLargeTextField", "autofocus": True}),
    )

    def clean_tags(self):
        names = parse_tags(self.cleaned_data["tags"])
        if not names:
            raise ValidationError(_("请至少填写一个标签。"))
        return names


class SetSourceForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("来源"), queryset=Source.objects.all(), required=False, empty_label=_("（无）")
    )


class MergeTargetForm(forms.Form):
    """Which row the selected ones are merged into, named as editors see it."""

    target = forms.CharField(
        label=_("合并到"),
        widget=forms.TextInput(attrs={"class": "vTextField", "autofocus": True}),
    )

    def __init__(self, *args, model, lookup="name__iexact", **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model
        self.lookup = lookup
        self.fields["target"].help_text = _("填写要保留的%(model)s的名称，它必须已经存在。") % {
            "model": model._meta.verbose_name
        }

    def clean_target(self):
        name = self.cleaned_data["target"].strip()
        match = self.model._default_manager.filter(**{self.lookup: name}).first()
        if match is None:
            raise ValidationError(
                _("没有名为“%(name)s”的%(model)s。"),
                params={"name": name, "model": self.model._meta.verbose_name},
            )
        return match


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        allow_empty_file=True,  # the importer names an empty file among the others
        label=_("稿件文件"),
        help_text=_("可多选；也可上传一个 .zip 压缩包。支持 Hexo 文章、报纸版面文本、网页文本等。"),
    )
