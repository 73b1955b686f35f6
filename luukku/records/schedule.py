"""The county's retention schedule as seeded (the records officer edits it in the admin afterwards).

Codes follow the task classification of JHS 191 / the Association of Finnish Municipalities
(00 administration, 02 finance, 05 social services, 06 health care, 07 information management); the
third level is the county's own. Periods and their sources:

- Social welfare client documents: the Act on the Processing of Client Data in Healthcare and Social
  Welfare 703/2023, annex (retention periods of social welfare client documents, in force 1.1.2024 and
  applied retroactively), as tabled by the National Archives ("Sosiaalihuollon asiakasasiakirjojen
  säilytysajat"): services for older people 10 years from closing the matter; services for families
  with children 30 years from closing; services for people of working age 10 years; disability
  services 10 years from closing the last matter once the need has ended; the client relationship
  document and the client's basic data 2 years from the client's death; vouchers 3 years.
- Patient documents: Ministry of Social Affairs and Health decree on patient documents 94/2022
  (replacing 298/2009), annex: as a rule 12 years from the patient's death or, when that is not known,
  120 years from birth; documents kept for a fixed time from their creation 12 years. Luukku holds
  e-service copies (bookings, forms, chats) whose master copy is in the patient record; the county
  keeps its copies 12 years from the service event (its own decision under the Information Management
  Act 906/2019 § 19, to be confirmed by the county's archive).
- Accounting vouchers (client fee invoices): Accounting Act 1336/1997 ch. 2 § 10, six years from the
  end of the year of the financial period.
- Documents the law does not time (feedback, e-service messages, work queue items): the county's
  information management plan (906/2019 § 19), periods chosen here and marked so.

Secrecy: client documents of social and health care are secret under the Act on the Openness of
Government Activities 621/1999 § 24(1)(25) and the Client Data Act 703/2023 § 14.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_

CLIENT_CONFIDENTIALITY = "621/1999 § 24(1)(25); 703/2023 § 14"


@dataclass(frozen=True)
class Line:
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    register: str
    years: int | None
    start: str
    basis: str
    disposal: str = "destroy"
    publicity: str = "secret"
    ground: str = CLIENT_CONFIDENTIALITY
    personal_data: bool = True
    from_year_end: bool = False


SCHEDULE: tuple[Line, ...] = (
    Line(
        "02.05.01",
        "Asiakasmaksulaskut",
        "Klientavgiftsfakturor",
        "Client fee invoices",
        "fees",
        6,
        N_("the end of the year the invoice fell due"),
        N_("Accounting Act 1336/1997 ch. 2 § 10"),
        from_year_end=True,
    ),
    Line(
        "05.00.01",
        "Sosiaalihuollon asiakkuusasiakirja ja asiakkaan perustiedot",
        "Klientrelationshandling och basuppgifter om klienten",
        "Social welfare client relationship document and the client's basic data",
        "social",
        2,
        N_("the client's death"),
        N_("Client Data Act 703/2023, annex"),
    ),
    Line(
        "05.01.01",
        "Iäkkäiden palvelutehtävä",
        "Serviceuppgift för äldre",
        "Services for older people",
        "social",
        10,
        N_("closing the matter"),
        N_("Client Data Act 703/2023, annex"),
        disposal="archive",
    ),
    Line(
        "05.01.02",
        "Sosiaalihuollon sähköinen asiointi (viestit)",
        "Elektronisk ärendehantering inom socialvården (meddelanden)",
        "Social welfare e-service messages",
        "social",
        10,
        N_("the last message of the thread"),
        N_(
            "Client Data Act 703/2023, annex (as the service task's documents); transferred to Kanta's "
            "social welfare client data archive"
        ),
        disposal="archive",
    ),
    Line(
        "05.02.01",
        "Lapsiperheiden palvelutehtävä",
        "Serviceuppgift för barnfamiljer",
        "Services for families with children",
        "social",
        30,
        N_("closing the matter"),
        N_("Client Data Act 703/2023, annex"),
        disposal="archive",
    ),
    Line(
        "05.03.01",
        "Vammaispalvelujen palvelutehtävä",
        "Serviceuppgift inom funktionshinderservicen",
        "Disability services",
        "social",
        10,
        N_("closing the last matter once the need has ended"),
        N_("Client Data Act 703/2023, annex"),
        disposal="archive",
    ),
    Line(
        "05.04.01",
        "Työikäisten palvelutehtävä",
        "Serviceuppgift för personer i arbetsför ålder",
        "Services for people of working age",
        "social",
        10,
        N_("closing the matter"),
        N_("Client Data Act 703/2023, annex"),
    ),
    Line(
        "06.00.01",
        "Potilaskertomus ja keskeiset hoitotiedot",
        "Patientjournal och centrala vårduppgifter",
        "Patient record and core care data",
        "patient",
        None,
        N_("kept in the patient record (EHR): 12 years from death or 120 years from birth"),
        N_("STM decree on patient documents 94/2022, annex; not kept in Luukku"),
    ),
    Line(
        "06.01.01",
        "Ajanvaraukset",
        "Tidsbokningar",
        "Appointment bookings",
        "patient",
        12,
        N_("the appointment"),
        N_("STM decree 94/2022, annex; county decision (906/2019 § 19) for e-service copies"),
    ),
    Line(
        "06.01.02",
        "Esitietolomakkeet ja vastaukset",
        "Förhandsformulär och svar",
        "Pre-information forms and answers",
        "patient",
        12,
        N_("sending the answers"),
        N_("STM decree 94/2022, annex; county decision (906/2019 § 19)"),
    ),
    Line(
        "06.01.03",
        "Oirearviot",
        "Symptombedömningar",
        "Symptom assessments",
        "patient",
        12,
        N_("the assessment"),
        N_("STM decree 94/2022, annex; county decision (906/2019 § 19)"),
    ),
    Line(
        "06.01.04",
        "Chat-keskustelut",
        "Chattsamtal",
        "Chat conversations",
        "patient",
        12,
        N_("closing the conversation"),
        N_("STM decree 94/2022, annex; the summary is in the patient record"),
    ),
    Line(
        "06.01.05",
        "Hoitopolut ja hoitosuunnitelmat",
        "Vårdstigar och vårdplaner",
        "Care paths and care plans",
        "patient",
        12,
        N_("the end of the path"),
        N_("STM decree 94/2022, annex; county decision (906/2019 § 19)"),
    ),
    Line(
        "06.01.06",
        "Terveydenhuollon sähköisen asioinnin viestit",
        "Meddelanden i hälso- och sjukvårdens e-tjänst",
        "Health care e-service messages",
        "patient",
        12,
        N_("the last message of the thread"),
        N_("STM decree 94/2022, annex; county decision (906/2019 § 19)"),
    ),
    Line(
        "00.03.01",
        "Palautteet ja muistutukset",
        "Respons och anmärkningar",
        "Feedback and complaints",
        "feedback",
        10,
        N_("the reply"),
        N_(
            "Patient Act 785/1992 § 10 and Social Client Act 812/2000 § 23 (kept apart from client records); "
            "county decision (906/2019 § 19)"
        ),
    ),
    Line(
        "07.01.01",
        "Työjonon tehtävät",
        "Uppgifter i arbetskön",
        "Work queue items",
        "eservices",
        5,
        N_("finishing the item"),
        N_("County decision (Information Management Act 906/2019 § 19)"),
    ),
    Line(
        "07.01.02",
        "Yhteydenottopyynnöt palveluhakemistosta",
        "Kontaktbegäranden från servicekatalogen",
        "Contact requests from the service directory",
        "eservices",
        2,
        N_("handling the request"),
        N_("County decision (Information Management Act 906/2019 § 19)"),
    ),
    Line(
        "07.02.01",
        "Tiedonohjaussuunnitelma",
        "Informationsstyrningsplan",
        "Information management plan",
        "eservices",
        None,
        N_("being replaced by a new version"),
        N_("Information Management Act 906/2019 § 19"),
        disposal="archive",
        publicity="public",
        ground="",
        personal_data=False,
    ),
)


def seed_schedule() -> str:
    """Create the schedule's lines that are missing (an edited line is left as the officer left it)."""
    from .models import RecordClass

    created = 0
    for line in SCHEDULE:
        _obj, made = RecordClass.objects.get_or_create(
            code=line.code,
            defaults={
                "name_fi": line.name_fi,
                "name_sv": line.name_sv,
                "name_en": line.name_en,
                "register": line.register,
                "retention_years": line.years,
                "retention_start": line.start,
                "counted_from_year_end": line.from_year_end,
                "legal_basis": line.basis,
                "publicity": line.publicity,
                "secrecy_ground": line.ground,
                "personal_data": line.personal_data,
                "disposal": line.disposal,
            },
        )
        created += made
    return f"{len(SCHEDULE)} classes ({created} new)"
