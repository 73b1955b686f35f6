"""The county's chat queues: nurse chat on weekdays until 20:00, the rest in office hours."""

from django.db import transaction

from luukku.identity.models import OrgUnit

from .models import ChatQueue

WEEKDAYS = {str(day): ["08:00", "20:00"] for day in range(5)}
OFFICE = {str(day): ["09:00", "15:00"] for day in range(5)}

QUEUES = (
    (
        "hoitaja",
        "avosairaanhoito",
        WEEKDAYS,
        None,
        ("Hoitajan chat", "Sjukskötarchatt", "Nurse chat"),
        (
            "Äkilliset sairaudet ja oireet, arkisin 8–20.",
            "Akuta sjukdomar och symtom, vardagar 8–20.",
            "Sudden illnesses and symptoms, weekdays 8–20.",
        ),
    ),
    (
        "mielenterveys",
        "avosairaanhoito",
        {str(d): ["09:00", "16:00"] for d in range(5)},
        "hoitaja",
        (
            "Mielenterveys- ja päihdechat",
            "Chatt om psykisk hälsa och missbruk",
            "Mental health and substance use chat",
        ),
        (
            "Mieliala, ahdistus, uupumus ja päihteet.",
            "Sinnesstämning, ångest, utmattning och missbruk.",
            "Mood, anxiety, exhaustion and substance use.",
        ),
    ),
    (
        "kuntoutus",
        "avosairaanhoito",
        OFFICE,
        "hoitaja",
        ("Kuntoutuksen chat", "Rehabiliteringschatt", "Rehabilitation chat"),
        ("Selkä, nivelet ja liikkuminen.", "Rygg, leder och rörelse.", "Back, joints and moving."),
    ),
    (
        "suun-terveys",
        "avosairaanhoito",
        OFFICE,
        None,
        ("Suun terveydenhuollon chat", "Munhälsovårdens chatt", "Oral health chat"),
        ("Hammassäryt ja suun terveys.", "Tandvärk och munhälsa.", "Toothache and oral health."),
    ),
    (
        "perhekeskus",
        "lapsiperheiden-sosiaalityo",
        OFFICE,
        None,
        ("Perhekeskuksen chat", "Familjecentrets chatt", "Family centre chat"),
        (
            "Lapsiperheiden arki, vanhemmuus ja tuki.",
            "Barnfamiljers vardag, föräldraskap och stöd.",
            "Everyday life of families, parenting and support.",
        ),
    ),
)


@transaction.atomic
def seed_queues() -> None:
    for code, unit, hours, _alternative, names, descriptions in QUEUES:
        ChatQueue.objects.update_or_create(
            code=code,
            defaults={
                "unit": OrgUnit.objects.get(code=unit),
                "hours": hours,
                "name": names[0],
                "name_sv": names[1],
                "name_en": names[2],
                "description": descriptions[0],
                "description_sv": descriptions[1],
                "description_en": descriptions[2],
            },
        )
    for code, _unit, _hours, alternative, _names, _descriptions in QUEUES:
        if alternative:
            ChatQueue.objects.filter(code=code).update(alternative=ChatQueue.objects.get(code=alternative))
