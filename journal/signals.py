from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from journal.models import Attachment, Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="journal_create_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile, however it was made (sign-up, admin, shell)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_delete, sender=Attachment, dispatch_uid="journal_attachment_file_delete")
def delete_attachment_file(sender, instance, **kwargs):
    """A deleted attachment (alone, with its episode or with the account) takes its file."""
    from journal.attachments import delete_stored_file

    delete_stored_file(instance)
