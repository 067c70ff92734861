"""Treatments pages: the list with the weekly self-rating, one treatment with what it did,
add, change, delete, and "I had my injection today".

The reads and writes are ``journal.treatments``; the arithmetic ``journal.treatment_effect``.
Someone else's treatment is a 404, as if it did not exist.
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from journal import treatments
from journal.forms import add_model_errors
from journal.insights import MIN_DAYS_TO_COMPARE, Verdict
from journal.models import Treatment, TreatmentKind
from journal.templatetags.journal_format import one_decimal
from journal.treatment_effect import BeforeDuring, Effect
from journal.treatment_forms import SelfRatingForm, TreatmentForm

#: Weeks offered in the rating form: this one and the ones before.
RATING_WEEKS = 8
#: Weeks the ratings chart shows, up to this one.
CHART_WEEKS = 26


def _own_treatment(request: HttpRequest, pk: int) -> Treatment:
    return get_object_or_404(Treatment.objects.for_user(request.user), pk=pk)


def _rating_weeks(today: dt.date) -> list[dt.date]:
    this_week = treatments.week_start(today)
    return [this_week - dt.timedelta(weeks=n) for n in range(RATING_WEEKS)]


def ratings_chart(
    ratings: list, treatment_list: list[Treatment], today: dt.date
) -> dict[str, Any] | None:
    """What static/js/ratings_chart.js draws: severity and frequency per week over the last
    ``CHART_WEEKS`` weeks, and the weeks a treatment was given or started. None without a
    rating in those weeks."""
    last = treatments.week_start(today)
    weeks = [last - dt.timedelta(weeks=n) for n in range(CHART_WEEKS - 1, -1, -1)]
    by_week = {r.week_start: r for r in ratings}
    if not any(week in by_week for week in weeks):
        return None
    started: dict[dt.date, list[str]] = {}
    for t in treatment_list:
        started.setdefault(treatments.week_start(t.given_on), []).append(t.name)
    # From the week before the first rating or treatment shown, at least 8 weeks.
    first = next(n for n, week in enumerate(weeks) if week in by_week or week in started)
    weeks = weeks[max(0, min(first - 1, len(weeks) - 8)) :]
    return {
        "labels": [f"{week.day} {week:%b}" for week in weeks],
        "severity": [by_week[w].severity if w in by_week else None for w in weeks],
        "frequency": [by_week[w].frequency if w in by_week else None for w in weeks],
        "treatments": [", ".join(started.get(w, [])) for w in weeks],
    }


def _rating_form(request: HttpRequest, today: dt.date, data=None) -> SelfRatingForm:
    return SelfRatingForm(
        data, weeks=_rating_weeks(today), initial={"week_start": treatments.week_start(today)}
    )


def _list_page(request: HttpRequest, rating_form: SelfRatingForm, status: int = 200):
    user = request.user
    today = user.profile.local_date()
    treatment_list = list(Treatment.objects.for_user(user).order_by("-given_on", "-id"))
    effects = treatments.effects_for(user, treatment_list, today=today)
    ratings = treatments.ratings_for(user)
    rows = [{"treatment": t, "effect": effects.get(t.pk)} for t in treatment_list]
    context = {
        "today": today,
        "rows": rows,
        "injection_name": next(
            (t.name for t in treatment_list if t.kind == TreatmentKind.BOTULINUM_TOXIN),
            treatments.DEFAULT_INJECTION_NAME,
        ),
        "rating_form": rating_form,
        "ratings": list(reversed(ratings))[:CHART_WEEKS],
        "ratings_chart": ratings_chart(ratings, treatment_list, today),
    }
    return render(request, "journal/treatments/list.html", context, status=status)


@login_required
def treatment_list(request: HttpRequest) -> HttpResponse:
    today = request.user.profile.local_date()
    return _list_page(request, _rating_form(request, today))


@login_required
@require_POST
def rating_save(request: HttpRequest) -> HttpResponse:
    """Rate a week (a second rating of the same week replaces the first)."""
    today = request.user.profile.local_date()
    form = _rating_form(request, today, request.POST)
    if form.is_valid():
        try:
            treatments.rating_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            week = form.cleaned_data["week_start"]
            messages.success(request, f"Your rating for the week of {week.day} {week:%B} is saved.")
            return redirect("journal:treatment_list")
    return _list_page(request, form, status=400)


@login_required
@require_POST
def injection_today(request: HttpRequest) -> HttpResponse:
    """ "I had my injection today": one button, named as the last injection."""
    today = request.user.profile.local_date()
    treatment = treatments.injection_today_record(user=request.user, today=today)
    messages.success(
        request,
        f"Your injection today ({treatment.name}) is saved. Add the dose with Change.",
    )
    return redirect(treatment)


@login_required
@require_http_methods(["GET", "POST"])
def treatment_create(request: HttpRequest) -> HttpResponse:
    today = request.user.profile.local_date()
    kind = request.GET.get("kind")
    initial = {"given_on": today, "kind": kind if kind in TreatmentKind.values else None}
    form = TreatmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            treatment = treatments.treatment_create(user=request.user, **form.treatment_fields())
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, "Your treatment is saved.")
            return redirect(treatment)
    return render(request, "journal/treatments/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def treatment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    treatment = _own_treatment(request, pk)
    form = TreatmentForm(request.POST or None, instance=treatment)
    if request.method == "POST" and form.is_valid():
        try:
            treatments.treatment_update(treatment=treatment, **form.treatment_fields())
        except ValidationError as error:
            add_model_errors(form, error)
            treatment.refresh_from_db()
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(treatment)
    return render(request, "journal/treatments/form.html", {"form": form, "treatment": treatment})


@login_required
@require_http_methods(["GET", "POST"])
def treatment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; only POST deletes."""
    treatment = _own_treatment(request, pk)
    if request.method == "POST":
        treatments.treatment_delete(treatment=treatment)
        messages.success(request, "The treatment is deleted.")
        return redirect("journal:treatment_list")
    return render(request, "journal/treatments/confirm_delete.html", {"treatment": treatment})


def effect_chart(effect: Effect) -> dict[str, Any]:
    """What static/js/treatment_chart.js draws: twitches a day per week, the baseline and
    the two thresholds, with the onset and wear-off weeks named."""

    def label(week) -> str:
        if week.week == effect.onset_week:
            return f"Week {week.week}: began working"
        if week.week == effect.wears_off_week:
            return f"Week {week.week}: wore off"
        return f"Week {week.week}"

    return {
        "labels": [f"Wk {w.week}" for w in effect.weeks],
        "titles": [
            f"{label(w)} ({w.start.day} {w.start:%b} to {w.end.day} {w.end:%b})"
            for w in effect.weeks
        ],
        "per_day": [w.per_day for w in effect.weeks],
        "marks": [
            "onset"
            if w.week == effect.onset_week
            else "wears_off"
            if w.week == effect.wears_off_week
            else ""
            for w in effect.weeks
        ],
        "baseline": effect.baseline_per_day,
        "half": effect.onset_threshold,
        "wear_off": effect.wear_off_threshold,
    }


def before_during_words(result: BeforeDuring) -> dict[str, str]:
    """The verdict in words, as Insights reads its interval: ``verdict``, ``headline``,
    ``detail``."""
    verdict = result.verdict
    if verdict == Verdict.NOT_ENOUGH_DATA:
        return {
            "verdict": verdict,
            "headline": "Not enough days yet to compare.",
            "detail": (
                f"We need at least {MIN_DAYS_TO_COMPARE} whole days while you took it. "
                "Today is counted once it is over."
            ),
        }
    low, high = result.interval
    difference = result.difference
    detail = (
        f"{one_decimal(round(result.before_per_day, 1))} twitches a day in the "
        f"{len(result.before_counts)} days before; "
        f"{one_decimal(round(result.during_per_day, 1))} a day in the "
        f"{len(result.during_counts)} days during."
    )
    span = f"somewhere between {_signed(low)} and {_signed(high)}"
    if verdict == Verdict.FEWER:
        headline = (
            f"While you took it you had about {one_decimal(round(-difference, 1))} fewer "
            f"twitches a day ({span})."
        )
    elif verdict == Verdict.MORE:
        headline = (
            f"While you took it you had about {one_decimal(round(difference, 1))} more "
            f"twitches a day ({span})."
        )
    else:
        headline = f"No clear difference yet ({span} twitches a day)."
    return {"verdict": verdict, "headline": headline, "detail": detail}


def _signed(value: float) -> str:
    text = one_decimal(round(value, 1))
    return text.replace("-", "\u2212") if text != "-0" else "0"


@login_required
def treatment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One treatment and what it did: an injection's weekly effect, or before and during."""
    treatment = _own_treatment(request, pk)
    today = request.user.profile.local_date()
    context: dict[str, Any] = {"treatment": treatment, "today": today}
    if treatment.kind == TreatmentKind.BOTULINUM_TOXIN:
        effect = treatments.effect_for(request.user, treatment, today=today)
        context["effect"] = effect
        if effect is not None and effect.weeks:
            context["effect_chart"] = effect_chart(effect)
    else:
        result = treatments.before_during_for(request.user, treatment, today=today)
        context["before_during"] = result
        if result is not None:
            context["before_during_words"] = before_during_words(result)
    return render(request, "journal/treatments/detail.html", context)
