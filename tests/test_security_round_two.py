"""Security, round two (issue 14): what an outside tester broke, each with its test.

Bodies the API cannot read, the client's address behind a proxy, rate limits on the account
pages, CSV formulas, checklist items, and the smaller items (headers, checks, JSON errors
and query parameters under /api/).
"""

import csv
import datetime as dt
import io
import logging
import re
import zipfile

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse

from journal.api.parsers import MAX_DEPTH
from journal.models import DailyLog, Episode
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


def nested(depth: int) -> str:
    """A JSON body of ``depth`` lists, one inside the other."""
    return "[" * depth + "]" * depth


def nested_object(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


# 1. Bodies the API cannot read ------------------------------------------------------------

ANONYMOUS_BODIES = [("post", "/api/auth/register/"), ("post", "/api/auth/token/")]
SIGNED_IN_BODIES = [
    ("post", "/api/episodes/"),
    ("put", "/api/episodes/{episode}/"),
    ("patch", "/api/episodes/{episode}/"),
    ("post", "/api/daily-logs/"),
    ("put", "/api/daily-logs/{day}/"),
    ("patch", "/api/daily-logs/{day}/"),
    ("patch", "/api/account/"),
    ("delete", "/api/account/"),
]
UNREADABLE = {
    "nested 950 deep": (nested(950), "application/json"),
    "objects nested 950 deep": (nested_object(950), "application/json"),
    "nested past the limit": (nested(MAX_DEPTH + 1), "application/json"),
    "not UTF-8": (b'{"side": "\xff"}', "application/json"),
    "not JSON": ("{not json", "application/json"),
}


def assert_refused_as_unreadable(response, caplog) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"non_field_errors"}
    assert "JSON parse error" in body["non_field_errors"][0]
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert not [record for record in caplog.records if record.exc_info]


@pytest.mark.django_db
@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
@pytest.mark.parametrize(("method", "path"), ANONYMOUS_BODIES)
def test_an_unreadable_body_to_an_open_endpoint_is_a_400_without_a_traceback(
    api_client, method, path, body, caplog
):
    content, content_type = body
    with caplog.at_level(logging.INFO):
        response = getattr(api_client, method)(path, data=content, content_type=content_type)

    assert_refused_as_unreadable(response, caplog)


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
@pytest.mark.parametrize(("method", "path"), SIGNED_IN_BODIES)
def test_an_unreadable_body_to_a_journal_endpoint_is_a_400_and_changes_nothing(
    signed_in_api_client, user, method, path, body, caplog
):
    with time_machine.travel(NOW, tick=False):
        episode = EpisodeFactory(user=user)
        log = DailyLogFactory(user=user, date=dt.date(2026, 3, 9))
        content, content_type = body
        address = path.format(episode=episode.pk, day=log.date.isoformat())
        with caplog.at_level(logging.INFO):
            response = getattr(signed_in_api_client, method)(
                address, data=content, content_type=content_type
            )

        assert_refused_as_unreadable(response, caplog)
        assert Episode.objects.get() == episode
        assert DailyLog.objects.get().updated_at == log.updated_at


def test_a_body_nested_to_the_limit_is_still_read(signed_in_api_client):
    # At the limit the body is read, and the serializer names what is wrong with it.
    body = '{"locations": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + ', "side": "left"}'

    response = signed_in_api_client.post(
        "/api/episodes/", data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "locations" in response.json()


# 2. The client's address behind a proxy ---------------------------------------------------

PROXY = "10.0.0.1"
STRANGER = "203.0.113.5"
OWNER = "198.51.100.7"


def through_the_proxy(client_address: str, claimed: str = "") -> dict[str, str]:
    """What the app sees from a client behind one proxy that appends the address it was
    reached from to X-Forwarded-For (``claimed`` is whatever the client itself sent)."""
    forwarded = f"{claimed}, {client_address}" if claimed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def one_proxy(settings):
    settings.NUM_PROXIES = 1
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "1000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out_of_the_log_in_page(
    client, user, one_proxy
):
    for _ in range(5):
        client.post(
            reverse("login"),
            {"login": user.username, "password": "wrong"},
            **through_the_proxy(STRANGER),
        )
    stranger = client.post(
        reverse("login"),
        {"login": user.username, "password": PASSWORD},
        **through_the_proxy(STRANGER),
    )
    owner = client.post(
        reverse("login"),
        {"login": user.username, "password": PASSWORD},
        **through_the_proxy(OWNER),
    )

    assert stranger.status_code == 429
    assert owner.status_code == 302


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out_of_the_token_endpoint(
    api_client, user, one_proxy
):
    wrong = {"username": user.username, "password": "wrong"}
    right = {"username": user.username, "password": PASSWORD}
    for _ in range(5):
        api_client.post("/api/auth/token/", wrong, **through_the_proxy(STRANGER))

    stranger = api_client.post("/api/auth/token/", right, **through_the_proxy(STRANGER))
    owner = api_client.post("/api/auth/token/", right, **through_the_proxy(OWNER))

    assert stranger.status_code == 429
    assert owner.status_code == 200
    assert "token" in owner.json()


def test_addresses_a_client_makes_up_do_not_escape_the_lock_out(client, user, one_proxy):
    for n in range(5):
        client.post(
            reverse("login"),
            {"login": user.username, "password": "wrong"},
            **through_the_proxy(STRANGER, claimed=f"192.0.2.{n}"),
        )

    again = client.post(
        reverse("login"),
        {"login": user.username, "password": PASSWORD},
        **through_the_proxy(STRANGER, claimed="192.0.2.99"),
    )

    assert again.status_code == 429


def test_without_proxies_a_made_up_forwarded_for_header_is_ignored(client, user, settings):
    settings.NUM_PROXIES = 0
    for n in range(5):
        client.post(
            reverse("login"),
            {"login": user.username, "password": "wrong"},
            REMOTE_ADDR=STRANGER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    again = client.post(
        reverse("login"),
        {"login": user.username, "password": PASSWORD},
        REMOTE_ADDR=STRANGER,
        HTTP_X_FORWARDED_FOR=OWNER,
    )

    assert again.status_code == 429


@pytest.mark.parametrize(
    ("scope", "path", "method"),
    [("anon", "/api/guidance/causes/", "get"), ("auth", "/api/auth/token/", "post")],
)
def test_every_api_throttle_counts_the_client_behind_the_proxy(
    api_client, db, settings, scope, path, method
):
    settings.NUM_PROXIES = 1
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], scope: "2/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    send = getattr(api_client, method)

    stranger = [
        send(path, **through_the_proxy(STRANGER, claimed=f"192.0.2.{n}")).status_code
        for n in range(3)
    ]
    owner = send(path, **through_the_proxy(OWNER)).status_code

    assert stranger[2] == 429
    assert owner != 429


def test_a_forwarded_entry_that_is_not_an_address_falls_back_to_the_peer(rf, settings):
    from twitchcare.client_ip import client_ip

    settings.NUM_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7, not-an-ip")

    assert client_ip(request) == PROXY


# 5. Rate limits on the account pages ------------------------------------------------------


def assert_calm_429(response) -> None:
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a moment" in html
    assert "Nothing is wrong with your account" in html
    assert int(response["Retry-After"]) > 0


def test_twenty_password_resets_from_one_address_do_not_all_send_mail(db, client, mailoutbox):
    people = [UserFactory() for _ in range(20)]

    answers = [
        client.post(reverse("password_reset"), {"email": person.email}, REMOTE_ADDR=STRANGER)
        for person in people
    ]

    assert len(mailoutbox) == 10
    assert [answer.status_code for answer in answers] == [302] * 10 + [429] * 10
    assert_calm_429(answers[-1])
    # Another address is not held back by this one.
    other = client.post(reverse("password_reset"), {"email": people[0].email}, REMOTE_ADDR=OWNER)
    assert other.status_code == 302


def test_password_resets_for_one_e_mail_are_limited_whatever_the_address(client, user, mailoutbox):
    answers = [
        client.post(reverse("password_reset"), {"email": user.email}, REMOTE_ADDR=f"192.0.2.{n}")
        for n in range(6)
    ]

    assert len(mailoutbox) == 3
    assert [answer.status_code for answer in answers] == [302] * 3 + [429] * 3


def test_the_password_reset_limit_lifts_after_an_hour(client, user, mailoutbox):
    with time_machine.travel(NOW, tick=False) as clock:
        for _ in range(4):
            client.post(reverse("password_reset"), {"email": user.email})
        assert len(mailoutbox) == 3
        clock.shift(dt.timedelta(hours=1, seconds=1))
        client.post(reverse("password_reset"), {"email": user.email})
        assert len(mailoutbox) == 4


def test_the_log_in_page_is_limited_per_address(db, client):
    answers = [
        client.post(
            reverse("login"), {"login": f"nobody{n}", "password": "x"}, REMOTE_ADDR=STRANGER
        )
        for n in range(31)
    ]

    assert [answer.status_code for answer in answers[:30]] == [200] * 30
    assert_calm_429(answers[30])
    assert client.get(reverse("login"), REMOTE_ADDR=STRANGER).status_code == 200


def test_the_log_in_page_is_limited_per_account_across_addresses(client, user):
    answers = [
        client.post(
            reverse("login"),
            {"login": user.username.upper(), "password": "wrong"},
            REMOTE_ADDR=f"192.0.2.{n}",
        )
        for n in range(21)
    ]

    assert 429 not in [answer.status_code for answer in answers[:20]]
    assert_calm_429(answers[20])


def test_the_log_in_limit_uses_the_client_behind_the_proxy(db, client, one_proxy):
    for n in range(31):
        client.post(
            reverse("login"),
            {"login": f"nobody{n}", "password": "x"},
            **through_the_proxy(STRANGER),
        )

    owner = client.post(
        reverse("login"), {"login": "someone", "password": "x"}, **through_the_proxy(OWNER)
    )

    assert owner.status_code == 200


def sign_up(client, n: int, **extra):
    form = {
        "username": f"newperson{n}",
        "email": f"new{n}@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "UTC",
        "consent": "on",
    }
    return client.post(reverse("signup"), form, **extra)


def test_the_sign_up_page_is_limited_per_address(db, client):
    answers = []
    for n in range(11):
        answers.append(sign_up(client, n, REMOTE_ADDR=STRANGER))
        client.logout()

    assert [answer.status_code for answer in answers[:10]] == [302] * 10
    assert_calm_429(answers[10])
    assert User.objects.count() == 10


# 7. CSV cells and checklist items ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("note;=cmd", "note;'=cmd"),
        ("note; =cmd", "note; '=cmd"),
        ("a,+1,-2", "a,'+1,'-2"),
        ("first line\n@SUM(A1)", "first line\n'@SUM(A1)"),
        ("first line\r\n=1", "first line\r\n'=1"),
        ("x;\t=1", "x;'\t=1"),
        ("fine = ok; a - b", "fine = ok; a - b"),
        ("cheek;eyelid", "cheek;eyelid"),
    ],
)
def test_csv_safe_neutralises_formulas_after_separators_and_line_breaks(value, cell):
    from journal.csv_export import csv_safe

    assert csv_safe(value) == cell


def test_every_csv_the_app_writes_quotes_every_cell_and_neutralises_formulas(
    signed_in_client, user
):
    with time_machine.travel(NOW, tick=False):
        EpisodeFactory(user=user, notes='twitchy;=HYPERLINK("http://evil")')
        DailyLogFactory(user=user, date=dt.date(2026, 3, 9), notes="slept,@SUM(A1)")
        report = signed_in_client.get(reverse("journal:report_csv")).content.decode()
        archive = zipfile.ZipFile(
            io.BytesIO(signed_in_client.get(reverse("journal:export_csv")).getvalue())
        )
        files = {name: archive.read(name).decode() for name in archive.namelist()}

    for name, text in {"report.csv": report, **files}.items():
        rows = list(csv.reader(io.StringIO(text)))
        assert rows, name
        for line in text.splitlines():
            if line:
                assert line.startswith('"') and line.endswith('"'), (name, line)
        for row in rows:
            for cell in row:
                for piece in re.split(r"[,;\r\n] *", cell):
                    assert not piece.startswith(("=", "+", "-", "@", "\t")), (name, cell)
    assert "twitchy;'=HYPERLINK" in report
    assert "slept,'@SUM(A1)" in files["daily_logs.csv"]


@pytest.fixture
def checklist(db):
    from guidance.models import ChecklistItem
    from tests.factories import ChecklistItemFactory

    ChecklistItem.objects.all().delete()
    ChecklistItemFactory(slug="screen-break", title="Take a screen break")
    ChecklistItemFactory(slug="old-advice", title="Withdrawn", status="draft")


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (["made-up"], "made-up is not on the checklist."),
        (["old-advice"], "old-advice is not on the checklist."),
        ([42], "Send the slug of a checklist item, as text."),
        ([True], "Send the slug of a checklist item, as text."),
        ([["screen-break"]], "Send the slug of a checklist item, as text."),
        ([{"slug": "screen-break"}], "Send the slug of a checklist item, as text."),
        ([None], "This field may not be null."),
        ("screen-break", None),
        ({"screen-break": True}, None),
        (42, None),
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_checklist_done_takes_only_published_items_as_text(
    signed_in_api_client, user, checklist, method, sent, message
):
    with time_machine.travel(NOW, tick=False):
        day = "2026-03-09"
        if method == "post":
            address, body = "/api/daily-logs/", {"date": day, "checklist_done": sent}
        else:
            DailyLogFactory(user=user, date=dt.date(2026, 3, 9), checklist_done=[])
            address, body = f"/api/daily-logs/{day}/", {"checklist_done": sent}

        response = getattr(signed_in_api_client, method)(address, body, format="json")

        assert response.status_code == 400, response.content
        assert set(response.json()) == {"checklist_done"}
        if message:
            assert message in str(response.json()["checklist_done"])
        assert list(DailyLog.objects.values_list("checklist_done", flat=True)) in ([], [[]])


def test_checklist_done_takes_a_published_item(signed_in_api_client, user, checklist):
    with time_machine.travel(NOW, tick=False):
        response = signed_in_api_client.post(
            "/api/daily-logs/", {"date": "2026-03-09", "checklist_done": ["screen-break"]}
        )

        assert response.status_code == 201
        assert DailyLog.objects.get().checklist_done == ["screen-break"]


def test_an_item_unpublished_since_it_was_ticked_can_stay_ticked(
    signed_in_api_client, user, checklist
):
    with time_machine.travel(NOW, tick=False):
        DailyLogFactory(user=user, date=dt.date(2026, 3, 9), checklist_done=["old-advice"])

        response = signed_in_api_client.put(
            "/api/daily-logs/2026-03-09/", {"checklist_done": ["old-advice", "screen-break"]}
        )

        assert response.status_code == 200
        assert DailyLog.objects.get().checklist_done == ["old-advice", "screen-break"]


# 9. Smaller items -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("/guidance/faq/#stroke", "/guidance/faq/#stroke"),
        ("/guidance/conditions/blepharospasm/", "/guidance/conditions/blepharospasm/"),
        ("/\\evil.example", ""),
        ("/\t/evil.example", ""),
        ("/\n/evil.example", ""),
        ("//evil.example", ""),
        ("https://evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_a_learn_more_link_must_be_a_path_on_this_site(value, shown):
    from journal.templatetags.triage_tags import local_path

    assert local_path(value) == shown


@pytest.mark.parametrize(
    "address",
    ["/", "/accounts/login/", "/guidance/", "/api/guidance/causes/", "/api/no-such-thing/", "/x/"],
)
def test_every_answer_has_a_permissions_policy(client, db, address):
    response = client.get(address)

    policy = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert policy["camera"] == "(self)"
    assert policy["microphone"] == "()"
    assert policy["geolocation"] == "()"


@pytest.mark.parametrize(
    ("debug", "backend", "errors"),
    [
        (False, "django.core.mail.backends.console.EmailBackend", ["twitchcare.E001"]),
        (False, "django.core.mail.backends.locmem.EmailBackend", ["twitchcare.E001"]),
        (False, "django.core.mail.backends.smtp.EmailBackend", []),
        (True, "django.core.mail.backends.console.EmailBackend", []),
    ],
)
def test_the_deploy_check_refuses_undelivered_mail_with_debug_off(settings, debug, backend, errors):
    from twitchcare.checks import check_mail_is_delivered

    settings.DEBUG, settings.EMAIL_BACKEND = debug, backend

    assert [error.id for error in check_mail_is_delivered(None)] == errors


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("get", "/api/"),
        ("get", "/api/no-such-thing/"),
        ("get", "/api/guidance/no-such-thing/"),
        ("get", "/api/episodes"),
        ("post", "/api/episodes"),
        ("delete", "/api/auth/token"),
    ],
)
def test_every_unknown_address_under_api_is_a_json_404(
    api_client, db, settings, debug, method, address
):
    settings.DEBUG = debug

    response = getattr(api_client, method)(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("post", "/api/docs/"),
        ("post", "/api/schema/"),
        ("delete", "/api/guidance/causes/"),
        ("put", "/api/auth/token/"),
    ],
)
def test_a_method_an_api_address_does_not_take_is_a_json_405(api_client, db, method, address):
    response = getattr(api_client, method)(address)

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}
    assert "GET" in response["Allow"] or "POST" in response["Allow"]


@pytest.mark.parametrize(
    ("address", "query", "field"),
    [
        ("/api/episodes/", "since=", "since"),
        ("/api/episodes/", "until=", "until"),
        ("/api/episodes/", "side=", "side"),
        ("/api/episodes/", "location=", "location"),
        ("/api/episodes/", "since=yesterday", "since"),
        ("/api/episodes/", "page_size=abc", "page_size"),
        ("/api/episodes/", "page_size=", "page_size"),
        ("/api/episodes/", "page_size=0", "page_size"),
        ("/api/episodes/", "page_size=201", "page_size"),
        ("/api/episodes/", "page_size=%C2%B2", "page_size"),
        ("/api/episodes/", "page=abc", "page"),
        ("/api/episodes/", "page=", "page"),
        ("/api/episodes/", "page=0", "page"),
        ("/api/daily-logs/", "since=", "since"),
        ("/api/daily-logs/", "until=", "until"),
        ("/api/daily-logs/", "until=31-12-2026", "until"),
        ("/api/daily-logs/", "page_size=abc", "page_size"),
        ("/api/insights/", "days=", "days"),
        ("/api/insights/", "days=abc", "days"),
        ("/api/guidance/causes/", "page_size=abc", "page_size"),
        ("/api/guidance/causes/", "page=", "page"),
    ],
)
def test_a_query_parameter_present_but_empty_or_malformed_is_a_400_naming_it(
    signed_in_api_client, address, query, field
):
    with time_machine.travel(NOW, tick=False):
        response = signed_in_api_client.get(f"{address}?{query}")

        assert response.status_code == 400, response.content
        body = response.json()
        assert list(body) == [field]
        assert body[field] and all(isinstance(message, str) for message in body[field])


def test_good_page_parameters_still_work(signed_in_api_client, user):
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            EpisodeFactory(user=user)

        answer = signed_in_api_client.get("/api/episodes/?page=2&page_size=2").json()
        last = signed_in_api_client.get("/api/episodes/?page=last&page_size=200").json()
        past_the_end = signed_in_api_client.get("/api/episodes/?page=9&page_size=2")

        assert len(answer["results"]) == 1
        assert len(last["results"]) == 3
        assert past_the_end.status_code == 404


def test_an_unknown_api_address_is_a_json_404_even_for_a_session_without_csrf(user):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    response = browser.delete("/api/episodes/null/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
