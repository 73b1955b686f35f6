"""Starting a real OpenID Connect provider (tests/oidc/provider.mjs, npm `oidc-provider`) under node.

`npm ci` runs first when tests/oidc/node_modules is missing (a clean clone: CI reaches the npm registry).
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
HETU_CLAIM = "urn:oid:1.2.246.21"
LOA3 = "http://ftn.ficora.fi/2017/loa3"


@dataclass(frozen=True)
class RunningProvider:
    issuer: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def _ensure_installed() -> None:
    if (HERE / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "node and npm are needed for the OpenID provider tests (Debian: apt-get install nodejs)"
        )
    subprocess.run(  # noqa: S603 - fixed arguments
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True, timeout=300
    )


@contextmanager
def running_provider(config: dict) -> Iterator[RunningProvider]:
    """Run provider.mjs with `config` until the block ends; yields where it listens."""
    _ensure_installed()
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed for the OpenID provider tests")
    # Warnings go to a file, not a pipe: a full pipe would block the provider.
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(  # noqa: S603 - fixed program, config through the environment
            [node, str(HERE / "provider.mjs")],
            cwd=HERE,
            env={**os.environ, "OIDC_PROVIDER_CONFIG": json.dumps(config), "NODE_ENV": "test"},
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        first_line: list[str] = []
        reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=30)
        try:
            if not first_line or not first_line[0].strip():
                process.kill()
                process.wait()
                errors.seek(0)
                raise RuntimeError(f"the OpenID provider did not start: {errors.read()[-2000:]}")
            yield RunningProvider(issuer=json.loads(first_line[0])["issuer"])
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def broker_config(client_id: str, client_secret: str, redirect_uri: str) -> dict:
    """Like the Suomi.fi identification broker: the henkilötunnus claim and LoA high (loa3)."""
    return {
        "kind": "hetu",
        "clients": [
            {"client_id": client_id, "client_secret": client_secret, "redirect_uris": [redirect_uri]}
        ],
        "hetu_claim": HETU_CLAIM,
        "acr": LOA3,
        "claims": {"profile": ["given_name", "family_name"], "personal_identity_code": [HETU_CLAIM]},
    }


def county_config(client_id: str, client_secret: str, redirect_uri: str, accounts: dict) -> dict:
    """Like the county's own identity provider: username and password, an employee-id claim.

    `accounts`: username -> {"password": ..., "claims": {"sub": ..., "employee_id": ..., ...}}.
    """
    return {
        "kind": "password",
        "clients": [
            {"client_id": client_id, "client_secret": client_secret, "redirect_uris": [redirect_uri]}
        ],
        "accounts": accounts,
        "acr": "",
        "claims": {"profile": ["given_name", "family_name", "employee_id"]},
    }
