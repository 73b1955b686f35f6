"""Signing in through real OpenID providers, not mocks: the npm `oidc-provider` under node
(tests/oidc/), once configured like the Suomi.fi identification broker (RS256 ID token with the
henkilötunnus claim, acr loa3) for residents, once like the county's identity provider (employee-id
claim) for professionals. The browser goes through the real redirects, the provider's own sign-in
form, the code exchange with PKCE and the ID token check against the provider's JWKS."""

import json
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from luukku.identity import adapters
from luukku.identity.models import Professional
from luukku.identity.personas import BY_KEY, seed_organisation, seed_personas
from luukku.identity.scim.auth import token_digest
from tests.oidc.provider import HETU_CLAIM, LOA3, broker_config, county_config, running_provider

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SECRET = "client-secret-of-the-tests-0123456789"
SCIM_TOKEN = "scim-token-of-the-tests"
HILKKA = {
    "password": "Kevät-2026-salasana",
    "claims": {
        "sub": "county-7f3a",
        "employee_id": "E1001",
        "given_name": "Hilkka",
        "family_name": "Hoitaja",
    },
}
COUNTY_SIGN_IN = "a[href^='/ammattilainen/tunnistautuminen/']"


@pytest.fixture(scope="session")
def suomifi_broker(live_server):
    callback = f"{live_server.url}/tunnistautuminen/paluu/"
    with running_provider(broker_config("luukku-residents", SECRET, callback)) as provider:
        yield provider


@pytest.fixture(scope="session")
def county_provider(live_server):
    callback = f"{live_server.url}/ammattilainen/tunnistautuminen/paluu/"
    config = county_config("luukku-professionals", SECRET, callback, {"hilkka": HILKKA})
    with running_provider(config) as provider:
        yield provider


@pytest.fixture
def residents_use_the_broker(settings, suomifi_broker):
    settings.LUUKKU_IDENTIFICATION = "oidc"
    settings.LUUKKU_OIDC = {
        "client_id": "luukku-residents",
        "client_secret": SECRET,
        "server_metadata_url": suomifi_broker.metadata_url,
        "scope": "openid profile personal_identity_code",
        "hetu_claim": HETU_CLAIM,
        "acr_values": LOA3,
    }
    adapters.oidc_identification.cache_clear()
    yield suomifi_broker
    adapters.oidc_identification.cache_clear()


@pytest.fixture
def professionals_use_the_county_provider(settings, county_provider):
    settings.LUUKKU_PROFESSIONAL_OIDC = {
        "client_id": "luukku-professionals",
        "client_secret": SECRET,
        "server_metadata_url": county_provider.metadata_url,
        "scope": "openid profile",
        "subject_claim": "sub",
        "employee_claim": "employee_id",
        "acr_values": "",
    }
    settings.LUUKKU_SCIM_TOKEN_SHA256 = [token_digest(SCIM_TOKEN)]
    adapters.professional_oidc.cache_clear()
    yield county_provider
    adapters.professional_oidc.cache_clear()


def test_resident_signs_in_through_the_identification_broker(page, residents_use_the_broker):
    seed_organisation()
    seed_personas()
    page.goto("/")
    page.get_by_role("link", name="Tunnistaudu").click()
    page.wait_for_url(f"{residents_use_the_broker.issuer}/interaction/**")
    page.get_by_label("Henkilötunnus").fill(BY_KEY["lempi"].hetu)
    page.get_by_role("button", name="Jatka").click()

    page.wait_for_url("**/oma/")
    assert page.get_by_role("heading", name="Oma sivu").is_visible()
    assert page.get_by_text("Lempi Kerttu Esimerkki").first.is_visible()


def _scim(method: str, path: str, body: dict):
    idm = Client(headers={"Authorization": f"Bearer {SCIM_TOKEN}"})
    return getattr(idm, method)(f"/scim/v2/{path}", json.dumps(body), content_type="application/scim+json")


def test_provisioned_professional_signs_in_and_is_turned_away_after_leaving(
    page, professionals_use_the_county_provider
):
    seed_organisation()
    joined = _scim(
        "post",
        "Users",
        {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:luukku:scim:schemas:1.0:Professional",
            ],
            "userName": "hilkka.hoitaja",
            "name": {"givenName": "Hilkka", "familyName": "Hoitaja"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "E1001"},
            "urn:luukku:scim:schemas:1.0:Professional": {
                "roles": [{"unit": "hml-terveysasema", "role": "nurse"}]
            },
        },
    )
    assert joined.status_code == 201, joined.content
    user_id = joined.json()["id"]

    page.goto("/ammattilainen/")
    page.locator(COUNTY_SIGN_IN).click()
    page.wait_for_url(f"{professionals_use_the_county_provider.issuer}/interaction/**")
    page.get_by_label("Käyttäjätunnus").fill("hilkka")
    page.get_by_label("Salasana").fill(HILKKA["password"])
    page.get_by_role("button", name="Jatka").click()
    page.wait_for_url("**/ammattilainen/etusivu/")
    assert page.get_by_role("heading", name="Ammattilaisen työpöytä").is_visible()
    assert Professional.objects.get(public_id=user_id).oidc_subject == "county-7f3a"

    # The identity management reports that she has left: her open session ends at once...
    left = _scim(
        "patch",
        f"Users/{user_id}",
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "active", "value": False}],
        },
    )
    assert left.status_code == 200, left.content
    page.reload()
    page.wait_for_url(re.compile(r".*/ammattilainen/\?next=.*"))
    # ...and although the provider still knows her (no form this time), Luukku turns her away.
    page.locator(COUNTY_SIGN_IN).click()
    page.wait_for_url("**/ammattilainen/tunnistautuminen/paluu/**")
    with translation.override("fi"):
        closed = gettext("Your Luukku account has been closed. Ask your supervisor if this is a mistake.")
    assert page.get_by_role("alert").inner_text() == closed
