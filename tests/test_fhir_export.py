"""GET /api/export/fhir/: the journal as a FHIR R4 Bundle that fhir.resources validates.

fhir.resources 8 (pydantic 2, the team's choice) carries R5 (its default) and R4B (4.3.0);
true R4 (4.0.1) is fhir.resources 6.1 and older, which need pydantic 1. The Bundle,
Patient, Observation, Procedure and MedicationStatement elements we use are the same in
R4 and R4B, so R4B's models check what we send.

True R4 in the dev extras was tried in a scratch virtualenv (30 November 2026): this
journal's Bundle (``tests.factories.full_journal``, with a name and date of birth) parses
with fhir.resources 6.1.0 (FHIR 4.0.1). 6.1.0 declares ``pydantic>=1.7.2`` with no upper
bound, so pip gives it pydantic 2 and its import fails (``ROOT_VALIDATOR_CONFIG_KEY``): it
needs ``pydantic<2`` pinned beside it. 6.5.0 is FHIR 4.3.0 (R4B), not R4. The two majors
share the distribution name, so one environment holds one of them; nothing else here needs
pydantic 2 (fhir-core is its only dependent; drf-spectacular imports pydantic only for
pydantic models in a schema, which we do not use). We keep 8.x: pydantic 1 is end of life.
"""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from journal.models import TreatmentKind
from tests.factories import (
    DailyLogFactory,
    EpisodeFactory,
    JournalTreatmentFactory,
    UserFactory,
    full_journal,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
URL = "/api/export/fhir/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def person(db):
    return UserFactory(username="ada", time_zone="Pacific/Auckland")


@pytest.fixture
def journal(person):
    return full_journal(person)


def _bundle(client, person, query=""):
    client.force_login(person)
    response = client.get(URL + query)
    assert response.status_code == 200, response.content
    return response, json.loads(response.content)


def _code(concept) -> str | None:
    return concept.get("coding", [{}])[0].get("code")


def _resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_whole_bundle_validates_as_fhir(client, journal):
    _response, bundle = _bundle(client, journal)

    Bundle.model_validate(bundle)  # raises on anything FHIR does not allow
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 1
    # 2 episodes + (sleep, caffeine, alcohol, stress, screen, water) on the first log
    assert kinds.count("Observation") == 2 + 6
    assert kinds.count("Procedure") == 2
    assert kinds.count("MedicationStatement") == 2
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])


def test_the_validator_would_catch_a_broken_bundle(client, journal):
    _response, bundle = _bundle(client, journal)
    del bundle["entry"][1]["resource"]["status"]  # required on an Observation
    with pytest.raises(ValueError):
        Bundle.model_validate(bundle)


def test_it_answers_fhir_json_that_is_not_cached(client, journal):
    response, _ = _bundle(client, journal)
    assert response["Content-Type"].startswith("application/fhir+json")
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    assert "twitchcare-fhir-2026-11-25.json" in response["Content-Disposition"]


def test_an_episode_keeps_its_time_duration_sites_and_signs(client, journal):
    _response, bundle = _bundle(client, journal)
    # Oldest first: the July episode, then the November one.
    second, first = _resources(bundle, "Observation")[:2]

    # 08:00 UTC is 21:00 in Auckland (UTC+13 in November)
    assert first["effectivePeriod"] == {
        "start": "2026-11-20T21:00:30.123456+13:00",
        "end": "2026-11-20T21:01:15.123456+13:00",
    }
    assert first["valueQuantity"]["value"] == 45
    assert first["valueQuantity"]["code"] == "s"
    assert first["code"]["text"]
    assert first["bodySite"]["text"] == "Left cheek; Left eyelid"
    assert "coding" not in first["bodySite"]  # two places: no single code fits
    sites = [c for c in first["component"] if _code(c["code"]) == "363698007"]
    assert [s["valueCodeableConcept"]["coding"][0]["code"] for s in sites] == [
        "60819002",
        "80243003",
    ]
    laterality = [c for c in first["component"] if _code(c["code"]) == "272741003"]
    assert laterality[0]["valueCodeableConcept"]["coding"][0]["code"] == "7771000"
    texts = {c["code"]["text"]: [] for c in first["component"]}
    for c in first["component"]:
        texts[c["code"]["text"]].append(
            c.get("valueInteger", c.get("valueCodeableConcept", {}).get("text"))
        )
    assert sorted(texts["Possible trigger"]) == ["Caffeine", "Stress"]
    assert texts["Accompanying sign"] == ["Pain"]
    assert 6 in next(v for k, v in texts.items() if k.startswith("Intensity"))
    assert first["note"] == [{"text": "=SUM(A1) after the meeting, then;-5 and\n@home"}]

    # No duration: a moment, and the reason the value is absent; the eyebrow as text only
    # (July: Auckland is UTC+12 then.)
    assert second["effectiveDateTime"] == "2026-07-02T08:00:00+12:00"
    assert "valueQuantity" not in second
    assert second["dataAbsentReason"]["coding"][0]["code"] == "unknown"
    assert second["bodySite"] == {"text": "eyebrow, both sides"}
    bilateral = second["component"][-1]["valueCodeableConcept"]["coding"][0]
    assert bilateral["code"] == "51440002"


def test_daily_factors_carry_loinc_where_one_exists_and_text_always(client, journal):
    _response, bundle = _bundle(client, journal)
    factors = _resources(bundle, "Observation")[2:]

    assert all(f["code"]["text"] for f in factors)
    assert all(f["effectiveDateTime"] == "2026-11-20" for f in factors)
    sleep = next(f for f in factors if _code(f["code"]) == "93832-4")
    assert sleep["valueQuantity"] == {
        "value": 6.5,
        "unit": "h",
        "system": "http://unitsofmeasure.org",
        "code": "h",
    }
    stress = next(f for f in factors if f["code"]["text"].startswith("Stress"))
    assert "coding" not in stress["code"]
    assert stress["valueQuantity"]["value"] == 7


def test_treatments_are_procedures_or_medication_statements(client, journal):
    _response, bundle = _bundle(client, journal)
    procedures = _resources(bundle, "Procedure")
    statements = _resources(bundle, "MedicationStatement")

    botox, acupuncture = procedures
    assert botox["code"]["text"] == "Botulinum toxin injection: Botox"
    assert botox["performedDateTime"] == "2026-09-01"
    assert botox["note"] == [{"text": "Dose: 12.5 units"}]
    assert acupuncture["performedPeriod"] == {"start": "2026-09-01", "end": "2026-09-30"}

    clonazepam, drops = statements
    assert clonazepam["medicationCodeableConcept"] == {"text": "Clonazepam"}
    assert clonazepam["status"] == "completed"
    assert clonazepam["dosage"] == [{"text": "0.5 mg at night"}]
    assert clonazepam["effectivePeriod"] == {"start": "2026-10-01", "end": "2026-11-01"}
    assert drops["status"] == "active"


def test_the_patient_has_no_name_unless_one_is_given(client, journal):
    _response, bundle = _bundle(client, journal)
    (patient,) = _resources(bundle, "Patient")
    assert "name" not in patient
    assert "birthDate" not in patient
    assert "ada" not in json.dumps(bundle)

    _response, bundle = _bundle(client, journal, "?name=Ada%20Lovelace&date_of_birth=1980-05-31")
    Bundle.model_validate(bundle)
    (patient,) = _resources(bundle, "Patient")
    assert patient["name"] == [{"text": "Ada Lovelace"}]
    assert patient["birthDate"] == "1980-05-31"
    refs = {e["resource"]["subject"]["reference"] for e in bundle["entry"][1:]}
    assert refs == {bundle["entry"][0]["fullUrl"]}


@pytest.mark.parametrize(
    "query",
    ["?date_of_birth=", "?date_of_birth=2999-01-01", "?date_of_birth=x", "?name=" + "a" * 101],
)
def test_bad_optional_words_are_a_clear_400(client, journal, query):
    client.force_login(journal)
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json()


def test_another_persons_data_never_appears(client, journal):
    stranger = UserFactory(username="eve")
    EpisodeFactory(user=stranger, notes="Eve's secret")
    DailyLogFactory(user=stranger, date=dt.date(2026, 11, 19), water_glasses=39)
    JournalTreatmentFactory(user=stranger, name="Eve's pills", kind=TreatmentKind.MEDICATION)

    _response, mine = _bundle(client, journal)
    text = json.dumps(mine)
    assert "Eve" not in text
    assert "2026-11-19" not in text

    _response, theirs = _bundle(client, stranger)
    assert "after the meeting" not in json.dumps(theirs)
    assert len(theirs["entry"]) == 1 + 1 + 6 + 1


def test_a_visitor_is_refused(client, journal):
    response = client.get(URL)
    assert response.status_code in (401, 403)
    assert "after the meeting" not in response.content.decode()


@pytest.mark.parametrize("episodes", [5, 500])
def test_queries_do_not_grow_with_the_journal(client, django_assert_max_num_queries, episodes):
    person = UserFactory()
    EpisodeFactory.create_batch(episodes, user=person)
    for day in range(5):
        DailyLogFactory(user=person, date=dt.date(2026, 11, 1) + dt.timedelta(days=day))
    JournalTreatmentFactory.create_batch(3, user=person)
    client.force_login(person)
    # session, user with profile, episodes, daily logs, treatments (and a session save)
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.json()["entry"]) == 1 + episodes + 5 * 6 + 3


def test_the_settings_page_offers_the_download(client, journal):
    client.force_login(journal)
    page = client.get(reverse("account_settings")).content.decode()
    assert 'href="/api/export/fhir/"' in page
