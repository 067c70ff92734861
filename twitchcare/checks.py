"""System checks of our own, run by ``manage.py check`` (``--deploy`` for production)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Backends that never deliver: a password-reset link sent through them lands in the
#: server's log (console) or in memory (locmem), not in the person's inbox.
UNDELIVERED_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security, deploy=True)
def check_mail_is_delivered(app_configs, **kwargs) -> list[Error]:
    """With debug off, e-mail must go somewhere real (``DJANGO_EMAIL_BACKEND``)."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in UNDELIVERED_MAIL:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND} with DEBUG off: password-reset links "
            "would be written to the server's log instead of sent.",
            hint="Set DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
            "and the DJANGO_EMAIL_HOST variables.",
            id="twitchcare.E001",
        )
    ]
