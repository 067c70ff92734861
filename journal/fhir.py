"""A person's journal as a FHIR R4 ``Bundle`` of type ``collection`` (SPEC, "Interoperability").

Plain functions, no ORM inside the builders: ``fhir_bundle`` loads the person's rows with a
fixed number of queries (episodes, daily logs, treatments) and the ``*_resource`` functions
turn each row into a resource dict ready for JSON.

What goes where:

- ``Patient``: no identifier, no name, unless the person types a name (or a date of birth)
  for this one download, as on the doctor report; nothing typed is stored.
- One ``Observation`` per episode: ``effectiveDateTime`` (the start, with the person's UTC
  offset) or ``effectivePeriod`` (start and start + duration) when the duration is known;
  the duration as ``valueQuantity`` in seconds (UCUM ``s``); ``bodySite``; and components
  for each place on the face (SNOMED CT "Finding site") with its side (SNOMED CT
  "Laterality"), the intensity, each possible trigger and each accompanying sign.
- One ``Observation`` per daily factor recorded on a daily log, dated that local day.
- Treatments: ``Procedure`` for a botulinum toxin injection (and for "other", which may be
  anything a person did), ``MedicationStatement`` for a medicine, a supplement or eye drops.

Codes: only codes checked against published terminology use are given (SNOMED CT body
structures and laterality qualifiers, LOINC 93832-4 "Sleep duration" and 74013-4
"Alcoholic drinks per day"); where we found no code we were sure of (the eyebrow, the
twitch itself, caffeine, stress, screen time, water), ``code.text`` alone says what it is.
``code.text`` is always there.
"""

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst

from journal.dates import local_time
from journal.models import (
    LOCATION_LABELS,
    SYMPTOM_LABELS,
    TRIGGER_LABELS,
    DailyLog,
    Episode,
    Treatment,
    TreatmentKind,
)
from twitchcare.vocabulary import DAILY_FACTORS

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
#: Resource ids are derived from the row's kind and primary key under this namespace, so
#: the same row has the same ``fullUrl`` in every download.
NAMESPACE = uuid.UUID("5b0b8a8e-7d43-4d0e-9a43-0c7f3f6e1f57")

#: SNOMED CT body structures for the places on the face. The eyebrow has none here: we found
#: no code we could confirm, so it goes as text only.
BODY_SITES: dict[str, tuple[str, str]] = {
    "eyelid": ("80243003", "Eyelid structure"),
    "forehead": ("52795006", "Forehead structure"),
    "cheek": ("60819002", "Cheek structure"),
    "nose": ("45206002", "Nasal structure"),
    "mouth": ("123851003", "Mouth region structure"),
    "chin": ("30291003", "Chin structure"),
    "jaw": ("661005", "Jaw region structure"),
}
#: SNOMED CT laterality qualifier values.
LATERALITY: dict[str, tuple[str, str]] = {
    "left": ("7771000", "Left"),
    "right": ("24028007", "Right"),
    "both": ("51440002", "Right and left"),
}
FINDING_SITE = {"system": SNOMED, "code": "363698007", "display": "Finding site"}
LATERALITY_ATTRIBUTE = {"system": SNOMED, "code": "272741003", "display": "Laterality"}

#: Each daily factor: its LOINC code when one was confirmed, and its UCUM unit.
FACTOR_CODES: dict[str, tuple[str | None, str | None, str, str]] = {
    # name: (LOINC code, LOINC display, unit shown, UCUM code)
    "sleep_hours": ("93832-4", "Sleep duration", "h", "h"),
    "caffeine_servings": (None, None, "servings", "{servings}"),
    "alcohol_drinks": ("74013-4", "Alcoholic drinks per day", "drinks/day", "{drinks}/d"),
    "stress_level": (None, None, "score (0-10)", "{score}"),
    "screen_hours": (None, None, "h", "h"),
    "water_glasses": (None, None, "glasses", "{glasses}"),
}


def resource_uuid(kind: str, pk: Any) -> str:
    """A stable ``urn:uuid:`` for one row (the same in every download)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{pk}')}"


def _text(text: str, coding: dict | None = None) -> dict:
    concept: dict[str, Any] = {"text": str(text)}
    if coding is not None:
        concept["coding"] = [coding]
    return concept


def _snomed(code: str, display: str) -> dict:
    return {"system": SNOMED, "code": code, "display": display}


def _number(value) -> int | float:
    """A stored decimal as a JSON number: ``7`` for 7.0, ``6.5`` for 6.5."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def patient_resource(user, *, name: str = "", birth_date: dt.date | None = None) -> dict:
    """The ``Patient``: no name or birth date unless given for this download."""
    patient: dict[str, Any] = {"resourceType": "Patient", "active": True}
    if name:
        patient["name"] = [{"text": name}]
    if birth_date is not None:
        patient["birthDate"] = birth_date.isoformat()
    return patient


def _labels() -> dict[str, dict[str, str]]:
    """The words for each code, as plain text in the active language: a lazy label costs a
    translation lookup every time it is shown, so a Bundle looks each one up once."""
    return {
        "location": {code: str(label).lower() for code, label in LOCATION_LABELS.items()},
        "trigger": {code: str(label) for code, label in TRIGGER_LABELS.items()},
        "symptom": {code: str(label) for code, label in SYMPTOM_LABELS.items()},
    }


def _site_text(side: str, location: str, labels: dict[str, str]) -> str:
    where = labels.get(location, location)
    return {"left": f"Left {where}", "right": f"Right {where}"}.get(side, f"{where}, both sides")


def episode_resource(episode: Episode, *, zone, patient: str, labels=None) -> dict:
    """One twitch episode as an ``Observation``."""
    labels = labels or _labels()
    start = local_time(episode.started_at, zone)
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": _text("Facial twitch episode (self-reported)"),
        "subject": {"reference": patient},
    }
    if episode.duration_seconds:
        end = start + dt.timedelta(seconds=episode.duration_seconds)
        observation["effectivePeriod"] = {"start": start.isoformat(), "end": end.isoformat()}
        observation["valueQuantity"] = {
            "value": episode.duration_seconds,
            "unit": "s",
            "system": UCUM,
            "code": "s",
        }
    else:
        observation["effectiveDateTime"] = start.isoformat()
        observation["dataAbsentReason"] = _text(
            "Duration not recorded",
            {
                "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                "code": "unknown",
                "display": "Unknown",
            },
        )

    laterality = LATERALITY.get(episode.side)
    sites = [_site_text(episode.side, where, labels["location"]) for where in episode.locations]
    if sites:
        only = BODY_SITES.get(episode.locations[0]) if len(episode.locations) == 1 else None
        observation["bodySite"] = _text("; ".join(sites), _snomed(*only) if only else None)

    components: list[dict] = []
    for location in episode.locations:
        site = BODY_SITES.get(location)
        components.append(
            {
                "code": _text("Place on the face", FINDING_SITE),
                "valueCodeableConcept": _text(
                    _site_text(episode.side, location, labels["location"]),
                    _snomed(*site) if site else None,
                ),
            }
        )
    if laterality:
        components.append(
            {
                "code": _text("Side of the face", LATERALITY_ATTRIBUTE),
                "valueCodeableConcept": _text(laterality[1], _snomed(*laterality)),
            }
        )
    if episode.intensity is not None:
        components.append(
            {
                "code": _text("Intensity, self-rated from 1 (barely) to 10 (strongest)"),
                "valueInteger": episode.intensity,
            }
        )
    for trigger in episode.triggers:
        components.append(
            {
                "code": _text("Possible trigger"),
                "valueCodeableConcept": _text(labels["trigger"].get(trigger, trigger)),
            }
        )
    for sign in episode.symptoms:
        components.append(
            {
                "code": _text("Accompanying sign"),
                "valueCodeableConcept": _text(labels["symptom"].get(sign, sign)),
            }
        )
    if components:
        observation["component"] = components
    if episode.notes:
        observation["note"] = [{"text": episode.notes}]
    return observation


def daily_log_resources(log: DailyLog, *, patient: str) -> dict[str, dict]:
    """An ``Observation`` for each factor recorded on ``log``, by factor (none for an empty
    log)."""
    resources = {}
    for name, (loinc, display, unit, ucum) in FACTOR_CODES.items():
        value = getattr(log, name)
        if value is None:
            continue
        coding = {"system": LOINC, "code": loinc, "display": display} if loinc else None
        resources[name] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [
                {
                    "coding": [
                        {
                            "system": (
                                "http://terminology.hl7.org/CodeSystem/observation-category"
                            ),
                            "code": "social-history",
                            "display": "Social History",
                        }
                    ]
                }
            ],
            "code": _text(f"{capfirst(DAILY_FACTORS[name])} (self-reported)", coding),
            "subject": {"reference": patient},
            "effectiveDateTime": log.date.isoformat(),
            "valueQuantity": {
                "value": _number(value),
                "unit": unit,
                "system": UCUM,
                "code": ucum,
            },
        }
    return resources


MEDICATION_KINDS = frozenset(
    {TreatmentKind.MEDICATION, TreatmentKind.SUPPLEMENT, TreatmentKind.EYE_DROPS}
)


def treatment_resource(treatment: Treatment, *, patient: str, today: dt.date) -> dict:
    """A ``MedicationStatement`` for what is taken, a ``Procedure`` for what is done."""
    kind_label = str(TreatmentKind(treatment.kind).label)
    notes = [{"text": treatment.notes}] if treatment.notes else []
    if treatment.kind in MEDICATION_KINDS:
        period = {"start": treatment.given_on.isoformat()}
        if treatment.ended_on:
            period["end"] = treatment.ended_on.isoformat()
        ended = treatment.ended_on is not None and treatment.ended_on <= today
        statement: dict[str, Any] = {
            "resourceType": "MedicationStatement",
            "status": "completed" if ended else "active",
            "category": _text(kind_label),
            "medicationCodeableConcept": _text(treatment.name),
            "subject": {"reference": patient},
            "effectivePeriod": period,
        }
        if treatment.dose:
            statement["dosage"] = [{"text": treatment.dose}]
        if notes:
            statement["note"] = notes
        return statement

    procedure: dict[str, Any] = {
        "resourceType": "Procedure",
        "status": "completed",
        "category": _text(kind_label),
        "code": _text(f"{kind_label}: {treatment.name}"),
        "subject": {"reference": patient},
    }
    if treatment.ended_on:
        procedure["performedPeriod"] = {
            "start": treatment.given_on.isoformat(),
            "end": treatment.ended_on.isoformat(),
        }
    else:
        procedure["performedDateTime"] = treatment.given_on.isoformat()
    if treatment.dose:
        notes.insert(0, {"text": f"Dose: {treatment.dose}"})
    if notes:
        procedure["note"] = notes
    return procedure


def fhir_bundle(
    user,
    *,
    name: str = "",
    birth_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> dict:
    """All of ``user``'s journal as a FHIR R4 ``collection`` Bundle (a dict for JSON).

    Three queries however long the journal: episodes, daily logs, treatments (the profile
    comes with the user). Oldest first within each kind.
    """
    profile = user.profile
    zone = profile.zone
    moment = now or timezone.now()
    patient = resource_uuid("patient", user.pk)
    labels = _labels()
    entries = [
        (patient, patient_resource(user, name=name, birth_date=birth_date)),
    ]
    for episode in Episode.objects.for_user(user).order_by("started_at", "id"):
        entries.append(
            (
                resource_uuid("episode", episode.pk),
                episode_resource(episode, zone=zone, patient=patient, labels=labels),
            )
        )
    for log in DailyLog.objects.for_user(user).order_by("date"):
        for factor, resource in daily_log_resources(log, patient=patient).items():
            entries.append((resource_uuid("daily-log", f"{log.pk}/{factor}"), resource))
    today = profile.local_date(moment)
    for treatment in Treatment.objects.for_user(user).order_by("given_on", "id"):
        entries.append(
            (
                resource_uuid("treatment", treatment.pk),
                treatment_resource(treatment, patient=patient, today=today),
            )
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": local_time(moment, zone).isoformat(),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def bundle_filename(user, *, now: dt.datetime | None = None) -> str:
    return f"twitchcare-fhir-{user.profile.local_date(now).isoformat()}.json"
