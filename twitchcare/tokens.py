"""API tokens: one per device, stored hashed, each with an expiry (django-rest-knox).

A token is issued at registration and at every ``POST /api/auth/token/``, and sent as
``Authorization: Token <token>`` (``journal.api.common.TokenAuthentication``). It stops
working at its expiry (``REST_KNOX["TOKEN_TTL"]``, ``DJANGO_API_TOKEN_DAYS``), when its
device logs out, when the person logs out everywhere, and whenever the password changes.
"""

import datetime as dt

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from knox.models import AuthToken


def api_token_issue(*, user) -> tuple[str, dt.datetime]:
    """Issue a new token for one device; return it and when it expires.

    The token itself is returned only here: the database keeps its digest. The person's
    expired tokens are swept away at the same time.
    """
    AuthToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()
    auth_token, token = AuthToken.objects.create(user=user)
    return token, auth_token.expiry


def api_token_revoke(*, auth_token: AuthToken) -> None:
    """Revoke one token (the device that sent it logs out)."""
    auth_token.delete()


def api_tokens_revoke_all(*, user) -> int:
    """Revoke every token of ``user``; return how many there were."""
    deleted, _by_model = AuthToken.objects.filter(user=user).delete()
    return deleted


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="tc_password_revokes_tokens")
def revoke_tokens_on_password_change(sender, instance, created, raw=False, **kwargs):
    """Any new password revokes all the person's API tokens.

    The settings page's change, the reset link, the admin and ``manage.py changepassword``
    all go through ``set_password()`` and ``save()``. Django keeps the new raw password on
    the user until just after this signal, to tell the password validators it changed
    (``AbstractBaseUser.save``), so that is the test here. A log-in that only re-hashes the
    same password with stronger settings clears it first, and revokes nothing.
    """
    if created or raw:
        return
    if getattr(instance, "_password", None) is not None:
        api_tokens_revoke_all(user=instance)
