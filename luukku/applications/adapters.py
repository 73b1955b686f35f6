"""External services of applications, each behind one interface with a local and a production backend.

**Signing decisions (PAdES, pyHanko).** `signer()` returns the configured `DecisionSigner`:

- `local` (demo and tests): a test CA made here with `cryptography` (EC P-256), kept as PEM files in
  `LUUKKU_SIGNING_DIR` (default `<MEDIA_ROOT>/../signing`, outside the served media) so PDFs signed
  before a restart still verify. Its certificates say "TEST" and are trusted by nobody else.
- `pkcs12` (production): the county's signing certificate as a PKCS#12 file (`LUUKKU_SIGNING_PKCS12`,
  password `LUUKKU_SIGNING_PASSWORD`) and the trust roots as PEM (`LUUKKU_SIGNING_TRUST_ROOTS`).
  Assumed and not verified: that the county's certificate (e.g. a DVV organisation certificate) is
  accepted for advanced electronic signatures, and that revocation is checked online (pyHanko fetches
  OCSP/CRL when `LUUKKU_SIGNING_FETCH_REVOCATION` is on); no timestamp authority is used (PAdES B-B).

**RAI results.** `rai_source()` gives the latest RAI scales of a client. The local backend answers from a
small table of demo results; a production backend (the county's RAI system, e.g. through the national
RAI database's interface) is not implemented: `LUUKKU_RAI_BACKEND=none` makes the handler enter them.
"""

import datetime as dt
import io
import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings

# fpdf2 subsets fonts with fontTools, which logs every glyph step at INFO: hundreds of lines a decision.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Verification:
    valid: bool  # intact, cryptographically valid and chaining to a trusted root
    intact: bool
    trusted: bool
    signer: str
    signed_at: dt.datetime | None
    summary: str


class DecisionSigner(Protocol):
    def sign(self, pdf: bytes, reason: str, location: str) -> bytes: ...

    def verify(self, pdf: bytes) -> Verification: ...


def _setting(name: str, default: str = "") -> str:
    return getattr(settings, name, None) or os.environ.get(name, default)


def _signing_dir() -> Path:
    configured = _setting("LUUKKU_SIGNING_DIR")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "signing"


def _make_test_ca(directory: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)

    def name(common: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "FI"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Luukku TEST"),
                x509.NameAttribute(NameOID.COMMON_NAME, common),
            ]
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = name("Luukku TEST Root CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("Kanta-Hämeen hyvinvointialue, sosiaalipalvelut (TEST)"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    (directory / "ca.pem").write_bytes(ca.public_bytes(pem))
    (directory / "signer.pem").write_bytes(cert.public_bytes(pem))
    key_path = directory / "signer.key"
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)


class PyHankoSigner:
    """PAdES baseline B-B signatures with pyHanko, verified against the configured trust roots."""

    def __init__(self, signer, trust_roots: list, fetch_revocation: bool = False) -> None:
        self._signer = signer
        self._trust_roots = trust_roots
        self._fetch = fetch_revocation

    def sign(self, pdf: bytes, reason: str, location: str) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name="Paatos",
            reason=reason,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        out = signers.sign_pdf(writer, meta, signer=self._signer)
        return out.getvalue()

    def verify(self, pdf: bytes) -> Verification:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        try:
            reader = PdfFileReader(io.BytesIO(pdf), strict=False)
            signatures = reader.embedded_signatures
        except Exception as error:  # a damaged or hostile file
            return Verification(False, False, False, "", None, f"unreadable: {type(error).__name__}")
        if not signatures:
            return Verification(False, False, False, "", None, "no signature")
        context = ValidationContext(trust_roots=self._trust_roots, allow_fetching=self._fetch)
        try:
            status = validate_pdf_signature(signatures[-1], context)
        except Exception as error:
            return Verification(False, False, False, "", None, f"invalid: {type(error).__name__}")
        covers_all = signatures[-1].coverage is not None and status.coverage.name in (
            "ENTIRE_FILE",
            "ENTIRE_REVISION",
        )
        valid = bool(status.bottom_line) and covers_all
        signer_name = status.signing_cert.subject.human_friendly if status.signing_cert else ""
        return Verification(
            valid=valid,
            intact=bool(status.intact),
            trusted=bool(status.trusted),
            signer=signer_name,
            signed_at=status.signer_reported_dt,
            summary=status.summary(),
        )


def local_signer() -> PyHankoSigner:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.sign import signers

    directory = _signing_dir()
    if not (directory / "signer.key").exists():
        _make_test_ca(directory)
    ca = load_cert_from_pemder(str(directory / "ca.pem"))
    signer = signers.SimpleSigner.load(
        str(directory / "signer.key"),
        str(directory / "signer.pem"),
        ca_chain_files=(str(directory / "ca.pem"),),
    )
    return PyHankoSigner(signer, [ca])


def pkcs12_signer() -> PyHankoSigner:
    from pyhanko.keys import load_certs_from_pemder
    from pyhanko.sign import signers

    password = _setting("LUUKKU_SIGNING_PASSWORD").encode() or None
    signer = signers.SimpleSigner.load_pkcs12(_setting("LUUKKU_SIGNING_PKCS12"), passphrase=password)
    roots = list(load_certs_from_pemder([_setting("LUUKKU_SIGNING_TRUST_ROOTS")]))
    fetch = _setting("LUUKKU_SIGNING_FETCH_REVOCATION", "1") not in ("0", "false", "")
    return PyHankoSigner(signer, roots, fetch)


@cache
def signer() -> PyHankoSigner:
    backend = _setting("LUUKKU_SIGNING_BACKEND", "local")
    return pkcs12_signer() if backend == "pkcs12" else local_signer()


# --- RAI --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RaiResult:
    assessed_on: dt.date
    scores: dict[str, int]  # MAPLe 1-5, ADLH 0-6, CPS 0-6, IADL 0-6, DRS 0-14


RAI_SCALES = {"MAPLe": (1, 5), "ADLH": (0, 6), "CPS": (0, 6), "IADL": (0, 6), "DRS": (0, 14)}


class RaiSource(Protocol):
    def latest(self, hetu: str) -> RaiResult | None: ...


class LocalRaiSource:
    """Demo results by the last digit of the identity code's serial (deterministic, no real data)."""

    def latest(self, hetu: str) -> RaiResult | None:
        digit = int(hetu[-2]) if len(hetu) == 11 and hetu[-2].isdigit() else 0
        if digit % 3 == 0:
            return None
        return RaiResult(
            dt.date.today() - dt.timedelta(days=30 + digit),
            {
                "MAPLe": 1 + digit % 5,
                "ADLH": digit % 7,
                "CPS": (digit * 2) % 7,
                "IADL": digit % 7,
                "DRS": digit,
            },
        )


class NoRaiSource:
    def latest(self, hetu: str) -> RaiResult | None:
        return None


def rai_source() -> RaiSource:
    return NoRaiSource() if _setting("LUUKKU_RAI_BACKEND", "local") == "none" else LocalRaiSource()
