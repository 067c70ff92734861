from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self) -> None:
        from guidance.cache import bump_version

        # Any save or delete of any guidance model invalidates every cached guidance page.
        for model in self.get_models():
            uid = f"guidance-cache-{model._meta.label_lower}"
            post_save.connect(bump_version, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(bump_version, sender=model, dispatch_uid=f"{uid}-delete")
