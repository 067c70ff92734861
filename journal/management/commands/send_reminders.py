"""Send the daily check-in reminders that are due now.

Run it from cron every 15 minutes; a person gets at most one reminder per local day, even
when two runs overlap:

    */15 * * * * cd /srv/twitchcare && .venv/bin/python manage.py send_reminders
"""

from django.core.management.base import BaseCommand

from journal.reminders import send_due_reminders


class Command(BaseCommand):
    help = "E-mail today's check-in reminder to everyone who is due one (run every 15 minutes)."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
