"""Pseudonymised keys of persons in the warehouse: a keyed HMAC of the operational id.

The warehouse never holds a henkilötunnus, a name or an operational id of a person: hubs are keyed by
HMAC-SHA-256(key, "<kind>:<id>") truncated to 128 bits. Without the key the pseudonym cannot be
turned back into the id (GDPR art. 4(5) pseudonymisation: the key is "additional information kept
separately", in the application's settings, not in the warehouse). Rotating the key re-keys the whole
warehouse (`manage.py warehouse_load --full`).
"""

import hashlib
import hmac

from django.conf import settings


def key() -> bytes:
    configured = getattr(settings, "LUUKKU_PSEUDONYM_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"luukku-insight-pseudonyms", hashlib.sha256).digest()


def pseudonym(kind: str, pk: int | None, secret: bytes | None = None) -> str | None:
    if pk is None:
        return None
    digest = hmac.new(secret or key(), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()
    return digest[:32]
