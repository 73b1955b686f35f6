"""The production adapters against protocol-level fakes: OIDC (signed ID tokens, PKCE, nonce) and
Suomi.fi-valtuudet's HPA web API (checksum header, OAuth code exchange, delegate and authorization)."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
from urllib.parse import parse_qs, urlparse

import pytest
import responses
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import RSAKey

from luukku.identity import adapters
from luukku.identity.models import Resident
from luukku.identity.personas import BY_KEY, seed_personas

pytestmark = pytest.mark.django_db
BROKER = "https://tunnistus.example.test"
CLIENT_ID = "luukku-test"


@pytest.fixture
def oidc(settings):
    settings.LUUKKU_IDENTIFICATION = "oidc"
    settings.LUUKKU_OIDC = {
        "client_id": CLIENT_ID,
        "client_secret": "shh",
        "server_metadata_url": f"{BROKER}/.well-known/openid-configuration",
        "scope": "openid profile personal_identity_code",
        "hetu_claim": "urn:oid:1.2.246.21",
        "acr_values": "http://ftn.ficora.fi/2017/loa3",
    }
    adapters.oidc_identification.cache_clear()
    seed_personas()
    key = RSAKey.generate_key(2048, {"kid": "broker-1"}, private=True)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            settings.LUUKKU_OIDC["server_metadata_url"],
            json={
                "issuer": BROKER,
                "authorization_endpoint": f"{BROKER}/authorize",
                "token_endpoint": f"{BROKER}/token",
                "jwks_uri": f"{BROKER}/jwks",
                "userinfo_endpoint": f"{BROKER}/userinfo",
                "id_token_signing_alg_values_supported": ["RS256"],
            },
        )
        mock.get(f"{BROKER}/jwks", json={"keys": [key.as_dict(private=False)]})
        yield mock, key
    adapters.oidc_identification.cache_clear()


def _id_token(key, nonce: str, **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": BROKER,
        "aud": CLIENT_ID,
        "sub": "broker-subject-1",
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "acr": "http://ftn.ficora.fi/2017/loa3",
        **claims,
    }
    return jwt.encode({"alg": "RS256", "kid": key.kid}, payload, key)


def _start(client):
    response = client.get(reverse("identity:login"))
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{BROKER}/authorize"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert (
        query["code_challenge_method"] == "S256" and query["acr_values"] == "http://ftn.ficora.fi/2017/loa3"
    )
    assert query["ui_locales"] == "fi" and query["client_id"] == CLIENT_ID
    return query


def test_oidc_sign_in_with_hetu_claim(client, oidc):
    mock, key = oidc
    query = _start(client)

    def token_endpoint(request):
        body = parse_qs(request.body)
        assert body["grant_type"] == ["authorization_code"] and body["code"] == ["abc"]
        verifier = body["code_verifier"][0]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        assert challenge == query["code_challenge"]
        token = _id_token(key, query["nonce"], **{"urn:oid:1.2.246.21": BY_KEY["aino"].hetu})
        return (
            200,
            {},
            json.dumps({"access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": token}),
        )

    mock.add_callback(responses.POST, f"{BROKER}/token", callback=token_endpoint)
    response = client.get(reverse("identity:oidc_callback"), {"code": "abc", "state": query["state"]})
    assert response.status_code == 302 and response["Location"] == reverse("identity:home")
    assert client.get(reverse("identity:home")).context["person"].hetu == BY_KEY["aino"].hetu


def test_oidc_hetu_from_userinfo_when_not_in_id_token(client, oidc):
    mock, key = oidc
    query = _start(client)
    mock.post(
        f"{BROKER}/token",
        json={"access_token": "at", "token_type": "Bearer", "id_token": _id_token(key, query["nonce"])},
    )
    mock.get(
        f"{BROKER}/userinfo", json={"sub": "broker-subject-1", "urn:oid:1.2.246.21": BY_KEY["lempi"].hetu}
    )
    client.get(reverse("identity:oidc_callback"), {"code": "abc", "state": query["state"]})
    assert Resident.objects.get(user__isnull=False).hetu == BY_KEY["lempi"].hetu


@pytest.mark.parametrize("attack", ["wrong_nonce", "foreign_key", "wrong_audience", "forged_state"])
def test_oidc_rejects_tampered_answers(client, oidc, attack):
    mock, key = oidc
    query = _start(client)
    signer = RSAKey.generate_key(2048, {"kid": "broker-1"}, private=True) if attack == "foreign_key" else key
    claims = {"urn:oid:1.2.246.21": BY_KEY["aino"].hetu}
    if attack == "wrong_audience":
        claims["aud"] = "someone-else"
    nonce = "not-the-nonce" if attack == "wrong_nonce" else query["nonce"]
    mock.post(
        f"{BROKER}/token",
        json={"access_token": "at", "token_type": "Bearer", "id_token": _id_token(signer, nonce, **claims)},
    )
    state = "forged" if attack == "forged_state" else query["state"]
    response = client.get(reverse("identity:oidc_callback"), {"code": "abc", "state": state})
    assert response.status_code == 400
    assert "Tunnistautuminen epäonnistui" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_oidc_cancel_and_unknown_person(client, oidc):
    mock, key = oidc
    response = client.get(reverse("identity:oidc_callback"), {"error": "access_denied"})
    assert "keskeytettiin" in response.content.decode()
    query = _start(client)
    mock.post(
        f"{BROKER}/token",
        json={
            "access_token": "at",
            "token_type": "Bearer",
            "id_token": _id_token(key, query["nonce"], **{"urn:oid:1.2.246.21": "131052-308T"}),
        },
    )
    response = client.get(reverse("identity:oidc_callback"), {"code": "abc", "state": query["state"]})
    assert response.status_code == 400
    assert "Väestötietojärjestelmässä ei ole henkilöä" in response.content.decode()


def test_personas_are_off_when_oidc_is_on(client, oidc):
    response = client.post(reverse("identity:login"), {"persona": "aino"})
    assert response["Location"].startswith(f"{BROKER}/authorize")
    assert "_auth_user_id" not in client.session


def test_valtuudet_checksum_header():
    now = dt.datetime(2026, 11, 23, 12, 0, 0, 123000, tzinfo=dt.UTC)
    header = adapters.valtuudet_checksum_header(
        "luukku", "key", "/service/hpa/api/delegate/s1?requestId=r", now
    )
    client_id, timestamp, checksum = header.split(" ")
    expected = hmac.new(
        b"key", b"/service/hpa/api/delegate/s1?requestId=r" + timestamp.encode(), hashlib.sha256
    )
    assert (client_id, timestamp) == ("luukku", "2026-11-23T12:00:00.123+00:00")
    assert base64.b64decode(checksum) == expected.digest()


VALTUUDET = "https://valtuudet.example.test"


@pytest.fixture
def valtuudet(settings):
    settings.LUUKKU_MANDATES = "suomifi"
    settings.LUUKKU_SUOMIFI_MANDATES = {
        "base_url": VALTUUDET,
        "client_id": "luukku",
        "api_key": "k",
        "oauth_secret": "o",
        "issues": ["sote-asiointi"],
        "timeout": 5,
    }
    adapters.mandate_service.cache_clear()
    seed_personas()
    yield
    adapters.mandate_service.cache_clear()


@responses.activate
def test_suomifi_mandates_flow(client, valtuudet):
    matti, lempi, toivo = (BY_KEY[k].hetu for k in ("matti", "lempi", "toivo"))
    client.post(reverse("identity:login"), {"persona": "matti"})
    responses.get(
        f"{VALTUUDET}/service/hpa/user/register/luukku/{matti}", json={"sessionId": "s-1", "userId": "u-1"}
    )
    response = client.get(reverse("identity:mandates_begin"))
    assert response["Location"].startswith(f"{VALTUUDET}/oauth/authorize?client_id=luukku&response_type=code")
    assert "user=u-1" in response["Location"]
    assert responses.calls[0].request.headers["X-AsiointivaltuudetAuthorization"].startswith("luukku ")

    responses.post(f"{VALTUUDET}/oauth/token", json={"access_token": "tok", "token_type": "bearer"})
    responses.get(
        f"{VALTUUDET}/service/hpa/api/delegate/s-1",
        json=[{"personId": lempi, "name": "Lempi"}, {"personId": toivo, "name": "Toivo"}],
    )
    responses.get(f"{VALTUUDET}/service/hpa/api/authorization/s-1/{lempi}", json={"result": "ALLOWED"})
    responses.get(f"{VALTUUDET}/service/hpa/api/authorization/s-1/{toivo}", json={"result": "DISALLOWED"})
    client.get(reverse("identity:mandates_callback"), {"code": "c-1"})
    token_call = next(c for c in responses.calls if c.request.url.endswith("/oauth/token"))
    assert token_call.request.headers["Authorization"].startswith("Basic ")
    authorization_call = next(c for c in responses.calls if "/authorization/" in c.request.url)
    assert authorization_call.request.headers["Authorization"] == "Bearer tok"
    assert "issues=sote-asiointi" in authorization_call.request.url
    names = [o["name"] for o in client.get("/api/identity/me").json()["may_act_for"]]
    assert "Lempi Kerttu Esimerkki" in names and "Toivo Antero Esimerkki" not in names


@responses.activate
def test_suomifi_mandates_unavailable_is_a_message_not_an_error(client, valtuudet):
    client.post(reverse("identity:login"), {"persona": "matti"})
    responses.get(f"{VALTUUDET}/service/hpa/user/register/luukku/{BY_KEY['matti'].hetu}", status=502)
    response = client.get(reverse("identity:mandates_begin"), follow=True)
    assert "Valtuutuspalveluun ei juuri nyt saada yhteyttä" in response.content.decode()


def test_residents_with_bank_ids_are_not_refused_by_default():
    """Social and health care services need substantial assurance (Suomi.fi loa2: bank IDs) at least;
    high (loa3) is accepted too. Both are asked for and accepted unless LUUKKU_OIDC_ACR_VALUES says so."""
    from django.conf import settings

    accepted = settings.LUUKKU_OIDC["acr_values"].split()
    assert accepted == ["http://ftn.ficora.fi/2017/loa2", "http://ftn.ficora.fi/2017/loa3"]
