import pytest
from hypothesis import given
from hypothesis import strategies as st

from luukku.directory import geo


def test_tm35fin_false_origin_and_meridian_arc():
    # On the central meridian (27° E) easting is the false easting 500 000 m; northing at 60° N is the
    # GRS80 meridian arc (6 654 072.8 m) times the scale factor 0.9996.
    northing, easting = geo.to_tm35fin(60.0, 27.0)
    assert easting == pytest.approx(500000.0, abs=0.001)
    assert northing == pytest.approx(6651411.19, abs=0.05)


@given(st.floats(59.5, 70.1), st.floats(19.0, 31.6))
def test_tm35fin_round_trip_within_a_millimetre(lat, lon):
    back = geo.from_tm35fin(*geo.to_tm35fin(lat, lon))
    assert back == pytest.approx((lat, lon), abs=1e-8)


def test_distances_between_municipal_centres():
    centres = geo.MUNICIPALITY_CENTRES
    assert geo.distance_km(centres["109"], centres["109"]) == 0
    assert geo.distance_km(centres["109"], centres["694"]) == pytest.approx(33.0, abs=0.5)
    assert geo.distance_km(centres["061"], centres["694"]) == pytest.approx(
        geo.distance_km(centres["694"], centres["061"])
    )
