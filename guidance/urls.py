from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.index, name="index"),
    path("causes/", views.cause_list, name="cause_list"),
    path("causes/<slug:slug>/", views.cause_detail, name="cause"),
    path("conditions/", views.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition"),
    path("dos-and-donts/", views.advice, name="advice"),
    path("faq/", views.faq, name="faq"),
    path("plan/", views.plan, name="plan"),
    path("treatments/", views.treatments, name="treatments"),
    path("checklist/", views.checklist, name="checklist"),
    path("when-to-get-help/", views.criteria, name="criteria"),
    path("search/", views.search, name="search"),
]
