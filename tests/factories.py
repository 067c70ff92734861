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
