"""Knowledge management for managers: indicator tables and charts, CSV/XLSX downloads; the desk's
"log a contact" action."""

import csv
import io

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from luukku.identity.decorators import professional_required
from luukku.web.forms import Action, run_action
from luukku.web.routes import Audience, route

from . import charts, indicators, services
from .forms import CHANNEL_LABELS, ContactForm, FilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest) -> tuple[FilterForm, indicators.Filters | None, list]:
    units = services.require_manager(request.user)
    form = FilterForm(request.GET or {"yksikko": units[0].code}, units)
    if not form.is_valid():
        return form, None, units
    data = form.cleaned_data
    grain = data["grain"] or "month"
    if data["kausi"]:
        grain, start, end = data["kausi"]
    else:
        start, end = indicators.span(grain, timezone.localdate())
    filters = indicators.Filters(
        grain=grain,
        start=start,
        end=end,
        unit=data["yksikko"] or units[0].code,
        channel=data["kanava"] or None,
        age_group=data["ryhma"] or None,
        by=data["jako"] or None,
    )
    return form, filters, units


def _for(indicator: indicators.Indicator, filters: indicators.Filters) -> indicators.Filters:
    if filters.by is not None or indicator.default_by is None:
        return filters
    return indicators.Filters(**{**filters.__dict__, "by": indicator.default_by})


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, filters, _units = _filters(request)
    tables = []
    if filters is not None:
        for indicator in indicators.INDICATORS:
            table = services.table(indicator, _for(indicator, filters))
            tables.append(charts.presented(table))
    return render(
        request,
        "insight/dashboard.html",
        {"form": form, "tables": tables, "loaded": services.last_loaded(), "query": request.GET.urlencode()},
        status=400 if filters is None else 200,
    )


def _download(request: HttpRequest, key: str) -> tuple[list[str], list[list], str]:
    indicator = indicators.BY_KEY.get(key)
    if indicator is None:
        raise Http404
    _form, filters, _units = _filters(request)
    if filters is None:
        raise BadRequest(_("Check the filters."))
    shown = charts.presented(services.table(indicator, _for(indicator, filters)))
    return shown.headers, shown.body, f"{key}-{filters.grain}"


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def download_csv(request: HttpRequest, key: str) -> HttpResponse:
    headers, body, name = _download(request, key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows(body)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def download_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    from openpyxl import Workbook

    headers, body, name = _download(request, key)
    book = Workbook()
    sheet = book.active
    sheet.title = key[:31]
    sheet.append(headers)
    for row in body:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@route(Audience.PROFESSIONAL, "none")
@professional_required
@require_GET
def workforce(request: HttpRequest) -> HttpResponse:
    units = services.require_manager(request.user)
    found = services.workforce(units)
    names = {u.code: u.local_name for u in units}
    rows = [
        {
            "unit": names.get(f.unit, f.unit),
            "service": f.service,
            "mape": f.backtest_mape,
            "cells": list(zip(f.demand, f.staff_hours, strict=True)),
        }
        for f in found
    ]
    return render(request, "insight/workforce.html", {"rows": rows, "weeks": found[0].weeks if found else []})


@route(Audience.PROFESSIONAL, "none")
@professional_required
def log_contact(request: HttpRequest) -> HttpResponse:
    units = services.contact_units(request.user)
    if not units:
        raise PermissionDenied(_("You do no client work in any unit."))
    form = ContactForm(None, units)
    if request.method == "POST":
        form, done = run_action(
            request,
            {
                "log": Action(
                    lambda post: ContactForm(post, units),
                    lambda data: services.log_contact(
                        request.user, data["unit"], data["channel"], data["topic"]
                    ),
                    lambda logged: (
                        _("The %(channel)s contact was logged.")
                        % {"channel": CHANNEL_LABELS[logged.channel].lower()}
                    ),
                ),
            },
        )
        if done is not None:
            return redirect("insight:log_contact")
    return render(request, "insight/log_contact.html", {"form": form}, status=400 if form.errors else 200)
