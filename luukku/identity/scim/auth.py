"""Bearer-token authentication of the county's identity management.

Only SHA-256 digests of the tokens are configured (LUUKKU_SCIM_TOKEN_SHA256, comma-separated, so a
token can be rotated without a gap); `manage.py scim_token` makes a token and its digest. No token
configured: the endpoint refuses everyone.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticated(request: HttpRequest) -> bool:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    digest = token_digest(token.strip())
    # Compare with every configured digest, so the time taken tells nothing of which one matched.
    matched = [hmac.compare_digest(digest, known.lower()) for known in settings.LUUKKU_SCIM_TOKEN_SHA256]
    return any(matched)
