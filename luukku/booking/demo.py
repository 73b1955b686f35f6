"""The demo county's bookable services and the demo professionals' weekly calendars."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from luukku.identity.models import OrgUnit, Professional

from .calendars import generate_all
from .models import AvailabilityTemplate, Calendar, Campaign, Service

FLU = {
    "code": "influenssa-2026",
    "name": "Kausi-influenssarokotukset 2026–2027",
    "name_sv": "Säsongsinfluensavaccinationer 2026–2027",
    "name_en": "Seasonal influenza vaccinations 2026–2027",
    "starts_on": dt.date(2026, 10, 15),
    "ends_on": dt.date(2027, 3, 31),
}

# code, unit, fields
SERVICES = (
    (
        "influenssarokotus-65",
        "hml-terveysasema",
        {
            "name": "Influenssarokotus 65 vuotta täyttäneille",
            "name_sv": "Influensavaccination för 65 år fyllda",
            "name_en": "Influenza vaccination for people aged 65+",
            "description": "Maksuton kausi-influenssarokotus. Ota mukaan Kela-kortti. "
            "Varaa yksi aika henkilöä kohden.",
            "description_sv": "Avgiftsfri säsongsinfluensavaccination. Boka en tid per person.",
            "description_en": "Free seasonal influenza vaccination. Book one time per person.",
            "location": "Hämeenlinnan terveysasema, rokotuspiste, Viipurintie 1–3",
            "duration_minutes": 5,
            "capacity": 3,
            "min_age": 65,
            "cancellation_deadline_hours": 2,
            "campaign": "influenza",
        },
    ),
    (
        "influenssarokotus-65-rmk",
        "rmk-terveysasema",
        {
            "name": "Influenssarokotus 65 vuotta täyttäneille (Riihimäki)",
            "name_sv": "Influensavaccination för 65 år fyllda (Riihimäki)",
            "name_en": "Influenza vaccination for people aged 65+ (Riihimäki)",
            "description": "Maksuton kausi-influenssarokotus Riihimäen terveysasemalla.",
            "description_sv": "Avgiftsfri säsongsinfluensavaccination på Riihimäki hälsostation.",
            "description_en": "Free seasonal influenza vaccination at Riihimäki health centre.",
            "location": "Riihimäen terveysasema, Hämeenaukio 1",
            "duration_minutes": 5,
            "capacity": 3,
            "min_age": 65,
            "cancellation_deadline_hours": 2,
            "campaign": "influenza",
        },
    ),
    (
        "sairaanhoitajan-vastaanotto",
        "hml-terveysasema",
        {
            "name": "Sairaanhoitajan vastaanotto",
            "name_sv": "Sjukskötarmottagning",
            "name_en": "Nurse appointment",
            "description": "Esimerkiksi ompeleiden poisto, verenpaineen seuranta tai haavanhoito.",
            "description_sv": "Till exempel borttagning av stygn, blodtrycksuppföljning eller sårvård.",
            "description_en": "For example removing stitches, following blood pressure or wound care.",
            "location": "Hämeenlinnan terveysasema, Viipurintie 1–3",
            "duration_minutes": 20,
        },
    ),
    (
        "hammastarkastus-lapset",
        "hml-terveysasema",
        {
            "name": "Lapsen hammastarkastus",
            "name_sv": "Tandgranskning för barn",
            "name_en": "Dental check-up for a child",
            "description": "Alle 18-vuotiaan hammastarkastus. Huoltaja voi varata ajan lapselleen.",
            "description_sv": "Tandgranskning för barn under 18 år. En vårdnadshavare kan boka tiden.",
            "description_en": "Dental check-up for under-18s. A guardian can book the time.",
            "location": "Hämeenlinnan hammashoitola",
            "duration_minutes": 30,
            "max_age": 17,
            "bookable_by_resident": False,
        },
    ),
    (
        "neuvola-maaraaikaistarkastus",
        "hml-terveysasema",
        {
            "name": "Lastenneuvolan määräaikaistarkastus",
            "name_sv": "Barnrådgivningens periodiska hälsoundersökning",
            "name_en": "Child health clinic check-up",
            "description": "Terveydenhoitajan tarkastus 1, 1½, 2, 3, 4, 5 ja 6 vuoden iässä. "
            "Huoltaja varaa ajan.",
            "description_sv": "Hälsovårdarens granskning vid 1, 1½, 2, 3, 4, 5 och 6 års ålder. "
            "Vårdnadshavaren bokar tiden.",
            "description_en": "The public health nurse's check at 1, 1½, 2, 3, 4, 5 and 6 years. "
            "A guardian books the time.",
            "location": "Hämeenlinnan perhekeskus, lastenneuvola",
            "duration_minutes": 45,
            "target_ages_months": [12, 18, 24, 36, 48, 60, 72],
            "target_window_days": 60,
            "bookable_by_resident": False,
        },
    ),
    (
        "ehkaisyneuvonta",
        "hml-terveysasema",
        {
            "name": "Ehkäisyneuvonta nuorille",
            "name_sv": "Preventivrådgivning för unga",
            "name_en": "Contraception advice for young people",
            "location": "Hämeenlinnan terveysasema",
            "duration_minutes": 30,
            "min_age": 12,
            "max_age": 24,
        },
    ),
    (
        "laakarin-videovastaanotto",
        "hml-terveysasema",
        {
            "name": "Lääkärin videovastaanotto",
            "name_sv": "Läkarens videomottagning",
            "name_en": "Doctor's video appointment",
            "description": "Täytä esitietolomake ennen vastaanottoa.",
            "description_sv": "Fyll i förhandsblanketten före mottagningen.",
            "description_en": "Fill in the pre-information form before the appointment.",
            "appointment_type": "video",
            "duration_minutes": 20,
            "required_questionnaire": "esitiedot",
            "cancellation_deadline_hours": 24,
        },
    ),
    (
        "perhekeskus-pika-aika",
        "lapsiperheiden-sosiaalityo",
        {
            "name": "Perhekeskuksen pika-aika: eroauttamisen ensiapu",
            "name_sv": "Familjecentrets snabbtid: första hjälpen vid skilsmässa",
            "name_en": "Family centre quick appointment: first aid in separation",
            "description": "Puhelinaika, jonka voi varata kirjautumatta. "
            "Kerro vain etunimi ja puhelinnumero.",
            "description_sv": "Telefontid som kan bokas utan inloggning.",
            "description_en": "A phone appointment you can book without identifying yourself.",
            "appointment_type": "phone",
            "duration_minutes": 30,
            "requires_authentication": False,
            "bookable_by_guardian": False,
        },
    ),
    (
        "aikuissosiaalityo-neuvonta",
        "lapsiperheiden-sosiaalityo",
        {
            "name": "Aikuissosiaalityön neuvonta",
            "name_sv": "Rådgivning inom socialt arbete för vuxna",
            "name_en": "Adult social work advice",
            "description": "Puhelinaika esimerkiksi toimeentulo- ja asumisasioissa. "
            "Voit varata kirjautumatta.",
            "description_sv": "Telefontid till exempel i frågor om utkomst och boende. "
            "Du kan boka utan inloggning.",
            "description_en": "A phone appointment for example about income support and housing. "
            "You can book without signing in.",
            "appointment_type": "phone",
            "duration_minutes": 30,
            "requires_authentication": False,
            "min_age": 18,
        },
    ),
)

# username, unit, service code, weekdays, start, end
WEEKS = (
    ("hoitaja.hanna", "hml-terveysasema", "sairaanhoitajan-vastaanotto", range(5), "08:00", "11:00"),
    ("hoitaja.hanna", "hml-terveysasema", "influenssarokotus-65", range(5), "12:00", "15:30"),
    ("hoitaja.hanna", "hml-terveysasema", "hammastarkastus-lapset", (1, 3), "15:30", "17:00"),
    ("hoitaja.hanna", "hml-terveysasema", "ehkaisyneuvonta", (2,), "15:30", "17:00"),
    ("hoitaja.hanna", "hml-terveysasema", "neuvola-maaraaikaistarkastus", (0, 4), "15:30", "17:00"),
    ("hoitaja.riikka", "rmk-terveysasema", "influenssarokotus-65-rmk", range(4), "09:00", "15:00"),
    ("laakari.lauri", "hml-terveysasema", "laakarin-videovastaanotto", (1, 3), "13:00", "16:00"),
    ("sosiaalityo.saara", "lapsiperheiden-sosiaalityo", "perhekeskus-pika-aika", (2,), "09:00", "12:00"),
    ("sosiaalityo.saara", "lapsiperheiden-sosiaalityo", "aikuissosiaalityo-neuvonta", (4,), "09:00", "12:00"),
)


@transaction.atomic
def seed_booking(weeks: int = 6) -> int:
    campaign, _ = Campaign.objects.update_or_create(code=FLU["code"], defaults=FLU)
    for code, unit, fields in SERVICES:
        values = dict(fields, unit=OrgUnit.objects.get(code=unit))
        values["campaign"] = campaign if values.get("campaign") else None
        Service.objects.update_or_create(code=code, defaults=values)
    start = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    for username, unit, service, weekdays, begin, end in WEEKS:
        calendar, _ = Calendar.objects.get_or_create(
            professional=Professional.objects.get(user__username=username),
            unit=OrgUnit.objects.get(code=unit),
        )
        for weekday in weekdays:
            AvailabilityTemplate.objects.get_or_create(
                calendar=calendar,
                service=Service.objects.get(code=service),
                weekday=weekday,
                start_time=dt.time.fromisoformat(begin),
                end_time=dt.time.fromisoformat(end),
                defaults={"valid_from": start},
            )
    return generate_all(timezone.localdate(), weeks * 7)
