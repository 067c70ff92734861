from django.apps import AppConfig


class TwitchcareConfig(AppConfig):
    name = "twitchcare"
    verbose_name = "TwitchCare"
