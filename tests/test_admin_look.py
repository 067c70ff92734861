"""The admin looks like the app's: its name, guidance first, help for writers (issue 20)."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from guidance.models import Cause

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("writer", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_the_admin_is_branded_twitchcare_content(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "TwitchCare content" in html
    assert "Django administration" not in html
    assert "css/admin_brand.css" in html


def test_guidance_is_listed_first(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))

    apps = client.get(reverse("admin:index")).context["app_list"]

    assert apps[0]["app_label"] == "guidance"
    assert len(apps) > 1


def test_the_causes_list_keeps_to_columns_that_fit(editor_client):
    response = editor_client.get(reverse("admin:guidance_cause_changelist"))

    columns = response.context["cl"].list_display
    assert columns == ["action_checkbox", "title", "status", "order", "next_review_due", "trigger"]


def test_fields_carry_help_written_for_clinicians_and_writers(editor_client):
    cause = Cause.objects.get(slug="caffeine")
    html = editor_client.get(
        reverse("admin:guidance_cause_change", args=[cause.pk])
    ).content.decode()

    assert "The answer first, in one or two short sentences." in html
    assert "Flesch-Kincaid grade 9 or lower" in html
    assert "a reader of an everyday cause should not be sent to a serious illness" in html


def test_a_criterion_summary_is_explained_as_the_persons_own_message(editor_client):
    from guidance.models import EscalationCriterion

    criterion = EscalationCriterion.objects.get(code="stroke_signs")
    html = editor_client.get(
        reverse("admin:guidance_escalationcriterion_change", args=[criterion.pk])
    ).content.decode()

    assert "Never shown on public pages or in search" in html
    assert "A change needs a second clinician" in html
