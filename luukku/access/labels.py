"""Human labels for the bases of access, in the reader's language (the log keeps the codes)."""

from django.utils.translation import gettext_lazy as _

from .registry import RELATIONSHIP_LABELS

BASIS_LABELS = {
    "serving_role": _("works in a unit that serves the client"),
    "contacted_unit": _("the client contacted the professional's unit"),
    "consent": _("the client's consent"),
    "auditor": _("access log audit"),
    "no_role": _("refused: no role in force"),
    "no_client_work_role": _("refused: the role does not do client work"),
    "no_basis": _("refused: no serving role or care relationship"),
    "no_consent": _("refused: other sector, no consent"),
    "audit_purpose": _("refused: the audit purpose reads only the access log"),
    "other_unit": _("refused: work of another unit"),
    "not_in_queue": _("refused: does not answer this queue"),
}


def basis_label(code: str) -> str:
    """E.g. "consent:relationship:appointment" → "the client's consent; care relationship: …"."""
    parts = []
    for part in _split(code):
        if part.startswith("relationship:"):
            kind = part.removeprefix("relationship:")
            parts.append(f"{_('care relationship')}: {RELATIONSHIP_LABELS.get(kind, kind)}")
        else:
            parts.append(str(BASIS_LABELS.get(part, part)))
    return "; ".join(parts)


def _split(code: str) -> list[str]:
    if code.startswith("consent:"):
        return ["consent", code.removeprefix("consent:")]
    return [code] if code else []
