"""The Editors group: staff who manage guidance and never see journal data or accounts."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from guidance.models import Cause
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    person = User.objects.create_user("editor", password="pw", is_staff=True)
    person.groups.add(Group.objects.get(name="Editors"))
    return person


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_editors_group_holds_exactly_the_guidance_permissions():
    group = Group.objects.get(name="Editors")
    guidance_types = ContentType.objects.filter(app_label="guidance")

    held = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert {app for app, _ in held} == {"guidance"}
    # Issue 20: approving criteria changes is the clinical approvers', and a decision's
    # record is never rewritten or deleted.
    assert held == set(
        Permission.objects.filter(content_type__in=guidance_types)
        .exclude(
            codename__in=[
                "approve_criteria",
                "change_criterionchange",
                "delete_criterionchange",
            ]
        )
        .values_list("content_type__app_label", "codename")
    )
    for model in ["cause", "condition", "advice", "faq", "planstep", "treatment",
                  "checklistitem", "escalationcriterion"]:  # fmt: skip
        for action in ["add", "change", "delete", "view"]:
            assert ("guidance", f"{action}_{model}") in held


def test_the_clinical_approvers_group_may_approve_and_see_but_not_write():
    held = set(
        Group.objects.get(name="Clinical approvers").permissions.values_list("codename", flat=True)
    )
    assert held == {"approve_criteria", "view_criterionchange", "view_escalationcriterion"}


def test_an_editor_can_change_guidance_in_the_admin(editor_client):
    cause = Cause.objects.get(slug="caffeine")
    data = {
        "title": "Too much caffeine",
        "slug": cause.slug,
        "summary": cause.summary,
        "body": "Updated by an editor.",
        "trigger": cause.trigger,
        "status": "published",
        "order": "3",
        "last_reviewed": "2026-11-20",
        "next_review_due": "2027-11-20",
    }

    response = editor_client.post(reverse("admin:guidance_cause_change", args=[cause.pk]), data)

    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.body_html == "<p>Updated by an editor.</p>"
    assert cause.history.first().history_user.username == "editor"


def test_an_editor_can_use_the_preview(editor_client):
    response = editor_client.post(reverse("admin:guidance_condition_preview"), {"text": "*hi*"})
    assert response.json() == {"html": "<p><em>hi</em></p>"}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/knox/authtoken/",
    ],
)
def test_an_editor_cannot_manage_accounts_or_tokens(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_an_editor_cannot_open_another_persons_account(editor_client, user):
    assert editor_client.get(f"/admin/auth/user/{user.pk}/change/").status_code == 403


def test_journal_data_is_not_in_the_admin_at_all(editor_client):
    registered = {model._meta.app_label for model in admin.site._registry}

    assert "journal" not in registered
    assert editor_client.get("/admin/journal/").status_code == 404
    assert editor_client.get("/admin/journal/episode/").status_code == 404


def test_the_admin_index_shows_an_editor_guidance_only(editor_client, user):
    EpisodeFactory(user=user, notes="private health note")

    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "/admin/guidance/cause/" in html
    assert "/admin/journal/" not in html
    assert "/admin/auth/" not in html
    assert "private health note" not in html


def test_a_staff_member_outside_the_group_cannot_edit_guidance(client):
    client.force_login(User.objects.create_user("staff", password="pw", is_staff=True))

    assert client.get(reverse("admin:guidance_cause_changelist")).status_code == 403
    assert client.post(reverse("admin:guidance_cause_preview"), {"text": "x"}).status_code == 403
