"""SCIM 2.0 for the county's identity management: discovery, bearer tokens, errors, joiners, movers
and leavers, filters and paging, PATCH operations, and Groups as units x roles."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from luukku.identity.models import Professional, RoleAssignment
from luukku.identity.personas import DEMO_PASSWORD
from luukku.identity.scim.auth import token_digest

pytestmark = pytest.mark.django_db
TOKEN = "scim-test-token-4f1c2d"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LUUKKU = "urn:luukku:scim:schemas:1.0:Professional"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


class Scim:
    """The identity management's side of the conversation."""

    def __init__(self, client: Client, token: str = TOKEN) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params):
        return self.client.get(f"/scim/v2/{path}", params, headers=self.headers)

    def send(self, method: str, path: str, body: object):
        payload = body if isinstance(body, str) else json.dumps(body)
        return getattr(self.client, method)(
            f"/scim/v2/{path}", payload, content_type="application/scim+json", headers=self.headers
        )

    def post(self, path: str, body: object):
        return self.send("post", path, body)

    def put(self, path: str, body: object):
        return self.send("put", path, body)

    def patch(self, path: str, *operations: dict):
        return self.send("patch", path, {"schemas": [PATCH], "Operations": list(operations)})

    def delete(self, path: str):
        return self.client.delete(f"/scim/v2/{path}", headers=self.headers)


@pytest.fixture
def scim(client, settings, personas) -> Scim:
    settings.LUUKKU_SCIM_TOKEN_SHA256 = [token_digest("the-previous-token"), token_digest(TOKEN)]
    return Scim(client)


def joiner(username: str = "hilkka.hoitaja", employee: str = "E1001", **extra) -> dict:
    return {
        "schemas": [USER, ENTERPRISE, LUUKKU],
        "userName": username,
        "externalId": f"idm-{employee}",
        "name": {"givenName": "Hilkka", "familyName": "Hoitaja"},
        "emails": [{"value": f"{username}@kanta-hame.example", "type": "work", "primary": True}],
        "title": "sairaanhoitaja",
        "active": True,
        ENTERPRISE: {"employeeNumber": employee},
        LUUKKU: {"roles": [{"unit": "hml-terveysasema", "role": "nurse"}]},
        **extra,
    }


def scim_error(response, status: int, scim_type: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/scim+json")
    body = response.json()
    assert body["schemas"] == [ERROR] and body["status"] == str(status) and body["detail"]
    assert body.get("scimType") == scim_type
    return body


def roles_of(username: str) -> list[tuple[str, str, dt.date, dt.date | None]]:
    return sorted(
        (a.unit.code, a.role, a.valid_from, a.valid_until)
        for a in RoleAssignment.objects.filter(professional__user__username=username).select_related("unit")
    )


def today() -> dt.date:
    return timezone.localdate()


# --- Discovery, authentication, errors -----------------------------------------------------------


def test_discovery_endpoints_describe_what_is_supported(scim):
    config = scim.get("ServiceProviderConfig")
    assert config.status_code == 200 and config["Content-Type"].startswith("application/scim+json")
    body = config.json()
    assert body["patch"]["supported"] and not body["bulk"]["supported"]
    assert body["filter"] == {"supported": True, "maxResults": 200}
    assert body["authenticationSchemes"][0]["type"] == "oauthbearertoken"

    types = scim.get("ResourceTypes").json()
    assert types["totalResults"] == 2
    user_type = scim.get("ResourceTypes/User").json()
    assert user_type["endpoint"] == "/Users" and {e["schema"] for e in user_type["schemaExtensions"]} == {
        ENTERPRISE,
        LUUKKU,
    }
    assert scim.get("ResourceTypes/Nothing").status_code == 404

    schemas = scim.get("Schemas").json()
    assert {s["id"] for s in schemas["Resources"]} >= {USER, ENTERPRISE, LUUKKU}
    luukku = scim.get(f"Schemas/{LUUKKU}").json()
    roles = next(a for a in luukku["attributes"] if a["name"] == "roles")
    assert roles["multiValued"] and {s["name"] for s in roles["subAttributes"]} == {
        "unit",
        "role",
        "validFrom",
        "validUntil",
    }
    scim_error(scim.get("Schemas/urn:nothing"), 404)
    scim_error(scim.post("ServiceProviderConfig", {}), 405)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
        {"Authorization": f"Bearer {token_digest(TOKEN)}"},  # the digest itself is no token
    ],
)
def test_requests_without_the_token_are_refused(scim, client, headers):
    for path in (
        "ServiceProviderConfig",
        "Users",
        "Groups",
        f"Users/{Professional.objects.first().public_id}",
    ):
        response = client.get(f"/scim/v2/{path}", headers=headers)
        scim_error(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")
    response = client.post(
        "/scim/v2/Users", json.dumps(joiner()), content_type="application/scim+json", headers=headers
    )
    scim_error(response, 401)
    assert not get_user_model().objects.filter(username="hilkka.hoitaja").exists()


def test_a_signed_in_administrator_is_no_identity_management(scim, client):
    client.force_login(get_user_model().objects.get(username="paakayttaja.pekka"))
    scim_error(client.get("/scim/v2/Users"), 401)


def test_both_configured_tokens_work_and_none_configured_refuses_all(scim, client, settings):
    assert Scim(client, "the-previous-token").get("Users").status_code == 200
    assert scim.get("Users").status_code == 200
    settings.LUUKKU_SCIM_TOKEN_SHA256 = []
    scim_error(scim.get("Users"), 401)


def test_malformed_requests_get_scim_errors(scim):
    scim_error(scim.post("Users", "{not json"), 400, "invalidSyntax")
    scim_error(scim.post("Users", {"userName": "no.schemas"}), 400, "invalidSyntax")
    scim_error(scim.post("Users", joiner(username="")), 400, "invalidValue")
    scim_error(scim.post("Users", joiner(username="has space")), 400, "invalidValue")
    scim_error(scim.post("Users", joiner(username="x" * 151)), 400, "invalidValue")
    scim_error(scim.post("Users", joiner(name={"givenName": "Hil\x00kka"})), 400, "invalidValue")
    scim_error(scim.post("Users", joiner(emails=[{"value": "not-an-email"}])), 400, "invalidValue")
    scim_error(scim.post("Users", joiner(active="maybe")), 400, "invalidValue")
    nowhere = {"roles": [{"unit": "nowhere", "role": "nurse"}]}
    scim_error(scim.post("Users", joiner(**{LUUKKU: nowhere})), 400, "invalidValue")
    scim_error(
        scim.post("Users", joiner(**{LUUKKU: {"roles": [{"unit": "hml-terveysasema", "role": "wizard"}]}})),
        400,
        "invalidValue",
    )
    backwards = {
        "unit": "hml-terveysasema",
        "role": "nurse",
        "validFrom": "2026-05-01",
        "validUntil": "2026-04-01",
    }
    scim_error(scim.post("Users", joiner(**{LUUKKU: {"roles": [backwards]}})), 400, "invalidValue")
    bad_date = {"unit": "hml-terveysasema", "role": "nurse", "validFrom": "next monday"}
    scim_error(scim.post("Users", joiner(**{LUUKKU: {"roles": [bad_date]}})), 400, "invalidValue")
    assert not get_user_model().objects.filter(username="hilkka.hoitaja").exists()
    scim_error(scim.get("Users/not-a-uuid"), 404)
    scim_error(scim.get("Users/6f1e9a64-2b8e-4a38-9d0c-000000000000"), 404)
    scim_error(scim.get("Users", startIndex="first"), 400, "invalidValue")
    scim_error(scim.send("put", "Users", {}), 405)


# --- Joiners, movers, leavers ----------------------------------------------------------------------


def test_joiner_gets_an_account_without_password_and_a_role_from_today(scim):
    response = scim.post("Users", joiner())
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"http://testserver/scim/v2/Users/{body['id']}"
    assert body["userName"] == "hilkka.hoitaja" and body["active"] is True
    assert body[ENTERPRISE] == {"employeeNumber": "E1001"} and body["externalId"] == "idm-E1001"
    assert body[LUUKKU]["roles"] == [
        {"unit": "hml-terveysasema", "role": "nurse", "validFrom": today().isoformat()}
    ]
    assert [g["value"] for g in body["groups"]] == ["hml-terveysasema.nurse"]
    assert body["meta"]["resourceType"] == "User" and body["meta"]["created"].endswith("Z")

    professional = Professional.objects.get(public_id=body["id"])
    assert professional.user.email == "hilkka.hoitaja@kanta-hame.example"
    assert not professional.user.has_usable_password()  # signs in through the county's OpenID provider
    assert roles_of("hilkka.hoitaja") == [("hml-terveysasema", "nurse", today(), None)]
    assert scim.get(f"Users/{body['id']}").json() == body

    group = scim.get("Groups/hml-terveysasema.nurse").json()
    assert body["id"] in {m["value"] for m in group["members"]}


def test_the_same_name_or_employee_number_twice_is_a_conflict(scim):
    assert scim.post("Users", joiner()).status_code == 201
    scim_error(scim.post("Users", joiner(username="HILKKA.hoitaja", employee="E2")), 409, "uniqueness")
    scim_error(scim.post("Users", joiner(username="toinen.hilkka", employee="E1001")), 409, "uniqueness")
    scim_error(scim.post("Users", joiner(username="hoitaja.hanna", employee="E3")), 409, "uniqueness")
    assert Professional.objects.filter(employee_number="E1001").count() == 1


def test_mover_ends_the_old_role_yesterday_and_begins_the_new_today(scim):
    user_id = scim.post("Users", joiner()).json()["id"]
    RoleAssignment.objects.filter(professional__public_id=user_id).update(valid_from=dt.date(2024, 1, 1))
    moved = scim.patch(
        f"Users/{user_id}",
        {
            "op": "replace",
            "path": f"{LUUKKU}:roles",
            "value": [{"unit": "rmk-terveysasema", "role": "nurse"}],
        },
    )
    assert moved.status_code == 200, moved.content
    yesterday = today() - dt.timedelta(days=1)
    assert roles_of("hilkka.hoitaja") == [
        ("hml-terveysasema", "nurse", dt.date(2024, 1, 1), yesterday),  # history kept
        ("rmk-terveysasema", "nurse", today(), None),
    ]
    assert [g["value"] for g in moved.json()["groups"]] == ["rmk-terveysasema.nurse"]

    # A PUT with only the core attributes leaves roles (and the bound subject) as they are.
    core_only = joiner(title="osastonhoitaja")
    del core_only[LUUKKU]
    assert scim.put(f"Users/{user_id}", core_only).status_code == 200
    assert roles_of("hilkka.hoitaja")[1] == ("rmk-terveysasema", "nurse", today(), None)
    assert Professional.objects.get(public_id=user_id).title == "osastonhoitaja"

    # A planned move: the new role begins next month, the current one ends the day before.
    next_month = today() + dt.timedelta(days=30)
    planned = [
        {"unit": "rmk-terveysasema", "role": "nurse", "validFrom": today().isoformat(),
         "validUntil": (next_month - dt.timedelta(days=1)).isoformat()},
        {"unit": "forssa-terveysasema", "role": "unit_manager", "validFrom": next_month.isoformat()},
    ]  # fmt: skip
    scim.patch(f"Users/{user_id}", {"op": "replace", "path": f"{LUUKKU}:roles", "value": planned})
    assert roles_of("hilkka.hoitaja") == [
        ("forssa-terveysasema", "unit_manager", next_month, None),
        ("hml-terveysasema", "nurse", dt.date(2024, 1, 1), yesterday),
        ("rmk-terveysasema", "nurse", today(), next_month - dt.timedelta(days=1)),
    ]
    # The plan is cancelled before it began: the future role is withdrawn, not left as history.
    scim.patch(
        f"Users/{user_id}",
        {"op": "remove", "path": f'{LUUKKU}:roles[unit eq "forssa-terveysasema"]'},
    )
    assert [r[0] for r in roles_of("hilkka.hoitaja")] == ["hml-terveysasema", "rmk-terveysasema"]


def test_leaver_cannot_sign_in_loses_the_session_and_keeps_the_history(scim, client):
    hanna = Professional.objects.select_related("user").get(user__username="hoitaja.hanna")
    browser = Client()
    browser.force_login(hanna.user, backend="luukku.identity.backends.ProfessionalPasswordBackend")
    assert browser.get(reverse("access:professional_home")).status_code == 200
    roles_before = RoleAssignment.objects.filter(professional=hanna).count()

    # Microsoft Entra's way of saying it: capitalised op, the boolean as a string.
    response = scim.patch(f"Users/{hanna.public_id}", {"op": "Replace", "path": "active", "value": "False"})
    assert response.status_code == 200 and response.json()["active"] is False
    assert response.json()["groups"] == []

    hanna.user.refresh_from_db()
    assert not hanna.user.is_active and not hanna.user.has_usable_password()
    yesterday = today() - dt.timedelta(days=1)
    assert [a.valid_until for a in hanna.roles.all()] == [yesterday] * roles_before  # ended, not deleted
    page = browser.get(reverse("access:professional_home"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("identity:professional_login"))
    signed_in = Client().post(
        reverse("identity:professional_login"), {"username": "hoitaja.hanna", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 200 and "_auth_user_id" not in signed_in.wsgi_request.session
    assert str(hanna.public_id) not in {
        m["value"] for m in scim.get("Groups/hml-terveysasema.nurse").json()["members"]
    }
    # Listed as inactive, found by the filter the identity management uses.
    found = scim.get("Users", filter='userName eq "HOITAJA.HANNA" and active eq false').json()
    assert [u["id"] for u in found["Resources"]] == [str(hanna.public_id)]


def test_returner_is_active_again_with_the_roles_given(scim):
    user_id = scim.post("Users", joiner()).json()["id"]
    scim.patch(f"Users/{user_id}", {"op": "replace", "value": {"active": False}})
    doctor = [{"unit": "hml-terveysasema", "role": "doctor"}]
    back = scim.patch(
        f"Users/{user_id}", {"op": "replace", "value": {"active": True, f"{LUUKKU}:roles": doctor}}
    )
    assert back.json()["active"] is True and [g["value"] for g in back.json()["groups"]] == [
        "hml-terveysasema.doctor"
    ]


def test_delete_closes_the_account_and_a_rehire_gets_a_new_id(scim):
    first = scim.post("Users", joiner()).json()
    user_pk = Professional.objects.get(public_id=first["id"]).user_id
    assert scim.delete(f"Users/{first['id']}").status_code == 204
    scim_error(scim.get(f"Users/{first['id']}"), 404)
    scim_error(scim.delete(f"Users/{first['id']}"), 404)
    assert scim.get("Users", filter='userName eq "hilkka.hoitaja"').json()["totalResults"] == 0
    assert not get_user_model().objects.get(pk=user_pk).is_active

    again = scim.post("Users", joiner())
    assert again.status_code == 201 and again.json()["id"] != first["id"]
    professional = Professional.objects.get(public_id=again.json()["id"])
    assert professional.user_id == user_pk and professional.user.is_active  # the same person, history kept
    scim_error(scim.get(f"Users/{first['id']}"), 404)


# --- Filters and paging ----------------------------------------------------------------------------


@pytest.fixture
def staff(scim) -> dict[str, str]:
    ids = {}
    for number, name in enumerate(("anna.aalto", "bertta.berg", "cecilia.carlsson", "daniel.dahl"), 1):
        ids[name] = scim.post("Users", joiner(username=name, employee=f"E{number:03}")).json()["id"]
    scim.patch(f"Users/{ids['daniel.dahl']}", {"op": "replace", "path": "active", "value": False})
    return ids


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('userName eq "Bertta.Berg"', {"bertta.berg"}),
        ('userName sw "c"', {"cecilia.carlsson"}),
        ('userName co "ER"', {"bertta.berg"}),
        ('userName ew ".dahl"', {"daniel.dahl"}),
        ('userName eq "anna.aalto" or userName eq "daniel.dahl"', {"anna.aalto", "daniel.dahl"}),
        ('userName sw "a" and active eq true', {"anna.aalto"}),
        ('not (active eq true) and title eq "sairaanhoitaja"', {"daniel.dahl"}),
        ('externalId eq "idm-E002"', {"bertta.berg"}),
        ('externalId eq "IDM-E002"', set()),  # externalId is case-exact
        (f'{ENTERPRISE}:employeeNumber eq "E003"', {"cecilia.carlsson"}),
        (f'{USER}:userName eq "anna.aalto"', {"anna.aalto"}),
        ('emails[value eq "bertta.berg@kanta-hame.example"]', {"bertta.berg"}),
        ('emails.value co "cecilia"', {"cecilia.carlsson"}),
        ('name.familyName eq "hoitaja" and userName sw "d"', {"daniel.dahl"}),
        ('meta.lastModified gt "2000-01-01T00:00:00Z" and userName sw "b"', {"bertta.berg"}),
        ('externalId pr and userName sw "a"', {"anna.aalto"}),
        ('id eq "not-a-uuid"', set()),
    ],
)
def test_filters(scim, staff, expression, expected):
    response = scim.get("Users", filter=expression)
    assert response.status_code == 200, response.content
    assert {user["userName"] for user in response.json()["Resources"]} == expected


@pytest.mark.parametrize(
    "expression",
    [
        'userName eq "unterminated',
        "userName eq",
        'userName xx "a"',
        'nosuchattribute eq "a"',
        'urn:example:other:thing eq "a"',
        "active gt true",
        'userName eq "a" and',
        '(userName eq "a"',
        'displayName eq "a"',
    ],
)
def test_unreadable_or_unsupported_filters_are_invalid_filter(scim, staff, expression):
    scim_error(scim.get("Users", filter=expression), 400, "invalidFilter")


def test_paging_is_one_based_and_counted_before_paging(scim, staff):
    page = scim.get("Users", filter='externalId sw "idm-E"', startIndex=2, count=2).json()
    assert page["totalResults"] == 4 and page["startIndex"] == 2 and page["itemsPerPage"] == 2
    assert [u["userName"] for u in page["Resources"]] == ["bertta.berg", "cecilia.carlsson"]
    last = scim.get("Users", filter='externalId sw "idm-E"', startIndex=4, count=10).json()
    assert [u["userName"] for u in last["Resources"]] == ["daniel.dahl"]
    counted = scim.get("Users", filter='externalId sw "idm-E"', count=0).json()
    assert counted["totalResults"] == 4 and counted["Resources"] == []
    below_one = scim.get("Users", filter='externalId sw "idm-E"', startIndex=-5, count=1).json()
    assert below_one["startIndex"] == 1 and below_one["Resources"][0]["userName"] == "anna.aalto"
    all_users = scim.get("Users", count=1000).json()
    assert all_users["totalResults"] == Professional.objects.count() and all_users["itemsPerPage"] <= 200


def test_attributes_and_excluded_attributes(scim, staff):
    only = scim.get(f"Users/{staff['anna.aalto']}", attributes="userName,emails").json()
    assert set(only) == {"schemas", "id", "userName", "emails"}
    without = scim.get("Groups/hml-terveysasema.nurse", excludedAttributes="members").json()
    assert "members" not in without and without["displayName"] == "hml-terveysasema/nurse"


# --- PATCH -----------------------------------------------------------------------------------------


def test_patch_operations(scim, staff):
    path = f"Users/{staff['anna.aalto']}"
    response = scim.patch(
        path,
        {"op": "replace", "path": "name.givenName", "value": "Anni"},
        {"op": "add", "path": "emails", "value": [{"value": "anni@kanta-hame.example", "primary": True}]},
        {"op": "remove", "path": "title"},
        {"op": "replace", "value": {"name.familyName": "Aaltonen", f"{ENTERPRISE}:employeeNumber": "E900"}},
        {"op": "add", "value": {LUUKKU: {"oidcSubject": "county-sub-anni"}}},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"]["givenName"] == "Anni" and body["name"]["familyName"] == "Aaltonen"
    assert "title" not in body and body[ENTERPRISE]["employeeNumber"] == "E900"
    assert body[LUUKKU]["oidcSubject"] == "county-sub-anni"
    professional = Professional.objects.select_related("user").get(public_id=staff["anna.aalto"])
    assert professional.user.email == "anni@kanta-hame.example"
    assert professional.oidc_subject == "county-sub-anni"

    # A role added with a value filter's sub-attribute; then its end date changed through a filter.
    scim.patch(
        path,
        {"op": "add", "path": f"{LUUKKU}:roles", "value": [{"unit": "sosiaalipalvelut", "role": "auditor"}]},
    )
    until = (today() + dt.timedelta(days=10)).isoformat()
    changed = scim.patch(
        path,
        {
            "op": "replace",
            "path": f'{LUUKKU}:roles[unit eq "sosiaalipalvelut" and role eq "auditor"].validUntil',
            "value": until,
        },
    )
    assert changed.status_code == 200, changed.content
    assert ("sosiaalipalvelut", "auditor", today(), today() + dt.timedelta(days=10)) in roles_of("anna.aalto")

    scim_error(scim.patch(path, {"op": "move", "path": "title", "value": "x"}), 400, "invalidSyntax")
    scim_error(scim.patch(path, {"op": "replace", "path": "shoeSize", "value": 42}), 400, "invalidPath")
    scim_error(scim.patch(path, {"op": "replace", "path": "groups", "value": []}), 400, "mutability")
    scim_error(scim.patch(path, {"op": "replace", "path": "id", "value": "x"}), 400, "mutability")
    scim_error(scim.patch(path, {"op": "remove"}), 400, "noTarget")
    scim_error(
        scim.patch(
            path, {"op": "replace", "path": f'{LUUKKU}:roles[unit eq "nowhere"].validUntil', "value": until}
        ),
        400,
        "noTarget",
    )
    scim_error(scim.send("patch", path, {"Operations": []}), 400, "invalidSyntax")
    scim_error(
        scim.patch(path, {"op": "replace", "path": "userName", "value": "bertta.berg"}), 409, "uniqueness"
    )
    assert scim.get(path).json()["userName"] == "anna.aalto"


# --- Groups: units x roles -------------------------------------------------------------------------


def test_groups_are_units_and_roles_and_membership_gives_and_ends_roles(scim, staff):
    listed = scim.get("Groups", filter='displayName eq "rmk-terveysasema/doctor"').json()
    assert listed["totalResults"] == 1 and listed["Resources"][0]["id"] == "rmk-terveysasema.doctor"
    assert listed["Resources"][0]["urn:luukku:scim:schemas:1.0:RoleGroup"]["unit"] == "rmk-terveysasema"
    path = "Groups/rmk-terveysasema.doctor"
    two = [{"value": staff["bertta.berg"]}, {"value": staff["cecilia.carlsson"]}]
    added = scim.patch(path, {"op": "Add", "path": "members", "value": two})
    assert added.status_code == 200, added.content
    assert {m["value"] for m in added.json()["members"]} == {staff["bertta.berg"], staff["cecilia.carlsson"]}
    assert ("rmk-terveysasema", "doctor", today(), None) in roles_of("bertta.berg")
    member_of = scim.get("Groups", filter=f'members[value eq "{staff["bertta.berg"]}"]').json()
    assert {g["id"] for g in member_of["Resources"]} == {"hml-terveysasema.nurse", "rmk-terveysasema.doctor"}

    removed = scim.patch(path, {"op": "remove", "path": f'members[value eq "{staff["bertta.berg"]}"]'})
    assert {m["value"] for m in removed.json()["members"]} == {staff["cecilia.carlsson"]}
    # Entra removes members by value without a filter.
    scim.patch(path, {"op": "Remove", "path": "members", "value": [{"value": staff["cecilia.carlsson"]}]})
    assert scim.get(path).json()["members"] == []
    yesterday = today() - dt.timedelta(days=1)
    assert ("rmk-terveysasema", "doctor", today(), yesterday) in roles_of("cecilia.carlsson")

    group_schema = "urn:ietf:params:scim:schemas:core:2.0:Group"
    replaced = scim.put(path, {"schemas": [group_schema], "members": [{"value": staff["anna.aalto"]}]})
    assert [m["value"] for m in replaced.json()["members"]] == [staff["anna.aalto"]]

    scim_error(
        scim.patch(path, {"op": "add", "path": "members", "value": [{"value": "nobody"}]}),
        400,
        "invalidValue",
    )
    inactive = {"op": "add", "path": "members", "value": [{"value": staff["daniel.dahl"]}]}
    scim_error(scim.patch(path, inactive), 400, "invalidValue")
    scim_error(scim.patch(path, {"op": "replace", "path": "displayName", "value": "x/y"}), 400, "mutability")
    scim_error(scim.delete(path), 501)
    scim_error(
        scim.post("Groups", {"schemas": [], "displayName": "rmk-terveysasema/doctor"}), 409, "uniqueness"
    )
    scim_error(scim.post("Groups", {"schemas": [], "displayName": "Kaikki"}), 400, "invalidValue")
    scim_error(scim.get("Groups/rmk-terveysasema.wizard"), 404)
    scim_error(scim.get("Groups/nowhere.nurse"), 404)


def test_group_listing_pages_and_filters(scim):
    page = scim.get("Groups", startIndex=3, count=2).json()
    assert page["startIndex"] == 3 and page["itemsPerPage"] == 2 and page["totalResults"] > 10
    nurses = scim.get("Groups", filter='displayName ew "/nurse" and members pr').json()
    assert {g["id"] for g in nurses["Resources"]} == {"hml-terveysasema.nurse", "rmk-terveysasema.nurse"}


def test_an_administrator_role_opens_the_admin_only_while_it_is_in_force(scim, client):
    admin_role = {"unit": "kanta-hame", "role": "administrator"}
    body = joiner("aarne.admin", "E2001", **{LUUKKU: {"roles": [admin_role]}})
    user_id = scim.post("Users", body).json()["id"]
    user = get_user_model().objects.get(username="aarne.admin")
    assert user.is_staff and user.is_superuser  # the role gives the admin
    other = Client()
    other.force_login(user)
    assert other.get("/yllapito/").status_code == 200
    # A fixed-term role that ended yesterday closes the admin at once, whatever the flags still say.
    RoleAssignment.objects.filter(professional__public_id=user_id).update(
        valid_from=today() - dt.timedelta(days=30), valid_until=today() - dt.timedelta(days=1)
    )
    assert other.get("/yllapito/").status_code == 302  # to the admin's sign-in
    # Moved to a nurse's role: the identity management's change takes the flags away too.
    nurse = {"unit": "hml-terveysasema", "role": "nurse"}
    nurse = {"op": "replace", "path": f"{LUUKKU}:roles", "value": [nurse]}
    assert scim.patch(f"Users/{user_id}", nurse).status_code == 200
    user.refresh_from_db()
    assert not user.is_staff and not user.is_superuser
