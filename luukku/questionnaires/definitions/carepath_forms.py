"""Questionnaires the care paths use: the pre-operative questionnaire, the post-operative follow-up whose
warning signs route the client to the care team, and the two-week PEF diary of the asthma path."""

from ..fhirq import item, option, questionnaire, when

EMERGENCY_CALL = (
    "urn:luukku:emergency-call"  # a display item shown as an urgent notice with a tap-to-call link
)
YES = option("yes", ("Kyllä", "Ja", "Yes"))
NO = option("no", ("Ei", "Nej", "No"))
ANSWER = "urn:luukku:answer"


def emergency_call(node: dict, number: str = "112") -> dict:
    """Mark a display item as urgent advice to call `number` (rendered as an alert with a tel: link)."""
    return {**node, "extension": [*node.get("extension", []), {"url": EMERGENCY_CALL, "valueString": number}]}


def _yes_no(link: str, texts: tuple[str, str, str], required: bool = True) -> dict:
    return item(link, "choice", texts, required=required, options=[YES, NO])


def _if_yes(question: str) -> list[dict]:
    return [when(question, "=", answerCoding={"system": ANSWER, "code": "yes"})]


def pre_operative() -> dict:
    return questionnaire(
        "leikkausta-edeltava",
        1,
        (
            "Leikkausta edeltävä esitietokysely",
            "Förhandsuppgifter inför operationen",
            "Pre-operative questionnaire",
        ),
        [
            item(
                "terveys",
                "group",
                ("Terveydentila", "Hälsotillstånd", "Your health"),
                items=[
                    _yes_no(
                        "anaesthesia-problems",
                        (
                            "Onko sinulla tai lähisukulaisellasi ollut ongelmia nukutuksen tai puudutuksen "
                            "yhteydessä?",
                            "Har du eller en nära släkting haft problem i samband med narkos eller bedövning?",
                            "Have you or a close relative had problems with general or local anaesthesia?",
                        ),
                    ),
                    _yes_no(
                        "stairs",
                        (
                            "Jaksatko nousta kaksi kerrosta portaita pysähtymättä?",
                            "Orkar du gå två våningar i trappor utan att stanna?",
                            "Can you climb two flights of stairs without stopping?",
                        ),
                    ),
                    item(
                        "conditions",
                        "choice",
                        (
                            "Onko sinulla jokin näistä?",
                            "Har du något av detta?",
                            "Do you have any of these?",
                        ),
                        repeats=True,
                        options=[
                            option("heart", ("Sydänsairaus", "Hjärtsjukdom", "Heart disease")),
                            option(
                                "lung",
                                (
                                    "Astma tai keuhkosairaus",
                                    "Astma eller lungsjukdom",
                                    "Asthma or lung disease",
                                ),
                            ),
                            option("diabetes", ("Diabetes", "Diabetes", "Diabetes")),
                            option("sleep-apnoea", ("Uniapnea", "Sömnapné", "Sleep apnoea")),
                            option(
                                "bleeding",
                                ("Verenvuototaipumus", "Blödningsbenägenhet", "A tendency to bleed"),
                            ),
                            option("none", ("Ei mitään näistä", "Inget av dessa", "None of these")),
                        ],
                    ),
                ],
            ),
            item(
                "laakkeet",
                "group",
                ("Lääkkeet", "Mediciner", "Medicines"),
                items=[
                    _yes_no(
                        "blood-thinners",
                        (
                            "Käytätkö verenohennuslääkettä (esimerkiksi varfariini, apiksabaani, "
                            "rivaroksabaani, dabigatraani, klopidogreeli tai asetyylisalisyylihappo)?",
                            "Använder du blodförtunnande medicin (till exempel warfarin, apixaban, "
                            "rivaroxaban, dabigatran, klopidogrel eller acetylsalicylsyra)?",
                            "Do you take a blood thinner (for example warfarin, apixaban, rivaroxaban, "
                            "dabigatran, clopidogrel or acetylsalicylic acid)?",
                        ),
                    ),
                    item(
                        "medicines",
                        "string",
                        (
                            "Kaikki lääkkeesi, myös itsehoitolääkkeet ja ravintolisät (yksi riviä kohden)",
                            "Alla dina mediciner, också receptfria och kosttillskott (en per rad)",
                            "All your medicines, also over-the-counter ones and supplements (one per line)",
                        ),
                        repeats=True,
                        max_length=200,
                    ),
                    _yes_no(
                        "allergies",
                        (
                            "Onko sinulla lääke-, lateksi- tai muita allergioita?",
                            "Har du allergi mot mediciner, latex eller annat?",
                            "Are you allergic to medicines, latex or anything else?",
                        ),
                    ),
                    item(
                        "allergy-details",
                        "text",
                        (
                            "Mille olet allerginen ja millainen reaktio oli?",
                            "Vad är du allergisk mot och vilken reaktion fick du?",
                            "What are you allergic to and what was the reaction?",
                        ),
                        required=True,
                        max_length=1000,
                        enable_when=_if_yes("allergies"),
                    ),
                ],
            ),
            item(
                "muuta",
                "group",
                ("Muuta", "Övrigt", "Other"),
                items=[
                    _yes_no(
                        "smoking",
                        (
                            "Tupakoitko tai käytätkö nuuskaa tai sähkösavukkeita?",
                            "Röker du eller använder du snus eller e-cigaretter?",
                            "Do you smoke or use snus or e-cigarettes?",
                        ),
                    ),
                    _yes_no(
                        "loose-teeth",
                        (
                            "Onko sinulla heiluvia hampaita, siltoja tai irrotettava proteesi?",
                            "Har du lösa tänder, broar eller avtagbar protes?",
                            "Do you have loose teeth, bridges or removable dentures?",
                        ),
                    ),
                    item(
                        "pregnancy",
                        "choice",
                        ("Voitko olla raskaana?", "Kan du vara gravid?", "Could you be pregnant?"),
                        required=True,
                        options=[
                            YES,
                            NO,
                            option(
                                "not-applicable",
                                ("Ei koske minua", "Gäller inte mig", "Does not apply to me"),
                            ),
                        ],
                    ),
                    _yes_no(
                        "escort",
                        (
                            "Onko sinulla aikuinen, joka hakee sinut kotiin ja on seuranasi ensimmäisen yön?",
                            "Har du en vuxen som hämtar dig hem och stannar hos dig den första natten?",
                            "Do you have an adult who takes you home and stays with you the first night?",
                        ),
                    ),
                    item(
                        "other",
                        "text",
                        (
                            "Haluatko kertoa vielä jotain ennen leikkausta?",
                            "Vill du berätta något annat före operationen?",
                            "Is there anything else you want to tell before the operation?",
                        ),
                        max_length=2000,
                    ),
                ],
            ),
        ],
        description=(
            "Vastaa viimeistään viikkoa ennen leikkausta. Anestesialääkäri ja leikkaustiimi lukevat "
            "vastauksesi.",
            "Svara senast en vecka före operationen. Anestesiläkaren och operationsteamet läser dina svar.",
            "Answer at least a week before the operation. The anaesthetist and the surgical team read your "
            "answers.",
        ),
    )


WARNING_SIGNS = (
    (
        "warning-fever",
        (
            "Onko sinulla kuumetta yli 38 °C?",
            "Har du feber över 38 °C?",
            "Do you have a fever over 38 °C?",
        ),
    ),
    (
        "warning-wound",
        (
            "Onko haava punoittava, turvonnut tai kuumottava, tai tuleeko siitä märkää?",
            "Är såret rött, svullet eller varmt, eller kommer det var ur det?",
            "Is the wound red, swollen or hot, or is pus coming out of it?",
        ),
    ),
    (
        "warning-bleeding",
        (
            "Onko sinulla runsasta tai lisääntyvää verenvuotoa haavasta tai emättimestä?",
            "Har du riklig eller ökande blödning från såret eller slidan?",
            "Do you have heavy or increasing bleeding from the wound or the vagina?",
        ),
    ),
    (
        "warning-pain",
        (
            "Onko kipu lisääntynyt, tai eikö se helpotu ohjeen mukaisilla kipulääkkeillä?",
            "Har smärtan ökat, eller lindras den inte av smärtstillande enligt anvisningen?",
            "Has the pain increased, or does it not ease with painkillers taken as instructed?",
        ),
    ),
    (
        "warning-leg",
        (
            "Onko toinen pohkeesi kipeä, turvonnut tai punoittava?",
            "Är ena vaden öm, svullen eller röd?",
            "Is one of your calves painful, swollen or red?",
        ),
    ),
    (
        "warning-urine",
        (
            "Onko virtsaaminen vaikeaa tai kokonaan estynyt?",
            "Är det svårt eller omöjligt att kasta vatten?",
            "Is it difficult or impossible to pass urine?",
        ),
    ),
    (
        "warning-vomiting",
        (
            "Oksennatko toistuvasti, tai etkö pysty juomaan?",
            "Kräks du upprepade gånger, eller kan du inte dricka?",
            "Are you vomiting repeatedly, or unable to drink?",
        ),
    ),
)


def post_operative() -> dict:
    return questionnaire(
        "leikkauksen-jalkeen",
        1,
        (
            "Vointisi leikkauksen jälkeen",
            "Hur du mår efter operationen",
            "How you are after the operation",
        ),
        [
            emergency_call(
                item(
                    "emergency-note",
                    "display",
                    (
                        "Jos sinulla on rintakipua, äkillistä hengenahdistusta tai olet sekava, soita heti "
                        "hätänumeroon 112. Älä odota vastausta tähän kyselyyn.",
                        "Om du har bröstsmärta, plötslig andnöd eller är förvirrad, ring genast nödnumret 112. "
                        "Vänta inte på svar på den här enkäten.",
                        "If you have chest pain, sudden shortness of breath or are confused, call the emergency "
                        "number 112 now. Do not wait for an answer to this questionnaire.",
                    ),
                )
            ),
            *[_yes_no(link, texts) for link, texts in WARNING_SIGNS],
            item(
                "pain-now",
                "integer",
                (
                    "Kipusi nyt asteikolla 0–10 (0 = ei kipua, 10 = pahin mahdollinen)",
                    "Din smärta nu på en skala 0–10 (0 = ingen smärta, 10 = värsta tänkbara)",
                    "Your pain now on a scale of 0–10 (0 = no pain, 10 = the worst possible)",
                ),
                min_value=0,
                max_value=10,
            ),
            item(
                "recovery",
                "text",
                (
                    "Miten toipuminen on sujunut? Onko jotain, mitä haluat kysyä hoitajalta?",
                    "Hur har återhämtningen gått? Vill du fråga sjukskötaren något?",
                    "How has your recovery gone? Is there anything you want to ask the nurse?",
                ),
                max_length=2000,
            ),
        ],
        description=(
            "Yksikin kyllä-vastaus välittyy hoitotiimillesi, joka ottaa sinuun yhteyttä. Kiireellisessä "
            "tilanteessa soita päivystysnumeroon 116 117.",
            "Redan ett ja-svar går till ditt vårdteam, som kontaktar dig. I brådskande fall, ring "
            "jourhjälpen 116 117.",
            "A single yes goes to your care team, who will contact you. If it is urgent, call the on-call "
            "number 116 117.",
        ),
    )


PEF_DAYS = 14
PEF_READINGS = (
    (
        "morning",
        (
            "Aamu ennen avaavaa lääkettä (l/min)",
            "Morgon före luftrörsvidgande medicin (l/min)",
            "Morning, before the reliever (l/min)",
        ),
    ),
    (
        "morning-after",
        (
            "Aamu 15–20 minuuttia avaavan lääkkeen jälkeen (l/min)",
            "Morgon 15–20 minuter efter luftrörsvidgande medicin (l/min)",
            "Morning, 15–20 minutes after the reliever (l/min)",
        ),
    ),
    (
        "evening",
        (
            "Ilta ennen avaavaa lääkettä (l/min)",
            "Kväll före luftrörsvidgande medicin (l/min)",
            "Evening, before the reliever (l/min)",
        ),
    ),
    (
        "evening-after",
        (
            "Ilta 15–20 minuuttia avaavan lääkkeen jälkeen (l/min)",
            "Kväll 15–20 minuter efter luftrörsvidgande medicin (l/min)",
            "Evening, 15–20 minutes after the reliever (l/min)",
        ),
    ),
)


def pef_diary() -> dict:
    days = [
        item(
            f"pef-day-{day}",
            "group",
            (f"Päivä {day}", f"Dag {day}", f"Day {day}"),
            items=[
                item(f"pef-{day}-{reading}", "decimal", texts, min_value=50, max_value=900)
                for reading, texts in PEF_READINGS
            ],
        )
        for day in range(1, PEF_DAYS + 1)
    ]
    return questionnaire(
        "pef-seuranta",
        1,
        ("PEF-seuranta kahden viikon ajan", "PEF-uppföljning i två veckor", "Two-week PEF monitoring"),
        days,
        description=(
            "Puhalla aamulla heti herättyäsi ja illalla, aina samassa asennossa, kolme kertaa peräkkäin ja "
            "kirjaa paras lukema. Jos kahden parhaan ero on yli 20 l/min, puhalla lisää. Puhalla uudelleen "
            "15–20 minuuttia avaavan lääkkeen jälkeen. Voit tallentaa päivän kerrallaan ja jatkaa myöhemmin.",
            "Blås på morgonen genast när du vaknat och på kvällen, alltid i samma ställning, tre gånger i "
            "rad och anteckna det bästa värdet. Om skillnaden mellan de två bästa är över 20 l/min, blås "
            "fler gånger. Blås igen 15–20 minuter efter den luftrörsvidgande medicinen. Du kan spara en dag "
            "i taget och fortsätta senare.",
            "Blow in the morning as soon as you wake up and in the evening, always in the same position, "
            "three times in a row and write down the best reading. If the two best differ by more than 20 "
            "l/min, blow more. Blow again 15–20 minutes after the reliever. You can save one day at a time "
            "and go on later.",
        ),
    )
