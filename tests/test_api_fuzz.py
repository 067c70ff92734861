"""Schemathesis fuzzes every operation in the API's own OpenAPI schema, in process.

For each operation, with a token and without one, it sends valid and invalid requests made
from the schema and checks every answer: never a 5xx, a documented status code, content
type and headers, a body that matches the documented schema, and invalid data refused.

Then schemathesis's coverage phase, as its command line runs it: a fixed set of cases per
operation, each property at its edges and of every wrong type.

The random runs are bounded so the module stays quick: ``TWITCHCARE_FUZZ_EXAMPLES``
(default 25) examples per operation and mode with a token, fewer without. They are
derandomised, so the suite gives the same answer every time; set
``TWITCHCARE_FUZZ_RANDOM=1`` to explore new inputs.
Marked ``fuzz``: ``pytest -m "not fuzz"`` leaves it out of a quick run.
"""

import copy
import datetime as dt
import os
import secrets
from collections import Counter

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from guidance.models import Cause
from tests.conftest import api_token
from tests.factories import DailyLogFactory, EpisodeFactory, UserFactory
from twitchcare.wsgi import application

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("TWITCHCARE_FUZZ_EXAMPLES", "25"))
RANDOM = os.environ.get("TWITCHCARE_FUZZ_RANDOM") == "1"
# Throttles stay out of the way: the fuzzer sends many requests in a moment.
GENEROUS = "1000000/min"

RAW_SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
OPERATIONS = [
    (method.upper(), path) for path, methods in RAW_SCHEMA["paths"].items() for method in methods
]


def _for_invalid_data(raw: dict) -> dict:
    """The schema as the invalid-data run should read it: with JSON bodies only where an
    operation takes JSON. A form or
    multipart body that is not an object (``true``) reaches Django as an empty form, which
    is a valid PATCH; as JSON it is refused. (Every query parameter is checked as the
    schema states it: present but empty or malformed is a 400.)
    """
    raw = copy.deepcopy(raw)
    for methods in raw["paths"].values():
        for operation in methods.values():
            operation.setdefault("parameters", [])
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                # Uploads (attachments, import) take multipart only and keep it.
                operation["requestBody"]["content"] = {
                    "application/json": content["application/json"]
                }
    return raw


def _loaded(raw: dict):
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = application  # requests go straight into Django, in this thread
    return schema


SCHEMAS = {
    GenerationMode.POSITIVE: _loaded(RAW_SCHEMA),
    GenerationMode.NEGATIVE: _loaded(_for_invalid_data(RAW_SCHEMA)),
}
#: Every check schemathesis has runs, except ``positive_data_acceptance``: data the schema
#: allows may still be refused, by rules across fields or against stored data that OpenAPI
#: cannot state: ``until`` before ``since``, a weak or wrong password, a username taken, a
#: time or day in the future, a second log for one day, a checklist slug that is not a
#: published item, a page past the end (404).
NOT_CHECKED = [positive_data_acceptance]


#: Cases sent and tests failed, by operation, for the summary printed after the module.
SENT: Counter[str] = Counter()
FAILED: Counter[str] = Counter()


@pytest.fixture(autouse=True)
def _generous_throttles(settings):
    rates = dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], GENEROUS)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI app, whose request signals would close the database
    connection at the end of each request; on PostgreSQL that closes the test's open
    transaction. Django's own test client unhooks the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def _summary(request):
    yield
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is None or capture is None or not SENT:
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(
            f"\nschemathesis: {len(SENT)} operations, {sum(SENT.values())} cases, "
            f"{sum(FAILED.values())} failures"
        )


class FuzzPerson:
    """The account the fuzzer writes as, with a few entries to find.

    ``headers()`` brings the account back if a case managed to delete it, and issues a new
    token, so one case can never spoil the next.
    """

    def __init__(self) -> None:
        # Nobody can guess this, so DELETE /api/account/ is always refused.
        self.password = secrets.token_urlsafe(32)
        self._create()

    def _create(self) -> None:
        self.user = UserFactory(password=self.password, time_zone="Europe/London")
        self.episode_ids = [EpisodeFactory(user=self.user).pk for _ in range(3)]
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        self.dates = [
            DailyLogFactory(user=self.user, date=yesterday - dt.timedelta(days=n)).date.isoformat()
            for n in range(3)
        ]

    def headers(self) -> dict[str, str]:
        if not User.objects.filter(pk=self.user.pk).exists():
            self._create()
        # A new token each time: a case may have logged the last one out.
        return {"Authorization": f"Token {api_token(self.user)}"}


@pytest.fixture
def fuzz_person(db) -> FuzzPerson:
    return FuzzPerson()


def _known_keys(fuzz_person: FuzzPerson) -> dict[str, list[str]]:
    return {
        "id": [str(pk) for pk in fuzz_person.episode_ids],
        "date": fuzz_person.dates,
        "slug": list(Cause.objects.values_list("slug", flat=True)[:3]),
    }


def _can_be_invalid(method: str, path: str) -> bool:
    """Whether the operation takes anything that could be sent invalid: a body, or a
    parameter with a type, format, pattern or choices (not one that takes any text)."""
    operation = SCHEMAS[GenerationMode.NEGATIVE].raw_schema["paths"][path][method.lower()]
    return "requestBody" in operation or any(
        parameter["schema"] != {"type": "string"} for parameter in operation["parameters"]
    )


def _strategies(operation, mode: GenerationMode, known: dict[str, list[str]]):
    """The operation's cases in one mode; valid ones sometimes address a real item."""
    strategy = operation.as_strategy(generation_mode=mode)
    names = [name for name in known if "{" + name + "}" in operation.path and known[name]]
    if mode is not GenerationMode.POSITIVE or not names:
        return strategy
    name = names[0]

    def address_a_real_item(case, index):
        case.path_parameters = {**case.path_parameters, name: known[name][index]}
        return case

    real = st.builds(address_a_real_item, strategy, st.integers(0, len(known[name]) - 1))
    return st.one_of(strategy, real)


@pytest.mark.parametrize("credentials", ["token", "none"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_operation_answers_as_its_schema_says(method, path, credentials, fuzz_person):
    known = _known_keys(fuzz_person)
    examples = EXAMPLES if credentials == "token" else max(3, EXAMPLES // 4)
    label = f"{method} {path}"

    modes = [GenerationMode.POSITIVE]
    if _can_be_invalid(method, path):
        modes.append(GenerationMode.NEGATIVE)
    for mode in modes:
        strategy = _strategies(SCHEMAS[mode][path][method], mode, known)

        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=not RANDOM,
            database=None,
            print_blob=False,
        )
        @given(case=strategy)
        def run(case):
            headers = fuzz_person.headers() if credentials == "token" else {}
            SENT[label] += 1
            case.call_and_validate(headers=headers, excluded_checks=NOT_CHECKED)

        try:
            run()
        except BaseException:
            FAILED[label] += 1
            raise


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_operation_answers_its_coverage_cases(method, path, fuzz_person):
    """Schemathesis's coverage phase, as its command line runs it: a fixed set of cases per
    operation, each property at its edges and of every wrong type (``42`` for a text field,
    which random cases rarely try alone). JSON bodies only, as in the invalid-data run."""
    schema = SCHEMAS[GenerationMode.NEGATIVE]
    operation = schema[path][method]
    known = _known_keys(fuzz_person)
    names = [name for name in known if "{" + name + "}" in path and known[name]]
    label = f"{method} {path}"
    failures = []
    for case in schema.iter_coverage_cases(
        operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=schema.config.generation_for(operation=operation),
    ):
        if names and not case.meta.is_negative_at(ParameterLocation.PATH):
            # Address a real item, so a case invalid elsewhere is not simply a 404.
            case.path_parameters = {**case.path_parameters, names[0]: known[names[0]][0]}
        SENT[label] += 1
        try:
            case.call_and_validate(headers=fuzz_person.headers(), excluded_checks=NOT_CHECKED)
        except (AssertionError, FailureGroup) as failure:
            failures.append(str(failure))
    FAILED[label] += len(failures)
    assert not failures, "\n\n".join(failures)


# A few sequences, through the same schema and checks ----------------------------------------


def _call(fuzz_person: FuzzPerson, method: str, path: str, **case):
    operation = SCHEMAS[GenerationMode.POSITIVE][path][method]
    SENT[f"{method} {path}"] += 1
    if "body" in case:
        case["media_type"] = "application/json"
    return operation.Case(**case).call_and_validate(
        headers=fuzz_person.headers(),
        excluded_checks=NOT_CHECKED,
    )


def test_an_episode_deleted_is_gone(fuzz_person):
    body = {"locations": ["eyelid"], "side": "left"}
    created = _call(fuzz_person, "POST", "/api/episodes/", body=body)
    assert created.status_code == 201
    address = {"id": created.json()["id"]}

    assert (
        _call(fuzz_person, "GET", "/api/episodes/{id}/", path_parameters=address).status_code == 200
    )
    assert (
        _call(fuzz_person, "DELETE", "/api/episodes/{id}/", path_parameters=address).status_code
        == 204
    )
    for method, case in [("GET", {}), ("PATCH", {"body": {}}), ("DELETE", {})]:
        answer = _call(fuzz_person, method, "/api/episodes/{id}/", path_parameters=address, **case)
        assert answer.status_code == 404, method


def test_a_daily_log_deleted_is_gone(fuzz_person):
    day = {"date": fuzz_person.dates[0]}

    assert (
        _call(fuzz_person, "DELETE", "/api/daily-logs/{date}/", path_parameters=day).status_code
        == 204
    )
    assert (
        _call(fuzz_person, "GET", "/api/daily-logs/{date}/", path_parameters=day).status_code == 404
    )
    created = _call(fuzz_person, "POST", "/api/daily-logs/", body={**day, "stress_level": 4})
    assert created.status_code == 201


def test_deleting_the_account_with_a_wrong_password_is_a_400_and_keeps_it(fuzz_person):
    answer = _call(fuzz_person, "DELETE", "/api/account/", body={"password": "not it"})

    assert answer.status_code == 400
    assert "password" in answer.json()
    assert User.objects.filter(pk=fuzz_person.user.pk).exists()


def test_deleting_the_account_with_its_password_deletes_it(fuzz_person):
    user_pk = fuzz_person.user.pk
    answer = _call(fuzz_person, "DELETE", "/api/account/", body={"password": fuzz_person.password})

    assert answer.status_code == 204
    assert not User.objects.filter(pk=user_pk).exists()
