"""The editors' side of guidance: ordering, status and review filters, a Markdown preview
and the change history (with revert) of every item.

Only guidance models are registered by this app. Journal models are never in the admin:
editors must not see anyone's health data.
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from guidance.markdown import render_markdown
from guidance.models import (
    APPROVE_PERMISSION,
    GOVERNED_FIELDS,
    Advice,
    Cause,
    ChecklistItem,
    Condition,
    CriterionChange,
    EscalationCriterion,
    Faq,
    PlanStep,
    Treatment,
)
from guidance.services import (
    criterion_change_approve,
    criterion_change_propose,
    criterion_change_reject,
)

#: Markdown longer than this is not previewed (the body field has no limit of its own).
PREVIEW_MAX_LENGTH = 50_000
REVIEW_SOON_DAYS = 30

#: Help for the fields every item has, written for the clinicians and writers who edit.
FIELD_HELP = {
    "title": _(
        'What a worried reader would ask or look for, in their words: "Is my eye twitch '
        'serious?", not "Myokymia: prognosis". Search weighs the title most.'
    ),
    "slug": _(
        "The end of the page's web address. Changing it breaks links to the old address, "
        "so leave it once published."
    ),
    "summary": _(
        "The answer first, in one or two short sentences. Shown under the title, in search "
        "results and in lists."
    ),
    "body": _(
        "Plain words for a reader of about 11 (Flesch-Kincaid grade 9 or lower; the tests "
        'check). Short sentences; explain a medical word the first time, e.g. "blepharospasm '
        '(both eyes closing on their own)". Facts only from the source article or a named '
        "guideline. Never stronger than the safety wording: a face that newly droops is an "
        "emergency. Markdown: **bold**, - lists, [words](/guidance/faq/)."
    ),
    "status": _(
        "Drafts are never shown to the public or found by search. Published items show at once."
    ),
    "order": _("Lower numbers come first on the page. Items with the same number go by title."),
    "last_reviewed": _(
        "The day a clinician last checked this against the evidence. Shown on the page."
    ),
    "next_review_due": _(
        "When a clinician should check it again, usually a year on. Shown on the page; "
        'the "review due" filter lists overdue items.'
    ),
}


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

    # Fits 1280 px beside the admin's menu and filters: "last reviewed" is on each item's
    # page; the list shows what is due.
    list_display = ["title", "status", "order", "next_review_due"]
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
    #: Help that differs from FIELD_HELP for this model's fields.
    field_help: dict = {}
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
        help_texts = {**FIELD_HELP, **self.field_help}
        if field is not None and db_field.name in help_texts:
            field.help_text = help_texts[db_field.name]
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
    specific_fields = ("trigger", "related_conditions")
    specific_title = _("Journal and related pages")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "related_conditions":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


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
    list_display = ["title", "week", "status", "order", "next_review_due"]
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


class EscalationCriterionForm(forms.ModelForm):
    """The criterion form, with the reason a change to the level, weight or thresholds needs."""

    change_reason = forms.CharField(
        label=_("Reason for changing the level, weight or thresholds"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed only when you change the level, weight or a threshold. Such a change is "
            "saved as a proposal: triage keeps the current values until a second clinician "
            "approves it. Say why, and on what evidence; the public change log shows it."
        ),
    )

    class Meta:
        model = EscalationCriterion
        # The admin's fieldsets decide the fields shown; these are all the editable ones.
        fields = [
            "title", "slug", "summary", "body", "code", "level", "level_after_hours",
            "weight", "threshold_hours", "threshold_days", "threshold_count", "specialist",
            "learn_more", "status", "order", "last_reviewed", "next_review_due",
        ]  # fmt: skip

    def governed_changed(self) -> list[str]:
        """The governed fields this form changes on an existing criterion."""
        if self.instance.pk is None:
            return []
        return [name for name in GOVERNED_FIELDS if name in self.changed_data]

    def clean(self):
        cleaned = super().clean()
        if self.governed_changed() and not cleaned.get("change_reason", "").strip():
            self.add_error(
                "change_reason",
                ValidationError(
                    _("Say why you are changing the level, weight or thresholds."),
                    code="reason_required",
                ),
            )
        return cleaned


@admin.register(EscalationCriterion)
class EscalationCriterionAdmin(GuidanceAdmin):
    """Criteria are the editable half of the triage rules.

    The code ties a criterion to its rule in code, so it is fixed once saved, and criteria
    cannot be deleted here: a missing criterion would silently switch its rule off. A
    change to the level, weight or thresholds of a saved criterion becomes a proposal
    (``CriterionChange``) that a second clinician approves; the words change at once.
    """

    form = EscalationCriterionForm
    field_help = {
        "summary": _(
            "The message a person sees on their own triage page when this rule matches their "
            'journal, written to them ("You noted slurred speech..."). Never shown on public '
            "pages or in search: put the public explanation in the body."
        ),
        "level": _(
            "The level a match raises the person's answer to. A change needs a second "
            "clinician's approval."
        ),
        "weight": _(
            "How much a match adds to the 0-100 score. A change needs a second clinician's "
            "approval."
        ),
    }
    list_display = [
        "title",
        "code",
        "level",
        "weight",
        "status",
        "order",
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
                    "Leave empty the thresholds a rule does not use. Stroke signs and facial "
                    "weakness: hours. Persistent: days. Spreading: count of face areas. "
                    "Worsening: days and count of episodes."
                ),
            },
        )
        governance = (
            _("Clinical approval"),
            {
                "fields": (["pending_changes"] if obj else []) + ["change_reason"],
                "description": _(
                    "A change to the level, weight or thresholds waits for a second "
                    "clinician with the approve-criteria permission. Until then, people's "
                    "answers use the values shown above as they were."
                ),
            },
        )
        return [*fieldsets[:2], thresholds, governance, *fieldsets[2:]]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "pending_changes"]
        return [*readonly, "code"] if obj is not None else readonly

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("waiting for approval"))
    def pending_changes(self, obj) -> str:
        pending = (
            [
                change.summary
                for change in obj.changes.filter(status=CriterionChange.Status.PROPOSED)
            ]
            if obj and obj.pk
            else []
        )
        return "; ".join(pending) or _("Nothing")

    def save_model(self, request, obj, form, change):
        governed = form.governed_changed() if change else []
        if not governed:
            super().save_model(request, obj, form, change)
            return
        proposed = {name: form.cleaned_data[name] for name in governed}
        stored = EscalationCriterion.objects.filter(pk=obj.pk).values(*GOVERNED_FIELDS).get()
        for name in GOVERNED_FIELDS:  # the live row keeps the approved values
            setattr(obj, name, stored[name])
        super().save_model(request, obj, form, change)
        proposal = criterion_change_propose(
            criterion=obj,
            values=proposed,
            reason=form.cleaned_data["change_reason"],
            user=request.user,
        )
        if proposal:
            self.message_user(
                request,
                _(
                    "Your change (%(summary)s) is saved as a proposal. Triage keeps the "
                    "current values until a second clinician approves it."
                )
                % {"summary": proposal.summary},
                messages.WARNING,
            )


@admin.register(CriterionChange)
class CriterionChangeAdmin(admin.ModelAdmin):
    """Proposed changes to criteria: approved or rejected by a second clinician.

    Records are never edited or deleted here; they are made from a criterion's page and
    decided with the actions, which check the approve permission and that the approver is
    not the author (``guidance.services``).
    """

    list_display = [
        "criterion",
        "summary",
        "status",
        "proposed_by",
        "proposed_at",
        "decided_by",
    ]
    list_display_links = ["summary"]
    list_filter = ["status"]
    list_select_related = ["criterion", "proposed_by", "decided_by"]
    readonly_fields = [
        "criterion",
        "summary",
        "reason",
        "status",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    fields = readonly_fields
    actions = ["approve", "reject"]

    @admin.display(description=_("change"))
    def summary(self, obj) -> str:
        return obj.summary

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_approve_permission(self, request) -> bool:
        return request.user.has_perm(APPROVE_PERMISSION)

    def _decide(self, request, queryset, decide, done: str) -> None:
        for change in queryset:
            try:
                decide(change=change, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                text = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{change}: {text}", messages.ERROR)
            else:
                self.message_user(request, f"{done}: {change}", messages.SUCCESS)

    @admin.action(description=_("Approve the selected changes"), permissions=["approve"])
    def approve(self, request, queryset):
        self._decide(request, queryset, criterion_change_approve, _("Approved and in use"))

    @admin.action(description=_("Reject the selected changes"), permissions=["approve"])
    def reject(self, request, queryset):
        self._decide(request, queryset, criterion_change_reject, _("Rejected"))
