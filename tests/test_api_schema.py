"""The API's OpenAPI 3 schema (/api/schema/) and its docs page (/api/docs/)."""

import json
import re
from html.parser import HTMLParser

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from guidance.models import CRITERION_LEVEL_CHOICES, Level, Specialist
from journal.models import Location, Side, Symptom, Trigger

SCHEMA_URL = "/api/schema/"
DOCS_URL = "/api/docs/"

#: SPEC's REST API table, every address with its methods.
SPEC_ENDPOINTS = {
    "/api/auth/register/": {"post"},
    "/api/auth/token/": {"post"},
    "/api/auth/logout/": {"post"},
    "/api/auth/logout-all/": {"post"},
    "/api/episodes/": {"get", "post"},
    "/api/episodes/{id}/": {"get", "put", "patch", "delete"},
    "/api/daily-logs/": {"get", "post"},
    "/api/daily-logs/{date}/": {"get", "put", "patch", "delete"},
    "/api/triage/": {"get"},
    "/api/insights/": {"get"},
    "/api/export/": {"get"},
    "/api/account/": {"get", "patch", "delete"},
    **{
        f"/api/guidance/{kind}/{suffix}": {"get"}
        for kind in ("causes", "conditions", "advice", "faqs", "plan", "treatments", "checklist")
        for suffix in ("", "{slug}/")
    },
}
#: Open to anyone: getting an account or a token.
SIGN_IN = ["/api/auth/register/", "/api/auth/token/"]
JOURNAL = [path for path in SPEC_ENDPOINTS if path not in SIGN_IN and "/guidance/" not in path]


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def resolve(schema: dict, ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref")
    if ref is None:
        return ref_or_schema
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


# Validity -------------------------------------------------------------------------------


def test_the_schema_validates_as_openapi_3_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"

    # --fail-on-warn turns any warning of drf-spectacular's into a failure; --validate checks
    # the result against the OpenAPI 3 JSON schema.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    document = yaml.safe_load(target.read_text())
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "TwitchCare API"


def test_the_schema_is_served_as_yaml_and_as_json_to_anyone(api_client, db):
    as_yaml = api_client.get(SCHEMA_URL)
    as_json = api_client.get(SCHEMA_URL, {"format": "json"})
    negotiated = api_client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(as_yaml.content)["openapi"].startswith("3.")
    assert json.loads(as_json.content) == json.loads(negotiated.content)
    assert set(json.loads(as_json.content)["paths"]) >= set(SPEC_ENDPOINTS)


def test_the_schema_ignores_credentials_so_a_wrong_token_still_reads_it(api_client, db):
    response = api_client.get(SCHEMA_URL, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 200


def test_the_schema_is_the_same_for_everyone(api_client, signed_in_client):
    anonymous = api_client.get(SCHEMA_URL, {"format": "json"})
    signed_in = signed_in_client.get(SCHEMA_URL, {"format": "json"})

    assert anonymous.content == signed_in.content


# What it describes ----------------------------------------------------------------------


def test_it_lists_every_endpoint_of_the_spec_with_its_methods(schema):
    # Triage, account and export landed with their own features; the list is SPEC's.
    for path, methods in SPEC_ENDPOINTS.items():
        assert path in schema["paths"], path
        assert set(schema["paths"][path]) == methods, path


def test_the_schema_and_docs_do_not_describe_themselves(schema):
    assert not any(path.startswith(("/api/schema", "/api/docs")) for path in schema["paths"])


@pytest.mark.parametrize(
    ("name", "choices"),
    [
        ("LocationEnum", Location),
        ("SideEnum", Side),
        ("TriggerEnum", Trigger),
        ("SymptomEnum", Symptom),
        ("LevelEnum", Level),
        ("CriterionLevelEnum", [value for value, _label in CRITERION_LEVEL_CHOICES]),
        ("SpecialistEnum", Specialist),
    ],
)
def test_the_enums_carry_exactly_the_model_values(schema, name, choices):
    values = [getattr(choice, "value", choice) for choice in choices]

    assert schema["components"]["schemas"][name]["enum"] == values


def test_an_episode_names_its_enums(schema):
    for component in ("Episode", "EpisodeRequest"):
        fields = schema["components"]["schemas"][component]["properties"]

        assert fields["locations"]["items"]["$ref"].endswith("/LocationEnum")
        assert fields["side"]["$ref"].endswith("/SideEnum")
        assert fields["triggers"]["items"]["$ref"].endswith("/TriggerEnum")
        assert fields["symptoms"]["items"]["$ref"].endswith("/SymptomEnum")


def test_the_episode_list_filters_are_documented(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/episodes/"]["get"]["parameters"]}

    assert {"since", "until", "location", "side", "page", "page_size"} <= set(parameters)
    assert parameters["location"]["schema"]["enum"] == Location.values
    assert parameters["side"]["schema"]["enum"] == Side.values


def test_triage_answers_with_the_level_and_specialist_enums(schema):
    answer = schema["paths"]["/api/triage/"]["get"]["responses"]["200"]["content"]
    triage = resolve(schema, answer["application/json"]["schema"])
    criterion = resolve(schema, triage["properties"]["criteria"]["items"])

    assert triage["properties"]["level"]["allOf"][0]["$ref"].endswith("/LevelEnum")
    assert triage["properties"]["specialist"]["oneOf"][0]["$ref"].endswith("/SpecialistEnum")
    assert criterion["properties"]["level"]["allOf"][0]["$ref"].endswith("/CriterionLevelEnum")


def test_every_list_is_a_page(schema):
    lists = 0
    for method, path, operation in operations(schema):
        answer = operation["responses"].get("200", {}).get("content", {}).get("application/json")
        if method != "get" or answer is None:
            continue
        body = resolve(schema, answer["schema"])
        assert body.get("type") != "array", path
        if "results" in body.get("properties", {}):
            lists += 1
            assert set(body["properties"]) == {"count", "next", "previous", "results"}, path
            names = {parameter["name"] for parameter in operation["parameters"]}
            assert {"page", "page_size"} <= names, path
    # Episodes, daily logs and the seven public guidance lists (and the criteria).
    assert lists >= 9


# Authentication -------------------------------------------------------------------------


def test_it_documents_token_and_session_authentication(schema):
    schemes = schema["components"]["securitySchemes"]

    assert schemes["tokenAuth"]["type"] == "apiKey"
    assert schemes["tokenAuth"]["in"] == "header"
    assert schemes["tokenAuth"]["name"] == "Authorization"
    assert "Token <key>" in schemes["tokenAuth"]["description"]
    assert schemes["cookieAuth"] == {"type": "apiKey", "in": "cookie", "name": "sessionid"}


def test_journal_operations_need_credentials_and_guidance_does_not(schema):
    for method, path, operation in operations(schema):
        security = operation.get("security", [])
        if path in JOURNAL:
            assert {"tokenAuth": []} in security, (method, path)
            assert {} not in security, (method, path)
        elif path.startswith("/api/guidance/"):
            assert {} in security, (method, path)
        elif path in SIGN_IN:
            assert security == [{}], (method, path)


def test_account_deletion_documents_its_password_body(schema):
    body = schema["paths"]["/api/account/"]["delete"]["requestBody"]["content"]["application/json"]

    assert "password" in resolve(schema, body["schema"])["properties"]


# Errors ---------------------------------------------------------------------------------


def error_schema(schema: dict, operation: dict, code: str) -> dict:
    return resolve(schema, operation["responses"][code]["content"]["application/json"]["schema"])


def test_every_operation_documents_429_with_retry_after(schema):
    for method, path, operation in operations(schema):
        answer = operation["responses"]["429"]

        assert answer["headers"]["Retry-After"]["required"] is True, (method, path)
        assert error_schema(schema, operation, "429")["required"] == ["detail"]


def test_operations_with_credentials_document_401(schema):
    for method, path, operation in operations(schema):
        if path in SIGN_IN:
            assert "401" not in operation["responses"], (method, path)
        else:
            assert error_schema(schema, operation, "401")["properties"] == {
                "detail": {"type": "string"}
            }, (method, path)
            assert "WWW-Authenticate" in operation["responses"]["401"]["headers"]


def test_operations_that_name_an_item_or_page_document_404(schema):
    for method, path, operation in operations(schema):
        if "{" in path or any(p["name"] == "page" for p in operation.get("parameters", [])):
            assert error_schema(schema, operation, "404")["required"] == ["detail"], (method, path)


def test_operations_that_read_input_document_400_with_field_messages(schema):
    for method, path, operation in operations(schema):
        reads_input = "requestBody" in operation or any(
            p["in"] == "query" and p["name"] not in {"page", "page_size"}
            for p in operation.get("parameters", [])
        )
        if not reads_input:
            continue
        shape = error_schema(schema, operation, "400")

        assert "non_field_errors" in shape["properties"], (method, path)
        assert shape["additionalProperties"], (method, path)


def test_the_insights_period_is_documented_with_its_choices(schema):
    (days,) = schema["paths"]["/api/insights/"]["get"]["parameters"]

    assert days["schema"]["enum"] == [30, 60, 90]
    assert "400" in schema["paths"]["/api/insights/"]["get"]["responses"]


def test_the_insights_factors_document_episodes_per_day_the_interval_and_the_verdict(schema):
    answer = schema["paths"]["/api/insights/"]["get"]["responses"]["200"]["content"]
    insights = resolve(schema, answer["application/json"]["schema"])
    factor = resolve(schema, insights["properties"]["factors"]["items"])["properties"]

    for name in ("bad_episodes_per_day", "other_episodes_per_day", "difference"):
        assert factor[name]["type"] == "number" and factor[name]["nullable"] is True
    assert factor["interval"]["type"] == "array"
    assert (factor["interval"]["minItems"], factor["interval"]["maxItems"]) == (2, 2)
    assert factor["interval"]["nullable"] is True
    verdict = resolve(schema, factor["verdict"]["allOf"][0])
    assert verdict["enum"] == ["not_enough_data", "more", "fewer", "no_clear_difference"]


# The docs page --------------------------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if "style" in attrs:
            self.inline_styles += 1
        if tag == "style":
            self.inline_styles += 1
        self._in_script = tag == "script" and not attrs.get("src")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        self._in_script = False


def test_the_docs_page_is_public_and_loads_only_this_sites_files(api_client, db):
    response = api_client.get(DOCS_URL)

    assert response.status_code == 200
    assets = _Assets()
    assets.feed(response.content.decode())
    assert assets.urls, "the page should link its scripts and styles"
    for url in assets.urls:
        # Same site only: a path, never another host (no "//", no scheme).
        assert url.startswith("/") and not url.startswith("//"), url
    assert assets.inline_scripts == 0
    assert assets.inline_styles == 0


def test_every_file_the_docs_page_links_is_served(api_client, db):
    assets = _Assets()
    assets.feed(api_client.get(DOCS_URL).content.decode())

    for url in assets.urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
        else:
            assert api_client.get(url).status_code == 200, url


def test_the_docs_start_up_script_points_at_the_local_schema(api_client, db):
    response = api_client.get(DOCS_URL, {"script": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert '"/api/schema/"' in script
    # Swagger UI would otherwise ask validator.swagger.io for a badge.
    assert re.search(r'"validatorUrl":\s*null', script)
    assert not re.search(r"https?://", script.split("const swaggerSettings")[0])


def test_the_docs_page_keeps_the_strict_content_security_policy(api_client, db):
    policy = api_client.get(DOCS_URL)["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
