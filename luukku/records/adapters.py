"""The archive that receives records at the end of their retention in Luukku.

One interface (`Archive.store(package) -> reference`), two implementations:

- `LocalArchive` (demo, tests): writes each package as a directory under
  `LUUKKU_RECORDS_ARCHIVE_DIR` holding `metadata.xml` (SÄHKE2-style metadata) and `content.json`.
  The package id is derived from the record type and primary key, so storing again overwrites:
  a run that rolled back and ran again leaves one package, not two.
- `KantaArchive` (production): Kanta's social welfare client data archive (Sosiaalihuollon
  asiakastiedon arkisto). ASSUMED, NOT VERIFIED against Kela's interface specification: the
  archive takes a document with its metadata over HTTPS with mutual TLS (the county's service
  certificate from DVV), one POST per document to `LUUKKU_KANTA_ARCHIVE_URL`, and answers 2xx with
  the archive's document id. The real service speaks HL7 V3 / CDA R2 documents with the Kanta
  social welfare metadata (structured documents, "asiakirjarakenteet") through the county's
  Kanta connection; the mapping from SÄHKE2 metadata to those document headers is not written here.
  Until it is, the adapter refuses to run without a configured endpoint rather than lose records.
"""

import json
import ssl
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from xml.etree import ElementTree as ET

from django.conf import settings


@dataclass(frozen=True)
class ArchivePackage:
    """A record on its way to the archive: SÄHKE2-style metadata and the content as JSON."""

    package_id: str  # "<record type>-<pk>", stable
    record_type: str
    class_code: str
    class_title: str
    created: str  # ISO day the retention started
    retention: str  # the retention period, e.g. "10 y" or "permanent"
    retention_reason: str
    publicity: str
    secrecy_ground: str
    personal_data: bool
    content: dict = field(default_factory=dict)
    client_hetu: str = ""  # whom the record is about: the archive finds a client's records by it

    def metadata_xml(self) -> str:
        """SÄHKE2-style metadata (element names follow the SÄHKE2 schema's Record level: Title,
        Classification, RetentionPeriod, RetentionReason, Restriction/PublicityClass, SecurityPeriod,
        PersonalData, NativeId). A namespace-free subset: the full schema validation is not done."""
        root = ET.Element("Record")
        ET.SubElement(root, "NativeId").text = self.package_id
        ET.SubElement(root, "Title").text = self.class_title
        classification = ET.SubElement(root, "Classification")
        ET.SubElement(classification, "ClassCode").text = self.class_code
        ET.SubElement(classification, "ClassTitle").text = self.class_title
        ET.SubElement(root, "Type").text = self.record_type
        ET.SubElement(root, "Created").text = self.created
        if self.client_hetu:
            subject = ET.SubElement(root, "Subject")
            ET.SubElement(subject, "PersonalIdentityCode").text = self.client_hetu
        retention = ET.SubElement(root, "Retention")
        ET.SubElement(retention, "RetentionPeriod").text = self.retention
        ET.SubElement(retention, "RetentionReason").text = self.retention_reason
        restriction = ET.SubElement(root, "Restriction")
        ET.SubElement(restriction, "PublicityClass").text = (
            "Salassa pidettävä" if self.publicity == "secret" else "Julkinen"
        )
        if self.secrecy_ground:
            ET.SubElement(restriction, "SecurityReason").text = self.secrecy_ground
        ET.SubElement(restriction, "PersonalData").text = (
            "sisältää henkilötietoja" if self.personal_data else "ei sisällä henkilötietoja"
        )
        return ET.tostring(root, encoding="unicode", xml_declaration=True)


class Archive(Protocol):
    def store(self, package: ArchivePackage) -> str:
        """Store the package durably and return the archive's reference; raise when it could not."""


class LocalArchive:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root or settings.LUUKKU_RECORDS_ARCHIVE_DIR)

    def store(self, package: ArchivePackage) -> str:
        folder = self.root / package.class_code / package.package_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "metadata.xml").write_text(package.metadata_xml(), encoding="utf-8")
        (folder / "content.json").write_text(
            json.dumps(package.content, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        return str(folder.relative_to(self.root))


class KantaArchive:
    """See the module docstring: the protocol is an assumption until tested against Kanta."""

    def __init__(self, url: str | None = None, context: ssl.SSLContext | None = None) -> None:
        self.url = url if url is not None else settings.LUUKKU_KANTA_ARCHIVE_URL
        self.context = context

    def store(self, package: ArchivePackage) -> str:
        if not self.url:
            raise RuntimeError("LUUKKU_KANTA_ARCHIVE_URL is not set: nothing is archived or destroyed")
        body = json.dumps(
            {"metadata": package.metadata_xml(), "content": package.content}, default=str
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - https URL from settings only
            self.url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30, context=self.context) as response:  # noqa: S310
            return json.loads(response.read() or b"{}").get("id", package.package_id)


def archive() -> Archive:
    return KantaArchive() if settings.LUUKKU_RECORDS_ARCHIVE == "kanta" else LocalArchive()
