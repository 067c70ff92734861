"""Writes to guidance that have rules beyond one form: clinical governance of the criteria.

A change to an escalation criterion's level, weight or thresholds is a proposal until a
second editor with the "approve criteria" permission approves it (SPEC, "Clinical
governance"; DCB0129 asks that changes to decision logic are reviewed and recorded). The
criterion row always holds the approved values, which triage reads.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import (
    APPROVE_PERMISSION,
    GOVERNED_FIELDS,
    CriterionChange,
    EscalationCriterion,
)


def governed_changes(criterion: EscalationCriterion, values: dict[str, Any]) -> dict:
    """``{field: [stored value, value in values]}`` for each governed field that differs.

    ``criterion`` is read as stored in the database, not as an unsaved form left it.
    """
    stored = EscalationCriterion.objects.filter(pk=criterion.pk).values(*GOVERNED_FIELDS).get()
    return {
        field: [stored[field], values[field]]
        for field in GOVERNED_FIELDS
        if field in values and _same(values[field]) != _same(stored[field])
    }


def _same(value):
    # A blank choice and an empty number both mean "not set".
    return None if value in ("", None) else value


def criterion_change_propose(
    *, criterion: EscalationCriterion, values: dict[str, Any], reason: str, user
) -> CriterionChange | None:
    """Record a proposal to change ``criterion``'s governed fields to ``values``.

    Returns None when nothing governed changes. The criterion itself is not changed.
    Raises ValidationError when the reason is empty or the proposed values are not valid
    for a criterion (checked as the approved row would be).
    """
    changes = governed_changes(criterion, values)
    if not changes:
        return None
    if not reason.strip():
        raise ValidationError(
            _("Say why this change is needed: a second clinician reads it before approving."),
            code="reason_required",
        )
    trial = EscalationCriterion.objects.get(pk=criterion.pk)
    for field, (_before, after) in changes.items():
        setattr(trial, field, after)
    trial.full_clean()
    return CriterionChange.objects.create(
        criterion=criterion, changes=changes, reason=reason.strip(), proposed_by=user
    )


def _decide(change: CriterionChange, user, status: str, note: str) -> CriterionChange:
    if not user.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("Only clinical approvers can approve or reject changes."))
    if change.proposed_by_id == user.pk:
        raise PermissionDenied(
            _("You proposed this change: a second clinician must approve or reject it.")
        )
    if change.status != CriterionChange.Status.PROPOSED:
        raise ValidationError(_("This change was already decided."), code="decided")
    change.status = status
    change.decided_by = user
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    change.save()
    return change


@transaction.atomic
def criterion_change_approve(*, change: CriterionChange, user, note: str = "") -> CriterionChange:
    """Apply ``change`` to its criterion, as approved by ``user``.

    ``user`` must hold the "approve criteria" permission and must not be the author
    (PermissionDenied otherwise). Refused (ValidationError) when the change is already
    decided, or when the criterion no longer holds the values the proposal started from
    (another approved change came first: propose again from the current values).
    """
    change = CriterionChange.objects.select_for_update().get(pk=change.pk)
    criterion = EscalationCriterion.objects.select_for_update().get(pk=change.criterion_id)
    for field, (before, _after) in change.changes.items():
        if _same(getattr(criterion, field)) != _same(before):
            raise ValidationError(
                _(
                    "The criterion has changed since this was proposed. Reject it, and "
                    "propose again from the current values."
                ),
                code="stale",
            )
    _decide(change, user, CriterionChange.Status.APPROVED, note)
    for field, (_before, after) in change.changes.items():
        setattr(criterion, field, "" if after is None and field == "level_after_hours" else after)
    criterion.full_clean()
    criterion._change_reason = f"Approved change {change.pk}: {change.reason}"[:100]
    criterion.save()
    return change


@transaction.atomic
def criterion_change_reject(*, change: CriterionChange, user, note: str = "") -> CriterionChange:
    """Reject ``change``; the criterion keeps its values. Same rules on who as approving."""
    change = CriterionChange.objects.select_for_update().get(pk=change.pk)
    return _decide(change, user, CriterionChange.Status.REJECTED, note)
