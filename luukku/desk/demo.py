"""Service chains for the demo: sleep apnoea and depression, as the county's care guidelines describe them."""

from django.db import transaction

from luukku.identity.models import OrgUnit, Role

from .models import ChainTemplate, ChainTemplateStep

CHAINS = (
    (
        "uniapnea",
        "Uniapnean palveluketju",
        "Epäilystä hoitoon: oireiden arvio, unirekisteröinti, hoitopäätös, CPAP-hoidon aloitus ja seuranta.",
        (
            ("Lääkärin vastaanotto ja oirekysely (Epworth)", Role.DOCTOR, "avosairaanhoito", 7),
            ("Yöpolygrafia kotona", Role.NURSE, "avosairaanhoito", 21),
            ("Tulosten tulkinta ja hoitopäätös", Role.DOCTOR, "avosairaanhoito", 14),
            ("CPAP-laitteen aloitus ja ohjaus", Role.NURSE, "avosairaanhoito", 14),
            ("Seuranta 3 kuukauden kuluttua: käyttötunnit ja oireet", Role.NURSE, "avosairaanhoito", 90),
        ),
    ),
    (
        "masennus",
        "Masennuksen palveluketju",
        "Aikuisen masennuksen tunnistaminen, hoidon aloitus ja seuranta perusterveydenhuollossa.",
        (
            ("Hoidon tarpeen arvio ja PHQ-9", Role.NURSE, "avosairaanhoito", 3),
            ("Lääkärin arvio ja diagnoosi", Role.DOCTOR, "avosairaanhoito", 14),
            ("Hoidon aloitus: lääkitys tai lyhytterapia", Role.DOCTOR, "avosairaanhoito", 7),
            ("Seurantakäynti 4–6 viikon kuluttua", Role.NURSE, "avosairaanhoito", 35),
            ("Hoidon vaikuttavuuden arvio 3 kuukauden kuluttua", Role.DOCTOR, "avosairaanhoito", 60),
        ),
    ),
)


@transaction.atomic
def seed_chains() -> None:
    for code, name, description, steps in CHAINS:
        template, created = ChainTemplate.objects.get_or_create(
            code=code, defaults={"name": name, "description": description}
        )
        if not created:
            continue
        for order, (title, role, unit, days) in enumerate(steps, start=1):
            ChainTemplateStep.objects.create(
                template=template,
                order=order,
                title=title,
                owner_role=role,
                owner_unit=OrgUnit.objects.get(code=unit),
                expected_days=days,
            )
