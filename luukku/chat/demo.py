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


# Chats a month per queue at the demo county's scale (the seed county had ~4 700 a month in all) and the
# mean minutes a resident waits for the first answer; both vary by month (busier in the flu season and
# after the summer, quieter in July) and waits are longer on Monday mornings.
HISTORY_PER_MONTH = {
    "hoitaja": 900,
    "mielenterveys": 160,
    "kuntoutus": 90,
    "suun-terveys": 120,
    "perhekeskus": 80,
}
SEASON = (1.25, 1.2, 1.05, 1.0, 0.9, 0.8, 0.6, 0.85, 1.05, 1.1, 1.15, 1.0)


def seed_history(today=None, seed: int = 23) -> str:
    """A year of closed chats (no resident attached: the history only feeds figures such as the chat
    queue time beside the feedback scores); run once."""
    import datetime as dt
    import random

    from django.utils import timezone

    from .models import Conversation

    if Conversation.objects.filter(context__demo_history=True).exists():
        return "chat history already there"
    rng = random.Random(seed)
    today = today or timezone.localdate()
    rows = []
    queues = {q.code: q for q in ChatQueue.objects.filter(code__in=HISTORY_PER_MONTH)}
    for back in range(12, 0, -1):
        year, month = today.year, today.month - back
        while month < 1:
            year, month = year - 1, month + 12
        for code, queue in queues.items():
            for _n in range(round(HISTORY_PER_MONTH[code] * SEASON[month - 1] * rng.uniform(0.9, 1.1))):
                day = dt.date(year, month, rng.randint(1, 28))
                if day.weekday() >= 5:
                    day -= dt.timedelta(days=day.weekday() - 4)
                started = timezone.make_aware(
                    dt.datetime.combine(day, dt.time(rng.randint(8, 15), rng.randint(0, 59)))
                )
                busy = 1.6 if day.weekday() == 0 and started.hour < 11 else 1.0
                waited = dt.timedelta(minutes=rng.expovariate(1 / (6 * busy * SEASON[month - 1])))
                rows.append(
                    Conversation(
                        queue=queue,
                        status=Conversation.Status.CLOSED,
                        context={"demo_history": True},
                        created_at=started,
                        taken_at=started + waited,
                        closed_at=started + waited + dt.timedelta(minutes=rng.randint(4, 25)),
                        category="social" if code == "perhekeskus" else "health",
                    )
                )
    with transaction.atomic():
        Conversation.objects.bulk_create(rows, batch_size=2000)
    return f"{len(rows)} past chats"
