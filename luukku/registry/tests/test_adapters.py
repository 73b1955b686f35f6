import datetime as dt

import pytest
import requests
import responses

from luukku.registry.adapters import LocalPopulationRegister, RegisterUnavailable, VtjPopulationRegister
from luukku.testing import GuardianshipFactory, RegisterPersonFactory

pytestmark = pytest.mark.django_db
VTJ_URL = "https://vtj.example.test/sosowebsite/soso.asmx"
CONFIG = {
    "url": VTJ_URL,
    "username": "luukku",
    "password": "s&cret",
    "end_user": "hoitaja.hanna",
    "message_set": "PERUSSANOMA 1",
    "client_cert": "",
    "client_key": "",
    "timeout": 5,
}


def test_local_register_answers_person_and_custody():
    today = dt.date.today()
    parent = RegisterPersonFactory(age=40)
    child = RegisterPersonFactory(age=9)
    adult_child = RegisterPersonFactory(age=19)
    GuardianshipFactory(guardian=parent, child=child)
    GuardianshipFactory(guardian=parent, child=adult_child)
    register = LocalPopulationRegister()
    assert register.person(parent.hetu).full_name == f"{parent.first_names} {parent.last_name}"
    assert register.person("010101-9993") is None
    assert [c.hetu for c in register.children_in_custody(parent.hetu, today)] == [child.hetu]
    assert [g.hetu for g in register.guardians(child.hetu, today)] == [parent.hetu]


def test_ended_guardianship_is_not_in_force():
    today = dt.date.today()
    link = GuardianshipFactory(valid_until=today - dt.timedelta(days=1))
    assert LocalPopulationRegister().guardians(link.child.hetu, today) == []


def _vtj_answer(body: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<TeeHenkilonTunnusKyselyResponse xmlns="http://tempuri.org/"><TeeHenkilonTunnusKyselyResult>
<VTJHenkiloVastaussanoma xmlns="http://xml.vrk.fi/schema/vtjkysely" versio="1.0" sanomatunnus="PERUSSANOMA 1">
<Asiakasinfo><InfoS>23.11.2026 12:00</InfoS></Asiakasinfo>
<Paluukoodi koodi="0000">Haku onnistui</Paluukoodi>
{body}
</VTJHenkiloVastaussanoma></TeeHenkilonTunnusKyselyResult></TeeHenkilonTunnusKyselyResponse>
</soap:Body></soap:Envelope>"""


PERSON = """<Henkilo><Henkilotunnus voimassaolokoodi="1">131052-308T</Henkilotunnus>
<NykyinenSukunimi><Sukunimi>Mäkinen</Sukunimi></NykyinenSukunimi>
<NykyisetEtunimet><Etunimet>Kerttu Annikki</Etunimet></NykyisetEtunimet>
<VakinainenKotimainenLahiosoite><LahiosoiteS>Raatihuoneenkatu 5 A 3</LahiosoiteS>
<Postinumero>13100</Postinumero><PostitoimipaikkaS>HÄMEENLINNA</PostitoimipaikkaS></VakinainenKotimainenLahiosoite>
<Kotikunta><Kuntanumero>109</Kuntanumero><KuntaS>Hämeenlinna</KuntaS></Kotikunta>
<Kuolintiedot><Kuolinpvm>20260801</Kuolinpvm></Kuolintiedot>
<Aidinkieli><Kielikoodi>sv</Kielikoodi></Aidinkieli>
<Turvakielto><TurvakieltoTieto>1</TurvakieltoTieto></Turvakielto>
<Sukupuoli><Sukupuolikoodi>2</Sukupuolikoodi></Sukupuoli></Henkilo>"""


@responses.activate
def test_vtj_person_query_speaks_soap_and_maps_the_answer():
    responses.post(VTJ_URL, body=_vtj_answer(PERSON), content_type="text/xml")
    record = VtjPopulationRegister(CONFIG).person("131052-308T")
    sent = responses.calls[0].request
    assert sent.headers["SOAPAction"] == "http://tempuri.org/TeeHenkilonTunnusKysely"
    assert b"<t:SoSoNimi>PERUSSANOMA 1</t:SoSoNimi>" in sent.body
    assert b"<t:Salasana>s&amp;cret</t:Salasana>" in sent.body
    assert b"<t:Henkilotunnus>131052-308T</t:Henkilotunnus>" in sent.body
    assert record.first_names == "Kerttu Annikki" and record.last_name == "Mäkinen"
    assert record.birth_date == dt.date(1952, 10, 13) and record.sex == "female"
    assert record.date_of_death == dt.date(2026, 8, 1)
    assert record.municipality_code == "109" and record.postal_code == "13100"
    assert record.mother_tongue == "sv" and record.address_protected


@responses.activate
def test_vtj_children_query_uses_guardian_message_set():
    children = """<Henkilo><Henkilotunnus>010180-9026</Henkilotunnus>
    <Huollettava><Henkilotunnus>131052-308T</Henkilotunnus><Etunimet>Kerttu</Etunimet></Huollettava></Henkilo>"""
    responses.post(VTJ_URL, body=_vtj_answer(children), content_type="text/xml")
    responses.post(VTJ_URL, body=_vtj_answer(PERSON), content_type="text/xml")
    found = VtjPopulationRegister(CONFIG).children_in_custody("010180-9026", dt.date.today())
    assert b"Huoltaja-Huollettavat" in responses.calls[0].request.body
    assert [c.hetu for c in found] == ["131052-308T"]


@responses.activate
def test_vtj_unknown_person_and_failures():
    responses.post(VTJ_URL, body=_vtj_answer('<Paluukoodi koodi="0002">Ei löytynyt</Paluukoodi>'))
    assert VtjPopulationRegister(CONFIG).person("131052-308T") is None
    responses.replace(responses.POST, VTJ_URL, status=503)
    with pytest.raises(RegisterUnavailable):
        VtjPopulationRegister(CONFIG).person("131052-308T")
    responses.replace(responses.POST, VTJ_URL, body=requests.ConnectionError("down"))
    with pytest.raises(RegisterUnavailable):
        VtjPopulationRegister(CONFIG).person("131052-308T")
    responses.replace(responses.POST, VTJ_URL, body="<not-xml")
    with pytest.raises(RegisterUnavailable):
        VtjPopulationRegister(CONFIG).person("131052-308T")
