"""List filters over relations too long to list: an archive of 100,000 articles names tens of
thousands of authors, sources and files. The editor types a name and the admin's own
autocomplete (the endpoint behind the form's source field) offers the matches."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _


class AutocompleteListFilter(admin.SimpleListFilter):
    """Articles related through `field_path` (`source`, `credits__author`) to the one chosen."""

    template = "admin/articles/autocomplete_filter.html"
    field_path = ""

    def __init__(self, request, params, model, model_admin):
        self.model = model
        self.admin_site = model_admin.admin_site
        self.field = _final_field(model, self.field_path)
        self.title = self.field.verbose_name
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():  # a hand-typed `?author=王耀`: the admin says so
            raise IncorrectLookupParameters(self.parameter_name)
        if "__" not in self.field_path:
            return queryset.filter(**{f"{self.field_path}__pk": self.value()})
        # through a list of credits: one row per article however often it names the author
        relation, rest = self.field_path.split("__", 1)
        through = self.model._meta.get_field(relation).related_model
        link = self.model._meta.get_field(relation).field.name
        matching = through.objects.filter(**{link: OuterRef("pk"), f"{rest}__pk": self.value()})
        return queryset.filter(Exists(matching))

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("全部"),
        }

    def widget(self):
        """The autocomplete box, showing the chosen value's name."""
        remote = self.field.remote_field.model
        choice = forms.ModelChoiceField(
            queryset=remote._default_manager.all(),
            widget=AutocompleteSelect(self.field, self.admin_site),
            required=False,
        )
        return choice.widget.render(
            self.parameter_name,
            self.value(),
            attrs={"id": f"filter-{self.parameter_name}", "aria-label": str(self.title)},
        )


def _final_field(model, path):
    """`credits__author` from `Article` → `ArticleAuthor.author`."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def autocomplete_media(model_admin):
    """What the autocomplete boxes need on the list page: select2, the admin's autocomplete and
    the script that filters the list on a choice."""
    box = AutocompleteSelect(model_admin.model._meta.get_field("source"), model_admin.admin_site)
    after_select2 = ["admin/js/autocomplete.js", "articles/admin/autocomplete_filter.js"]
    return box.media + forms.Media(js=after_select2)


class SourceFilter(AutocompleteListFilter):
    parameter_name = "source"
    field_path = "source"


class ViaFilter(AutocompleteListFilter):
    parameter_name = "via"
    field_path = "via"


class AuthorFilter(AutocompleteListFilter):
    parameter_name = "author"
    field_path = "credits__author"


class TagFilter(AutocompleteListFilter):
    parameter_name = "tag"
    field_path = "tags"


class ImportedFileFilter(AutocompleteListFilter):
    parameter_name = "imported_file"
    field_path = "imported_file"
