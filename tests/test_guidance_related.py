"""Related links chosen by topic, which editors set (issue 20)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from guidance.models import Cause, Condition
from tests.test_guidance_admin import form_data

pytestmark = pytest.mark.django_db


def related_section(html: str) -> str:
    return html[html.index('id="related-heading"') :]


def test_the_caffeine_page_does_not_link_to_multiple_sclerosis(client):
    html = related_section(
        client.get(reverse("guidance:cause", args=["caffeine"])).content.decode()
    )

    assert "/guidance/conditions/multiple-sclerosis/" not in html
    assert "Conditions linked to this cause" not in html


def test_a_cause_links_only_to_the_conditions_of_its_topic(client):
    html = related_section(
        client.get(reverse("guidance:cause", args=["dry-eyes-eye-strain"])).content.decode()
    )

    assert "/guidance/conditions/blepharospasm/" in html
    assert "/guidance/conditions/multiple-sclerosis/" not in html
    assert "/guidance/conditions/hemifacial-spasm/" not in html


def test_a_condition_links_back_to_its_causes(client):
    html = related_section(
        client.get(reverse("guidance:condition", args=["blepharospasm"])).content.decode()
    )
    assert "/guidance/causes/dry-eyes-eye-strain/" in html
    assert "/guidance/causes/caffeine/" not in html

    ms = related_section(
        client.get(reverse("guidance:condition", args=["multiple-sclerosis"])).content.decode()
    )
    assert "/guidance/causes/caffeine/" not in ms
    assert reverse("guidance:cause_list") in ms


def test_an_editor_sets_the_related_conditions_in_the_admin(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))
    cause = Cause.objects.get(slug="sleep-deprivation")
    hemifacial = Condition.objects.get(slug="hemifacial-spasm")

    response = client.post(
        reverse("admin:guidance_cause_change", args=[cause.pk]),
        {**form_data(cause), "related_conditions": [hemifacial.pk]},
    )

    assert response.status_code == 302
    assert list(cause.related_conditions.all()) == [hemifacial]
    client.logout()
    html = client.get(cause.get_absolute_url()).content.decode()
    assert hemifacial.get_absolute_url() in related_section(html)


def test_a_draft_condition_is_never_linked(client):
    Condition.objects.filter(slug="blepharospasm").update(status="draft")

    html = client.get(reverse("guidance:cause", args=["stress-anxiety"])).content.decode()

    assert "/guidance/conditions/blepharospasm/" not in html


def test_the_treatments_page_lists_the_gentle_options_before_the_clinical_ones(client):
    html = client.get(reverse("guidance:treatments")).content.decode()

    intro = html.index("doctors try gentle options first")
    for option in ["rest", "sleep", "less caffeine", "eye drops", "a warm compress"]:
        assert option in html[intro : intro + 200]
    assert html.index('id="gentle-options"') < html.index('id="botulinum-toxin"')
    assert html.count("guidance-not-first-line") == 4
