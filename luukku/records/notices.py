"""Privacy notices (GDPR art. 13 and 14) per register, generated from the retention schedule.

What the schedule does not know (purposes, legal bases of processing, categories of data, recipients,
sources) is written here once per register, as English msgids translated to Finnish and Swedish.
The retention part of each notice is the register's lines of the schedule, so the notice changes when
the records officer changes the schedule.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import RecordClass, Register


@dataclass(frozen=True)
class RegisterInfo:
    key: str
    purposes: tuple[Promise, ...]
    legal_bases: tuple[Promise, ...]
    categories: tuple[Promise, ...]
    recipients: tuple[Promise, ...]
    sources: tuple[Promise, ...]


HEALTH_RECIPIENTS = _(
    "Kanta services (Kela) for the national patient data repository; other health care providers with "
    "your consent or by law (Client Data Act 703/2023)"
)

REGISTERS: dict[str, RegisterInfo] = {
    Register.PATIENT: RegisterInfo(
        Register.PATIENT,
        (
            _("Arranging, planning and giving health care"),
            _(
                "Appointments, pre-information forms, "
                "symptom assessments, chat and care paths in the e-services"
            ),
        ),
        (
            _(
                "A legal obligation (GDPR art. 6(1)(c)) and health care under art. 9(2)(h): Patient Act "
                "785/1992, Health Care Act 1326/2010, Client Data Act 703/2023"
            ),
        ),
        (
            _("Identity and contact details"),
            _("Health data: reasons for contact, answers to forms, care plans, messages"),
        ),
        (HEALTH_RECIPIENTS,),
        (
            _("You, your guardian or representative"),
            _("The population information system (DVV)"),
            _("Professionals treating you"),
        ),
    ),
    Register.SOCIAL: RegisterInfo(
        Register.SOCIAL,
        (
            _("Arranging and giving social welfare services"),
            _("Applications, service needs assessments, decisions and messages"),
        ),
        (
            _(
                "A legal obligation (GDPR art. 6(1)(c)) and social care under art. 9(2)(h): Social Welfare "
                "Act 1301/2014, Social Client Act 812/2000, Client Data Act 703/2023"
            ),
        ),
        (
            _("Identity and contact details"),
            _("Social welfare client data: service needs, decisions, messages"),
        ),
        (
            _(
                "Kanta's social welfare client data archive (Kela); service providers carrying out your "
                "service; other authorities only by law"
            ),
        ),
        (
            _("You, your guardian or representative"),
            _("The population information system (DVV)"),
            _("Other authorities by law"),
        ),
    ),
    Register.FEES: RegisterInfo(
        Register.FEES,
        (_("Determining, invoicing and collecting client fees"),),
        (_("A legal obligation (GDPR art. 6(1)(c)): Client Fees Act 734/1992, Accounting Act 1336/1997"),),
        (_("Identity and contact details"), _("Fees, invoices and payments")),
        (_("The payment service (Suomi.fi Payments, DVV) and the bank you pay through"),),
        (_("The services you used"), _("The population information system (DVV)")),
    ),
    Register.FEEDBACK: RegisterInfo(
        Register.FEEDBACK,
        (_("Handling feedback, reminders and complaints and improving the services"),),
        (
            _(
                "A legal obligation (GDPR art. 6(1)(c)): Patient Act 785/1992 § 10, Social Client Act "
                "812/2000 § 23; public interest (art. 6(1)(e)) for free-form feedback"
            ),
        ),
        (_("Contact details if you give them"), _("The feedback and its handling")),
        (_("The unit the feedback concerns; supervisory authorities if you complain to them"),),
        (_("You or your representative"),),
    ),
    Register.ESERVICES: RegisterInfo(
        Register.ESERVICES,
        (_("Running the e-services: signing in, messages, contact requests and the work queue"),),
        (
            _(
                "Performing a task in the public interest (GDPR art. 6(1)(e)): Act on Electronic Services "
                "in Public Administration 13/2003, Information Management Act 906/2019"
            ),
        ),
        (_("Identity and contact details"), _("Messages and contact requests"), _("Log data")),
        (_("Suomi.fi Messages (DVV) when you have taken them into use"),),
        (_("You"), _("Suomi.fi identification (DVV)")),
    ),
}

RIGHTS = (
    _("Access to your data (GDPR art. 15)"),
    _("Rectification of inaccurate data (art. 16)"),
    _("Restriction of processing (art. 18)"),
    _("Objection, where processing is based on public interest (art. 21)"),
    _("Erasure is not available for client records the law obliges us to keep (art. 17(3)(b))"),
    _("Knowing who has looked at your data (Client Data Act 703/2023)"),
)


def register_name(key: str) -> str:
    return str(Register(key).label)


def notice(key: str) -> dict:
    """Everything a privacy notice shows for one register."""
    info = REGISTERS[key]
    return {
        "key": key,
        "name": register_name(key),
        "controller": settings.LUUKKU_CONTROLLER,
        "info": info,
        "rights": RIGHTS,
        "classes": [
            {
                "record_class": c,
                # seeded in English (schedule.py, gettext_noop): shown in the reader's language
                "start": gettext(c.retention_start),
                "basis": gettext(c.legal_basis),
            }
            for c in RecordClass.objects.filter(register=key).order_by("code")
        ],
    }


def registers() -> list[dict]:
    return [{"key": key, "name": register_name(key)} for key in REGISTERS]
