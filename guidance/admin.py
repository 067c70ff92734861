"""The editors' side of guidance: ordering, status and review filters, a Markdown preview
and the change history (with revert) of every item.

Only guidance models are registered by this app. Journal models are never in the admin:
editors must not see anyone's health data.
"""

import datetime as dt

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from guidance.markdown import render_markdown
from guidance.models import (
    Advice,
    Cause,
    ChecklistItem,
    Condition,
    EscalationCriterion,
    Faq,
    PlanStep,
    Treatment,
)

#: Markdown longer than this is not previewed (the body field has no limit of its own).
PREVIEW_MAX_LENGTH = 50_000
REVIEW_SOON_DAYS = 30


class ReviewDueFilter(admin.SimpleListFilter):
    """Filter items by when their next review is due, counted from today."""

    title = _("review due")
    parameter_name = "review_due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("soon", _("Due in the next 30 days")),
            ("later", _("Later")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = today + dt.timedelta(days=REVIEW_SOON_DAYS)
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "soon":
            return queryset.filter(next_review_due__gte=today, next_review_due__lte=soon)
        if self.value() == "later":
            return queryset.filter(next_review_due__gt=soon)
        return queryset


class GuidanceAdmin(SimpleHistoryAdmin):
    """What every guidance model's admin shares.

    The change page shows the stored, sanitised HTML and a live preview that asks
    ``preview_view`` to render the Markdown as it is typed (``js/markdown_preview.js``; no
    inline script, so it works under the site's CSP).
    """

    list_display = ["title", "status", "order", "last_reviewed", "next_review_due"]
    list_display_links = ["title"]
    list_editable = ["order"]
    list_filter = ["status", ReviewDueFilter]
    search_fields = ["title", "slug", "summary", "body"]
    ordering = ["order", "title"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["body_preview"]
    #: Fields shown between the content and publishing fieldsets, per model.
    specific_fields: tuple[str, ...] = ()
    specific_title = _("Details")
    #: Markdown fields that get a live preview, and the read-only field that shows it.
    markdown_fields = {"body": "body_preview"}

    class Media:
        js = ["js/markdown_preview.js"]
        css = {"all": ["css/admin_preview.css"]}

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["title", "slug", "summary", "body", "body_preview"]}),
        ]
        if self.specific_fields:
            fieldsets.append((self.specific_title, {"fields": list(self.specific_fields)}))
        fieldsets.append(
            (
                _("Publishing and review"),
                {"fields": ["status", "order", "last_reviewed", "next_review_due"]},
            )
        )
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.markdown_fields:
            field.widget.attrs.update(
                {
                    "data-markdown-preview": self.markdown_fields[db_field.name],
                    "data-preview-url": reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_preview"
                    ),
                }
            )
        return field

    @admin.display(description=_("preview"))
    def body_preview(self, obj) -> str:
        return self._preview_box("body_preview", obj.body_html if obj else "")

    def _preview_box(self, name: str, html: str) -> str:
        # ``html`` is the stored body_html, already sanitised by render_markdown on save.
        return format_html(
            '<div class="markdown-preview-wrap">'
            '<div class="markdown-preview" id="preview-{}" aria-live="polite">{}</div>'
            '<p class="markdown-preview__help">What readers see. It updates as you type; '
            "unsafe HTML is removed.</p></div>",
            name,
            mark_safe(html),  # noqa: S308 - sanitised by nh3 when saved
        )

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        return [
            path("preview/", self.admin_site.admin_view(self.preview_view), name=name),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """Render the posted ``text`` as the site will: ``{"html": <sanitised HTML>}``.

        Staff only (admin_view) and only for those who may add or change this model.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        text = request.POST.get("text", "")
        if len(text) > PREVIEW_MAX_LENGTH:
            return JsonResponse(
                {"error": f"Too long to preview ({PREVIEW_MAX_LENGTH} characters at most)."},
                status=400,
            )
        return JsonResponse({"html": render_markdown(text)})


@admin.register(Cause)
class CauseAdmin(GuidanceAdmin):
    list_display = [*GuidanceAdmin.list_display, "trigger"]
    specific_fields = ("trigger",)
    specific_title = _("Journal")


@admin.register(Condition)
class ConditionAdmin(GuidanceAdmin):
    list_display = [*GuidanceAdmin.list_display, "specialist"]
    readonly_fields = ["body_preview", "differs_preview"]
    specific_fields = ("differs_from_twitch", "differs_preview", "specialist")
    specific_title = _("How it differs, and who to see")
    markdown_fields = {"body": "body_preview", "differs_from_twitch": "differs_preview"}

    @admin.display(description=_("preview"))
    def differs_preview(self, obj) -> str:
        return self._preview_box("differs_preview", obj.differs_from_twitch_html if obj else "")


@admin.register(Advice)
class AdviceAdmin(GuidanceAdmin):
    list_display = [*GuidanceAdmin.list_display, "kind"]
    list_filter = ["kind", *GuidanceAdmin.list_filter]
    ordering = ["kind", "order", "title"]
    specific_fields = ("kind",)


@admin.register(Faq)
class FaqAdmin(GuidanceAdmin):
    pass


@admin.register(PlanStep)
class PlanStepAdmin(GuidanceAdmin):
    list_display = ["title", "week", "status", "order", "last_reviewed", "next_review_due"]
    ordering = ["week"]
    specific_fields = ("week", "focus_factors")
    specific_title = _("Week")


@admin.register(Treatment)
class TreatmentAdmin(GuidanceAdmin):
    list_display = [*GuidanceAdmin.list_display, "first_line"]
    list_filter = ["first_line", *GuidanceAdmin.list_filter]
    specific_fields = ("first_line",)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(GuidanceAdmin):
    pass


@admin.register(EscalationCriterion)
class EscalationCriterionAdmin(GuidanceAdmin):
    """Criteria are the editable half of the triage rules.

    The code ties a criterion to its rule in code, so it is fixed once saved, and criteria
    cannot be deleted here: a missing criterion would silently switch its rule off.
    """

    list_display = [
        "title",
        "code",
        "level",
        "weight",
        "status",
        "order",
        "last_reviewed",
        "next_review_due",
    ]
    list_filter = ["level", *GuidanceAdmin.list_filter]
    search_fields = [*GuidanceAdmin.search_fields, "code"]
    specific_fields = ("code", "level", "level_after_hours", "weight", "specialist", "learn_more")
    specific_title = _("Rule")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        thresholds = (
            _("Thresholds"),
            {
                "fields": ["threshold_hours", "threshold_days", "threshold_count"],
                "description": _(
                    "Leave empty the thresholds a rule does not use. Stroke signs: hours. "
                    "Persistent: days. Spreading: count of face areas. Worsening: days and "
                    "count of episodes."
                ),
            },
        )
        return [*fieldsets[:2], thresholds, *fieldsets[2:]]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "code"] if obj is not None else readonly

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
