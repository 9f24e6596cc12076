"""The officer API's answers (issue 25, item 4): each JSON answer valid against the schema the
package ships for it (`portal/schemas/`), each file with its content type and name."""

from __future__ import annotations

import json
from typing import Any

import pytest

from portal_helpers import YEAR, Portal, portal, portal_session
from test_portal_desk import collection

__all__ = ["collection", "portal", "portal_session"]

FILES = {  # the API's file → (content type, the name it is downloaded as)
    "report.xlsx?target=2030": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"report-{YEAR}-2030.xlsx",
    ),
    "status.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"status-{YEAR}.xlsx",
    ),
    "status.csv": ("text/csv; charset=utf-8", f"status-{YEAR}.csv"),
    "gap.json?target=2025": ("application/json", f"gap-{YEAR}-2025.json"),
    "gap.csv?target=2030": ("text/csv; charset=utf-8", f"gap-{YEAR}-2030.csv"),
    "returns.zip": ("application/zip", f"returns-{YEAR}.zip"),
    "trend.json": ("application/json", "trend.json"),
}


def _get(client: Any, path: str, token: str | None) -> Any:
    query = f"year={YEAR}"
    full = f"/api/v1/{path}&{query}" if "?" in path else f"/api/v1/{path}?{query}"
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(full, headers=headers)


def test_each_file_of_the_officer_api_has_its_type_and_name(collection: Portal) -> None:
    from django.test import Client

    client = Client()
    for path, (kind, name) in FILES.items():
        answer = _get(client, path, collection.token)
        assert answer.status_code == 200, path
        assert answer["Content-Type"].split(";")[0] == kind.split(";")[0], path
        assert answer["Content-Disposition"] == f'attachment; filename="{name}"', path
        assert answer["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("gap.json?target=2025", "portal-gap"),
        ("gap.json?target=2030", "portal-gap"),
        ("trend.json", "portal-trend"),
        ("status", "portal-status"),
    ],
)
def test_the_officer_api_s_json_is_valid_against_its_schema(
    collection: Portal, path: str, name: str
) -> None:
    import jsonschema
    from django.test import Client

    from gender_plan_cli.portal.schemas import schema

    answer = _get(Client(), path, collection.token)
    assert answer.status_code == 200
    jsonschema.validate(json.loads(answer.content), schema(name))


def test_the_officer_api_s_errors_are_valid_against_the_error_schema(collection: Portal) -> None:
    import jsonschema
    from django.test import Client

    from gender_plan_cli.portal.schemas import schema

    client = Client()
    answers = {
        401: _get(client, "gap.json", collection.codes["S01"]),  # a unit's code is no token
        400: client.get(
            "/api/v1/gap.json?target=2040",
            headers={"Authorization": f"Bearer {collection.token}"},
        ),
        404: _get(client, "secrets.json", collection.token),
    }
    for status, answer in answers.items():
        assert answer.status_code == status
        body = json.loads(answer.content)
        jsonschema.validate(body, schema("portal-error"))
        assert body["error"] == {401: "unauthorized", 400: "year", 404: "not-found"}[status]
