import datetime as dt

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from journal.models import DailyLog, Episode, Treatment, TreatmentKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def time_zone(self, create, extracted, **kwargs):
        """UserFactory(time_zone="Pacific/Auckland") sets the profile's zone."""
        if extracted:
            self.profile.time_zone = extracted
            self.profile.save()
        if create:
            self.save()

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        """UserFactory(email_verified=True) gives the user a confirmed primary allauth
        EmailAddress (False: an unconfirmed one); by default none, as after a bare sign-up."""
        if create and extracted is not None and self.email:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=bool(extracted)
            )


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    user = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))
    duration_seconds = 30
    locations = factory.LazyFunction(lambda: ["eyelid"])
    side = "left"
    intensity = 4
    triggers = factory.LazyFunction(list)
    symptoms = factory.LazyFunction(list)
    notes = ""


class DailyLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyLog

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)
    sleep_hours = 7
    caffeine_servings = 2
    alcohol_drinks = 0
    stress_level = 3
    screen_hours = 6
    water_glasses = 6


class JournalTreatmentFactory(factory.django.DjangoModelFactory):
    """A treatment a person recorded (journal.Treatment); TreatmentFactory is guidance's."""

    class Meta:
        model = Treatment

    user = factory.SubFactory(UserFactory)
    kind = TreatmentKind.BOTULINUM_TOXIN
    name = "Botox"
    given_on = factory.LazyFunction(timezone.localdate)
    ended_on = None
    dose = ""
    notes = ""


# Guidance ------------------------------------------------------------------------------


class _GuidanceItemFactory(factory.django.DjangoModelFactory):
    """Published by default, reviewed today, next review in a year."""

    class Meta:
        abstract = True

    slug = factory.Sequence(lambda n: f"test-item-{n}")
    title = factory.Sequence(lambda n: f"Test item {n}")
    summary = "A short summary."
    body = "Some **plain** words."
    status = "published"
    last_reviewed = factory.LazyFunction(timezone.localdate)
    next_review_due = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))


class CauseFactory(_GuidanceItemFactory):
    class Meta:
        model = "guidance.Cause"


class ConditionFactory(_GuidanceItemFactory):
    class Meta:
        model = "guidance.Condition"

    differs_from_twitch = "It is *different*."


class AdviceFactory(_GuidanceItemFactory):
    class Meta:
        model = "guidance.Advice"

    kind = "do"


class FaqFactory(_GuidanceItemFactory):
    class Meta:
        model = "guidance.Faq"


class TreatmentFactory(_GuidanceItemFactory):
    class Meta:
        model = "guidance.Treatment"


class ChecklistItemFactory(_GuidanceItemFactory):
    class Meta:
        model = "guidance.ChecklistItem"


# A whole journal ---------------------------------------------------------------------------


def full_journal(person, *, files: bool = False):
    """Every kind of entry ``person`` can hold, with the awkward values: times with their
    own offsets (a July and a November episode in Auckland), microseconds, formula-like and
    quoted notes, decimals, checklist ticks, an empty daily log, the four kinds of
    treatment, weekly self-ratings and the account's settings. With ``files``, three
    attachments too: a JPEG with GPS and a PNG on the November episode, a WebM video on the
    July one (the test must swap the storage: tests.attachment_helpers' private_storage).

    The import tests (tests/test_import.py) and the FHIR tests (tests/test_fhir_export.py)
    share it, so both check the same journal. Returns ``person``.
    """
    from journal import attachments
    from journal.models import SelfRating
    from tests.attachment_helpers import jpeg_with_gps, png_bytes, upload, webm_bytes

    ChecklistItemFactory(slug="test-warm-compress")
    ChecklistItemFactory(slug="test-screen-break")
    november = EpisodeFactory(
        user=person,
        started_at=dt.datetime(2026, 11, 20, 8, 0, 30, 123456, tzinfo=dt.UTC),
        duration_seconds=45,
        locations=["cheek", "eyelid"],
        side="left",
        intensity=6,
        triggers=["caffeine", "stress"],
        symptoms=["pain"],
        notes="=SUM(A1) after the meeting, then;-5 and\n@home",
    )
    july = EpisodeFactory(
        user=person,
        # In July Auckland is UTC+12: the offset of each time is its own, not today's.
        started_at=dt.datetime(2026, 7, 1, 20, 0, tzinfo=dt.UTC),
        duration_seconds=None,
        locations=["eyebrow"],
        side="both",
        intensity=None,
        notes='Quotes "and", commas',
    )
    DailyLogFactory(
        user=person,
        date=dt.date(2026, 11, 20),
        sleep_hours="6.5",
        stress_level=7,
        screen_hours="9.0",
        checklist_done=["test-screen-break", "test-warm-compress"],
        notes="+ tired",
    )
    DailyLogFactory(
        user=person,
        date=dt.date(2026, 11, 21),
        sleep_hours=None,
        caffeine_servings=None,
        alcohol_drinks=None,
        stress_level=None,
        screen_hours=None,
        water_glasses=None,
    )
    JournalTreatmentFactory(
        user=person,
        kind=TreatmentKind.BOTULINUM_TOXIN,
        name="Botox",
        given_on=dt.date(2026, 9, 1),
        dose="12.5 units",
    )
    JournalTreatmentFactory(
        user=person,
        kind=TreatmentKind.MEDICATION,
        name="Clonazepam",
        given_on=dt.date(2026, 10, 1),
        ended_on=dt.date(2026, 11, 1),
        dose="0.5 mg at night",
        notes="-sleepy",
    )
    JournalTreatmentFactory(
        user=person,
        kind=TreatmentKind.EYE_DROPS,
        name="Artificial tears",
        given_on=dt.date(2026, 11, 24),
    )
    JournalTreatmentFactory(
        user=person,
        kind=TreatmentKind.OTHER,
        name="Acupuncture",
        given_on=dt.date(2026, 9, 1),
        ended_on=dt.date(2026, 9, 30),
    )
    SelfRating.objects.create(
        user=person, week_start=dt.date(2026, 11, 16), severity=2, frequency=3
    )
    SelfRating.objects.create(user=person, week_start=dt.date(2026, 11, 9), severity=0, frequency=0)
    if files:
        attachments.attachment_add(episode=november, upload=upload("a.jpg", jpeg_with_gps()))
        attachments.attachment_add(episode=november, upload=upload("b.png", png_bytes()))
        attachments.attachment_add(episode=july, upload=upload("c.webm", webm_bytes(5000)))
    person.profile.twitch_began_on = dt.date(2026, 6, 1)
    person.profile.plan_started_on = dt.date(2026, 11, 2)
    person.profile.emergency_seen_at = dt.datetime(2026, 11, 21, 2, 0, tzinfo=dt.UTC)
    person.profile.save()
    return person
