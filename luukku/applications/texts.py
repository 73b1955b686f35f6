"""Decision templates: the body by outcome, and the appeal instructions (oikaisuvaatimusohje), in the
recipient's language. Fixed legal texts are kept per language here (not in gettext) because a decision
is written in the language of the client (Language Act 423/2003 § 10), not the handler's UI language.

Appeal: a decision of social welfare may be challenged by a request for an administrative review
(oikaisuvaatimus) within 30 days of notification (Social Welfare Act 1301/2014 § 48; Administrative
Procedure Act 434/2003 chapter 7 a, § 49 a-49 c). An electronic notification is deemed received on the
third day after it was sent unless shown otherwise (Act 434/2003 § 59; Act 13/2003 § 19).
"""

LANGUAGES = ("fi", "sv", "en")

BODIES = {
    "granted": (
        "Hakemuksesta {reference} on tehty päätös: {service} myönnetään "
        "palvelutarpeen arvioinnin perusteella.",
        "Beslut i ansökan {reference}: {service} beviljas på grundval av bedömningen av servicebehovet.",
        "Decision on application {reference}: {service} is granted "
        "on the basis of the service-need assessment.",
    ),
    "partly": (
        "Hakemuksesta {reference} on tehty päätös: {service} myönnetään osittain. Perustelut alla.",
        "Beslut i ansökan {reference}: {service} beviljas delvis. Motiveringen nedan.",
        "Decision on application {reference}: {service} is partly granted. The reasons are below.",
    ),
    "refused": (
        "Hakemuksesta {reference} on tehty päätös: {service} ei myönnetä. Perustelut alla.",
        "Beslut i ansökan {reference}: {service} beviljas inte. Motiveringen nedan.",
        "Decision on application {reference}: {service} is not granted. The reasons are below.",
    ),
}

APPEAL = (
    "OIKAISUVAATIMUSOHJE. Jos olet tyytymätön päätökseen, voit hakea siihen oikaisua 30 päivän kuluessa "
    "päätöksen tiedoksisaannista (sosiaalihuoltolaki 1301/2014 48 §, hallintolaki 434/2003 7 a luku). "
    "Oikaisuvaatimus tehdään kirjallisesti Kanta-Hämeen hyvinvointialueen yksilöasioiden jaostolle. "
    "Ilmoita vaatimuksessa päätös, johon haet oikaisua, miten haluat sitä muutettavan ja millä perusteella, "
    "sekä nimesi ja yhteystietosi. Sähköisesti lähetetyn päätöksen katsotaan tulleen tiedoksi kolmantena "
    "päivänä sen lähettämisestä (hallintolaki 59 §). Päätökseen ei saa hakea muutosta valittamalla "
    "hallinto-oikeuteen ennen oikaisuvaatimusta.",
    "ANVISNING OM BEGÄRAN OM OMPRÖVNING. Om du är missnöjd med beslutet kan du begära omprövning inom 30 "
    "dagar från delfåendet (socialvårdslagen 1301/2014 48 §, förvaltningslagen 434/2003 7 a kap.). "
    "Begäran görs skriftligen till Egentliga Tavastlands välfärdsområdes sektion för individärenden. "
    "Ange beslutet, hur du vill att det ändras och varför, samt ditt namn och dina kontaktuppgifter. Ett "
    "elektroniskt sänt beslut anses ha delgetts den tredje dagen efter att det sändes (förvaltningslagen "
    "59 §). Beslutet får inte överklagas hos förvaltningsdomstolen innan omprövning har begärts.",
    "INSTRUCTIONS FOR A REQUEST FOR AN ADMINISTRATIVE REVIEW. If you are not satisfied with the decision, "
    "you may request a review within 30 days of being notified of it (Social Welfare Act 1301/2014 § 48, "
    "Administrative Procedure Act 434/2003 chapter 7 a). Send the request in writing to the individual "
    "matters section of the Kanta-Häme wellbeing services county. State the decision, how you want it "
    "changed and why, and your name and contact details. A decision sent electronically is deemed "
    "received on the third day after it was sent (Act 434/2003 § 59). The decision cannot be appealed to "
    "the administrative court before a review has been requested.",
)

SERVICE_DEADLINE = (
    "Myönnetty palvelu järjestetään viipymättä ja viimeistään {due} (vanhuspalvelulaki 980/2012 18 §).",
    "Den beviljade tjänsten ordnas utan dröjsmål och senast {due} (äldreomsorgslagen 980/2012 18 §).",
    "The service granted is provided without delay and at the latest on {due} "
    "(Elderly Services Act 980/2012 § 18).",
)
HEADINGS = {
    "title": ("Päätös", "Beslut", "Decision"),
    "basis": ("Sovelletut oikeusohjeet", "Tillämpade rättsregler", "Legal basis"),
    "sender": (
        "Kanta-Hämeen hyvinvointialue, sosiaalipalvelut",
        "Egentliga Tavastlands välfärdsområde, socialtjänster",
        "Kanta-Häme wellbeing services county, social services",
    ),
    "decided_by": ("Päätöksen tekijä", "Beslutsfattare", "Decided by"),
    "signature": (
        "Päätös on allekirjoitettu sähköisesti (PAdES).",
        "Beslutet är elektroniskt undertecknat (PAdES).",
        "The decision is signed electronically (PAdES).",
    ),
}


def index(language: str) -> int:
    return {"fi": 0, "sv": 1}.get(language, 2)
