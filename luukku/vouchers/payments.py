"""The month's payment batch to providers: an ISO 20022 credit transfer initiation (pain.001.001.03,
the version Finnish banks accept for SEPA credit transfers) validated against its XSD, and a CSV for
the county's finance system.

The XSD is the one `sepaxml` (MIT licence, https://github.com/raphaelm/python-sepaxml) ships in its
package data (`sepaxml/schemas/pain.001.001.03.xsd`, ISO 20022's published schema); we use only the
file, building the XML ourselves with lxml.
"""

import csv
import datetime as dt
import io
from decimal import Decimal
from functools import cache
from importlib import resources

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from .models import PaymentBatch, Settlement

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"


class InvalidBatch(Exception):
    """The XML does not validate against the pain.001.001.03 schema (a bug, never sent to the bank)."""


@cache
def schema() -> etree.XMLSchema:
    path = resources.files("sepaxml") / "schemas" / "pain.001.001.03.xsd"
    with resources.as_file(path) as file:
        return etree.XMLSchema(etree.parse(str(file)))


def validate(xml: bytes) -> None:
    document = etree.fromstring(xml)
    if not schema().validate(document):
        raise InvalidBatch(str(schema().error_log))


def _amount(cents: int) -> str:
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


def _text(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _path(parent: etree._Element, tags: str, text: str) -> etree._Element:
    for tag in tags.split("/")[:-1]:
        parent = _text(parent, tag)
    return _text(parent, tags.split("/")[-1], text)


def _latin(value: str, length: int) -> str:
    """SEPA's character set is Latin; Finnish banks accept å, ä, ö. Other characters become a space."""
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ åäöÅÄÖ")
    return "".join(c if c in allowed else " " for c in value)[:length].strip() or "-"


def pain001(
    message_id: str, created: dt.datetime, execution: dt.date, settlements: list[Settlement]
) -> bytes:
    """The credit transfers of `settlements` (each a positive county payable) from the county's account."""
    debtor = settings.LUUKKU_CREDITOR
    total = sum(s.county_cents for s in settlements)
    root = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    initiation = _text(root, "CstmrCdtTrfInitn")
    header = _text(initiation, "GrpHdr")
    _text(header, "MsgId", message_id)
    _text(header, "CreDtTm", created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S"))
    _text(header, "NbOfTxs", str(len(settlements)))
    _text(header, "CtrlSum", _amount(total))
    party = _text(header, "InitgPty")
    _text(party, "Nm", _latin(debtor["name"], 70))
    _path(party, "Id/OrgId/Othr/Id", debtor["business_id"])
    info = _text(initiation, "PmtInf")
    _text(info, "PmtInfId", message_id)
    _text(info, "PmtMtd", "TRF")
    _text(info, "BtchBookg", "false")
    _text(info, "NbOfTxs", str(len(settlements)))
    _text(info, "CtrlSum", _amount(total))
    _path(info, "PmtTpInf/SvcLvl/Cd", "SEPA")
    _text(info, "ReqdExctnDt", execution.isoformat())
    _path(info, "Dbtr/Nm", _latin(debtor["name"], 70))
    _path(info, "DbtrAcct/Id/IBAN", debtor["iban"])
    _path(info, "DbtrAgt/FinInstnId/BIC", debtor["bic"])
    _text(info, "ChrgBr", "SLEV")
    for settlement in settlements:
        provider = settlement.provider
        transfer = _text(info, "CdtTrfTxInf")
        _path(transfer, "PmtId/EndToEndId", f"PS-{settlement.pk}")
        amount = _text(transfer, "Amt")
        _text(amount, "InstdAmt", _amount(settlement.county_cents), Ccy="EUR")
        if provider.bic:
            _path(transfer, "CdtrAgt/FinInstnId/BIC", provider.bic)
        _path(transfer, "Cdtr/Nm", _latin(provider.name, 70))
        _path(transfer, "CdtrAcct/Id/IBAN", provider.iban)
        _path(
            transfer,
            "RmtInf/Ustrd",
            _latin(f"Palveluseteli {settlement.month:02d}/{settlement.year} {provider.business_id}", 140),
        )
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate(xml)
    return xml


def finance_csv(settlements: list[Settlement]) -> str:
    """One row a provider: business ID, name, IBAN, month, events, units, county's and clients' cents."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "settlement",
            "business_id",
            "provider",
            "iban",
            "month",
            "events",
            "units",
            "county_cents",
            "client_cents",
        ]
    )
    for s in settlements:
        writer.writerow(
            [
                s.pk,
                s.provider.business_id,
                s.provider.name,
                s.provider.iban,
                f"{s.year}-{s.month:02d}",
                s.event_count,
                s.units,
                s.county_cents,
                s.client_cents,
            ]
        )
    return out.getvalue()


def make_batch(year: int, month: int, execution: dt.date | None = None) -> PaymentBatch:
    """The month's payment batch, once: the settlements of the month with a positive payable and no batch.
    A settlement whose corrections make it zero or negative is not paid (finance handles the recovery)."""
    existing = PaymentBatch.objects.filter(year=year, month=month).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            settlements = list(
                Settlement.objects.select_for_update(of=("self",))
                .filter(year=year, month=month, batch=None, county_cents__gt=0)
                .select_related("provider")
                .order_by("provider__name", "pk")
            )
            if not settlements:
                made = PaymentBatch.objects.filter(year=year, month=month).first()
                if made is not None:  # made by a concurrent call while this one waited for the rows
                    return made
                raise ValidationError(_("There is nothing to pay for this month."))
            message_id = f"LUUKKU-PS-{year}{month:02d}-{now:%Y%m%d%H%M%S}"
            batch = PaymentBatch.objects.create(
                year=year,
                month=month,
                message_id=message_id,
                created_at=now,
                total_cents=sum(s.county_cents for s in settlements),
                xml=pain001(message_id, now, execution or timezone.localdate(), settlements).decode(),
                csv=finance_csv(settlements),
            )
            Settlement.objects.filter(pk__in=[s.pk for s in settlements]).update(batch=batch)
    except IntegrityError:
        return PaymentBatch.objects.get(year=year, month=month)
    return batch
