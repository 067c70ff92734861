"""No page, API answer or guidance item contradicts another on a threshold or an emergency.

Issue 22: the product once said "see a doctor" after 3 weeks, "3 to 4 weeks" and "a month",
and sent a drooping face both to emergency services and to a doctor "within 24 hours". This
module renders what people read, turns it into sentences (a list joins the line that leads
into it, so "See a doctor if your twitch: ...; comes with drooping" is one sentence), and
fails on any sentence that states another threshold or a contradicting instruction.
"""

import datetime as dt
import html
import re
import shutil
import subprocess

import pytest
import time_machine
from django.urls import reverse

from guidance import safety
from guidance.models import Cause, Condition, EscalationCriterion
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)


# Reading a page as sentences -------------------------------------------------------------


def page_text(markup: str) -> str:
    """The words of an HTML page (or a JSON answer's strings), as plain sentences."""
    markup = re.sub(r"(?is)<(script|style|head|svg)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)</li\s*>", "; ", markup)
    markup = re.sub(r"(?i)</(p|h[1-6]|ul|ol|div|section|dt|dd|tr|td|th|title)\s*>", ". ", markup)
    markup = re.sub(r"(?i)<br\s*/?>", ". ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*])", text) if s.strip()]


# What counts as a contradiction ------------------------------------------------------------

#: Any "see a doctor after ..." wording must name the persistent threshold or the hours rule.
DURATION = re.compile(
    r"\b(?:more than|longer than|over|beyond|lasts|lasting|lasted|persists?)\s+"
    r"(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s*(?:to|or|-|\u2013)\s*\w+)?\s+(days?|weeks?|months?)\b",
    re.IGNORECASE,
)
OTHER_THRESHOLDS = [
    re.compile(r"\b3\s*(?:to|-|\u2013|\u2014)\s*4\s+weeks\b", re.IGNORECASE),
    re.compile(r"\b(?:a|one|1)\s+month\b", re.IGNORECASE),
    re.compile(r"\b(?:four|4)\s+weeks\b", re.IGNORECASE),
]
WITHIN_24_HOURS = re.compile(r"within 24 hours", re.IGNORECASE)
SIGNS_GONE_SEE_DOCTOR = re.compile(
    r"(?:already|have|has)\s+gone\b[^.]*\b(?:doctor|GP)\s+today", re.IGNORECASE
)
DROOP = re.compile(r"\bdroop", re.IGNORECASE)
NOT_EMERGENCY_ROUTE = re.compile(
    r"within 24 hours|book an appointment|see (?:a|your) (?:doctor|GP)|contact a doctor|"
    r"doctor soon|doctor should check",
    re.IGNORECASE,
)
#: A droop sentence may send someone to a doctor when it also says when to call, or is
#: about an old or known droop.
DROOP_EXEMPT = re.compile(
    r"emergency number|999|more than \w+ days? ago|old droop|already (?:been )?(?:seen|checked)|"
    r"Botox|side effect|a doctor has",
    re.IGNORECASE,
)


def allowed_durations(persistent_days: int, emergency_hours: int) -> set[str]:
    weeks = safety.days_phrase(persistent_days)
    return {
        weeks,
        f"{persistent_days} days",
        {"3 weeks": "three weeks"}.get(weeks, weeks),
        safety.hours_phrase(emergency_hours),
    }


def contradictions(text: str, persistent_days: int = 21, emergency_hours: int = 72) -> list:
    """Every sentence of ``text`` that states another threshold or a mixed emergency message."""
    allowed = allowed_durations(persistent_days, emergency_hours)
    found = []
    for sentence in sentences(text):
        for match in DURATION.finditer(sentence):
            amount = f"{match.group(1)} {match.group(2)}".lower()
            singular = amount.rstrip("s")
            if amount not in allowed and singular not in {a.rstrip("s") for a in allowed}:
                found.append(("threshold", match.group(0), sentence))
        for pattern in OTHER_THRESHOLDS:
            if pattern.search(sentence):
                found.append(("threshold", pattern.pattern, sentence))
        if WITHIN_24_HOURS.search(sentence):
            found.append(("24 hours, where urgent means today", sentence))
        if SIGNS_GONE_SEE_DOCTOR.search(sentence):
            found.append(("stroke signs gone: call anyway (TIA)", sentence))
        if (
            DROOP.search(sentence)
            and NOT_EMERGENCY_ROUTE.search(sentence)
            and not DROOP_EXEMPT.search(sentence)
        ):
            found.append(("a new droop sent to a doctor, not an emergency call", sentence))
    return found


@pytest.mark.parametrize(
    "bad",
    [
        # Each was once shown somewhere (issue 22).
        "Ignore a twitch that lasts more than 3 to 4 weeks. See a doctor instead.",
        "See a doctor if your twitch: has lasted more than a month; has spread; comes with "
        "weakness, pain or drooping.",
        "These need a doctor within 24 hours.",
        "If the signs have already gone, still contact a doctor today and tell them what happened.",
        "See a doctor if your twitch: lasts more than 3 weeks (21 days); comes with drooping, "
        "or you find it hard to close your eye.",
        "If you notice weakness or drooping in your face, contact a doctor sooner.",
        "Check again if it lasts more than four weeks.",
    ],
)
def test_the_checker_catches_each_contradiction_the_review_found(bad):
    assert contradictions(page_text(f"<p>{bad}</p>"))


def test_the_checker_passes_the_safety_words_themselves():
    text = " ".join(
        [
            *(f"{s.name}: {s.text}" for s in safety.FAST_SIGNS),
            safety.FAST_EVEN_IF_GONE,
            safety.NOT_A_NEW_DROOP,
            f"{safety.SEE_GP_HEADING}: " + "; ".join(safety.see_gp_if()) + ".",
            f"{safety.URGENT_HEADING} if " + "; ".join(safety.urgent_if()) + ".",
            safety.URGENT_HOW,
            safety.DISCLAIMER,
        ]
    )
    assert contradictions(text) == []


# What people read -------------------------------------------------------------------------


def public_urls() -> list[str]:
    urls = [
        reverse("home"),
        reverse("login"),
        reverse("signup"),
        reverse("guidance:index"),
        reverse("guidance:cause_list"),
        reverse("guidance:condition_list"),
        reverse("guidance:advice"),
        reverse("guidance:faq"),
        reverse("guidance:plan"),
        reverse("guidance:treatments"),
        reverse("guidance:checklist"),
        reverse("guidance:criteria"),
        reverse("guidance:search") + "?q=droop",
        reverse("guidance:search") + "?q=doctor",
        "/no-such-page/",
    ]
    urls += [c.get_absolute_url() for c in Cause.objects.published()]
    urls += [c.get_absolute_url() for c in Condition.objects.published()]
    return urls


GUIDANCE_API = ["causes", "conditions", "advice", "faqs", "plan", "treatments", "checklist",
                "criteria"]  # fmt: skip


def assert_consistent(where: str, text: str) -> None:
    criteria = dict(EscalationCriterion.objects.values_list("code", "threshold_days"))
    hours = EscalationCriterion.objects.get(code="stroke_signs").threshold_hours
    assert contradictions(text, criteria["persistent"], hours) == [], where


def test_every_public_page_states_one_threshold_and_one_emergency_rule(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_consistent(url, page_text(response.content.decode()))


def test_every_published_guidance_item_in_the_api_agrees(api_client):
    for name in GUIDANCE_API:
        url = f"/api/guidance/{name}/"
        data = api_client.get(url).json()
        assert data["results"], url
        strings = " ".join(
            page_text(item.get("body_html", "")) + " " + item["title"] + ". " + item["summary"]
            for item in data["results"]
        )
        assert_consistent(url, strings)


def test_the_500_page_agrees_and_shows_the_fast_signs(client, settings):
    settings.ROOT_URLCONF = "tests.broken_urls"
    client.raise_request_exception = False
    body = client.get("/broken/").content.decode()

    assert_consistent("500", page_text(body))
    for sign in safety.FAST_SIGNS:
        assert html.escape(sign.text) in body


def signed_in_urls() -> list[str]:
    return [
        reverse("home"),
        reverse("journal:episode_list"),
        reverse("journal:episode_quick"),
        reverse("journal:episode_create"),
        reverse("journal:insights"),
        reverse("journal:plan"),
        reverse("account_settings"),
    ]


def test_every_signed_in_page_agrees(client, user):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=30))
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(hours=2))
        for url in signed_in_urls():
            response = client.get(url)
            assert response.status_code == 200, url
            assert_consistent(url, page_text(response.content.decode()))


@pytest.mark.parametrize(
    ("fields", "days_ago"),
    [
        ({"symptoms": ["drooping"]}, 0),
        ({"symptoms": ["drooping"]}, 5),
        ({"symptoms": ["slurred_speech"]}, 0),
        ({"symptoms": ["slurred_speech"]}, 5),
        ({"side": "both"}, 0),
    ],
    ids=["new droop", "old droop", "stroke sign", "old stroke sign", "see a doctor"],
)
def test_the_triage_answer_page_and_report_agree(client, user, fields, days_ago):
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        EpisodeFactory(user=user, started_at=NOW - dt.timedelta(days=days_ago, hours=1), **fields)
        found = []
        api = client.get(reverse("api-triage")).json()
        found += contradictions(" ".join(api["next_steps"]) + " " + api["disclaimer"])
        for criterion in api["criteria"]:
            found += contradictions(criterion["explanation"])
        for url in [reverse("journal:triage"), reverse("journal:report"), reverse("home")]:
            found += contradictions(page_text(client.get(url).content.decode()))
        found += contradictions(pdf_text(client))
    assert found == []


def pdf_text(client) -> str:
    """The doctor report PDF's words, or "" where pdftotext is missing (best effort)."""
    if not shutil.which("pdftotext"):
        return ""
    response = client.get(reverse("journal:report_pdf"))
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


# The one source -----------------------------------------------------------------------------


def test_the_threshold_on_every_guidance_page_is_the_persistent_criterion_s(client):
    EscalationCriterion.objects.filter(code="persistent").update(threshold_days=28)

    html_text = page_text(client.get(reverse("guidance:faq")).content.decode())

    assert "has gone on for more than 4 weeks since it began" in html_text


def test_the_urgent_hours_on_every_guidance_page_are_the_stroke_criterion_s(client):
    EscalationCriterion.objects.filter(code="stroke_signs").update(threshold_hours=48)

    html_text = page_text(client.get(reverse("guidance:plan")).content.decode())

    assert "drooped or went weak more than 2 days ago" in html_text
