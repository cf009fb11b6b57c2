"""What the admin pages share: actions asking one more question, merges, form field defaults."""

from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from ..forms import MergeTargetForm
from ..models import Article
from ..services.revisions import record_revision_if_changed

# Addresses typed without a scheme are https (Django 6's default, chosen now).
URL_FIELD_OVERRIDES = {
    models.URLField: {"widget": widgets.AdminURLFieldWidget, "assume_scheme": "https"}
}


class FormActionMixin:
    """Bulk actions that ask one more question on an intermediate page before they act."""

    def run_form_action(
        self,
        request,
        queryset,
        *,
        form_class,
        title,
        apply,
        form_kwargs=None,
        template="admin/articles/action_form.html",
    ):
        form_kwargs = form_kwargs or {}
        if "apply" in request.POST:
            form = form_class(request.POST, **form_kwargs)
            if form.is_valid():
                self.message_user(request, apply(queryset, form.cleaned_data), messages.SUCCESS)
                return None
        else:
            form = form_class(**form_kwargs)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, template, context)


class MergeActionMixin(FormActionMixin):
    """“Merge the selected rows into another one”, guarded by a `merge_<model>` permission."""

    merge_service = None
    merge_permission = ""
    # The article field naming the merged rows, so each touched article keeps a revision.
    merged_article_lookups = ()

    def has_merge_permission(self, request):
        return request.user.has_perm(self.merge_permission)

    @admin.action(description=_("合并到另一项…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        def apply(selected, data):
            target = data["target"]
            touched_ids = {
                pk
                for lookup in self.merged_article_lookups
                for pk in Article.objects.filter(**{lookup: selected}).values_list("pk", flat=True)
            }
            count = type(self).merge_service(list(selected), target)
            for article in Article.objects.filter(pk__in=touched_ids):
                record_revision_if_changed(article, request.user, note=_("合并"))
            return _("已合并到“%(target)s”，共移动 %(count)d 处引用。") % {
                "target": target,
                "count": count,
            }

        return self.run_form_action(
            request,
            queryset,
            form_class=MergeTargetForm,
            form_kwargs={"model": self.model},
            title=_("合并%(model)s") % {"model": self.model._meta.verbose_name},
            apply=apply,
        )
