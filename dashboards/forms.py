"""The dashboard filter (facility, queue, from, to, model version): one parser for the pages, the CSV
export and the JSON metrics API, so the three accept and refuse the same things.

Dates are calendar days in UTC (the metrics bucket by UTC hours, days and ISO weeks): the period is
[from 00:00 UTC, the day after `to` 00:00 UTC). Default: the last 28 days, today included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import QueryDict
from django.utils import timezone

from dashboards import selectors
from dashboards.filters import Filters
from queues.models import Facility, Queue

DEFAULT_DAYS = 28
MAX_DAYS = 731  # two years: enough for month-by-month model checks, bounded for the database
EARLIEST = date(2000, 1, 1)
FIELDS = ("facility", "queue", "from", "to", "model_version")


class FilterInvalid(Exception):
    """Bad filter values: each bad field with its message (a 400)."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


class FilterForbidden(Exception):
    """A filter value the user may not read (a facility or queue where they do not manage the
    workflow): a 403, as asking for the workflow there directly would be."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class Resolved:
    """A valid filter: the metrics' Filters plus what the page, the audit record and the API echo."""

    filters: Filters
    facilities: list[Facility]
    queues: list[Queue]
    start_day: date
    end_day: date
    form: FilterForm
    echo: dict[str, Any] = field(default_factory=dict)


class FilterForm(forms.Form):
    """Bound to the query string; the choices are the user's (facilities managed for the workflow,
    that workflow's queues there, the stored model versions). Field names are the query parameters."""

    def __init__(
        self, data: QueryDict | dict[str, Any], *, facilities: list[Facility], queues: list[Queue], versions: list[str]
    ):
        super().__init__(data)
        today = timezone.now().astimezone(UTC).date()
        self.fields["facility"] = forms.ChoiceField(
            required=False, choices=[("", "All my facilities"), *((f.slug, f.name) for f in facilities)]
        )
        self.fields["queue"] = forms.ChoiceField(
            required=False, choices=[("", "All queues"), *((q.slug, q.name) for q in queues)]
        )
        self.fields["from"] = forms.DateField(
            required=False, label="From (UTC)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        )
        self.fields["to"] = forms.DateField(
            required=False, label="To (UTC)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        )
        self.fields["model_version"] = forms.ChoiceField(
            required=False, label="Model version", choices=[("", "All versions"), *((v, f"v{v}") for v in versions)]
        )
        self.today = today
        self.latest = today + timedelta(days=1)

    def clean_from(self) -> date | None:
        return self._in_range(self.cleaned_data.get("from"))

    def clean_to(self) -> date | None:
        return self._in_range(self.cleaned_data.get("to"))

    def _in_range(self, day: date | None) -> date | None:
        if day is not None and not (EARLIEST <= day <= self.latest):
            raise forms.ValidationError(f"must be between {EARLIEST.isoformat()} and {self.latest.isoformat()}")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if "from" in self.errors or "to" in self.errors:
            return data
        end = end or self.today
        start = start or (end - timedelta(days=DEFAULT_DAYS - 1))
        if start > end:
            self.add_error("from", "must be on or before `to`")
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("from", f"the period may be at most {MAX_DAYS} days")
        data["from"], data["to"] = start, end
        return data


def filters_parse(
    *, user: AbstractBaseUser | AnonymousUser, workflow: str, query: QueryDict | dict[str, Any]
) -> Resolved:
    """Validate the query string for `workflow` as this user sees it.

    Raises FilterInvalid (400: unknown facility or queue, bad or out-of-range dates, from > to, an
    unknown model version, a repeated parameter) or FilterForbidden (403: an existing facility or
    queue where the user does not manage the workflow). The caller has checked that the user
    manages the workflow somewhere."""
    managed = selectors.facilities_managed(user=user, workflow=workflow)
    managed_ids = [f.pk for f in managed]
    _single_values(query)
    raw_facility = _text(query, "facility")
    raw_queue = _text(query, "queue")
    if raw_facility and raw_facility not in {f.slug for f in managed} and "\x00" not in raw_facility:
        if selectors.facility_by_slug(slug=raw_facility) is not None:
            raise FilterForbidden("facility", f"You do not manage {workflow} at facility {raw_facility!r}.")
    queues = list(selectors.workflow_queues(workflow=workflow, facility_ids=managed_ids))
    if raw_queue and raw_queue not in {q.slug for q in queues} and "\x00" not in raw_queue:
        other = selectors.queue_by_slug(slug=raw_queue)
        if other is not None and other.facility_id not in managed_ids:
            raise FilterForbidden("queue", f"You do not manage {workflow} at the facility of queue {raw_queue!r}.")
    versions = selectors.model_versions(workflow=workflow, facility_ids=managed_ids)
    form = FilterForm(query, facilities=managed, queues=queues, versions=versions)
    if not form.is_valid():
        raise FilterInvalid(
            [{"field": name, "message": " ".join(str(m) for m in messages)} for name, messages in form.errors.items()]
        )
    data = form.cleaned_data
    facilities = [f for f in managed if f.slug == data["facility"]] if data["facility"] else managed
    chosen = [q for q in queues if q.slug == data["queue"]] if data["queue"] else []
    if chosen and chosen[0].facility_id not in {f.pk for f in facilities}:
        raise FilterInvalid([{"field": "queue", "message": "is not a queue of the chosen facility"}])
    start_day, end_day = data["from"], data["to"]
    filters = Filters(
        workflow=workflow,
        facility_ids=tuple(f.pk for f in facilities),
        start=datetime.combine(start_day, time.min, tzinfo=UTC),
        end=datetime.combine(end_day + timedelta(days=1), time.min, tzinfo=UTC),
        queue_ids=tuple(q.pk for q in chosen),
        model_version=data["model_version"] or "",
    )
    echo = {
        "facility": [f.slug for f in facilities],
        "queue": [q.slug for q in chosen],
        "from": start_day.isoformat(),
        "to": end_day.isoformat(),
        "model_version": data["model_version"] or "",
    }
    # the form as the page shows it: the dates the period really has (defaults filled in)
    shown = FilterForm(
        {
            "facility": data["facility"],
            "queue": data["queue"],
            "from": start_day.isoformat(),
            "to": end_day.isoformat(),
            "model_version": data["model_version"],
        },
        facilities=managed,
        queues=queues,
        versions=versions,
    )
    return Resolved(filters, facilities, chosen, start_day, end_day, shown, echo)


def _text(query: QueryDict | dict[str, Any], name: str) -> str:
    value = query.get(name, "")
    return value if isinstance(value, str) else ""


def _single_values(query: QueryDict | dict[str, Any]) -> None:
    if isinstance(query, QueryDict):
        repeated = [name for name in FIELDS if len(query.getlist(name)) > 1]
        if repeated:
            raise FilterInvalid([{"field": name, "message": "give it at most once"} for name in repeated])


def query_string(resolved: Resolved) -> str:
    """The filter as a query string for the CSV links, with explicit dates (so a link copied today
    still means the same period tomorrow); empty values left out."""
    from urllib.parse import urlencode

    params = {
        "facility": resolved.form.data["facility"],
        "queue": resolved.form.data["queue"],
        "from": resolved.start_day.isoformat(),
        "to": resolved.end_day.isoformat(),
        "model_version": resolved.filters.model_version,
    }
    return urlencode({k: v for k, v in params.items() if v})
