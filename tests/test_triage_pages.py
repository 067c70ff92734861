"""/triage/, the dashboard's triage card and the emergency banner on every page, each read
from the database on every request."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from guidance.models import CriterionCode, EscalationCriterion, PlanStep, Status
from journal import services, triage
from journal.models import Episode
from journal.selectors import triage_for
from tests.factories import EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
PAGE = reverse("journal:triage")
BANNER = 'class="emergency-banner"'  # the banner itself: FAST words are in every footer


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log(user, *, hours_ago: float = 1, **fields) -> Episode:
    return EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=hours_ago), **fields)


def bulk(user, n: int, *, spread_days: float, **fields) -> None:
    """``n`` episodes evenly over the last ``spread_days`` days (no signals: fast)."""
    step = dt.timedelta(days=spread_days) / n
    Episode.objects.bulk_create(
        Episode(
            user=user,
            started_at=NOW - step * (i + 1),
            locations=fields.get("locations", ["eyelid"]),
            side=fields.get("side", "left"),
            symptoms=fields.get("symptoms", []),
            triggers=fields.get("triggers", []),
        )
        for i in range(n)
    )


def page(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def criterion(code: str) -> EscalationCriterion:
    return EscalationCriterion.objects.get(code=code)


# Access ---------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_is_never_stored_by_the_browser(signed_in_client):
    assert "no-store" in signed_in_client.get(PAGE)["Cache-Control"]


def test_another_person_s_episodes_never_show_or_count(signed_in_client, other_user):
    theirs = log(other_user, symptoms=["confusion"])

    html = page(signed_in_client)

    assert "No recent twitches logged" in html
    assert BANNER not in html
    assert f"/journal/{theirs.pk}/" not in html


# Each level ---------------------------------------------------------------------------


def test_with_no_episodes_it_says_so_and_offers_to_log(signed_in_client):
    html = page(signed_in_client)

    assert "care-card--no-data" in html
    assert "No recent twitches logged" in html
    assert reverse("journal:episode_quick") in html
    assert "This is not a diagnosis." in html


def test_self_care_shows_this_week_s_plan_the_checklist_and_matching_causes(signed_in_client, user):
    log(user, triggers=["caffeine"])
    log(user, hours_ago=3, triggers=["caffeine", "stress"])

    html = page(signed_in_client)

    assert "care-card--self-care" in html
    assert "Self-care: you can look after this at home" in html
    assert "start with week 1" in html
    assert escape(PlanStep.objects.get(week=1).title) in html
    assert "Today's checklist" in html
    caffeine, stress = (
        html.index("/guidance/causes/caffeine/"),
        html.index("/guidance/causes/stress-anxiety/"),
    )
    assert caffeine < stress  # the most logged trigger first
    assert "/guidance/causes/sleep-deprivation/" not in html


def test_self_care_picks_the_plan_week_from_the_start_date(signed_in_client, user):
    services.profile_update(
        profile=user.profile, plan_started_on=NOW.date() - dt.timedelta(days=15)
    )
    log(user)

    assert "week 3 of 5" in page(signed_in_client)


def test_see_doctor_shows_the_reason_its_episodes_and_who_to_see(signed_in_client, user):
    episode = log(user, symptoms=["redness"])

    html = page(signed_in_client)

    eye = criterion("eye_inflammation")
    assert "care-card--see-doctor" in html
    assert eye.title in html
    assert escape(eye.summary) in html
    assert f'href="{reverse("journal:episode_detail", args=[episode.pk])}"' in html
    assert f'href="{eye.learn_more}"' in html
    assert "Your GP or family doctor first." in html
    assert "They can refer you to an ophthalmologist (an eye doctor)" in html
    assert "Book an appointment with your GP or family doctor." in html
    assert reverse("journal:report") in html


@pytest.mark.parametrize("symptoms", [["redness"], ["slurred_speech"], ["drooping", "pain"]])
def test_no_score_out_of_100_is_shown_to_people(signed_in_client, user, symptoms):
    log(user, symptoms=symptoms)

    html = page(signed_in_client) + signed_in_client.get(reverse("home")).content.decode()

    assert "out of 100" not in html
    assert "score" not in html.lower()


def test_the_level_label_is_plain_words_with_an_icon_not_a_button(signed_in_client, user):
    log(user, symptoms=["redness"])

    html = page(signed_in_client)

    start = html.index('class="triage-reason__level')
    label = html[html.rindex("<", 0, start) : html.index("</p>", start)]
    assert label.startswith("<p ")
    assert "btn" not in label and "badge" not in label and "pill" not in label
    assert "<svg" in label and "See a doctor" in label


def test_urgent_says_today_with_same_day_gp_urgent_care_or_111(signed_in_client, user):
    log(user, hours_ago=80, symptoms=["drooping"])

    html = page(signed_in_client)

    assert "care-card--urgent" in html
    assert "Urgent: contact a doctor today" in html
    assert "same-day GP appointment, go to an urgent care centre, or call NHS 111 in the UK" in html
    assert "within 24 hours" not in html
    assert BANNER not in html.split("<main")[0]


def test_a_drooping_face_logged_now_is_an_emergency_with_fast(signed_in_client, user):
    log(user, hours_ago=0, symptoms=["drooping"])

    html = page(signed_in_client)

    assert "care-card--emergency" in html
    assert "Think FAST:" in html
    assert "Call even if the signs go away" in html
    assert BANNER in html.split("<main")[0]


def test_an_emergency_puts_the_call_first_with_the_numbers(signed_in_client, user):
    log(user, symptoms=["slurred_speech"])

    html = page(signed_in_client)

    main = html[html.index("<main") :]
    assert "care-card--emergency" in main
    assert main.index("Emergency: call your local emergency number now") < main.index(
        "Why we say this"
    )
    assert 'href="tel:999"' in main and 'href="tel:911"' in main and 'href="tel:112"' in main
    assert html.index('class="emergency-banner"') < html.index("<header")


def test_an_old_stroke_sign_is_urgent_and_says_why(signed_in_client, user):
    log(user, hours_ago=80, symptoms=["arm_weakness"])

    html = page(signed_in_client)

    assert "care-card--urgent" in html
    assert "more than 72 hours ago" in html


def test_long_evidence_lists_show_five_and_count_the_rest(signed_in_client, user):
    bulk(user, 30, spread_days=28)

    html = page(signed_in_client)

    assert html.count('class="triage-reason__episodes"') == 1  # persistent only
    assert "And 25 more in" in html


def test_a_learn_more_link_off_this_site_is_not_shown(signed_in_client, user):
    EscalationCriterion.objects.filter(code="pain").update(learn_more="//evil.example/x")
    log(user, symptoms=["pain"])

    html = page(signed_in_client)

    assert "evil.example" not in html


def test_the_nav_links_to_the_page(signed_in_client):
    html = signed_in_client.get(reverse("home")).content.decode()

    assert f'href="{PAGE}"' in html


# Query counts ---------------------------------------------------------------------------


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("fields", "spread_days"),
    [({"symptoms": ["pain"]}, 50), ({}, 0.9)],
    ids=["see-doctor", "self-care"],
)
def test_the_page_runs_the_same_queries_for_5_and_500_episodes(
    client, fields, spread_days, django_assert_num_queries
):
    few, many = UserFactory(), UserFactory()
    bulk(few, 5, spread_days=spread_days, **fields)
    bulk(many, 500, spread_days=spread_days, **fields)
    client.force_login(few)
    client.get(PAGE)  # the first request stores the time zone in the session
    expected = queries(client, PAGE)
    client.force_login(many)
    client.get(PAGE)

    with django_assert_num_queries(expected):
        client.get(PAGE)
    assert expected <= 12


# Dashboard card -------------------------------------------------------------------------


def test_the_dashboard_shows_the_level_and_links_to_the_page(signed_in_client, user):
    log(user, symptoms=["pain"])

    html = signed_in_client.get(reverse("home")).content.decode()

    assert "care-card--see-doctor" in html
    assert "See a doctor: book an appointment" in html
    assert f'href="{PAGE}"' in html


def test_the_dashboard_card_for_someone_with_no_entries(signed_in_client):
    html = signed_in_client.get(reverse("home")).content.decode()

    assert "care-card--no-data" in html


# The emergency banner -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [reverse("home"), reverse("journal:episode_list"), "/guidance/", "/no-such-page/"]
)
def test_an_emergency_shows_the_banner_on_every_page(signed_in_client, user, url):
    log(user, symptoms=["confusion"])

    html = signed_in_client.get(url).content.decode()

    assert BANNER in html
    assert html.index('class="emergency-banner"') < html.index("<header")
    assert f'href="{PAGE}"' in html


def test_no_banner_below_emergency(signed_in_client, user):
    log(user, hours_ago=80, symptoms=["drooping"])

    assert 'class="emergency-banner"' not in signed_in_client.get(reverse("home")).content.decode()


def test_no_banner_for_visitors(client):
    assert 'class="emergency-banner"' not in client.get("/guidance/").content.decode()


def test_the_banner_goes_once_the_72_hours_have_passed(signed_in_client, user, frozen):
    log(user, hours_ago=71, symptoms=["confusion"])
    assert BANNER in signed_in_client.get(reverse("home")).content.decode()

    frozen.shift(dt.timedelta(hours=2))

    assert 'class="emergency-banner"' not in signed_in_client.get(reverse("home")).content.decode()


def test_logging_a_stroke_sign_shows_the_banner_at_once(signed_in_client, user):
    log(user)
    assert triage_for(user).level == "self_care"

    services.episode_create(
        user=user, started_at=NOW, locations=["eyelid"], side="left", symptoms=["arm_weakness"]
    )

    assert BANNER in signed_in_client.get(reverse("home")).content.decode()


def test_deleting_the_episode_removes_the_banner_at_once(signed_in_client, user):
    episode = log(user, symptoms=["confusion"])
    assert triage_for(user).level == "emergency"

    services.episode_delete(episode=episode)

    assert 'class="emergency-banner"' not in signed_in_client.get(reverse("home")).content.decode()


def test_editing_a_criterion_changes_everyone_s_result(user, other_user):
    log(user, symptoms=["pain"])
    log(other_user, symptoms=["pain"])
    assert triage_for(user).level == triage_for(other_user).level == "see_doctor"

    pain = criterion("pain")
    pain.level = "urgent"
    pain.save()

    assert triage_for(user).level == triage_for(other_user).level == "urgent"


def test_one_person_s_result_is_never_shown_to_another(client, user, other_user):
    log(user, symptoms=["confusion"])
    assert triage_for(user).level == "emergency"

    client.force_login(other_user)
    html = client.get(reverse("home")).content.decode()

    assert triage_for(other_user).level == "no_data"
    assert 'class="emergency-banner"' not in html


def test_a_stroke_sign_written_without_signals_shows_the_banner_on_the_next_page(
    signed_in_client, user
):
    log(user)
    page = reverse("account_settings")  # shows nothing from the journal but the banner
    assert BANNER not in signed_in_client.get(page).content.decode()

    Episode.objects.bulk_create(  # no signals, as a data migration or loaddata would
        [
            Episode(
                user=user, started_at=NOW, locations=["eyelid"], side="left", symptoms=["confusion"]
            )
        ]
    )

    assert BANNER in signed_in_client.get(page).content.decode()


# Editable criteria ---------------------------------------------------------------------


def test_the_shipped_criteria_are_the_spec_s_rules():
    rows = {c.code: c for c in EscalationCriterion.objects.all()}

    assert set(rows) == set(triage.CODES) == set(CriterionCode.values)
    assert rows["stroke_signs"].level == "emergency"
    assert rows["stroke_signs"].level_after_hours == "urgent"
    assert rows["stroke_signs"].threshold_hours == 72
    assert rows["facial_weakness"].level == "emergency"
    assert rows["facial_weakness"].level_after_hours == "urgent"
    assert rows["facial_weakness"].threshold_hours == 72
    assert "within 24 hours" not in rows["facial_weakness"].summary
    assert rows["persistent"].threshold_days == 21
    assert rows["spreading"].threshold_count == 2
    assert (rows["worsening"].threshold_days, rows["worsening"].threshold_count) == (7, 7)
    others = set(rows) - {"stroke_signs", "facial_weakness"}
    assert {rows[code].level for code in others} == {"see_doctor"}


def test_a_shorter_persistent_threshold_makes_a_15_day_bout_persistent(user):
    for day in range(0, 16, 3):
        log(user, hours_ago=24 * day)
    assert "persistent" not in {m.code for m in triage_for(user).criteria}

    persistent = criterion("persistent")
    persistent.threshold_days = 10
    persistent.save()

    assert "persistent" in {m.code for m in triage_for(user).criteria}


def test_raising_pain_to_urgent_makes_the_result_urgent(user):
    log(user, symptoms=["pain"])
    EscalationCriterion.objects.filter(code="pain").update(level="urgent")

    assert triage_for(user).level == "urgent"


def test_a_draft_criterion_still_protects(user):
    EscalationCriterion.objects.filter(code="stroke_signs").update(status=Status.DRAFT)
    log(user, symptoms=["confusion"])

    assert triage_for(user).level == "emergency"


def test_a_deleted_criterion_no_longer_applies(user):
    criterion("pain").delete()
    log(user, symptoms=["pain"])

    assert triage_for(user).level == "self_care"


def test_a_criterion_with_an_unknown_code_is_refused_with_a_clear_message():
    made_up = EscalationCriterion(
        code="made_up",
        slug="made-up",
        title="Made up",
        level="urgent",
        next_review_due=NOW.date(),
    )

    with pytest.raises(ValidationError) as error:
        made_up.full_clean()
    assert "There is no triage rule with the code" in error.value.message_dict["code"][0]

    with pytest.raises(ValidationError, match="There is no triage rule with that code"):
        made_up.validate_constraints()


def test_the_database_refuses_an_unknown_code_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationCriterion.objects.create(
            code="made_up", slug="made-up", title="Made up", level="urgent",
            next_review_due=NOW.date(),
        )  # fmt: skip
