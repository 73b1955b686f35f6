from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luukku.directory.models import LANGUAGES
from luukku.registry.municipalities import KANTA_HAME
from luukku.web.forms import CheckedForm
from luukku.web.validation import max_length

from . import services
from .models import Provider, VoucherService

UNITS = {"min_value": Decimal("0.25"), "max_value": Decimal("999"), "max_digits": 6, "decimal_places": 2}


def _cents(euros: Decimal | None) -> int | None:
    return None if euros is None else int(euros * 100)


class ServiceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: VoucherService) -> str:
        return obj.local_name


class GrantForm(CheckedForm):
    service = ServiceChoice(
        label=_("Service"), queryset=VoucherService.objects.filter(active=True), to_field_name="code"
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    units_per_month = forms.DecimalField(label=_("Granted amount a month (units)"), **UNITS)
    household_size = forms.IntegerField(
        label=_("Persons in the household (income-related vouchers)"),
        min_value=1,
        max_value=20,
        required=False,
    )
    monthly_income = forms.DecimalField(
        label=_("Household's gross income a month, euros (income-related vouchers)"),
        min_value=0,
        max_value=Decimal("99999.99"),
        decimal_places=2,
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        data["monthly_income_cents"] = _cents(data.pop("monthly_income", None))
        return data


class RejectForm(CheckedForm):
    service = ServiceChoice(label=_("Service"), queryset=VoucherService.objects.all(), to_field_name="code")
    reason = forms.CharField(label=_("Reasons"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ChooseForm(CheckedForm):
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.filter(status=Provider.Status.APPROVED), to_field_name="public_id"
    )


class VoucherForm(CheckedForm):
    voucher = forms.UUIDField()


class RecordForm(CheckedForm):
    voucher = forms.UUIDField(widget=forms.HiddenInput)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    units = forms.DecimalField(label=_("Amount delivered (units)"), **UNITS)


class EventForm(CheckedForm):
    event = forms.UUIDField()


class MonthForm(CheckedForm):
    month = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)

    def clean_month(self) -> tuple[int, int]:
        value = self.cleaned_data["month"]
        try:
            year, month = (int(part) for part in value.split("-"))
        except ValueError:
            raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-10.")) from None
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-10."))
        return year, month


class ProviderReviewForm(CheckedForm):
    provider = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reasons"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ApplicationForm(CheckedForm):
    name = forms.CharField(label=_("Name of the organisation"), max_length=max_length(Provider, "name"))
    business_id = forms.CharField(label=_("Business ID (Y-tunnus)"), max_length=12)
    iban = forms.CharField(label=_("Account for payments (IBAN)"), max_length=42)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    description = forms.CharField(
        label=_("Service description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    service = ServiceChoice(
        label=_("Service"), queryset=VoucherService.objects.filter(active=True), to_field_name="code"
    )
    price = forms.DecimalField(
        label=_("Price per unit, euros"), min_value=Decimal("0.01"), max_value=9999, decimal_places=2
    )
    capacity = forms.IntegerField(label=_("Clients at a time"), min_value=1, max_value=10000)
    languages = forms.MultipleChoiceField(
        label=_("Languages of service"), choices=list(LANGUAGES.items()), widget=forms.CheckboxSelectMultiple
    )
    areas = forms.MultipleChoiceField(
        label=_("Municipalities served"),
        choices=[(m.code, m.name_fi) for m in KANTA_HAME],
        widget=forms.CheckboxSelectMultiple,
    )
    registered = forms.BooleanField(label=_("We are entered in the register of private service providers"))
    insured = forms.BooleanField(label=_("Our patient and liability insurance is in force"))
    tax_certificate = forms.BooleanField(
        label=_("We are in the prepayment register and have no tax debt (certificate attached on request)")
    )
    self_monitoring_plan = forms.BooleanField(label=_("Our self-monitoring plan is published"))

    def clean_business_id(self) -> str:
        return services.clean_business_id(self.cleaned_data["business_id"])

    def clean_iban(self) -> tuple[str, str]:
        return services.clean_iban(self.cleaned_data["iban"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("price") is not None:
            data["price_cents"] = _cents(data.pop("price"))
        return data
