"""The four Oma Häme segments by transparent rules over a year of service use across sectors.

Oma Häme's customer segmentation (Oma Hämeen asiakassegmentointi, 2023) sorts residents by a year of
service use: multi-sector (monialaiset palvelut), continuous (jatkuva asiakkuus), elevated risk
(kohonnut riski) and occasional (satunnainen). The rules here are ours, stated so that a manager can
check them, applied in this order (the first that holds decides):

1. multi_sector: service use in both health and social services (two divisions) and at least
   MULTI_SECTOR_MIN_USES uses in the year;
2. continuous: service use in at least CONTINUOUS_MIN_MONTHS different months of the year;
3. elevated_risk: an AUDIT score of AUDIT_RISK_FROM or more, or a care-need assessment routed to 112,
   in the year;
4. occasional: any other service use in the year.

A "use" is a resident's contact (`is_contact`), a care path started or a form answered.
"""

import datetime as dt

from .indicators import AUDIT_RISK_FROM

SEGMENTS = ("multi_sector", "continuous", "elevated_risk", "occasional")
MULTI_SECTOR_MIN_USES = 6
CONTINUOUS_MIN_MONTHS = 6
USE = "(f.is_contact OR f.kind IN ('carepath.started', 'questionnaire.answered'))"


def usage_sql(start: dt.date, end: dt.date) -> str:
    """Per person: uses, active months, divisions used, risk flags within [start, end)."""
    return f"""SELECT f.person_hk,
        count(*) AS uses,
        count(DISTINCT f.month) AS months,
        count(DISTINCT b.ancestor_code) AS divisions,
        max(CASE WHEN f.kind = 'questionnaire.answered' AND f.value >= {AUDIT_RISK_FROM} THEN 1 ELSE 0 END)
            AS audit_risk,
        max(CASE WHEN f.kind = 'assessment.made' AND f.detail = 'call_112' THEN 1 ELSE 0 END) AS emergency
    FROM fact_event f
    LEFT JOIN bridge_unit_ancestor b ON b.unit_code = f.unit_code AND b.ancestor_level = 'division'
    WHERE f.person_hk IS NOT NULL AND {USE}
      AND f.day >= DATE '{start.isoformat()}' AND f.day < DATE '{end.isoformat()}'
    GROUP BY f.person_hk"""


def segment_sql(start: dt.date, end: dt.date) -> str:
    return f"""SELECT person_hk, uses, months, divisions, audit_risk, emergency,
        CASE WHEN divisions >= 2 AND uses >= {MULTI_SECTOR_MIN_USES} THEN 'multi_sector'
             WHEN months >= {CONTINUOUS_MIN_MONTHS} THEN 'continuous'
             WHEN audit_risk = 1 OR emergency = 1 THEN 'elevated_risk'
             ELSE 'occasional' END AS segment
    FROM ({usage_sql(start, end)}) u"""


def segment_of(uses: int, months: int, divisions: int, audit_risk: bool, emergency: bool) -> str:
    """The same rules in Python (the SQL above is what runs; this states them for the tests)."""
    if divisions >= 2 and uses >= MULTI_SECTOR_MIN_USES:
        return "multi_sector"
    if months >= CONTINUOUS_MIN_MONTHS:
        return "continuous"
    if audit_risk or emergency:
        return "elevated_risk"
    return "occasional"


def sizes(engine, start: dt.date, end: dt.date) -> dict[str, int]:
    rows = engine.query(f"SELECT segment, count(*) FROM ({segment_sql(start, end)}) s GROUP BY segment")
    found = dict(rows)
    return {segment: found.get(segment, 0) for segment in SEGMENTS}
