"""Coordinates: distances, the municipality centres of the demo county, and ETRS-TM35FIN (EPSG:3067).

PTV gives service-location coordinates in ETRS-TM35FIN (the Finnish national grid), Leaflet and the
distance sort use WGS 84 degrees; the transverse Mercator formulas below (Krüger's series, as in the
JHS 154 recommendation on Finnish map projections) convert both ways to well under a metre, which is
far below what a service map needs.
"""

import math

# Municipal centres (town hall or main village) of Kanta-Häme, WGS 84. Used as the resident's "home"
# when sorting by distance: the directory never reads the street address, so a non-disclosure marking
# changes nothing here.
MUNICIPALITY_CENTRES: dict[str, tuple[float, float]] = {
    "109": (60.9959, 24.4643),  # Hämeenlinna
    "694": (60.7394, 24.7727),  # Riihimäki
    "061": (60.8146, 23.6215),  # Forssa
    "165": (60.9187, 24.6375),  # Janakkala (Turenki)
    "082": (61.0553, 24.3716),  # Hattula (Parola)
    "086": (60.7870, 25.0270),  # Hausjärvi (Oitti)
    "433": (60.7180, 24.4430),  # Loppi
    "834": (60.8090, 23.7640),  # Tammela
    "169": (60.8040, 23.4860),  # Jokioinen
    "103": (60.9250, 23.3720),  # Humppila
    "981": (60.8040, 23.2810),  # Ypäjä
}

EARTH_RADIUS_KM = 6371.0088


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance between two WGS 84 points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


# GRS80 ellipsoid, TM35FIN: central meridian 27° E, scale 0.9996, false easting 500 000 m.
_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_LON0 = math.radians(27.0)
_E0 = 500000.0
_N = _F / (2 - _F)
_A1 = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_E2 = _F * (2 - _F)
_E = math.sqrt(_E2)
_H = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16 + 41 * _N**4 / 180,
    13 * _N**2 / 48 - 3 * _N**3 / 5 + 557 * _N**4 / 1440,
    61 * _N**3 / 240 - 103 * _N**4 / 140,
    49561 * _N**4 / 161280,
)
_H_INV = (
    _N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96 - _N**4 / 360,
    _N**2 / 48 + _N**3 / 15 - 437 * _N**4 / 1440,
    17 * _N**3 / 480 - 37 * _N**4 / 840,
    4397 * _N**4 / 161280,
)


def to_tm35fin(lat: float, lon: float) -> tuple[float, float]:
    """WGS 84 degrees -> ETRS-TM35FIN (northing, easting) in metres."""
    phi, lam = math.radians(lat), math.radians(lon) - _LON0
    q = math.asinh(math.tan(phi)) - _E * math.atanh(_E * math.sin(phi))
    beta = math.atan(math.sinh(q))
    eta0 = math.atanh(math.cos(beta) * math.sin(lam))
    xi0 = math.asin(math.sin(beta) * math.cosh(eta0))
    xi, eta = xi0, eta0
    for j, h in enumerate(_H, start=1):
        xi += h * math.sin(2 * j * xi0) * math.cosh(2 * j * eta0)
        eta += h * math.cos(2 * j * xi0) * math.sinh(2 * j * eta0)
    return _A1 * xi * _K0, _A1 * eta * _K0 + _E0


def from_tm35fin(northing: float, easting: float) -> tuple[float, float]:
    """ETRS-TM35FIN (northing, easting) in metres -> WGS 84 degrees (latitude, longitude)."""
    xi = northing / (_A1 * _K0)
    eta = (easting - _E0) / (_A1 * _K0)
    xi0, eta0 = xi, eta
    for j, h in enumerate(_H_INV, start=1):
        xi0 -= h * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta0 -= h * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    beta = math.asin(math.sin(xi0) / math.cosh(eta0))
    lam = math.asin(math.tanh(eta0) / math.cos(beta))
    q = math.asinh(math.tan(beta))
    q1 = q + _E * math.atanh(_E * math.tanh(q))
    for _ in range(5):
        q1 = q + _E * math.atanh(_E * math.tanh(q1))
    return math.degrees(math.atan(math.sinh(q1))), math.degrees(lam + _LON0)
