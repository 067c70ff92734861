from django.apps import AppConfig


class TwitchcareConfig(AppConfig):
    name = "twitchcare"
    verbose_name = "TwitchCare"

    def ready(self) -> None:
        # Registers the system checks (twitchcare.checks), and connects the receiver that
        # revokes API tokens when a password changes, whether or not any URL has been
        # loaded (manage.py changepassword, for one).
        from twitchcare import checks, tokens  # noqa: F401
