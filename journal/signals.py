from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from journal.models import DailyLog, Episode, Profile
from journal.services import journal_changed


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="journal_create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile, however it was made (sign-up, admin, shell)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_save, sender=Episode, dispatch_uid="journal_episode_saved")
@receiver(post_delete, sender=Episode, dispatch_uid="journal_episode_deleted")
@receiver(post_save, sender=DailyLog, dispatch_uid="journal_daily_log_saved")
@receiver(post_delete, sender=DailyLog, dispatch_uid="journal_daily_log_deleted")
def entry_changed(sender, instance, raw=False, **kwargs):
    """Any change to an entry retires what was cached from the person's journal."""
    if not raw:
        journal_changed(instance.user_id)
