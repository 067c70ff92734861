from django.urls import path

from journal import converters  # noqa: F401 - registers <isodate:...>
from journal.views import (
    account_data,
    attachments,
    calendar,
    importing,
    insights,
    offline,
    pages,
    report,
    sharing,
    treatments,
    triage,
)

app_name = "journal"

urlpatterns = [
    # The short start after sign-up
    path("start/", pages.short_start, name="start"),
    # Episodes
    path("journal/", pages.episode_list, name="episode_list"),
    path("journal/quick/", pages.episode_quick, name="episode_quick"),
    path("journal/month/", calendar.month, name="episode_month_current"),
    path("journal/month/<isomonth:first>/", calendar.month, name="episode_month"),
    path("journal/new/", pages.episode_create, name="episode_create"),
    # Person-neutral shells of the two forms, kept by the service worker (twitchcare/pwa.py)
    path("journal/offline/quick/", offline.quick_shell, name="offline_quick"),
    path("journal/offline/new/", offline.create_shell, name="offline_create"),
    path("journal/offline/daily/", offline.daily_shell, name="offline_daily"),
    path("journal/<int:pk>/", pages.episode_detail, name="episode_detail"),
    path("journal/<int:pk>/edit/", pages.episode_edit, name="episode_edit"),
    path("journal/<int:pk>/delete/", pages.episode_delete, name="episode_delete"),
    # An episode's photos and videos
    path(
        "journal/<int:pk>/attachments/",
        attachments.attachment_upload,
        name="attachment_upload",
    ),
    path("journal/attachments/<int:pk>/", attachments.attachment_file, name="attachment_file"),
    path(
        "journal/attachments/<int:pk>/delete/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
    # Daily logs
    path("journal/daily/today/", pages.daily_log_today, name="daily_log_today"),
    path("journal/daily/<isodate:day>/", pages.daily_log, name="daily_log"),
    # Insights, the five-week plan and the daily checklist
    path("insights/", insights.insights, name="insights"),
    path("plan/", insights.plan, name="plan"),
    path("journal/checklist/<isodate:day>/", insights.checklist_save, name="checklist_save"),
    # Treatments and the weekly self-rating
    path("treatments/", treatments.treatment_list, name="treatment_list"),
    path("treatments/new/", treatments.treatment_create, name="treatment_create"),
    path("treatments/injection-today/", treatments.injection_today, name="injection_today"),
    path("treatments/ratings/", treatments.rating_save, name="rating_save"),
    path("treatments/<int:pk>/", treatments.treatment_detail, name="treatment_detail"),
    path("treatments/<int:pk>/edit/", treatments.treatment_edit, name="treatment_edit"),
    path("treatments/<int:pk>/delete/", treatments.treatment_delete, name="treatment_delete"),
    # Triage: should I see a doctor?
    path("triage/", triage.triage_page, name="triage"),
    # Doctor report
    path("report/", report.report, name="report"),
    path("report.pdf", report.report_pdf, name="report_pdf"),
    path("report.csv", report.report_csv, name="report_csv"),
    # Sharing the report with a doctor: the person's side, and the page the link opens
    path("report/shares/", sharing.share_create, name="share_create"),
    path("report/shares/<int:pk>/revoke/", sharing.share_revoke, name="share_revoke"),
    path("shared/<str:token>/", sharing.shared_report, name="shared_report"),
    path("shared/<str:token>/files/<int:pk>/", sharing.shared_file, name="shared_file"),
    # Your data: export, deletion, reminder unsubscribe
    path("accounts/export.json", account_data.export_json, name="export_json"),
    path("accounts/export.zip", account_data.export_csv_zip, name="export_csv"),
    path("accounts/import/", importing.import_page, name="import"),
    path("accounts/delete/", account_data.account_delete, name="account_delete"),
    path(
        "reminders/unsubscribe/<str:token>/",
        account_data.reminders_unsubscribe,
        name="reminders_unsubscribe",
    ),
]
