"""Give every existing account with an e-mail an allauth EmailAddress, unconfirmed.

Before allauth, an e-mail typed at sign-up was never checked. Reminders now go only to a
confirmed address, so these people see on their settings page that they need to confirm
it (allauth sends the link from the e-mail page).
"""

from django.conf import settings
from django.db import migrations


def add_addresses(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    EmailAddress = apps.get_model("account", "EmailAddress")
    taken = {email.lower() for email in EmailAddress.objects.values_list("email", flat=True)}
    has_address = set(EmailAddress.objects.values_list("user_id", flat=True))
    new = []
    for user_id, email in User.objects.exclude(email="").values_list("pk", "email"):
        if user_id in has_address or email.lower() in taken:
            continue  # a second account with the same address keeps none: it must add one
        taken.add(email.lower())
        new.append(EmailAddress(user_id=user_id, email=email, primary=True, verified=False))
    EmailAddress.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [
        ("twitchcare", "0001_drop_plain_text_api_tokens"),
        ("account", "0009_emailaddress_unique_primary_email"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(add_addresses, migrations.RunPython.noop)]
