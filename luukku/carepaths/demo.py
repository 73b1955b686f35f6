"""The care path templates drawn from Oma Häme's published paths (seed 002 E), editable in the admin: the first
five here, the rest in `library_care` and `library_surgery`. Seeding never overwrites edited tasks."""

from django.db import transaction

from luukku.identity.models import OrgUnit

from .library_care import CARE_PATHS
from .library_surgery import SURGERY_PATHS
from .models import Anchor, MeasurementKind, PathTemplate, Phase, TaskKind, TemplateTask
from .spec import NURSE, _t, task

TEMPLATES = [
    {
        "code": "diabetesriski",
        "self_enrolling": True,
        "routing": ("findrisc", "findrisc", 12),
        "name": _t("Tyypin 2 diabeteksen riski", "Risk för typ 2-diabetes", "Type 2 diabetes risk"),
        "description": _t(
            "Selvitä riskisi sairastua tyypin 2 diabetekseen ja saa ohjeet sen pienentämiseen. Jos saat "
            "riskitestistä 12 pistettä tai enemmän (riski on vähintään kohtalainen), terveydenhoitaja ottaa "
            "sinuun yhteyttä.",
            "Ta reda på din risk för typ 2-diabetes och få råd för att minska den. Om du får 12 poäng eller "
            "mer i risktestet (risken är minst måttlig) kontaktar en hälsovårdare dig.",
            "Find out your risk of type 2 diabetes and get advice on lowering it. If you score 12 points or "
            "more in the risk test (a moderate risk or higher), a nurse will contact you.",
        ),
        "tasks": [
            task(
                TaskKind.QUESTIONNAIRE,
                _t(
                    "Tee diabeteksen riskitesti", "Gör risktestet för diabetes", "Take the diabetes risk test"
                ),
                _t(
                    "Testi kestää noin 5 minuuttia. Tarvitset pituutesi, painosi ja vyötärönympäryksesi.",
                    "Testet tar ungefär 5 minuter. Du behöver din längd, vikt och midjemått.",
                    "The test takes about 5 minutes. You need your height, weight and waist measurement.",
                ),
                questionnaire="findrisc",
            ),
            task(
                TaskKind.READ,
                _t(
                    "Liikunta ja ruoka diabeteksen ehkäisyssä",
                    "Motion och mat för att förebygga diabetes",
                    "Exercise and food to prevent diabetes",
                ),
                _t(
                    "Jo 5–7 prosentin painonpudotus ja puoli tuntia reipasta liikuntaa päivässä pienentävät "
                    "riskiä selvästi. Syö kasviksia, marjoja ja täysjyväviljaa joka päivä ja suosi pehmeitä "
                    "rasvoja. Vähennä sokeria ja alkoholia.",
                    "Redan 5–7 procents viktminskning och en halvtimme rask motion om dagen minskar risken "
                    "tydligt. Ät grönsaker, bär och fullkorn varje dag och välj mjuka fetter.",
                    "Losing 5–7 per cent of your weight and half an hour of brisk activity a day clearly "
                    "lower the risk. Eat vegetables, berries and whole grains every day and prefer soft fats.",
                ),
                phase=Phase.SELF_CARE,
                anchor=Anchor.PHASE,
            ),
            task(
                TaskKind.READ,
                _t(
                    "Hyvinvointia tukevat palvelut (HYTE)",
                    "Tjänster som stöder välbefinnandet",
                    "Services that support wellbeing",
                ),
                _t(
                    "Kuntasi liikuntaneuvonta, ravitsemusryhmät ja matalan kynnyksen kuntosalivuorot ovat "
                    "avoinna kaikille. Kysy lisää oman kuntasi liikuntapalveluista tai järjestöjen "
                    "vertaisryhmistä.",
                    "Kommunens motionsrådgivning, näringsgrupper och gymturer med låg tröskel är öppna för "
                    "alla. Fråga kommunens idrottstjänster eller organisationernas kamratgrupper.",
                    "Your municipality's exercise counselling, nutrition groups and low-threshold gym hours "
                    "are open to everyone. Ask your municipality's sports services or peer groups.",
                ),
                phase=Phase.SELF_CARE,
                anchor=Anchor.PHASE,
            ),
            task(
                TaskKind.MEASUREMENT,
                _t(
                    "Punnitse itsesi kuukauden kuluttua",
                    "Väg dig efter en månad",
                    "Weigh yourself in a month",
                ),
                _t(
                    "Punnitse aamulla ennen aamiaista.",
                    "Väg dig på morgonen före frukost.",
                    "Weigh yourself in the morning before breakfast.",
                ),
                phase=Phase.SELF_CARE,
                anchor=Anchor.PHASE,
                due=30,
                remind=True,
                measurement=MeasurementKind.WEIGHT,
            ),
            task(
                TaskKind.QUESTIONNAIRE,
                _t(
                    "Tee riskitesti uudelleen vuoden kuluttua",
                    "Gör risktestet igen om ett år",
                    "Take the risk test again in a year",
                ),
                _t(
                    "Katso, miten muutokset ovat vaikuttaneet riskiisi.",
                    "Se hur förändringarna har påverkat din risk.",
                    "See how the changes have affected your risk.",
                ),
                phase=Phase.SELF_CARE,
                anchor=Anchor.PHASE,
                due=365,
                remind=True,
                questionnaire="findrisc",
            ),
            task(
                TaskKind.BOOKING,
                _t(
                    "Varaa aika terveydenhoitajalle",
                    "Boka tid hos hälsovårdaren",
                    "Book a time with the nurse",
                ),
                _t(
                    "Sait riskitestistä vähintään 12 pistettä: riskisi on vähintään kohtalainen. "
                    "Terveydenhoitaja mittaa verensokerisi ja suunnittelee kanssasi, miten riskiä voi "
                    "pienentää.",
                    "Du fick minst 12 poäng i risktestet: din risk är minst måttlig. Hälsovårdaren mäter "
                    "ditt blodsocker och planerar med dig hur risken kan minskas.",
                    "You scored at least 12 points in the risk test: your risk is moderate or higher. The "
                    "nurse measures your blood glucose and plans with you how to lower the risk.",
                ),
                phase=Phase.WITH_PROFESSIONAL,
                anchor=Anchor.PHASE,
                due=14,
                remind=True,
                service=NURSE,
            ),
            task(
                TaskKind.MEASUREMENT,
                _t("Mittaa verenpaineesi", "Mät ditt blodtryck", "Measure your blood pressure"),
                _t(
                    "Istu viisi minuuttia ennen mittausta.",
                    "Sitt fem minuter före mätningen.",
                    "Sit for five minutes before measuring.",
                ),
                phase=Phase.WITH_PROFESSIONAL,
                anchor=Anchor.PHASE,
                due=7,
                measurement=MeasurementKind.BLOOD_PRESSURE,
            ),
        ],
    },
    {
        "code": "raskaus",
        "self_enrolling": True,
        "name": _t("Raskaus", "Graviditet", "Pregnancy"),
        "description": _t(
            "Tietoa ja tehtäviä raskauden ajalle neuvolakäyntien tueksi.",
            "Information och uppgifter under graviditeten som stöd för rådgivningsbesöken.",
            "Information and tasks during pregnancy to support your clinic visits.",
        ),
        "tasks": [
            task(
                TaskKind.READ,
                _t(
                    "Raskauden ensimmäiset viikot",
                    "Graviditetens första veckor",
                    "The first weeks of pregnancy",
                ),
                _t(
                    "Aloita foolihappo, vältä alkoholia ja tupakkaa ja kysy lääkkeistä neuvolasta.",
                    "Börja med folsyra, undvik alkohol och tobak och fråga om mediciner på rådgivningen.",
                    "Start folic acid, avoid alcohol and tobacco and ask the clinic about medicines.",
                ),
            ),
            task(
                TaskKind.BOOKING,
                _t(
                    "Varaa ensikäynti neuvolaan",
                    "Boka första besöket på rådgivningen",
                    "Book your first clinic visit",
                ),
                _t(
                    "Ensikäynti on raskausviikoilla 8–10.",
                    "Första besöket är i graviditetsvecka 8–10.",
                    "The first visit is in weeks 8–10 of pregnancy.",
                ),
                due=7,
                remind=True,
                service=NURSE,
            ),
            task(
                TaskKind.QUESTIONNAIRE,
                _t(
                    "Alkoholinkäyttö ennen raskautta (AUDIT)",
                    "Alkoholvanor före graviditeten (AUDIT)",
                    "Alcohol use before pregnancy (AUDIT)",
                ),
                _t(
                    "Vastaukset käydään läpi neuvolassa.",
                    "Svaren gås igenom på rådgivningen.",
                    "The answers are discussed at the clinic.",
                ),
                due=7,
                questionnaire="audit",
            ),
            task(
                TaskKind.MEASUREMENT,
                _t("Mittaa verenpaineesi", "Mät ditt blodtryck", "Measure your blood pressure"),
                _t("Mittaa istuen levänneenä.", "Mät sittande och utvilad.", "Measure seated and rested."),
                due=60,
                remind=True,
                measurement=MeasurementKind.BLOOD_PRESSURE,
            ),
            task(
                TaskKind.READ,
                _t(
                    "Synnytykseen valmistautuminen", "Förberedelse inför förlossningen", "Preparing for birth"
                ),
                _t(
                    "Tutustu synnytyssairaalan ohjeisiin ja pakkaa sairaalakassi viikolla 36.",
                    "Bekanta dig med förlossningssjukhusets anvisningar och packa sjukhusväskan i vecka 36.",
                    "Read the maternity hospital's instructions and pack your hospital bag by week 36.",
                ),
                due=180,
            ),
        ],
    },
    {
        "code": "sepelvaltimotauti",
        "self_enrolling": False,
        "name": _t(
            "Sepelvaltimotaudin seuranta",
            "Uppföljning av kranskärlssjukdom",
            "Coronary artery disease follow-up",
        ),
        "description": _t(
            "Seuranta sepelvaltimotapahtuman tai -toimenpiteen jälkeen.",
            "Uppföljning efter en kranskärlshändelse eller ett ingrepp.",
            "Follow-up after a coronary event or procedure.",
        ),
        "tasks": [
            task(
                TaskKind.READ,
                _t(
                    "Sepelvaltimotauti ja omahoito",
                    "Kranskärlssjukdom och egenvård",
                    "Coronary artery disease and self-care",
                ),
                _t(
                    "Ota lääkkeet säännöllisesti, liiku päivittäin voinnin mukaan ja soita 112, jos "
                    "rintakipu ei helpota nitrolla 15 minuutissa.",
                    "Ta medicinerna regelbundet, motionera dagligen efter förmåga och ring 112 om "
                    "bröstsmärtan inte lättar med nitro på 15 minuter.",
                    "Take your medicines regularly, be active daily as you can and call 112 if chest pain "
                    "does not ease with nitro within 15 minutes.",
                ),
            ),
            task(
                TaskKind.MEASUREMENT,
                _t("Verenpaine viikon kuluttua", "Blodtryck efter en vecka", "Blood pressure after a week"),
                _t(
                    "Mittaa aamulla ja illalla, ilmoita aamun tulos.",
                    "Mät morgon och kväll, ange morgonvärdet.",
                    "Measure in the morning and evening; report the morning value.",
                ),
                due=7,
                remind=True,
                measurement=MeasurementKind.BLOOD_PRESSURE,
            ),
            task(
                TaskKind.QUESTIONNAIRE,
                _t("Alkoholinkäyttö (AUDIT)", "Alkoholvanor (AUDIT)", "Alcohol use (AUDIT)"),
                _t("", "", ""),
                due=14,
                questionnaire="audit",
            ),
            task(
                TaskKind.MEASUREMENT,
                _t(
                    "Verenpaine kuukauden kuluttua",
                    "Blodtryck efter en månad",
                    "Blood pressure after a month",
                ),
                _t(
                    "Mittaa samaan aikaan kuin viimeksi.",
                    "Mät vid samma tid som förra gången.",
                    "Measure at the same time as last time.",
                ),
                due=30,
                remind=True,
                measurement=MeasurementKind.BLOOD_PRESSURE,
            ),
            task(
                TaskKind.BOOKING,
                _t(
                    "Kontrollikäynti 3 kuukauden kuluttua",
                    "Kontrollbesök efter 3 månader",
                    "Control visit at 3 months",
                ),
                _t(
                    "Kontrollissa tarkistetaan kolesteroli ja lääkitys.",
                    "Vid kontrollen kontrolleras kolesterol och medicinering.",
                    "The control checks cholesterol and medication.",
                ),
                due=90,
                remind=True,
                service=NURSE,
            ),
        ],
    },
    {
        "code": "nivustyraleikkaus",
        "self_enrolling": False,
        "name": _t("Nivustyrän leikkaus", "Operation av ljumskbråck", "Inguinal hernia surgery"),
        "description": _t(
            "Valmistautuminen leikkaukseen ja toipuminen kotona.",
            "Förberedelse inför operationen och återhämtning hemma.",
            "Preparing for the operation and recovering at home.",
        ),
        "tasks": [
            task(
                TaskKind.READ,
                _t(
                    "Valmistautuminen leikkaukseen",
                    "Förberedelse inför operationen",
                    "Preparing for the operation",
                ),
                _t(
                    "Ole syömättä kuusi tuntia ennen leikkausta. Järjestä itsellesi kotimatka ja aikuinen "
                    "seuraksi ensimmäiseksi yöksi.",
                    "Ät inte sex timmar före operationen. Ordna hemresa och en "
                    "vuxen som sällskap den första natten.",
                    "Do not eat for six hours before the operation. "
                    "Arrange a ride home and an adult to stay with you the first night.",
                ),
            ),
            task(
                TaskKind.QUESTIONNAIRE,
                _t("Täytä esitietolomake", "Fyll i förhandsuppgifterna", "Fill in the pre-information form"),
                _t(
                    "Anestesialääkäri tarvitsee tiedot lääkkeistäsi ja sairauksistasi.",
                    "Anestesiläkaren behöver uppgifter om dina mediciner och sjukdomar.",
                    "The anaesthetist needs to know your medicines and illnesses.",
                ),
                due=3,
                remind=True,
                questionnaire="esitiedot",
            ),
            task(
                TaskKind.MEASUREMENT,
                _t(
                    "Kipu ensimmäisenä päivänä kotona",
                    "Smärta första dagen hemma",
                    "Pain on the first day at home",
                ),
                _t(
                    "Jos kipu on yli 7 särkylääkkeestä huolimatta, soita päivystykseen.",
                    "Om smärtan är över 7 trots värkmedicin, ring jouren.",
                    "If pain is above 7 despite painkillers, call the emergency clinic.",
                ),
                due=15,
                remind=True,
                measurement=MeasurementKind.PAIN,
            ),
            task(
                TaskKind.READ,
                _t("Toipuminen ja liikkuminen", "Återhämtning och rörelse", "Recovery and moving"),
                _t(
                    "Kävele päivittäin. Vältä yli 10 kilon nostoja kahden viikon ajan.",
                    "Gå dagligen. Undvik lyft över 10 kilo i två veckor.",
                    "Walk daily. Avoid lifting over 10 kilograms for two weeks.",
                ),
                due=15,
            ),
            task(
                TaskKind.MEASUREMENT,
                _t("Kipu kahden viikon kuluttua", "Smärta efter två veckor", "Pain after two weeks"),
                _t("", "", ""),
                due=29,
                remind=True,
                measurement=MeasurementKind.PAIN,
            ),
        ],
    },
    {
        "code": "tyokyky",
        "self_enrolling": True,
        "name": _t("Työkyvyn tuki", "Stöd för arbetsförmågan", "Support for work ability"),
        "description": _t(
            "Kun työssä jaksaminen tai työhön palaaminen huolettaa.",
            "När orken i arbetet eller återgången till arbetet oroar.",
            "When coping at work or returning to work worries you.",
        ),
        "tasks": [
            task(
                TaskKind.READ,
                _t("Mitä voin tehdä itse", "Vad kan jag göra själv", "What I can do myself"),
                _t(
                    "Uni, liikunta ja säännöllinen ateriarytmi tukevat jaksamista. Ota puheeksi esihenkilön "
                    "kanssa työn muokkaaminen.",
                    "Sömn, motion och regelbundna måltider stöder orken. Ta upp "
                    "anpassning av arbetet med din chef.",
                    "Sleep, exercise and regular meals support coping. "
                    "Talk to your manager about adjusting your work.",
                ),
            ),
            task(
                TaskKind.QUESTIONNAIRE,
                _t("Alkoholinkäyttö (AUDIT)", "Alkoholvanor (AUDIT)", "Alcohol use (AUDIT)"),
                _t("", "", ""),
                due=7,
                questionnaire="audit",
            ),
            task(
                TaskKind.BOOKING,
                _t(
                    "Varaa aika työkyvyn arvioon",
                    "Boka tid för bedömning av arbetsförmågan",
                    "Book a work ability assessment",
                ),
                _t(
                    "Sairaanhoitaja arvioi kanssasi tuen tarpeen ja ohjaa tarvittaessa lääkärille.",
                    "Sjukskötaren bedömer stödbehovet med dig och hänvisar vid behov till läkare.",
                    "The nurse assesses your need for support with you and refers you to a doctor if needed.",
                ),
                due=14,
                remind=True,
                service=NURSE,
            ),
            task(
                TaskKind.READ,
                _t(
                    "Kuntoutus ja Kelan tuet",
                    "Rehabilitering och FPA:s stöd",
                    "Rehabilitation and Kela benefits",
                ),
                _t(
                    "Kela järjestää ammatillista ja lääkinnällistä kuntoutusta. Työterveyshuolto auttaa "
                    "hakemuksessa.",
                    "FPA ordnar yrkesinriktad och medicinsk rehabilitering. Företagshälsovården "
                    "hjälper med ansökan.",
                    "Kela arranges vocational and medical rehabilitation. Occupational "
                    "health care helps with the application.",
                ),
                due=21,
            ),
        ],
    },
    *CARE_PATHS,
    *SURGERY_PATHS,
]


@transaction.atomic
def seed_templates(team_code: str = "avosairaanhoito") -> None:
    default_team = OrgUnit.objects.get(code=team_code)
    for spec in TEMPLATES:
        team = OrgUnit.objects.filter(code=spec.get("team", team_code)).first() or default_team
        routing = spec.get("routing", ("", "", None))
        template, _created = PathTemplate.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"]["fi"],
                "name_sv": spec["name"]["sv"],
                "name_en": spec["name"]["en"],
                "description": spec["description"]["fi"],
                "description_sv": spec["description"]["sv"],
                "description_en": spec["description"]["en"],
                "self_enrolling": spec["self_enrolling"],
                "team": team,
                "routing_questionnaire": routing[0],
                "routing_instrument": routing[1],
                "routing_threshold": routing[2],
            },
        )
        if template.tasks.exists():
            continue  # administrators may have edited the tasks: never overwrite them
        for order, item in enumerate(spec["tasks"]):
            TemplateTask.objects.create(
                template=template,
                order=order,
                kind=item["kind"],
                phase=item["phase"],
                questionnaire=item["questionnaire"],
                measurement=item["measurement"],
                service=item["service"],
                anchor=item["anchor"],
                due_days=item["due"],
                remind=item["remind"],
                name=item["title"]["fi"],
                name_sv=item["title"]["sv"],
                name_en=item["title"]["en"],
                description=item["body"]["fi"],
                description_sv=item["body"]["sv"],
                description_en=item["body"]["en"],
            )
