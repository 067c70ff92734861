"""The guidance admin: filters, ordering, Markdown preview, history and the criteria rules."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from guidance.models import Cause, EscalationCriterion, Faq, PlanStep
from guidance.services import criterion_change_approve
from tests.factories import CauseFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 1)
EVIL_BODY = "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"
MODELS = ["cause", "condition", "advice", "faq", "planstep", "treatment", "checklistitem",
          "escalationcriterion"]  # fmt: skip


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))
    return client


def form_data(obj, **changes) -> dict:
    """The admin change form's fields for ``obj``, with ``changes`` applied."""
    fields = ["title", "slug", "summary", "body", "status", "order", "last_reviewed",
              "next_review_due"]  # fmt: skip
    specific = {
        Cause: ["trigger"],
        EscalationCriterion: ["level", "level_after_hours", "weight", "threshold_hours",
                              "threshold_days", "threshold_count", "specialist", "learn_more"],
    }.get(type(obj), [])  # fmt: skip
    data = {}
    for name in fields + specific:
        value = getattr(obj, name)
        data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


@pytest.mark.parametrize("model", MODELS)
def test_each_guidance_model_has_a_changelist_and_a_change_page_with_a_preview(admin_client, model):
    changelist = admin_client.get(reverse(f"admin:guidance_{model}_changelist"))
    assert changelist.status_code == 200
    obj = changelist.context["cl"].result_list[0]

    response = admin_client.get(reverse(f"admin:guidance_{model}_change", args=[obj.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="markdown-preview" id="preview-body_preview"' in html
    assert obj.body_html[:40] in html
    assert 'data-markdown-preview="body_preview"' in html
    assert f'data-preview-url="{reverse(f"admin:guidance_{model}_preview")}"' in html
    assert "js/markdown_preview.js" in html
    assert "Publishing and review" in html


def test_the_changelist_shows_status_order_and_the_next_review(admin_client):
    # Issue 20: "last reviewed" left the list so the columns fit 1280 px; it is on each page.
    response = admin_client.get(reverse("admin:guidance_cause_changelist"))

    assert response.context["cl"].list_display[1:5] == [
        "title", "status", "order", "next_review_due"
    ]  # fmt: skip
    assert response.context["cl"].result_count == 5


def test_editors_can_search_the_changelist(admin_client):
    response = admin_client.get(reverse("admin:guidance_cause_changelist"), {"q": "caffeine"})
    assert [c.slug for c in response.context["cl"].result_list] == ["caffeine"]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("overdue", {"late"}), ("soon", {"soon", "today"}), ("later", {"later"})],
)
def test_the_review_due_filter_sorts_items_by_when_they_are_due(client, choice, expected):
    Cause.objects.all().delete()
    CauseFactory(slug="late", next_review_due=TODAY - dt.timedelta(days=1))
    CauseFactory(slug="today", next_review_due=TODAY)
    CauseFactory(slug="soon", next_review_due=TODAY + dt.timedelta(days=30))
    CauseFactory(slug="later", next_review_due=TODAY + dt.timedelta(days=31))

    with time_machine.travel(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)):
        client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))
        response = client.get(reverse("admin:guidance_cause_changelist"), {"review_due": choice})

    assert {c.slug for c in response.context["cl"].result_list} == expected


def test_order_can_be_edited_from_the_list(admin_client):
    faqs = list(Faq.objects.order_by("order", "title"))
    data = {
        "form-TOTAL_FORMS": str(len(faqs)),
        "form-INITIAL_FORMS": str(len(faqs)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for i, faq in enumerate(faqs):
        data[f"form-{i}-id"] = str(faq.pk)
        data[f"form-{i}-order"] = str(len(faqs) - i)

    response = admin_client.post(reverse("admin:guidance_faq_changelist"), data)

    assert response.status_code == 302
    assert [f.slug for f in Faq.objects.order_by("order")] == [f.slug for f in reversed(faqs)]


def test_saving_renders_and_sanitises_the_body(admin_client):
    cause = Cause.objects.get(slug="caffeine")

    response = admin_client.post(
        reverse("admin:guidance_cause_change", args=[cause.pk]), form_data(cause, body=EVIL_BODY)
    )

    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.body == EVIL_BODY
    assert "<script" not in cause.body_html
    assert "onerror" not in cause.body_html
    assert "javascript:" not in cause.body_html
    change_page = admin_client.get(reverse("admin:guidance_cause_change", args=[cause.pk]))
    preview = change_page.content.decode().split('id="preview-body_preview"')[1][:400]
    assert "<script" not in preview
    assert "onerror" not in preview


def test_a_review_date_before_the_last_review_is_refused(admin_client):
    cause = Cause.objects.get(slug="caffeine")

    response = admin_client.post(
        reverse("admin:guidance_cause_change", args=[cause.pk]),
        form_data(cause, next_review_due="2020-01-01", title="Changed"),
    )

    assert response.status_code == 200
    assert "The next review must come after the last one." in response.content.decode()
    cause.refresh_from_db()
    assert cause.title == "Too much caffeine"


def test_every_change_is_kept_in_the_history_and_can_be_reverted(admin_client):
    cause = Cause.objects.get(slug="caffeine")
    url = reverse("admin:guidance_cause_change", args=[cause.pk])
    admin_client.post(url, form_data(cause, body="First version"))
    cause.refresh_from_db()
    admin_client.post(url, form_data(cause, body="Second version"))
    first = cause.history.get(body="First version")

    history = admin_client.get(reverse("admin:guidance_cause_history", args=[cause.pk]))
    assert history.status_code == 200
    assert history.context["page_obj"].object_list[0].history_user.username == "boss"
    revert_url = reverse("admin:guidance_cause_simple_history", args=[cause.pk, first.history_id])
    assert "First version" in admin_client.get(revert_url).content.decode()
    cause.refresh_from_db()
    response = admin_client.post(revert_url, form_data(cause, body="First version"))

    assert response.status_code == 302
    cause.refresh_from_db()
    assert cause.body == "First version"
    assert cause.history.count() == 3


def test_the_preview_returns_sanitised_html(admin_client):
    response = admin_client.post(reverse("admin:guidance_cause_preview"), {"text": EVIL_BODY})

    assert response.status_code == 200
    html = response.json()["html"]
    assert html.startswith("<p>Hi")
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_the_preview_renders_markdown(admin_client):
    response = admin_client.post(reverse("admin:guidance_faq_preview"), {"text": "## Hi\n\n- one"})
    assert response.json() == {"html": "<h2>Hi</h2>\n<ul>\n<li>one</li>\n</ul>"}


def test_the_preview_refuses_get_and_overlong_text(admin_client):
    url = reverse("admin:guidance_cause_preview")

    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, {"text": "x" * 50_001})
    assert response.status_code == 400
    assert "Too long" in response.json()["error"]


def test_the_preview_needs_a_csrf_token(admin_client):
    admin_client.handler.enforce_csrf_checks = True
    response = admin_client.post(reverse("admin:guidance_cause_preview"), {"text": "x"})
    assert response.status_code == 403


def test_the_preview_is_for_staff_only(client, user):
    url = reverse("admin:guidance_cause_preview")

    anonymous = client.post(url, {"text": "x"})
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]
    client.force_login(user)
    assert client.post(url, {"text": "x"}).status_code == 302


def test_the_preview_needs_permission_to_edit_that_model(client):
    staff = User.objects.create_user("viewer", password="pw", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_cause"))
    client.force_login(staff)

    assert client.post(reverse("admin:guidance_cause_preview"), {"text": "x"}).status_code == 403


def test_a_criterion_shows_its_code_and_thresholds(admin_client):
    criterion = EscalationCriterion.objects.get(code="worsening")

    response = admin_client.get(
        reverse("admin:guidance_escalationcriterion_change", args=[criterion.pk])
    )

    html = response.content.decode()
    assert "Thresholds" in html
    assert 'name="threshold_days"' in html
    assert 'name="code"' not in html  # fixed once saved: shown, not editable
    assert "worsening" in html


def test_a_criterion_with_an_unknown_code_is_refused(admin_client):
    template = EscalationCriterion.objects.get(code="pain")
    before = EscalationCriterion.objects.count()

    response = admin_client.post(
        reverse("admin:guidance_escalationcriterion_add"),
        form_data(template, slug="made-up", code="made_up"),
    )

    assert response.status_code == 200
    assert "Select a valid choice. made_up is not one of the available choices." in (
        response.content.decode()
    )
    assert EscalationCriterion.objects.count() == before


def test_a_criterion_cannot_be_deleted_in_the_admin(admin_client):
    criterion = EscalationCriterion.objects.get(code="pain")

    url = reverse("admin:guidance_escalationcriterion_delete", args=[criterion.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert EscalationCriterion.objects.filter(code="pain").exists()


def test_a_criterion_can_be_tuned_once_a_second_clinician_approves(admin_client):
    # Issue 20: the tuning is a proposal (tests/test_criteria_governance.py has the rest).
    criterion = EscalationCriterion.objects.get(code="persistent")

    response = admin_client.post(
        reverse("admin:guidance_escalationcriterion_change", args=[criterion.pk]),
        {**form_data(criterion, threshold_days="28"), "change_reason": "New guideline."},
    )

    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.threshold_days == 21
    change = criterion.changes.get()
    approver = User.objects.create_user("second", is_staff=True)
    approver.user_permissions.add(Permission.objects.get(codename="approve_criteria"))
    criterion_change_approve(change=change, user=User.objects.get(pk=approver.pk))
    criterion.refresh_from_db()
    assert criterion.threshold_days == 28
    assert criterion.code == "persistent"
    assert criterion.history.first().threshold_days == 28


def test_a_plan_week_refuses_an_unknown_daily_factor(admin_client):
    step = PlanStep.objects.get(week=2)
    data = form_data(step, week="2", focus_factors='["sleep_hours", "coffee_cups"]')

    response = admin_client.post(reverse("admin:guidance_planstep_change", args=[step.pk]), data)

    assert response.status_code == 200
    assert "Not known: coffee_cups." in response.content.decode()
    step.refresh_from_db()
    assert step.focus_factors == ["caffeine_servings", "sleep_hours", "stress_level"]


def test_a_plan_week_outside_1_to_5_is_refused(admin_client):
    step = PlanStep.objects.get(week=5)
    data = form_data(step, week="6", focus_factors="[]")

    response = admin_client.post(reverse("admin:guidance_planstep_change", args=[step.pk]), data)

    assert response.status_code == 200
    assert PlanStep.objects.get(pk=step.pk).week == 5


def test_an_emptied_focus_field_means_no_factors(admin_client):
    step = PlanStep.objects.get(week=4)

    response = admin_client.post(
        reverse("admin:guidance_planstep_change", args=[step.pk]),
        form_data(step, week="4", focus_factors=""),
    )

    assert response.status_code == 302
    step.refresh_from_db()
    assert step.focus_factors == []
