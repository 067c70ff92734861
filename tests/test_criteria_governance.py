"""Clinical governance of the escalation criteria: a second clinician approves (issue 20)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from guidance.models import CriterionChange, EscalationCriterion
from guidance.services import (
    criterion_change_approve,
    criterion_change_propose,
    criterion_change_reject,
)
from tests.factories import EpisodeFactory, UserFactory
from tests.test_guidance_admin import form_data

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
CHANGE_REASON = "Audit: pain with a twitch was seen late in 3 of 40 cases."


def staff(name: str, *groups: str) -> User:
    person = User.objects.create_user(name, password="pw", is_staff=True)
    person.groups.add(*Group.objects.filter(name__in=groups))
    return person


@pytest.fixture
def author(db):
    return staff("author", "Editors")


@pytest.fixture
def approver(db):
    return staff("approver", "Editors", "Clinical approvers")


@pytest.fixture
def person(db):
    person = UserFactory()
    EpisodeFactory(user=person, symptoms=["pain"])  # pain alone: "see a doctor"
    return person


def level_of(person) -> str:
    api = APIClient()
    api.force_authenticate(person)
    return api.get(reverse("api-triage")).json()["level"]


def propose_in_admin(client, user, code="pain", reason=CHANGE_REASON, **changes):
    client.force_login(user)
    criterion = EscalationCriterion.objects.get(code=code)
    return client.post(
        reverse("admin:guidance_escalationcriterion_change", args=[criterion.pk]),
        {**form_data(criterion, **changes), "change_reason": reason},
    )


def run_action(client, user, action: str, change: CriterionChange):
    client.force_login(user)
    return client.post(
        reverse("admin:guidance_criterionchange_changelist"),
        {"action": action, "_selected_action": [change.pk]},
        follow=True,
    )


def test_an_unapproved_change_does_not_move_a_persons_level(client, author, person):
    assert level_of(person) == "see_doctor"

    response = propose_in_admin(client, author, level="urgent")

    assert response.status_code == 302
    assert EscalationCriterion.objects.get(code="pain").level == "see_doctor"
    change = CriterionChange.objects.get()
    assert change.status == "proposed"
    assert change.changes == {"level": ["see_doctor", "urgent"]}
    assert change.proposed_by == author
    assert level_of(person) == "see_doctor"


def test_an_approved_change_moves_it(client, author, approver, person):
    propose_in_admin(client, author, level="urgent")
    change = CriterionChange.objects.get()

    response = run_action(client, approver, "approve", change)

    assert "Approved and in use" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "approved"
    assert change.decided_by == approver
    assert EscalationCriterion.objects.get(code="pain").level == "urgent"
    assert level_of(person) == "urgent"


def test_an_author_cannot_approve_their_own_proposal(client, approver, person):
    propose_in_admin(client, approver, level="urgent")  # an approver who also writes
    change = CriterionChange.objects.get()

    response = run_action(client, approver, "approve", change)

    assert "a second clinician must approve" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "proposed"
    assert level_of(person) == "see_doctor"
    with pytest.raises(PermissionDenied):
        criterion_change_approve(change=change, user=approver)


def test_the_database_refuses_a_decision_by_the_author(author):
    change = criterion_change_propose(
        criterion=EscalationCriterion.objects.get(code="pain"),
        values={"weight": 30},
        reason=CHANGE_REASON,
        user=author,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionChange.objects.filter(pk=change.pk).update(
            status="approved", decided_by=author, decided_at=NOW
        )


def test_an_editor_without_the_permission_cannot_approve(client, author):
    other = staff("other", "Editors")
    propose_in_admin(client, author, weight="40")
    change = CriterionChange.objects.get()

    client.force_login(other)
    page = client.get(reverse("admin:guidance_criterionchange_changelist")).content.decode()
    assert "Approve the selected changes" not in page
    with pytest.raises(PermissionDenied):
        criterion_change_approve(change=change, user=other)
    assert EscalationCriterion.objects.get(code="pain").weight != 40


def test_a_threshold_change_needs_a_reason(client, author):
    response = propose_in_admin(client, author, code="persistent", threshold_days="60", reason="")

    assert response.status_code == 200
    assert "Say why you are changing the level, weight or thresholds." in response.content.decode()
    assert not CriterionChange.objects.exists()
    assert EscalationCriterion.objects.get(code="persistent").threshold_days == 21


def test_words_change_at_once_and_need_no_approval(client, author):
    response = propose_in_admin(client, author, title="Pain that comes with a twitch", reason="")

    assert response.status_code == 302
    assert EscalationCriterion.objects.get(code="pain").title == "Pain that comes with a twitch"
    assert not CriterionChange.objects.exists()


def test_words_and_a_threshold_together_save_the_words_and_propose_the_threshold(client, author):
    propose_in_admin(
        client, author, code="persistent", title="Twitching for weeks", threshold_days="28"
    )

    criterion = EscalationCriterion.objects.get(code="persistent")
    assert criterion.title == "Twitching for weeks"
    assert criterion.threshold_days == 21
    assert CriterionChange.objects.get().changes == {"threshold_days": [21, 28]}


def test_a_rejected_change_leaves_the_criterion_as_it_was(client, author, approver, person):
    propose_in_admin(client, author, level="urgent")
    change = CriterionChange.objects.get()

    run_action(client, approver, "reject", change)

    change.refresh_from_db()
    assert change.status == "rejected"
    assert level_of(person) == "see_doctor"
    with pytest.raises(ValidationError):
        criterion_change_approve(change=change, user=approver)


def test_a_stale_proposal_cannot_be_approved(author, approver):
    pain = EscalationCriterion.objects.get(code="pain")
    first = criterion_change_propose(
        criterion=pain, values={"weight": 30}, reason=CHANGE_REASON, user=author
    )
    second = criterion_change_propose(
        criterion=pain, values={"weight": 50}, reason=CHANGE_REASON, user=author
    )
    criterion_change_approve(change=first, user=approver)

    with pytest.raises(ValidationError, match="has changed since"):
        criterion_change_approve(change=second, user=approver)
    assert EscalationCriterion.objects.get(code="pain").weight == 30


def test_a_proposal_with_an_invalid_value_is_refused(author):
    with pytest.raises(ValidationError):
        criterion_change_propose(
            criterion=EscalationCriterion.objects.get(code="pain"),
            values={"weight": 500},
            reason=CHANGE_REASON,
            user=author,
        )
    assert not CriterionChange.objects.exists()


def test_the_criterion_page_shows_what_waits_for_approval(client, author):
    propose_in_admin(client, author, code="persistent", threshold_days="28")
    criterion = EscalationCriterion.objects.get(code="persistent")

    html = client.get(
        reverse("admin:guidance_escalationcriterion_change", args=[criterion.pk])
    ).content.decode()

    assert "days: 21 → 28" in html


def test_the_public_change_log_lists_approved_changes_with_date_and_reason(
    client, author, approver
):
    persistent = EscalationCriterion.objects.get(code="persistent")
    with time_machine.travel(NOW, tick=False):
        change = criterion_change_propose(
            criterion=persistent,
            values={"threshold_days": 28},
            reason="New national guideline: review after 4 weeks.",
            user=author,
        )
        criterion_change_approve(change=change, user=approver)
        rejected = criterion_change_propose(
            criterion=persistent, values={"weight": 90}, reason="Too cautious", user=author
        )
        criterion_change_reject(change=rejected, user=approver)

        html = client.get(reverse("guidance:criteria")).content.decode()

    assert "Changes to these signs" in html
    assert '<time datetime="2026-11-30">30 November 2026</time>' in html
    assert "Days: 21 → 28" in html
    assert "New national guideline: review after 4 weeks." in html
    assert "Too cautious" not in html
    assert "approver" not in html and "author" not in html  # no staff names in public


def test_the_criteria_page_runs_the_same_queries_with_1_and_30_changes(
    client, author, approver, django_assert_num_queries
):
    pain = EscalationCriterion.objects.get(code="pain")

    def add_changes(count):
        for _ in range(count):
            weight = EscalationCriterion.objects.get(code="pain").weight
            change = criterion_change_propose(
                criterion=pain, values={"weight": weight + 1}, reason="Tuning", user=author
            )
            criterion_change_approve(change=change, user=approver)

    add_changes(1)
    with django_assert_num_queries(3):  # criteria, change log, thresholds
        client.get(reverse("guidance:criteria"))
    add_changes(29)
    with django_assert_num_queries(3):
        html = client.get(reverse("guidance:criteria")).content.decode()
    assert html.count("Why:") == 30
