"""重复稿件: clusters of one report from several outlets, compared side by side; the editor
names the original (首发), tells a report apart (不是重复) or merges the others into it (合并)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from ..models import ArticleAuthor, DuplicateCluster, DuplicateMember
from ..services import duplicates
from ..services.revisions import diff, loaded_snapshot

MEMBERS = Prefetch(
    "members",
    queryset=DuplicateMember.objects.select_related("article__source", "article__via"),
)
# The comparison also shows each member's credits and diffs its tags: loaded with the members.
COMPARED_MEMBERS = Prefetch(
    "members",
    queryset=DuplicateMember.objects.select_related(
        "article__source", "article__via"
    ).prefetch_related(
        Prefetch("article__credits", queryset=ArticleAuthor.objects.select_related("author")),
        "article__tags",
    ),
)


@admin.register(DuplicateCluster)
class DuplicateClusterAdmin(admin.ModelAdmin):
    list_display = ["reports", "member_count", "original_or_proposal", "updated_at"]
    list_display_links = ["reports"]
    ordering = ["-updated_at", "-id"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_total=Count("members"))
            .prefetch_related(MEMBERS)
        )

    def has_add_permission(self, request):
        return False

    def has_merge_permission(self, request):
        return request.user.has_perm("articles.merge_duplicatecluster")

    @admin.display(description=_("稿件"))
    def reports(self, cluster):
        return " · ".join(
            f"《{member.article.title}》{member.article.source or ''}"
            for member in cluster.members.all()
        )

    @admin.display(description=_("篇数"), ordering="member_total")
    def member_count(self, cluster):
        return cluster.member_total

    @admin.display(description=_("首发"))
    def original_or_proposal(self, cluster):
        articles = [member.article for member in cluster.members.all()]
        chosen = next((a for a in articles if a.pk == cluster.original_id), None)
        if chosen is not None:
            return chosen.title
        proposal = duplicates.proposed_original(articles)
        return _("建议：%(title)s") % {"title": proposal.title} if proposal else "—"

    def get_urls(self):
        merge = self.admin_site.admin_view(self.merge_view)
        return [
            path(
                "<int:object_id>/merge/<int:article_id>/",
                merge,
                name="articles_duplicatecluster_merge",
            ),
            *super().get_urls(),
        ]

    def merge_view(self, request, object_id, article_id):
        """合并, confirmed first (主编): what will be kept, pointed, and folded in."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        cluster = get_object_or_404(DuplicateCluster, pk=object_id)
        member = get_object_or_404(
            cluster.members.filter(merged_into__isnull=True).select_related("article__source"),
            article_id=article_id,
        )
        original = member.article
        if request.method == "POST":
            count = duplicates.merge_cluster(cluster, original, request.user)
            message = _("已合并：%(count)d 篇转为指向《%(title)s》的跳转。") % {
                "count": count,
                "title": original.title,
            }
            self.message_user(request, message, messages.SUCCESS)
            return redirect(cluster.get_admin_url())
        context = {
            **self.admin_site.each_context(request),
            "title": _("确认合并"),
            "opts": self.model._meta,
            "cluster": cluster,
            "plan": duplicates.merge_plan(cluster, original),
        }
        return TemplateResponse(request, "admin/articles/duplicates/merge.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The cluster side by side, and the editor's three decisions."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        clusters = (
            self.get_queryset(request).prefetch_related(None).prefetch_related(COMPARED_MEMBERS)
        )
        cluster = get_object_or_404(clusters, pk=object_id)
        members = list(cluster.members.all())
        articles = [member.article for member in members]
        if request.method == "POST":
            return self._decide(request, cluster, {a.pk: a for a in articles})
        reference = next((a for a in articles if a.pk == cluster.original_id), None)
        proposal = reference or duplicates.proposed_original(articles)
        columns = sorted(members, key=lambda member: member.article_id != proposal.pk)
        reference_data = loaded_snapshot(proposal)
        context = {
            **self.admin_site.each_context(request),
            "title": _("重复稿件对比"),
            "opts": self.model._meta,
            "original": cluster,
            "cluster": cluster,
            "proposal": proposal,
            "confirmed": reference is not None,
            "columns": [
                (
                    member,
                    member.article,
                    member.article.credits_by_role(),
                    diff(reference_data, loaded_snapshot(member.article)),
                )
                for member in columns
            ],
            "can_change": self.has_change_permission(request, cluster),
            "can_merge": self.has_merge_permission(request),
        }
        return TemplateResponse(request, "admin/articles/duplicates/compare.html", context)

    def _decide(self, request, cluster, articles):
        """One of the three decisions, by the service; back to the cluster (or the list)."""
        if not self.has_change_permission(request, cluster):
            raise PermissionDenied
        action = request.POST.get("action")
        chosen = request.POST.get("article", "")
        article = articles.get(int(chosen)) if chosen.isdigit() else None
        if article is None or action not in {"original", "distinct", "merge"}:
            self.message_user(request, _("请选择本组中的一篇稿件和一项操作。"), messages.ERROR)
            return redirect(cluster.get_admin_url())
        values = {"title": article.title}
        if action == "original":
            duplicates.mark_original(cluster, article)
            message = _("已将《%(title)s》标为首发。") % values
        elif action == "distinct":
            if duplicates.mark_not_duplicate(cluster, article, request.user) is None:
                cluster = None
            message = _("已记住《%(title)s》不是重复稿件。") % values
        else:  # merged only once confirmed, on its own page
            if not self.has_merge_permission(request):
                raise PermissionDenied
            return redirect("admin:articles_duplicatecluster_merge", cluster.pk, article.pk)
        self.message_user(request, message, messages.SUCCESS)
        if cluster is None:  # dissolved: one article was left
            return redirect("admin:articles_duplicatecluster_changelist")
        return redirect(cluster.get_admin_url())
