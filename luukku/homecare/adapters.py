"""External services of home care, each behind one interface with a local and a production implementation.

- Routing (travel distances and times between points): `LocalRouting` (great-circle distance x a
  road-circuity factor per travel mode, constant speed) for the demo and tests; `OsrmRouting` asks an
  OSRM server's `/table/v1/{profile}/` service (one profile per travel mode).
- Door locks: `LocalLocks` issues HMAC-signed per-visit keys valid for a time window and opens a door
  when a valid key is presented; `HttpLocks` speaks to a lock vendor's cloud API.

Assumed and unverified in production: the OSRM server runs the car/bicycle/foot profiles at
`LUUKKU_OSRM_URL/<mode>` (three osrm-routed instances behind one proxy); the lock cloud accepts
`POST {url}/keys` and `POST {url}/locks/{lock_id}/open` with a bearer token. Neither has been tried
against a real server here.
"""

import hashlib
import hmac
import math
from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.utils import timezone

from luukku.directory.geo import distance_km

Point = tuple[float, float]  # (latitude, longitude)

# Road-network circuity (road distance / great-circle distance) and average door-to-door speed.
# Circuity 1.3 is typical of Finnish rural-suburban networks (Ballou et al. 2002 report 1.2-1.4 for
# road networks); a bike and a pedestrian cut corners a little.
CIRCUITY = {"car": 1.30, "bike": 1.20, "walk": 1.15}
SPEED_KMH = {"car": 40.0, "bike": 15.0, "walk": 5.0}


@dataclass(frozen=True)
class Matrix:
    distances_m: list[list[int]]
    durations_s: list[list[int]]


class Routing(Protocol):
    def matrix(self, points: list[Point], mode: str) -> Matrix: ...


class LocalRouting:
    def matrix(self, points: list[Point], mode: str) -> Matrix:
        factor, speed = CIRCUITY[mode], SPEED_KMH[mode]
        dist = [[0] * len(points) for _ in points]
        dur = [[0] * len(points) for _ in points]
        for i, a in enumerate(points):
            for j in range(i + 1, len(points)):
                km = distance_km(a, points[j]) * factor
                dist[i][j] = dist[j][i] = round(km * 1000)
                dur[i][j] = dur[j][i] = math.ceil(km / speed * 3600)
        return Matrix(dist, dur)


class OsrmRouting:
    """OSRM table service: GET /table/v1/{profile}/{lon,lat;...}?annotations=distance,duration."""

    PROFILES = {"car": "driving", "bike": "cycling", "walk": "foot"}

    def __init__(self, base_url: str, timeout: float = 20.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def matrix(self, points: list[Point], mode: str) -> Matrix:
        coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
        response = requests.get(
            f"{self.base_url}/{mode}/table/v1/{self.PROFILES[mode]}/{coordinates}",
            params={"annotations": "distance,duration"},
            timeout=self.timeout,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("code") != "Ok":
            raise RuntimeError(f"OSRM: {body.get('code')}")
        return Matrix(
            [[round(v or 0) for v in row] for row in body["distances"]],
            [[math.ceil(v or 0) for v in row] for row in body["durations"]],
        )


def routing() -> Routing:
    url = getattr(settings, "LUUKKU_OSRM_URL", "")
    return OsrmRouting(url) if url else LocalRouting()


class Locks(Protocol):
    def issue_key(self, lock_id: str, holder: str, valid_from, valid_until) -> str: ...

    def open(self, lock_id: str, key: str) -> bool: ...


class LocalLocks:
    """Keys are `<lock>|<holder>|<from>|<until>|<hmac>`; a door opens for a valid key in its window."""

    def _secret(self) -> bytes:
        return hashlib.sha256(b"homecare-locks:" + settings.SECRET_KEY.encode()).digest()

    def _sign(self, body: str) -> str:
        return hmac.new(self._secret(), body.encode(), hashlib.sha256).hexdigest()

    def issue_key(self, lock_id: str, holder: str, valid_from, valid_until) -> str:
        body = f"{lock_id}|{holder}|{int(valid_from.timestamp())}|{int(valid_until.timestamp())}"
        return f"{body}|{self._sign(body)}"

    def open(self, lock_id: str, key: str) -> bool:
        body, _sep, signature = key.rpartition("|")
        parts = body.split("|")
        if len(parts) != 4 or not hmac.compare_digest(self._sign(body), signature):
            return False
        now = int(timezone.now().timestamp())
        return parts[0] == lock_id and int(parts[2]) <= now <= int(parts[3])


class HttpLocks:
    def __init__(self, base_url: str, token: str, timeout: float = 10.0) -> None:
        self.base_url, self.token, self.timeout = base_url.rstrip("/"), token, timeout

    def _post(self, path: str, payload: dict) -> dict:
        response = requests.post(
            f"{self.base_url}{path}",
            json=payload,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=self.timeout,
        )
        response.raise_for_status()
        return response.json()

    def issue_key(self, lock_id: str, holder: str, valid_from, valid_until) -> str:
        body = {
            "lock": lock_id,
            "holder": holder,
            "from": valid_from.isoformat(),
            "until": valid_until.isoformat(),
        }
        return self._post("/keys", body)["key"]

    def open(self, lock_id: str, key: str) -> bool:
        return bool(self._post(f"/locks/{lock_id}/open", {"key": key}).get("opened"))


def locks() -> Locks:
    url = getattr(settings, "LUUKKU_LOCKS_URL", "")
    return HttpLocks(url, getattr(settings, "LUUKKU_LOCKS_TOKEN", "")) if url else LocalLocks()
