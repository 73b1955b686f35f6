"""Municipalities of Kanta-Häme (the demo county) with Statistics Finland codes and sizes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    population: int
    postal_areas: tuple[tuple[str, str], ...]  # (postal code, post office)
    streets: tuple[str, ...]


KANTA_HAME = (
    Municipality(
        "109",
        "Hämeenlinna",
        "Tavastehus",
        68_000,
        (
            ("13100", "HÄMEENLINNA"),
            ("13130", "HÄMEENLINNA"),
            ("13210", "HÄMEENLINNA"),
            ("13500", "HÄMEENLINNA"),
            ("14300", "RENKO"),
            ("14500", "IITTALA"),
        ),
        (
            "Raatihuoneenkatu",
            "Linnankatu",
            "Parolantie",
            "Viipurintie",
            "Tampereentie",
            "Hirsimäentie",
            "Kirkkorinne",
            "Jukolanraitti",
            "Katumajärventie",
            "Poltinahontie",
        ),
    ),
    Municipality(
        "694",
        "Riihimäki",
        "Riihimäki",
        28_700,
        (("11100", "RIIHIMÄKI"), ("11130", "RIIHIMÄKI"), ("11710", "RIIHIMÄKI")),
        ("Hämeenaukio", "Valtakatu", "Lasitehtaantie", "Peltosaarentie", "Arolammintie", "Pohjoisraitti"),
    ),
    Municipality(
        "061",
        "Forssa",
        "Forssa",
        16_800,
        (("30100", "FORSSA"), ("30300", "FORSSA"), ("30420", "FORSSA")),
        ("Hämeentie", "Wahreninkatu", "Kartanonkatu", "Kuhalantie", "Saksankatu"),
    ),
    Municipality(
        "165",
        "Janakkala",
        "Janakkala",
        16_400,
        (("14200", "TURENKI"), ("14240", "JANAKKALA"), ("12310", "RYTTYLÄ")),
        ("Harvialantie", "Turengintie", "Kirkkotie", "Tervakoskentie", "Leppäkoskentie"),
    ),
    Municipality(
        "082",
        "Hattula",
        "Hattula",
        9_400,
        (("13880", "HATTULA"), ("13720", "PAROLA"), ("14680", "ALVETTULA")),
        ("Parolannummentie", "Hattulantie", "Pappilantie", "Tyrväntöntie"),
    ),
    Municipality(
        "086",
        "Hausjärvi",
        "Hausjärvi",
        8_200,
        (("12100", "OITTI"), ("12400", "TERVAKOSKI"), ("05720", "HIKIÄ")),
        ("Oitintie", "Hikiäntie", "Keskustie", "Puurokelkantie"),
    ),
    Municipality(
        "433",
        "Loppi",
        "Loppi",
        7_900,
        (("12700", "LOPPI"), ("12750", "PILPALA"), ("12600", "LÄYLIÄINEN")),
        ("Loppijärventie", "Kauppatie", "Pilpalantie", "Launoisentie"),
    ),
    Municipality(
        "834",
        "Tammela",
        "Tammela",
        5_900,
        (("31300", "TAMMELA"), ("31310", "MUSTIALA")),
        ("Hakalantie", "Porrassalmentie", "Kaukolantie"),
    ),
    Municipality(
        "169",
        "Jokioinen",
        "Jockis",
        5_100,
        (("31600", "JOKIOINEN"), ("31610", "JOKIOINEN")),
        ("Humppilantie", "Keskuskatu", "Koivistonkatu"),
    ),
    Municipality("981", "Ypäjä", "Ypäjä", 2_300, (("32100", "YPÄJÄ"),), ("Ypäjäntie", "Hevosopistontie")),
    Municipality(
        "103", "Humppila", "Humppila", 2_200, (("31640", "HUMPPILA"),), ("Yrittäjäntie", "Asematie")
    ),
)

BY_CODE = {m.code: m for m in KANTA_HAME}


def municipality_name(code: str, language: str = "fi") -> str:
    municipality = BY_CODE.get(code)
    if municipality is None:
        return code
    return municipality.name_sv if language == "sv" else municipality.name_fi
