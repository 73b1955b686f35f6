"""AUDIT, PHQ-2 and FINDRISC as questionnaire items (fi/sv/en); scores in the options' ordinal values."""

from ..fhirq import item, option, when

# AUDIT: Finnish and Swedish as THL publishes them (the Finnish "annos" is "portion" in THL's Swedish),
# English as WHO's AUDIT manual (2001), with the Finnish standard drink and item 1's note on small amounts.
FREQUENCY = (
    ("0", ("Ei koskaan", "Aldrig", "Never")),
    ("1", ("Harvemmin kuin kerran kuussa", "Mer sällan än en gång i månaden", "Less than monthly")),
    ("2", ("Kerran kuussa", "En gång i månaden", "Monthly")),
    ("3", ("Kerran viikossa", "En gång i veckan", "Weekly")),
    ("4", ("Päivittäin tai lähes päivittäin", "Dagligen eller nästan dagligen", "Daily or almost daily")),
)
INJURY = (
    ("0", ("Ei", "Nej", "No"), 0),
    (
        "2",
        (
            "On, mutta ei viimeisen vuoden aikana",
            "Ja, men inte under det senaste året",
            "Yes, but not in the last year",
        ),
        2,
    ),
    ("4", ("Kyllä, viimeisen vuoden aikana", "Ja, under det senaste året", "Yes, during the last year"), 4),
)
STANDARD_DRINK = (
    "Yksi annos on esimerkiksi pullo (33 cl) keskiolutta tai siideriä, lasi (12 cl) mietoa viiniä, pieni "
    "lasi (8 cl) väkevää viiniä tai ravintola-annos (4 cl) väkeviä. Annoksessa on noin 12 grammaa puhdasta "
    "alkoholia.",
    "En portion är till exempel en flaska (33 cl) mellanöl eller cider, ett glas (12 cl) lätt vin, ett "
    "litet glas (8 cl) starkvin eller en restaurangportion (4 cl) starksprit. En portion innehåller cirka "
    "12 gram ren alkohol.",
    "One drink is, for example, a bottle (33 cl) of medium-strength beer or cider, a glass (12 cl) of table "
    "wine, a small glass (8 cl) of fortified wine or a restaurant measure (4 cl) of spirits. One drink "
    "contains about 12 grams of pure alcohol.",
)


def _scale(pairs) -> list[dict]:
    return [option(code, texts, float(code)) for code, texts in pairs]


def audit_items() -> list[dict]:
    drinking = [when("audit-1", "!=", answerCoding={"system": "urn:luukku:answer", "code": "0"})]
    how_often = _scale(
        (
            ("0", ("Ei koskaan", "Aldrig", "Never")),
            (
                "1",
                (
                    "Noin kerran kuussa tai harvemmin",
                    "Ungefär en gång i månaden eller mer sällan",
                    "Monthly or less",
                ),
            ),
            ("2", ("2–4 kertaa kuussa", "2–4 gånger i månaden", "2 to 4 times a month")),
            ("3", ("2–3 kertaa viikossa", "2–3 gånger i veckan", "2 to 3 times a week")),
            (
                "4",
                (
                    "4 kertaa viikossa tai useammin",
                    "4 gånger i veckan eller oftare",
                    "4 or more times a week",
                ),
            ),
        )
    )
    amount = _scale(
        (
            ("0", ("1–2 annosta", "1–2 portioner", "1 or 2")),
            ("1", ("3–4 annosta", "3–4 portioner", "3 or 4")),
            ("2", ("5–6 annosta", "5–6 portioner", "5 or 6")),
            ("3", ("7–9 annosta", "7–9 portioner", "7, 8 or 9")),
            ("4", ("10 annosta tai enemmän", "10 portioner eller fler", "10 or more")),
        )
    )
    last_year = [
        (
            "audit-4",
            (
                "Kuinka usein viimeisen vuoden aikana sinulle kävi niin, että et pystynyt lopettamaan "
                "alkoholinkäyttöä, kun aloit ottaa?",
                "Hur ofta under det senaste året har du inte kunnat sluta dricka när du väl börjat?",
                "How often during the last year have you found that you were not able to stop drinking once "
                "you had started?",
            ),
        ),
        (
            "audit-5",
            (
                "Kuinka usein viimeisen vuoden aikana et ole juomisesi vuoksi saanut tehdyksi jotain, mikä "
                "tavallisesti kuuluu tehtäviisi?",
                "Hur ofta under det senaste året har du på grund av ditt drickande låtit bli att göra något "
                "som du normalt skulle ha gjort?",
                "How often during the last year have you failed to do what was normally expected from you "
                "because of drinking?",
            ),
        ),
        (
            "audit-6",
            (
                "Kuinka usein viimeisen vuoden aikana olet tarvinnut aamulla olutta tai muuta alkoholia "
                "päästäksesi liikkeelle runsaan juomisen jälkeen?",
                "Hur ofta under det senaste året har du behövt öl eller annan alkohol på morgonen för att "
                "komma igång efter ett kraftigt drickande?",
                "How often during the last year have you needed a first drink in the morning to get yourself "
                "going after a heavy drinking session?",
            ),
        ),
        (
            "audit-7",
            (
                "Kuinka usein viimeisen vuoden aikana olet tuntenut syyllisyyttä tai katumusta juomisen "
                "jälkeen?",
                "Hur ofta under det senaste året har du haft skuldkänslor eller samvetsförebråelser efter "
                "att du druckit?",
                "How often during the last year have you had a feeling of guilt or remorse after drinking?",
            ),
        ),
        (
            "audit-8",
            (
                "Kuinka usein viimeisen vuoden aikana sinulle kävi niin, että et juomisen vuoksi voinut "
                "muistaa edellisen illan tapahtumia?",
                "Hur ofta under det senaste året har du på grund av ditt drickande inte kunnat minnas vad "
                "som hände kvällen innan?",
                "How often during the last year have you been unable to remember what happened the night "
                "before because you had been drinking?",
            ),
        ),
    ]
    injury = [option(code, texts, float(score)) for code, texts, score in INJURY]
    return [
        item("audit-intro", "display", STANDARD_DRINK),
        item(
            "audit-1",
            "choice",
            (
                "Kuinka usein juot olutta, viiniä tai muita alkoholijuomia? Ota mukaan myös ne kerrat, "
                "jolloin nautit vain pieniä määriä, esimerkiksi pullon keskiolutta tai tilkan viiniä.",
                "Hur ofta dricker du öl, vin eller andra alkoholdrycker? Räkna också med de gånger då du "
                "dricker bara små mängder, till exempel en flaska mellanöl eller en skvätt vin.",
                "How often do you have a drink containing alcohol? Count also the times when you have only "
                "a little, for example a bottle of medium-strength beer or a drop of wine.",
            ),
            required=True,
            options=how_often,
        ),
        item(
            "audit-2",
            "choice",
            (
                "Kuinka monta annosta alkoholia yleensä olet ottanut niinä päivinä, jolloin käytit alkoholia?",
                "Hur många portioner alkohol dricker du vanligtvis de dagar då du dricker alkohol?",
                "How many drinks containing alcohol do you have on a typical day when you are drinking?",
            ),
            required=True,
            options=amount,
            enable_when=drinking,
        ),
        item(
            "audit-3",
            "choice",
            (
                "Kuinka usein olet juonut kerralla kuusi tai useampia annoksia?",
                "Hur ofta dricker du sex portioner eller mer vid samma tillfälle?",
                "How often do you have six or more drinks on one occasion?",
            ),
            required=True,
            options=_scale(FREQUENCY),
            enable_when=drinking,
        ),
        *[
            item(link, "choice", texts, required=True, options=_scale(FREQUENCY), enable_when=drinking)
            for link, texts in last_year
        ],
        item(
            "audit-9",
            "choice",
            (
                "Oletko itse tai onko joku muu satuttanut tai loukannut itseään sinun alkoholinkäyttösi "
                "seurauksena?",
                "Har du själv eller någon annan skadats till följd av ditt drickande?",
                "Have you or someone else been injured as a result of your drinking?",
            ),
            required=True,
            options=injury,
        ),
        item(
            "audit-10",
            "choice",
            (
                "Onko joku läheisesi tai ystäväsi, lääkäri tai muu terveydenhuollon työntekijä ollut "
                "huolissaan alkoholinkäytöstäsi tai ehdottanut, että vähentäisit juomista?",
                "Har en släkting eller vän, en läkare eller någon annan inom hälso- och sjukvården varit "
                "orolig över ditt drickande eller föreslagit att du ska minska på det?",
                "Has a relative or friend or a doctor or another health worker been concerned about your "
                "drinking or suggested you cut down?",
            ),
            required=True,
            options=[option(code, texts, float(score)) for code, texts, score in INJURY],
        ),
    ]


def phq2_items() -> list[dict]:
    scale = _scale(
        (
            ("0", ("Ei lainkaan", "Inte alls", "Not at all")),
            ("1", ("Useina päivinä", "Flera dagar", "Several days")),
            ("2", ("Suurimpana osana päivistä", "Mer än hälften av dagarna", "More than half the days")),
            ("3", ("Lähes joka päivä", "Nästan varje dag", "Nearly every day")),
        )
    )
    return [
        item(
            "phq-intro",
            "display",
            (
                "Kuinka usein viimeisen kahden viikon aikana seuraavat ongelmat ovat vaivanneet sinua?",
                "Hur ofta under de senaste två veckorna har du besvärats av följande?",
                "Over the last two weeks, how often have you been bothered by the following?",
            ),
        ),
        item(
            "phq-1",
            "choice",
            (
                "Vähäinen kiinnostus tai mielihyvä asioiden tekemiseen",
                "Litet intresse eller glädje av att göra saker",
                "Little interest or pleasure in doing things",
            ),
            required=True,
            options=scale,
        ),
        item(
            "phq-2",
            "choice",
            (
                "Alakuloisuus, masentuneisuus tai toivottomuus",
                "Att du känt dig nedstämd, deprimerad eller hopplös",
                "Feeling down, depressed or hopeless",
            ),
            required=True,
            options=scale,
        ),
    ]


def findrisc_items() -> list[dict]:
    def yes_no(yes: float, no: float) -> list[dict]:
        return [option("no", ("Ei", "Nej", "No"), no), option("yes", ("Kyllä", "Ja", "Yes"), yes)]

    return [
        item(
            "findrisc-sex",
            "choice",
            ("Sukupuoli", "Kön", "Sex"),
            required=True,
            options=[
                option("female", ("Nainen", "Kvinna", "Female")),
                option("male", ("Mies", "Man", "Male")),
            ],
        ),
        item(
            "findrisc-age",
            "choice",
            ("Ikä", "Ålder", "Age"),
            required=True,
            options=[
                option("under45", ("Alle 45 vuotta", "Under 45 år", "Under 45 years"), 0),
                option("45-54", ("45–54 vuotta", "45–54 år", "45–54 years"), 2),
                option("55-64", ("55–64 vuotta", "55–64 år", "55–64 years"), 3),
                option("over64", ("Yli 64 vuotta", "Över 64 år", "Over 64 years"), 4),
            ],
        ),
        item(
            "findrisc-height",
            "decimal",
            ("Pituus (cm)", "Längd (cm)", "Height (cm)"),
            required=True,
            min_value=100,
            max_value=230,
        ),
        item(
            "findrisc-weight",
            "decimal",
            ("Paino (kg)", "Vikt (kg)", "Weight (kg)"),
            required=True,
            min_value=30,
            max_value=300,
        ),
        item(
            "findrisc-waist",
            "decimal",
            (
                "Vyötärönympärys navan kohdalta (cm)",
                "Midjemått vid naveln (cm)",
                "Waist circumference at the navel (cm)",
            ),
            required=True,
            min_value=40,
            max_value=250,
        ),
        item(
            "findrisc-activity",
            "choice",
            (
                "Sisältyykö päivittäiseen ohjelmaasi vähintään 30 minuuttia liikuntaa "
                "työssä tai vapaa-aikana (myös arkiliikunta)?",
                "Motionerar du minst 30 minuter varje dag på jobbet eller på fritiden (också vardagsmotion)?",
                "Do you usually have at least 30 minutes of physical activity at work "
                "or in leisure time (including daily activity)?",
            ),
            required=True,
            options=[option("yes", ("Kyllä", "Ja", "Yes"), 0), option("no", ("Ei", "Nej", "No"), 2)],
        ),
        item(
            "findrisc-vegetables",
            "choice",
            (
                "Kuinka usein syöt kasviksia, hedelmiä tai marjoja?",
                "Hur ofta äter du grönsaker, frukt eller bär?",
                "How often do you eat vegetables, fruit or berries?",
            ),
            required=True,
            options=[
                option("daily", ("Päivittäin", "Varje dag", "Every day"), 0),
                option("less", ("Harvemmin", "Mer sällan", "Not every day"), 1),
            ],
        ),
        item(
            "findrisc-bp-medication",
            "choice",
            (
                "Onko sinulla joskus ollut säännöllisesti käytössä verenpainelääkitys?",
                "Har du någon gång regelbundet använt blodtrycksmedicin?",
                "Have you ever taken medication for high blood pressure regularly?",
            ),
            required=True,
            options=yes_no(2, 0),
        ),
        item(
            "findrisc-high-glucose",
            "choice",
            (
                "Onko verensokerisi joskus todettu olevan koholla (esimerkiksi "
                "terveystarkastuksessa, sairauden tai raskauden aikana)?",
                "Har du någon gång haft förhöjt blodsocker (t.ex. vid en "
                "hälsokontroll, sjukdom eller graviditet)?",
                "Have you ever been found to have high blood glucose (e.g. in a "
                "health examination, during an illness or pregnancy)?",
            ),
            required=True,
            options=yes_no(5, 0),
        ),
        item(
            "findrisc-family",
            "choice",
            (
                "Onko perheenjäsenilläsi tai sukulaisillasi todettu diabetes (tyyppi 1 tai 2)?",
                "Har någon i din familj eller släkt fått diagnosen diabetes (typ 1 eller 2)?",
                "Have any members of your family or relatives been diagnosed with diabetes (type 1 or 2)?",
            ),
            required=True,
            options=[
                option("no", ("Ei", "Nej", "No"), 0),
                option(
                    "relatives",
                    (
                        "Kyllä: isovanhemmilla, vanhempien sisaruksilla tai serkuilla",
                        "Ja: mor- eller farföräldrar, föräldrars syskon eller kusiner",
                        "Yes: grandparent, aunt, uncle or first cousin",
                    ),
                    3,
                ),
                option(
                    "close",
                    (
                        "Kyllä: isällä, äidillä, sisaruksilla tai omilla lapsilla",
                        "Ja: förälder, syskon eller eget barn",
                        "Yes: parent, brother, sister or own child",
                    ),
                    5,
                ),
            ],
        ),
    ]
