"""Population register adapter: one interface, a local implementation and VTJ's SOAP interface.

Services ask `population_register()` and never know which one answers.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from functools import cache
from typing import Protocol
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

import requests
from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.db.models import Q

from . import hetu as hetu_module
from .models import Guardianship, RegisterPerson

logger = logging.getLogger(__name__)


class RegisterUnavailable(RuntimeError):
    """The register could not be asked; callers show 'try again later', never a guess."""


@dataclass(frozen=True)
class PersonRecord:
    hetu: str
    first_names: str
    last_name: str
    birth_date: dt.date
    sex: str
    date_of_death: dt.date | None = None
    municipality_code: str = ""
    street_address: str = ""
    postal_code: str = ""
    post_office: str = ""
    mother_tongue: str = "fi"
    address_protected: bool = False

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}"


class PopulationRegister(Protocol):
    def person(self, hetu: str) -> PersonRecord | None:
        """The person's current data, or None when the register does not know the code."""

    def children_in_custody(self, guardian_hetu: str, on: dt.date) -> list[PersonRecord]:
        """Minors whose guardian the person is on the given day."""

    def guardians(self, child_hetu: str, on: dt.date) -> list[PersonRecord]:
        """The child's guardians on the given day."""


def _record(person: RegisterPerson) -> PersonRecord:
    return PersonRecord(
        hetu=person.hetu,
        first_names=person.first_names,
        last_name=person.last_name,
        birth_date=person.birth_date,
        sex=person.sex,
        date_of_death=person.date_of_death,
        municipality_code=person.municipality_code,
        street_address=person.street_address,
        postal_code=person.postal_code,
        post_office=person.post_office,
        mother_tongue=person.mother_tongue,
        address_protected=person.address_protected,
    )


def _in_force(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


class LocalPopulationRegister:
    """Reads the demo county generated into `registry_registerperson`."""

    def person(self, hetu: str) -> PersonRecord | None:
        found = RegisterPerson.objects.filter(hetu=hetu).first()
        return _record(found) if found else None

    def children_in_custody(self, guardian_hetu: str, on: dt.date) -> list[PersonRecord]:
        links = (
            Guardianship.objects.filter(_in_force(on), guardian__hetu=guardian_hetu)
            .select_related("child")
            .order_by("child__birth_date")
        )
        return [_record(link.child) for link in links if hetu_module.age_on(link.child.birth_date, on) < 18]

    def guardians(self, child_hetu: str, on: dt.date) -> list[PersonRecord]:
        links = Guardianship.objects.filter(_in_force(on), child__hetu=child_hetu).select_related("guardian")
        return [_record(link.guardian) for link in links]


SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
TEMPURI_NS = "http://tempuri.org/"


class VtjPopulationRegister:
    """DVV's VTJ query interface (SOAP 1.1 `TeeHenkilonTunnusKysely` on soso.asmx).

    The message set (SoSoNimi) is agreed in the data permit; the guardian and child relations use the
    'Huoltaja-Huollettavat' and 'Huollettava-Huoltajat' sets. The connection uses the organisation's
    client certificate when one is configured.
    """

    def __init__(self, config: dict | None = None, session: requests.Session | None = None) -> None:
        self.config = config or settings.LUUKKU_VTJ
        self.session = session or requests.Session()

    def _envelope(self, hetu: str, message_set: str) -> bytes:
        fields = {
            "SoSoNimi": message_set,
            "Kayttajatunnus": self.config["username"],
            "Salasana": self.config["password"],
            "Loppukayttaja": self.config["end_user"],
            "Laskutustiedot": "",
            "Henkilotunnus": hetu,
            "SahkoinenAsiointitunnus": "",
            "VarmenteenMyontaja": "",
            "X509Certificate": "",
            "VarmenteenVoimassaolotarkistus": "",
            "VarmenteenSulkulistatarkistus": "",
            "Tunnistusportaali": "",
            "Vahvistusportaali": "",
        }
        body = "".join(f"<t:{name}>{escape(value)}</t:{name}>" for name, value in fields.items())
        return (
            f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{SOAP_NS}" xmlns:t="{TEMPURI_NS}">'
            f"<s:Body><t:TeeHenkilonTunnusKysely>{body}</t:TeeHenkilonTunnusKysely></s:Body></s:Envelope>"
        ).encode()

    def _query(self, hetu: str, message_set: str) -> Element | None:
        cert = None
        if self.config.get("client_cert"):
            cert = (self.config["client_cert"], self.config["client_key"])
        try:
            response = self.session.post(
                self.config["url"],
                data=self._envelope(hetu, message_set),
                cert=cert,
                timeout=self.config.get("timeout", 10),
                headers={
                    "Content-Type": "text/xml; charset=utf-8",
                    "SOAPAction": f"{TEMPURI_NS}TeeHenkilonTunnusKysely",
                },
            )
            response.raise_for_status()
            root = SafeET.fromstring(response.content)
        except (requests.RequestException, SafeET.ParseError) as error:
            logger.warning("VTJ query failed: %s", type(error).__name__)
            raise RegisterUnavailable from error
        person = _find(root, "Henkilo")
        # An unknown code is answered with a return code (Paluukoodi) and no person in it.
        if person is None or not _text(_find(person, "Henkilotunnus")):
            return None
        return person

    def person(self, hetu: str) -> PersonRecord | None:
        element = self._query(hetu, self.config.get("message_set", "PERUSSANOMA 1"))
        return _vtj_person(element) if element is not None else None

    def children_in_custody(self, guardian_hetu: str, on: dt.date) -> list[PersonRecord]:
        element = self._query(guardian_hetu, "Huoltaja-Huollettavat")
        return self._related(element, "Huollettava")

    def guardians(self, child_hetu: str, on: dt.date) -> list[PersonRecord]:
        element = self._query(child_hetu, "Huollettava-Huoltajat")
        return self._related(element, "Huoltaja")

    def _related(self, element: Element | None, tag: str) -> list[PersonRecord]:
        if element is None:
            return []
        related = []
        for item in _find_all(element, tag):
            code = _text(_find(item, "Henkilotunnus"))
            record = self.person(code) if code else None
            if record is not None:
                related.append(record)
        return related


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((child for child in element.iter() if _local(child.tag) == name), None)


def _find_all(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _vtj_date(value: str) -> dt.date | None:
    return dt.datetime.strptime(value, "%Y%m%d").date() if value else None


def _vtj_person(element: Element) -> PersonRecord:
    code = _text(_find(element, "Henkilotunnus"))
    parsed = hetu_module.parse(code)
    address = _find(element, "VakinainenKotimainenLahiosoite")
    language = _text(_find(_find(element, "Aidinkieli"), "Kielikoodi")).lower() or "fi"
    return PersonRecord(
        hetu=code,
        first_names=_text(_find(_find(element, "NykyisetEtunimet"), "Etunimet")),
        last_name=_text(_find(_find(element, "NykyinenSukunimi"), "Sukunimi")),
        birth_date=parsed.birth_date,
        sex={"1": "male", "2": "female"}.get(_text(_find(element, "Sukupuolikoodi")), parsed.sex),
        date_of_death=_vtj_date(_text(_find(_find(element, "Kuolintiedot"), "Kuolinpvm"))),
        municipality_code=_text(_find(_find(element, "Kotikunta"), "Kuntanumero")),
        street_address=_text(_find(address, "LahiosoiteS")),
        postal_code=_text(_find(address, "Postinumero")),
        post_office=_text(_find(address, "PostitoimipaikkaS")),
        mother_tongue=language[:2],
        address_protected=_text(_find(_find(element, "Turvakielto"), "TurvakieltoTieto")) == "1",
    )


@cache
def population_register() -> PopulationRegister:
    if settings.LUUKKU_POPULATION_REGISTER == "vtj":
        return VtjPopulationRegister()
    return LocalPopulationRegister()
