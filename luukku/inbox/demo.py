"""The demo's inbox: messages of the personas from the apps that send them, and service instructions."""

from django.utils import translation

from luukku.identity.models import OrgUnit
from luukku.identity.personas import BY_KEY
from luukku.identity.services import resident_from_register

from .models import Message, ServiceInstructions
from .services import deliver

INSTRUCTIONS = {
    # service code: (fi, sv, en, replies allowed)
    "laakarin-videovastaanotto": (
        "Kokeile videoyhteyttä ennen vastaanottoa. Pidä lääkelista ja mittaustuloksesi saatavilla.",
        "Testa videoförbindelsen före mottagningen. Ha din medicinlista och dina mätresultat till hands.",
        "Test the video connection before the appointment. Have your list of medicines and your "
        "measurements at hand.",
        True,
    ),
    "sairaanhoitajan-vastaanotto": (
        "Ota mukaan Kela-kortti ja lääkelista. Jos tarvitset tulkin, kerro siitä viestillä.",
        "Ta med FPA-kortet och din medicinlista. Om du behöver tolk, meddela det i ett meddelande.",
        "Bring your Kela card and your list of medicines. If you need an interpreter, tell us in a message.",
        True,
    ),
}


def seed_inbox() -> str:
    for code, (fi, sv, en, replies) in INSTRUCTIONS.items():
        ServiceInstructions.objects.update_or_create(
            service_code=code,
            defaults={"text_fi": fi, "text_sv": sv, "text_en": en, "replies_allowed": replies},
        )
    matti = resident_from_register(BY_KEY["matti"].hetu)
    lempi = resident_from_register(BY_KEY["lempi"].hetu)
    eetu = resident_from_register(BY_KEY["eetu"].hetu)
    unit = OrgUnit.objects.filter(code="rmk-terveysasema").first()
    hml = OrgUnit.objects.filter(code="hml-terveysasema").first()
    with translation.override("fi"):
        deliver(
            matti,
            key="demo:laboratorio",
            subject="Laboratoriotutkimukset",
            body="Hei! Sinulle on tilattu verikokeet (perusverenkuva, kolesteroli, sokerirasitus). "
            "Varaa aika laboratorioon kahden viikon sisällä. Voit kysyä meiltä tästä viestillä.",
            kind=Message.Kind.MESSAGE,
            category="health",
            service_event="demo-laboratorio",
            unit=unit,
            sender=unit.name if unit else "",
            replies_allowed=unit is not None,
            dedupe_key="demo:matti:laboratorio",
            notify=False,
        )
        deliver(
            lempi,
            key="demo:kotihoito-paatos",
            subject="Päätös kotihoidon palvelusta",
            body="Teille on myönnetty säännöllinen kotihoito 1.12.2026 alkaen. "
            "Päätös on tämän viestin liitteenä. Muutoksenhakuohje on päätöksen lopussa.",
            kind=Message.Kind.DECISION,
            category="social",
            service_event="demo-kotihoito",
            sender="Ikääntyneiden palvelut",
            dedupe_key="demo:lempi:kotihoito",
            letter=True,
            notify=False,
        )
        deliver(
            eetu,
            key="demo:hammas",
            subject="Suun terveystarkastus",
            body="Eetun suun terveystarkastus on aika varata. "
            "Varaa aika Luukussa tai soita suun terveydenhuoltoon.",
            kind=Message.Kind.REMINDER,
            category="health",
            service_event="demo-hammas",
            unit=hml,
            sender=hml.name if hml else "",
            dedupe_key="demo:eetu:hammas",
            notify=False,
        )
    return f"{Message.objects.filter(dedupe_key__startswith='demo:').count()} demo messages in the inbox"
