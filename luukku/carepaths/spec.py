"""Building blocks of the care-path templates seeded in `demo.py`: texts in three languages and tasks."""

from .models import Anchor

NURSE = "sairaanhoitajan-vastaanotto"
DOCTOR_VIDEO = "laakarin-videovastaanotto"
SOCIAL_COUNSELLING = "aikuissosiaalityo-neuvonta"


def _t(fi: str, sv: str, en: str) -> dict:
    return {"fi": fi, "sv": sv, "en": en}


def task(
    kind,
    title: dict,
    body: dict,
    *,
    phase: str = "",
    due: int = 0,
    remind: bool = False,
    questionnaire: str = "",
    measurement: str = "",
    service: str = "",
    anchor: str = Anchor.START,
) -> dict:
    return {
        "kind": kind,
        "title": title,
        "body": body,
        "phase": phase,
        "due": due,
        "remind": remind,
        "questionnaire": questionnaire,
        "measurement": measurement,
        "service": service,
        "anchor": anchor,
    }
