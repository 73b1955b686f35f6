"""Professionals' sign-in through the county's OpenID provider (protocol-level fake: signed ID tokens,
PKCE, nonce), matched to the account the identity management provisioned over SCIM; and the
residents' broker refusing an answer below the assurance level asked for."""

import json
import time
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from joserfc import jwt
from joserfc.jwk import RSAKey

from luukku.identity import adapters, provisioning
from luukku.identity.models import Professional
from luukku.identity.personas import BY_KEY

pytestmark = pytest.mark.django_db
IDP = "https://tunnistus.kanta-hame.example.test"
BROKER = "https://tunnistus.example.test"
CLIENT_ID = "luukku-professionals"


def _provider(mock, issuer: str, key: RSAKey) -> None:
    mock.get(
        f"{issuer}/.well-known/openid-configuration",
        json={
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "id_token_signing_alg_values_supported": ["RS256"],
        },
    )
    mock.get(f"{issuer}/jwks", json={"keys": [key.as_dict(private=False)]})


@pytest.fixture
def county(settings, personas):
    settings.LUUKKU_PROFESSIONAL_OIDC = {
        "client_id": CLIENT_ID,
        "client_secret": "shh",
        "server_metadata_url": f"{IDP}/.well-known/openid-configuration",
        "scope": "openid profile",
        "subject_claim": "sub",
        "employee_claim": "employee_id",
        "acr_values": "",
    }
    adapters.professional_oidc.cache_clear()
    key = RSAKey.generate_key(2048, {"kid": "county-1"}, private=True)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        _provider(mock, IDP, key)
        yield mock, key
    adapters.professional_oidc.cache_clear()


def _id_token(key: RSAKey, nonce: str, issuer: str = IDP, audience: str = CLIENT_ID, **claims) -> str:
    now = int(time.time())
    payload = {"iss": issuer, "aud": audience, "iat": now, "exp": now + 300, "nonce": nonce, **claims}
    return jwt.encode({"alg": "RS256", "kid": key.kid}, payload, key)


def _sign_in(client: Client, mock, key, next_url: str = "", signer: RSAKey | None = None, **claims):
    start = client.get(reverse("identity:professional_oidc_login"), {"next": next_url} if next_url else {})
    assert start.status_code == 302
    location = urlparse(start["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{IDP}/authorize"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query["code_challenge_method"] == "S256" and query["code_challenge"] and query["nonce"]
    assert query["client_id"] == CLIENT_ID and "acr_values" not in query
    token = _id_token(signer or key, query["nonce"], **claims)
    answer = {"access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": token}
    mock.upsert(responses.POST, f"{IDP}/token", body=json.dumps(answer), content_type="application/json")
    return client.get(reverse("identity:professional_oidc_callback"), {"code": "c", "state": query["state"]})


def _provision(username: str = "hilkka.hoitaja", employee: str = "E1001", active: bool = True):
    return provisioning.create_professional(
        provisioning.AccountData(
            username=username,
            given_name="Hilkka",
            family_name="Hoitaja",
            employee_number=employee,
            active=active,
            roles=(provisioning.RoleSpec("hml-terveysasema", "nurse"),),
        )
    )


def _message(msgid: str) -> str:
    with translation.override("fi"):
        return gettext(msgid)


def _refused(response, msgid: str) -> None:
    assert response.status_code == 400
    assert response.context["message"] == _message(msgid)
    assert response.context["retry_url"] == reverse("identity:professional_login")
    assert "_auth_user_id" not in response.wsgi_request.session


def test_first_sign_in_matches_the_employee_number_and_binds_the_subject(client, county):
    mock, key = county
    professional = _provision()
    response = _sign_in(client, mock, key, sub="idp-subject-1", employee_id="E1001")
    assert response.status_code == 302 and response["Location"] == reverse("access:professional_home")
    assert client.get(reverse("access:professional_home")).status_code == 200
    professional.refresh_from_db()
    assert professional.oidc_subject == "idp-subject-1"
    assert int(client.session["_auth_user_id"]) == professional.user_id

    # Later sign-ins go by the subject, whatever the number (here changed in the identity management
    # since); `next` leads back to the page asked for, if it is on this site.
    professional.employee_number = "E2002"
    professional.save()
    claims = {"sub": "idp-subject-1", "employee_id": "E1001"}
    response = _sign_in(Client(), mock, key, next_url="/ammattilainen/tyojono/", **claims)
    assert response["Location"] == "/ammattilainen/tyojono/"
    offsite = _sign_in(Client(), mock, key, next_url="https://evil.example/", **claims)
    assert offsite["Location"] == reverse("access:professional_home")


def test_unknown_and_mismatched_accounts_are_refused(client, county):
    mock, key = county
    _refused(
        _sign_in(client, mock, key, sub="stranger", employee_id="E9999"),
        "You have no Luukku account. The county's identity management creates it when your work "
        "begins; ask your supervisor.",
    )
    professional = _provision()
    professional.oidc_subject = "idp-subject-1"
    professional.save()
    _refused(
        _sign_in(Client(), mock, key, sub="someone-else", employee_id="E1001"),
        "Your Luukku account is linked to another user account. Contact the identity management.",
    )


def test_a_leaver_is_refused_with_a_clear_message(client, county):
    mock, key = county
    professional = _provision()
    assert _sign_in(Client(), mock, key, sub="idp-subject-1", employee_id="E1001").status_code == 302
    provisioning.deactivate(professional)
    closed = "Your Luukku account has been closed. Ask your supervisor if this is a mistake."
    _refused(_sign_in(client, mock, key, sub="idp-subject-1", employee_id="E1001"), closed)
    provisioning.remove_professional(Professional.objects.get(pk=professional.pk))
    _refused(_sign_in(Client(), mock, key, sub="idp-subject-1", employee_id="E1001"), closed)


def test_a_joiner_whose_role_has_not_begun_is_refused(client, county):
    mock, key = county
    professional = _provision()
    professional.roles.update(valid_from="2999-01-01")
    _refused(
        _sign_in(client, mock, key, sub="idp-subject-1", employee_id="E1001"),
        "You have no role in force in any unit.",
    )


@pytest.mark.parametrize("attack", ["foreign_key", "wrong_audience", "wrong_issuer", "no_id_token"])
def test_tampered_answers_are_refused(client, county, attack):
    mock, key = county
    _provision()
    claims = {"sub": "idp-subject-1", "employee_id": "E1001"}
    if attack == "wrong_audience":
        claims["audience"] = "someone-else"
    if attack == "wrong_issuer":
        claims["issuer"] = "https://evil.example"
    signer = RSAKey.generate_key(2048, {"kid": "county-1"}, private=True) if attack == "foreign_key" else None
    if attack == "no_id_token":
        start = client.get(reverse("identity:professional_oidc_login"))
        state = parse_qs(urlparse(start["Location"]).query)["state"][0]
        mock.post(f"{IDP}/token", json={"access_token": "at", "token_type": "Bearer"})
        mock.get(f"{IDP}/userinfo", json={"sub": "idp-subject-1", "employee_id": "E1001"})
        response = client.get(reverse("identity:professional_oidc_callback"), {"code": "c", "state": state})
    else:
        response = _sign_in(client, mock, key, signer=signer, **claims)
    _refused(response, "Identification failed. Try again in a moment.")


def test_the_flow_is_off_until_the_provider_is_configured(client, personas):
    assert client.get(reverse("identity:professional_oidc_login")).status_code == 404
    assert client.get(reverse("identity:professional_oidc_callback")).status_code == 404
    page = client.get(reverse("identity:professional_login"))
    assert reverse("identity:professional_oidc_login") not in page.content.decode()


def test_the_sign_in_page_offers_the_county_account(client, county):
    page = client.get(reverse("identity:professional_login"), {"next": "/ammattilainen/tyojono/"})
    link = f"{reverse('identity:professional_oidc_login')}?next=/ammattilainen/tyojono/"
    assert link in page.content.decode()


@pytest.fixture
def broker(settings, personas):
    settings.LUUKKU_IDENTIFICATION = "oidc"
    settings.LUUKKU_OIDC = {
        "client_id": "luukku-test",
        "client_secret": "shh",
        "server_metadata_url": f"{BROKER}/.well-known/openid-configuration",
        "scope": "openid profile personal_identity_code",
        "hetu_claim": "urn:oid:1.2.246.21",
        "acr_values": "http://ftn.ficora.fi/2017/loa3",
    }
    adapters.oidc_identification.cache_clear()
    key = RSAKey.generate_key(2048, {"kid": "broker-1"}, private=True)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        _provider(mock, BROKER, key)
        yield mock, key
    adapters.oidc_identification.cache_clear()


@pytest.mark.parametrize("acr", ["http://ftn.ficora.fi/2017/loa2", None])
def test_residents_below_the_assurance_level_asked_for_are_refused(client, broker, acr):
    mock, key = broker
    start = client.get(reverse("identity:login"))
    query = {k: v[0] for k, v in parse_qs(urlparse(start["Location"]).query).items()}
    assert query["acr_values"] == "http://ftn.ficora.fi/2017/loa3"
    claims = {"sub": "s", "urn:oid:1.2.246.21": BY_KEY["lempi"].hetu, **({"acr": acr} if acr else {})}
    token = _id_token(key, query["nonce"], issuer=BROKER, audience="luukku-test", **claims)
    mock.post(f"{BROKER}/token", json={"access_token": "at", "token_type": "Bearer", "id_token": token})
    response = client.get(reverse("identity:oidc_callback"), {"code": "c", "state": query["state"]})
    assert response.status_code == 400
    assert response.context["message"] == _message(
        "The identification method was not strong enough for this service. Choose another method."
    )
    assert "_auth_user_id" not in client.session


def test_a_demo_account_is_refused_outside_the_demo_even_through_the_provider(client, county, settings):
    mock, key = county
    Professional.objects.filter(user__username="hoitaja.hanna").update(employee_number="E0005")
    settings.DEMO = False
    _refused(
        _sign_in(client, mock, key, sub="idp-hanna", employee_id="E0005"),
        "This account was made for the demo and cannot be used outside it.",
    )
