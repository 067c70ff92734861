"""Guidance content that staff edit in the admin: explainers and the escalation criteria.

Every item is Markdown written by an editor; the sanitised HTML is rendered once when the
item is saved, never on a reader's request.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guidance.markdown import render_markdown
from twitchcare.vocabulary import DAILY_FACTORS, Level, Specialist, Trigger

#: Daily log fields a plan week may focus on.
FOCUS_FACTORS = tuple(DAILY_FACTORS)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


#: The levels a criterion can raise a result to (never "no entries yet").
CRITERION_LEVEL_CHOICES = [c for c in Level.choices if c[0] != Level.NO_DATA]


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def search(self, query: str):
        """Published items whose title, summary or body contains ``query`` (any case)."""
        return self.published().filter(
            models.Q(title__icontains=query)
            | models.Q(summary__icontains=query)
            | models.Q(body__icontains=query)
        )


class GuidanceItem(models.Model):
    """Fields every piece of guidance shares."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One or two plain sentences.")
    )
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    order = models.PositiveIntegerField(_("display order"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    last_reviewed = models.DateField(_("page last reviewed"), default=timezone.localdate)
    next_review_due = models.DateField(_("next review due"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due < self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must come after the last one.")},
                code="review_order",
            )

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class Cause(GuidanceItem):
    """A common cause of twitching, and the journal trigger it corresponds to."""

    trigger = models.CharField(
        _("journal trigger"),
        max_length=20,
        choices=Trigger.choices,
        blank=True,
        help_text=_("The trigger a person logs for this cause, if any."),
    )
    related_conditions = models.ManyToManyField(
        "Condition",
        blank=True,
        related_name="related_causes",
        verbose_name=_("related conditions"),
        help_text=_(
            "Conditions this cause can really set off or be mistaken for; they are linked "
            "from this page, and this cause from theirs. Leave empty when none are: a "
            "reader of an everyday cause should not be sent to a serious illness."
        ),
    )

    class Meta(GuidanceItem.Meta):
        verbose_name = _("cause")
        verbose_name_plural = _("causes")

    def get_absolute_url(self) -> str:
        return reverse("guidance:cause", args=[self.slug])

    @property
    def log_trigger_url(self) -> str:
        """The journal's new-episode form with this cause's trigger ticked; "" if none."""
        if not self.trigger:
            return ""
        return reverse("journal:episode_create") + "?" + urlencode({"trigger": self.trigger})


class Condition(GuidanceItem):
    """A medical condition linked to persistent twitching."""

    differs_from_twitch = models.TextField(
        _("how it differs from an ordinary twitch (Markdown)"), blank=True
    )
    differs_from_twitch_html = models.TextField(editable=False, blank=True)
    specialist = models.CharField(
        _("who to see"), max_length=20, choices=Specialist.choices, default=Specialist.GP
    )

    class Meta(GuidanceItem.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def save(self, *args, **kwargs):
        self.differs_from_twitch_html = render_markdown(self.differs_from_twitch)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guidance:condition", args=[self.slug])


class Advice(GuidanceItem):
    """One line of the do's and don'ts."""

    class Kind(models.TextChoices):
        DO = "do", _("Do")
        DONT = "dont", _("Don't")

    kind = models.CharField(_("do or don't"), max_length=4, choices=Kind.choices)

    class Meta(GuidanceItem.Meta):
        verbose_name = _("do or don't")
        verbose_name_plural = _("do's and don'ts")
        ordering = ["kind", "order", "title"]

    def get_absolute_url(self) -> str:
        return reverse("guidance:advice") + f"#{self.slug}"


class Faq(GuidanceItem):
    """A common question (the title) and its answer (the body)."""

    class Meta(GuidanceItem.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def get_absolute_url(self) -> str:
        return reverse("guidance:faq") + f"#{self.slug}"


class PlanStep(GuidanceItem):
    """One week of the five-week plan."""

    week = models.PositiveSmallIntegerField(
        _("week"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    focus_factors = models.JSONField(
        _("daily factors this week looks at"),
        default=list,
        blank=True,
        help_text=_('Daily log fields, e.g. ["caffeine_servings", "sleep_hours"].'),
    )

    class Meta(GuidanceItem.Meta):
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["week"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(week__gte=1, week__lte=5), name="planstep_week_range"
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("guidance:plan") + f"#week-{self.week}"

    def clean(self) -> None:
        super().clean()
        if self.focus_factors in (None, ""):
            self.focus_factors = []  # An emptied admin field means "no factors".
        unknown = (
            [f for f in self.focus_factors if f not in FOCUS_FACTORS]
            if isinstance(self.focus_factors, list)
            else [self.focus_factors]
        )
        if unknown:
            raise ValidationError(
                {
                    "focus_factors": _(
                        "Use a list of daily log fields from: %(known)s. Not known: %(unknown)s."
                    )
                    % {"known": ", ".join(FOCUS_FACTORS), "unknown": ", ".join(map(str, unknown))}
                },
                code="unknown_factor",
            )

    @property
    def focus_factor_labels(self) -> list[str]:
        """The plain names of this week's daily factors, as the daily log form shows them."""
        return [str(DAILY_FACTORS[name]) for name in self.focus_factors if name in FOCUS_FACTORS]


class Treatment(GuidanceItem):
    """A clinical treatment for chronic or severe cases."""

    first_line = models.BooleanField(
        _("first-line"), default=False, help_text=_("Tried before the other options.")
    )

    class Meta(GuidanceItem.Meta):
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")

    def get_absolute_url(self) -> str:
        return reverse("guidance:treatments") + f"#{self.slug}"


class ChecklistItem(GuidanceItem):
    """One thing a person can do today; ticked in their daily log by slug."""

    class Meta(GuidanceItem.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def get_absolute_url(self) -> str:
        return reverse("guidance:checklist") + f"#{self.slug}"


class CriterionCode(models.TextChoices):
    """The rules the triage code knows. A criterion with any other code is refused."""

    STROKE_SIGNS = "stroke_signs", _("Signs of a possible stroke")
    FACIAL_WEAKNESS = "facial_weakness", _("Facial weakness or drooping")
    PERSISTENT = "persistent", _("Twitching that lasts for weeks")
    SPREADING = "spreading", _("Twitching that spreads across one side")
    BILATERAL = "bilateral", _("Twitching on both sides")
    FORCED_CLOSURE = "forced_closure", _("Eye forced shut")
    EYE_INFLAMMATION = "eye_inflammation", _("Redness or swelling")
    NEURO_SIGNS = "neuro_signs", _("Numbness, vision or balance changes")
    PAIN = "pain", _("Pain")
    WORSENING = "worsening", _("Getting worse quickly")


class EscalationCriterion(GuidanceItem):
    """The editable half of a triage rule: its words, level, weight and thresholds.

    The rule's logic lives in ``journal.triage``, keyed by ``code``. Thresholds a rule does
    not use stay empty.
    """

    code = models.CharField(
        _("rule"),
        max_length=30,
        choices=CriterionCode.choices,
        unique=True,
        error_messages={
            "invalid_choice": _("There is no triage rule with the code %(value)s."),
        },
    )
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=CRITERION_LEVEL_CHOICES,
        help_text=_("The level a match raises the result to."),
    )
    level_after_hours = models.CharField(
        _("level once older than the hours threshold"),
        max_length=12,
        choices=CRITERION_LEVEL_CHOICES,
        blank=True,
        help_text=_(
            "Stroke signs and facial weakness only: the level once the sign is older than the "
            "hours (for facial weakness, the first one in the 60 days)."
        ),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_("How much a match adds to the 0-100 score."),
    )
    threshold_hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    threshold_days = models.PositiveIntegerField(_("days"), null=True, blank=True)
    threshold_count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    specialist = models.CharField(
        _("who to see"), max_length=20, choices=Specialist.choices, default=Specialist.GP
    )
    learn_more = models.CharField(
        _("learn more link"),
        max_length=200,
        blank=True,
        help_text=_("A page on this site, e.g. /guidance/conditions/hemifacial-spasm/."),
    )

    class Meta(GuidanceItem.Meta):
        verbose_name = _("escalation criterion")
        verbose_name_plural = _("escalation criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__in=CriterionCode.values),
                name="criterion_code_known",
                violation_error_message=_("There is no triage rule with that code."),
            ),
            models.CheckConstraint(
                condition=models.Q(weight__lte=100), name="criterion_weight_range"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("guidance:criteria") + f"#{self.code}"

    def clean(self) -> None:
        super().clean()
        # "//host/..." is another site to a browser: only plain paths on this site.
        if self.learn_more and (
            not self.learn_more.startswith("/") or self.learn_more.startswith("//")
        ):
            raise ValidationError(
                {"learn_more": _("Use a path on this site that starts with /.")},
                code="external_link",
            )


#: The criterion fields that decide a person's level: a change to one needs a second
#: clinician's approval (SPEC, "Clinical governance"). Words, links and dates do not.
GOVERNED_FIELDS = (
    "level",
    "level_after_hours",
    "weight",
    "threshold_hours",
    "threshold_days",
    "threshold_count",
)
APPROVE_PERMISSION = "guidance.approve_criteria"


class CriterionChange(models.Model):
    """A proposed change to an escalation criterion's level, weight or thresholds.

    The criterion row keeps the approved values, the ones triage reads; a proposal
    changes it only when a second editor with the "approve criteria" permission, never its
    author, approves it (``guidance.services.criterion_change_approve``). ``changes`` maps
    each changed field to ``[value before, value proposed]``. Approved changes are the
    public change log of the "When to get help" page.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    criterion = models.ForeignKey(
        EscalationCriterion,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("criterion"),
    )
    changes = models.JSONField(
        _("changes"), help_text=_("Each field changed: [value before, value proposed].")
    )
    reason = models.TextField(
        _("reason"),
        help_text=_(
            "Why the change is safe and needed, with the evidence (guideline, audit, "
            "incident). Shown on the public change log once approved."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("approved or rejected by"),
    )
    decided_at = models.DateTimeField(_("approved or rejected at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        verbose_name = _("criterion change")
        verbose_name_plural = _("criterion changes")
        ordering = ["-proposed_at"]
        permissions = [("approve_criteria", _("Can approve changes to escalation criteria"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("proposed_by")),
                name="criterionchange_second_person",
                violation_error_message=_("The author of a change cannot approve it."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="proposed")
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="criterionchange_decision_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.title}: {self.summary}"

    @property
    def summary(self) -> str:
        """The change in words, e.g. "days: 21 → 28; weight: 20 → 30"."""
        names = {
            name: str(EscalationCriterion._meta.get_field(name).verbose_name)
            for name in GOVERNED_FIELDS
        }
        return "; ".join(
            f"{names.get(field, field)}: {_shown(field, before)} → {_shown(field, after)}"
            for field, (before, after) in self.changes.items()
        )


def _shown(field: str, value) -> str:
    """A governed value as a reader would say it."""
    if value in (None, ""):
        return str(_("not set"))
    if field in ("level", "level_after_hours"):
        return str(dict(CRITERION_LEVEL_CHOICES).get(value, value))
    return str(value)
