"""Daily reminder e-mails: once per local day, only to those who asked and have not logged."""

import datetime as dt
import smtplib
import zoneinfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from journal import reminders
from journal.models import Profile
from journal.services import reminder_claim
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db

AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")  # UTC+13 in November (summer time)
LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")  # UTC-8 in November


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=dt.UTC)


def wants_reminders(time_zone: str, at: dt.time = dt.time(20, 0), **user_fields):
    user_fields.setdefault("email_verified", True)
    user = UserFactory(time_zone=time_zone, **user_fields)
    Profile.objects.filter(user=user).update(reminders_enabled=True, reminder_time=at)
    return user


def run_at(moment: dt.datetime) -> int:
    with time_machine.travel(moment, tick=False):
        return reminders.send_due_reminders()


def test_a_person_in_auckland_is_reminded_once_per_local_day(mailoutbox):
    wants_reminders("Pacific/Auckland")

    assert run_at(utc(24, 6, 45)) == 0  # 19:45 in Auckland: too early
    assert run_at(utc(24, 7, 0)) == 1  # 20:00 on the 24th in Auckland
    assert run_at(utc(24, 7, 15)) == 0  # same local day: not again
    assert run_at(utc(24, 10, 45)) == 0  # 23:45, still the 24th there
    assert run_at(utc(25, 7, 0)) == 1  # 20:00 on the 25th: the next local day
    assert len(mailoutbox) == 2


def test_reminders_follow_each_persons_own_clock(mailoutbox):
    auckland = wants_reminders("Pacific/Auckland")
    los_angeles = wants_reminders("America/Los_Angeles")

    assert run_at(utc(24, 3, 0)) == 0  # 19:00 on the 23rd in LA, 16:00 on the 24th in Auckland
    assert run_at(utc(24, 4, 0)) == 1  # 20:00 on the 23rd in LA
    assert run_at(utc(24, 7, 0)) == 1  # 20:00 on the 24th in Auckland; LA already reminded

    assert [m.to for m in mailoutbox] == [[los_angeles.email], [auckland.email]]
    assert Profile.objects.get(user=los_angeles).last_reminder_sent_on == dt.date(2026, 11, 23)
    assert Profile.objects.get(user=auckland).last_reminder_sent_on == dt.date(2026, 11, 24)


def _reminders_off(user):
    Profile.objects.filter(user=user).update(reminders_enabled=False)


def _no_email(user):
    EmailAddress.objects.filter(user=user).delete()
    type(user).objects.filter(pk=user.pk).update(email="")


def _unconfirmed_email(user):
    # The address typed at sign-up, never confirmed by its link: no reminder goes to it.
    EmailAddress.objects.filter(user=user).update(verified=False)


def _confirmed_but_not_primary(user):
    EmailAddress.objects.filter(user=user).update(primary=False)


def _inactive(user):
    type(user).objects.filter(pk=user.pk).update(is_active=False)


def _episode_on_local_today(user):
    # 09:00 on the 24th in Auckland is still the 23rd in UTC: it is their today all the same.
    EpisodeFactory(user=user, started_at=dt.datetime(2026, 11, 24, 9, tzinfo=AUCKLAND))


def _daily_log_for_local_today(user):
    DailyLogFactory(user=user, date=dt.date(2026, 11, 24))


@pytest.mark.parametrize(
    "setup",
    [
        _reminders_off,
        _no_email,
        _unconfirmed_email,
        _confirmed_but_not_primary,
        _inactive,
        _episode_on_local_today,
        _daily_log_for_local_today,
    ],
)
def test_no_reminder_goes_to_someone_who_should_not_get_one(mailoutbox, setup):
    user = wants_reminders("Pacific/Auckland")
    setup(user)

    assert run_at(utc(24, 7, 30)) == 0
    assert mailoutbox == []


def test_yesterdays_entries_do_not_count_as_logging_today(mailoutbox):
    user = wants_reminders("Pacific/Auckland")
    # 23:00 on the 23rd in Auckland is 10:00 on the 23rd in UTC; the log is for the 23rd.
    EpisodeFactory(user=user, started_at=dt.datetime(2026, 11, 23, 23, tzinfo=AUCKLAND))
    DailyLogFactory(user=user, date=dt.date(2026, 11, 23))

    assert run_at(utc(24, 7, 30)) == 1


def test_someone_who_unsubscribed_gets_no_more_reminders(client, mailoutbox):
    user = wants_reminders("Pacific/Auckland")
    run_at(utc(24, 7, 0))
    link = mailoutbox[0].body.split("Stop these reminders: ")[1].split()[0]

    client.post(link.removeprefix("http://testserver"))

    assert run_at(utc(25, 7, 0)) == 0
    assert Profile.objects.get(user=user).reminders_enabled is False


def test_two_overlapping_runs_never_send_twice(mailoutbox):
    user = wants_reminders("Pacific/Auckland")
    with time_machine.travel(utc(24, 7, 0), tick=False):
        # Both runs found the person due before either sent.
        first, second = reminders.due_reminders(), reminders.due_reminders()
        assert reminder_claim(profile=first[0].profile, day=first[0].local_date) is True
        assert reminder_claim(profile=second[0].profile, day=second[0].local_date) is False
    assert Profile.objects.get(user=user).last_reminder_sent_on == dt.date(2026, 11, 24)


def test_a_reminder_the_mail_server_refused_is_tried_again_next_run(monkeypatch, mailoutbox):
    wants_reminders("Pacific/Auckland")

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("gone")

    with monkeypatch.context() as patched:
        patched.setattr(mail.EmailMessage, "send", refuse)
        assert run_at(utc(24, 7, 0)) == 0

    assert run_at(utc(24, 7, 15)) == 1


@override_settings(SITE_URL="https://twitchcare.example")
def test_the_email_is_kind_plain_and_free_of_health_content(mailoutbox):
    user = wants_reminders("Pacific/Auckland", username="ada")
    EpisodeFactory(
        user=user,
        started_at=dt.datetime(2026, 11, 20, 9, tzinfo=AUCKLAND),
        symptoms=["slurred_speech"],
        notes="Very private note",
    )

    run_at(utc(24, 7, 0))

    message = mailoutbox[0]
    assert message.subject == "Time for your TwitchCare check-in"
    assert message.to == [user.email]
    assert "Hello ada," in message.body
    assert "https://twitchcare.example/" in message.body
    assert "https://twitchcare.example/reminders/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://twitchcare.example/reminders/unsubscribe/"
    )
    for private in ("private", "slurred", "eyelid", "twitching episode", "symptom"):
        assert private not in message.body.lower()
    assert "&#x27;" not in message.body and "&amp;" not in message.body


def test_who_is_due_is_found_with_three_queries_however_many_people(django_assert_num_queries):
    for n in range(30):
        zone = "Pacific/Auckland" if n % 2 else "America/Los_Angeles"
        user = wants_reminders(zone)
        EpisodeFactory(user=user, started_at=utc(22, 12))  # an earlier day everywhere
        if n % 3 == 0:  # these ten logged their local today (the 24th or the 23rd)
            DailyLogFactory(user=user, date=dt.date(2026, 11, 24 if n % 2 else 23))

    with time_machine.travel(utc(24, 7, 0), tick=False), django_assert_num_queries(3):
        due = reminders.due_reminders()
    assert len(due) == 20


def test_the_command_sends_and_says_how_many(mailoutbox, capsys):
    wants_reminders("Pacific/Auckland")

    with time_machine.travel(utc(24, 7, 0), tick=False):
        call_command("send_reminders")

    assert capsys.readouterr().out.strip() == "Sent 1 reminder."
    assert len(mailoutbox) == 1


# --- The unsubscribe link -------------------------------------------------------------------


def test_the_unsubscribe_link_asks_first_and_works_without_logging_in(client):
    user = wants_reminders("Pacific/Auckland")
    url = reverse("journal:reminders_unsubscribe", args=[reminders.unsubscribe_token(user)])

    page = client.get(url)
    assert page.status_code == 200
    assert "Stop daily reminders?" in page.content.decode()
    assert Profile.objects.get(user=user).reminders_enabled is True

    done = client.post(url)
    assert done.status_code == 200
    assert "Reminders stopped" in done.content.decode()
    assert Profile.objects.get(user=user).reminders_enabled is False


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_unsubscribe_link_is_refused_with_a_clear_message(client, method):
    user = wants_reminders("Pacific/Auckland")
    other = wants_reminders("Pacific/Auckland")
    token = reminders.unsubscribe_token(user)
    _number, signature = token.split(":", 1)
    forged = reminders.unsubscribe_token(other).split(":", 1)[0] + ":" + signature

    for bad in (forged, token[:-2] + "xx", "nonsense"):
        url = reverse("journal:reminders_unsubscribe", args=[bad])
        response = getattr(client, method)(url)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert Profile.objects.filter(reminders_enabled=True).count() == 2


def test_an_unsubscribe_link_for_a_deleted_account_says_so(client):
    user = wants_reminders("Pacific/Auckland")
    url = reverse("journal:reminders_unsubscribe", args=[reminders.unsubscribe_token(user)])
    user.delete()

    response = client.get(url)

    assert response.status_code == 404
    assert "no longer exists" in response.content.decode()
