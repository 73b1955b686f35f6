"""An indicator table as shown: translated headers, formatted rows, and its chart as a Vega-Lite spec
(rendered in the browser by our own static copy of vega-embed; the table is the chart's text alternative)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import indicators
from .forms import BY_LABELS, CHANNEL_LABELS

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched


@dataclass(frozen=True)
class Presented:
    key: str
    title: str
    description: str
    headers: list[str]
    body: list[list]
    spec: dict
    empty: bool

    @property
    def spec_id(self) -> str:
        return f"chart-{self.key}"


def _group_label(by: str | None, value) -> str:
    if by == "channel":
        return str(CHANNEL_LABELS.get(value, value))
    return "–" if value in (None, "-") else str(value)


def presented(table: indicators.Table) -> Presented:
    indicator, filters = table.indicator, table.filters
    by = filters.by
    headers = [_("Period")]
    if by:
        headers.append(str(BY_LABELS[by]))
    headers += [str(m.label) for m in indicator.measures]
    body = []
    for row in table.rows:
        period = indicators.period_label(row[0], filters.grain)
        rest = list(row[1:])
        group = [_group_label(by, rest.pop(0))] if by else []
        body.append([period, *group, *rest])
    first = indicator.measures[0]
    values = [
        {"period": line[0], "group": line[1] if by else str(first.label), "value": line[2 if by else 1]}
        for line in body
    ]
    spec = {
        "$schema": VEGA_LITE_SCHEMA,
        "description": f"{indicator.title}: {first.label}",
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "title": _("Period"), "sort": None},
            "y": {"field": "value", "type": "quantitative", "title": str(first.label)},
            "color": {"field": "group", "type": "nominal", "title": str(BY_LABELS[by]) if by else None},
            **({"xOffset": {"field": "group"}} if by else {}),
        },
    }
    return Presented(
        indicator.key, str(indicator.title), str(indicator.description), headers, body, spec, not body
    )
