"""Make a bearer token for the county's identity management (SCIM) and the digest Luukku keeps."""

import secrets

from django.core.management.base import BaseCommand

from luukku.identity.scim.auth import token_digest


class Command(BaseCommand):
    help = "Print a new SCIM bearer token for the identity management and its LUUKKU_SCIM_TOKEN_SHA256."

    def handle(self, *args, **options) -> None:
        token = secrets.token_urlsafe(32)
        self.stdout.write(f"token (for the identity management, shown once): {token}")
        self.stdout.write(f"LUUKKU_SCIM_TOKEN_SHA256={token_digest(token)}")
