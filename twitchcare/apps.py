from django.apps import AppConfig


class TwitchcareConfig(AppConfig):
    name = "twitchcare"
    verbose_name = "TwitchCare"

    def ready(self) -> None:
        from twitchcare import checks  # noqa: F401  (registers the system checks)
        # Connects the receiver that revokes API tokens when a password changes, whether or
        # not any URL has been loaded (manage.py changepassword, for one).
        from twitchcare import tokens  # noqa: F401
