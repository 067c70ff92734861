from django.urls import path

from journal import converters  # noqa: F401 - registers <isodate:...>
from journal.views import account_data, insights, offline, pages, report, triage

app_name = "journal"

urlpatterns = [
    # The short start after sign-up
    path("start/", pages.short_start, name="start"),
    # Episodes
    path("journal/", pages.episode_list, name="episode_list"),
    path("journal/quick/", pages.episode_quick, name="episode_quick"),
    path("journal/new/", pages.episode_create, name="episode_create"),
    # Person-neutral shells of the two forms, kept by the service worker (twitchcare/pwa.py)
    path("journal/offline/quick/", offline.quick_shell, name="offline_quick"),
    path("journal/offline/new/", offline.create_shell, name="offline_create"),
    path("journal/<int:pk>/", pages.episode_detail, name="episode_detail"),
    path("journal/<int:pk>/edit/", pages.episode_edit, name="episode_edit"),
    path("journal/<int:pk>/delete/", pages.episode_delete, name="episode_delete"),
    # Daily logs
    path("journal/daily/<isodate:day>/", pages.daily_log, name="daily_log"),
    # Insights, the five-week plan and the daily checklist
    path("insights/", insights.insights, name="insights"),
    path("plan/", insights.plan, name="plan"),
    path("journal/checklist/<isodate:day>/", insights.checklist_save, name="checklist_save"),
    # Triage: should I see a doctor?
    path("triage/", triage.triage_page, name="triage"),
    # Doctor report
    path("report/", report.report, name="report"),
    path("report.pdf", report.report_pdf, name="report_pdf"),
    path("report.csv", report.report_csv, name="report_csv"),
    # Your data: export, deletion, reminder unsubscribe
    path("accounts/export.json", account_data.export_json, name="export_json"),
    path("accounts/export.zip", account_data.export_csv_zip, name="export_csv"),
    path("accounts/delete/", account_data.account_delete, name="account_delete"),
    path(
        "reminders/unsubscribe/<str:token>/",
        account_data.reminders_unsubscribe,
        name="reminders_unsubscribe",
    ),
]
