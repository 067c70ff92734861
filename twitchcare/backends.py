"""Authentication backends."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model


class ModelBackend(AuthenticationBackend):
    """allauth's backend (a username or an e-mail address, and the password), loading the
    person's profile with them.

    Every signed-in page reads the profile (time zone, plan start), so the session's
    user and profile come back in one query instead of two. The name stays ``ModelBackend``
    so sessions made before allauth still find their backend.
    """

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("profile").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
