"""Model metrics of the manager dashboards (no-show, drift, latency, shadow agreement), in SQL.

Each metric is `(Filters) -> Table`, columns as in the metric catalog (see dashboards.registry).

How the SQL is built: the row selection (facilities, period, model version, the booked score of an
appointment, the label of a message) is an ORM queryset, so its joins, time zones and date parts
are Django's own for each database; `_inner` compiles it, and the statistics run over it as a CTE
of plain SQL that PostgreSQL and SQLite both speak (window functions, GROUP BY, LN). Python only
shapes the few aggregated rows that come back (rounding, month labels, the calibration line from
its five sums).

Which model a table covers follows the workflow: triage pages show the triage model (TriageScore),
scheduling pages the no-show model (NoShowScore); `Filters.facility_ids` are the facilities the
viewer manages *that* workflow at, so another workflow's model gets zero rows.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    IntegerField,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    MD5,
    Cast,
    Coalesce,
    Concat,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    Floor,
    Least,
    RowNumber,
    TruncWeek,
)
from django.db.models.lookups import GreaterThan

from dashboards.filters import Filters
from dashboards.metrics import sql as sql_helpers
from dashboards.tables import Table
from scheduling.models import Appointment, NoShowScore, SchedulingPolicy
from triage.models import TriageLabel, TriageScore
from vocabulary import CARE_LEVELS, URGENCY_CARE_LEVEL, URGENCY_RANK

OUTCOMES = (Appointment.Status.COMPLETED.value, Appointment.Status.NO_SHOW.value)
BINS = 10  # equal-width probability bins [k/10, (k+1)/10), the last one closed at 1.0
AGE_BANDS = ((18, "0-17"), (40, "18-39"), (65, "40-64"))  # (upper bound exclusive, label); then 65+
CASES_MAX = 500  # shadow_cases never returns more than this many
# A facility without a scheduling policy flags at the policy's default threshold.
DEFAULT_REMINDER_THRESHOLD = float(SchedulingPolicy._meta.get_field("reminder_threshold").get_default())
# Rationale keys that describe the rule or protocol, never the patient's words: "text", "term" and
# "span" quote or point into the message and stay out of the review sample.
RATIONALE_KEYS = (
    "kind",
    "rule",
    "urgency",
    "protocol",
    "protocol_title",
    "criterion",
    "criterion_text",
    "care_level",
    "source",
    "source_title",
    "source_url",
    "basis",
)
FACTOR_KEYS = ("factor", "effect", "feature", "weight")


# --- helpers ------------------------------------------------------------------------------------
def _compiled(qs: QuerySet[Any]) -> tuple[str, list[Any]]:
    """The queryset as SQL + params for a CTE (dashboards.metrics.sql.compile_qs), params as a list."""
    text, params = sql_helpers.compile_qs(qs)
    return text, list(params)


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _num(value: Any) -> float | None:
    """A SQL number as float (PostgreSQL numeric arrives as Decimal); NULL stays None."""
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal | int | float) else float(str(value))


def _round(value: Any, digits: int = 4) -> float | None:
    number = _num(value)
    return None if number is None else round(number, digits)


def _as_date(value: Any) -> date:
    """A truncated timestamp from a raw cursor (PostgreSQL: date/datetime; SQLite: text)."""
    parsed = sql_helpers.as_datetime(value.isoformat() if isinstance(value, date) else value)
    assert parsed is not None
    return parsed.date()


def _models(f: Filters) -> tuple[str, ...]:
    return {"triage": ("triage",), "scheduling": ("noshow",)}.get(f.workflow, ())


def _bin(field: str) -> Cast:
    """The equal-width bin 0..9 of a probability (1.0 falls in the last bin)."""
    return Cast(Least(Floor(F(field) * BINS), Value(BINS - 1)), IntegerField())


def _bin_label(k: int) -> str:
    return f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}"


def _month(field: str) -> Any:
    """yyyymm (UTC) as one integer: the same value on every database."""
    return ExtractYear(field, tzinfo=UTC) * 100 + ExtractMonth(field, tzinfo=UTC)


def _month_label(value: Any) -> str:
    yyyymm = int(value)
    return f"{yyyymm // 100:04d}-{yyyymm % 100:02d}"


# --- selections ---------------------------------------------------------------------------------
def _noshow_scores(f: Filters) -> QuerySet[NoShowScore]:
    scores = NoShowScore.objects.all()
    if f.model_version:
        scores = scores.filter(model_version=f.model_version)
    return scores.filter(appointment__facility_id__in=f.facility_ids)


def _outcome_scores(f: Filters) -> QuerySet[NoShowScore]:
    """Every score (each version, each rollout) of the facilities' appointments with a known outcome
    that started in the period."""
    return _noshow_scores(f).filter(
        appointment__status__in=OUTCOMES, appointment__starts_at__gte=f.start, appointment__starts_at__lt=f.end
    )


def _booked_scores(f: Filters) -> QuerySet[NoShowScore]:
    """One score per appointment with a known outcome: its booked score, the first one made (of the
    model version asked for, if any), so no appointment counts twice when versions overlap. Without a
    version: the stored `booked` flag; with one: the first score of that version.

    ROW_NUMBER over the appointment's scores (Django wraps the window filter in a subquery): one
    sort, where a correlated "first score" subquery per row went quadratic on PostgreSQL before
    the tables had statistics."""
    outcome = {
        "p": F("probability"),
        "y": Case(
            When(appointment__status=Appointment.Status.NO_SHOW, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    }
    if not f.model_version:
        # the stored flag (NoShowScore.booked, set when the first score is made): no window at all
        return _outcome_scores(f).filter(booked=True).annotate(**outcome)
    first = Window(RowNumber(), partition_by=[F("appointment_id")], order_by=[F("created_at").asc(), F("id").asc()])
    return _outcome_scores(f).annotate(booked_rank=first, **outcome).filter(booked_rank=1)


def _triage_scores(f: Filters) -> QuerySet[TriageScore]:
    scores = TriageScore.objects.filter(facility_id__in=f.facility_ids, created_at__gte=f.start, created_at__lt=f.end)
    return scores.filter(model_version=f.model_version) if f.model_version else scores


def _labelled_triage_sql(f: Filters) -> tuple[str, list[Any]]:
    """CTEs ending in `labelled(id, model_version, rollout, urgency, final, final_origin, ai, human)`:
    the period's scores whose message has a human label, ai / human = URGENCY_RANK of the AI's and
    the final urgency. When both the EMR and clinflow labelled a message the later label is the final
    urgency (as triage.services.site_training_samples trains on): ROW_NUMBER over the message's
    labels, joined once (a "latest label" subquery per score cost 5 s on 10,000 scores)."""
    scores = _triage_scores(f)
    score_sql, score_params = _compiled(scores.values("id", "event_id", "model_version", "rollout", "urgency"))
    rank_sql = " ".join("WHEN %s THEN %s" for _ in URGENCY_RANK)
    rank_params = [v for word, rank in URGENCY_RANK.items() for v in (str(word), rank)]
    label = connection.ops.quote_name(TriageLabel._meta.db_table)
    # The label table joined directly (its message_event index serves both joins), the latest label
    # kept by NOT EXISTS of a later one: a window over a CTE of labels made SQLite join two
    # unindexed materialisations row by row (6 minutes at 50,000 scores).
    sql = f"""
        scores(id, event_id, model_version, rollout, urgency) AS ({score_sql}),
        labelled(id, model_version, rollout, urgency, final, final_origin, ai, human) AS (
            SELECT s.id, s.model_version, s.rollout, s.urgency, l.final_urgency, l.origin,
                   CASE s.urgency {rank_sql} END, CASE l.final_urgency {rank_sql} END
            FROM scores s JOIN {label} l ON l.message_event_id = s.event_id
            WHERE NOT EXISTS (
                SELECT 1 FROM {label} later
                WHERE later.message_event_id = l.message_event_id
                  AND (later.labelled_at > l.labelled_at OR (later.labelled_at = l.labelled_at AND later.id > l.id))
            )
        )"""
    return sql, [*score_params, *rank_params, *rank_params]


def _threshold_scores(qs: QuerySet[NoShowScore]) -> QuerySet[NoShowScore]:
    """Scores with the facility's reminder threshold, whether the model flagged them and the outcome."""
    return qs.annotate(
        threshold=Coalesce(
            F("appointment__facility__scheduling_policy__reminder_threshold"),
            Value(DEFAULT_REMINDER_THRESHOLD),
            output_field=FloatField(),
        ),
    ).annotate(
        flagged=Case(
            When(probability__gte=F("threshold"), then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        no_show=Case(
            When(appointment__status=Appointment.Status.NO_SHOW, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


# --- discrimination (AUC via ranks), Brier, calibration -----------------------------------------
# Mann-Whitney AUC with tied probabilities given their average rank: the cases are first grouped by
# probability (a tie group of c cases, ys of them no-shows; far fewer rows to sort than cases), the
# group's first rank is the running count before it + 1, so its average rank is before + (c + 1) / 2
# = running count - c + (c + 1) / 2, each of its no-shows carrying that rank. Then
# AUC = (sum of the no-shows' ranks - n1 (n1 + 1) / 2) / (n1 n0), NULL when a class is missing.
_RANKED = """
tied AS (
    SELECT {groups}, p, COUNT(*) AS c, SUM(y) AS ys, SUM((p - y) * (p - y)) AS sq
    FROM {source}
    GROUP BY {groups}, p
),
ranked AS (
    SELECT {groups}, p, c, ys, sq,
           SUM(c) OVER (PARTITION BY {groups} ORDER BY p ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
             - c + (c + 1) / 2.0 AS r
    FROM tied
),
discrimination AS (
    SELECT {groups},
           SUM(c) AS n,
           SUM(ys) AS no_shows,
           (SUM(ys * r) - SUM(ys) * (SUM(ys) + 1) / 2.0)
             / NULLIF(SUM(ys) * (SUM(c) - SUM(ys)), 0) AS auc,
           SUM(sq) / SUM(c) AS brier,
           SUM(p * c) / SUM(c) AS mean_predicted,
           1.0 * SUM(ys) / SUM(c) AS observed_rate
    FROM ranked
    GROUP BY {groups}
)"""


def _calibration_line(sw: Any, swx: Any, swy: Any, swxx: Any, swxy: Any) -> tuple[float | None, float | None]:
    """Weighted least squares of observed rate (y) on mean predicted (x) over the bins, weight n,
    from the five sums SQL gave: slope = (Sw Swxy - Swx Swy) / (Sw Swxx - Swx^2). One bin (or bins
    with one mean) has no line: None."""
    w, wx, wy, wxx, wxy = (_num(v) or 0.0 for v in (sw, swx, swy, swxx, swxy))
    denominator = w * wxx - wx * wx
    if w <= 0 or denominator <= 1e-12 * max(w * wxx, 1e-300):
        return None, None
    slope = (w * wxy - wx * wy) / denominator
    return round(slope, 4), round((wy - slope * wx) / w, 4)


def noshow_by_month(f: Filters) -> Table:
    table = Table(
        name="noshow_by_month",
        title="No-show model: discrimination and calibration by month",
        columns=["month", "n", "no_shows", "auc", "brier", "calibration_slope", "calibration_intercept"],
        note=(
            "Appointments with a known outcome (completed or no-show) by month of their start (UTC), each with "
            "its booked score. AUC: chance a no-show was scored above a visit that happened (ties count half; "
            "empty when a month has only one kind). Brier: mean squared error of the probability. Calibration: "
            "weighted least-squares line of observed no-show rate on mean predicted risk over 10 equal-width "
            "bins (slope 1, intercept 0 is perfect). n is the appointments behind each point."
        ),
    )
    if "noshow" not in _models(f):
        return table
    base, params = _compiled(
        _booked_scores(f)
        .annotate(month=_month("appointment__starts_at"), bin=_bin("p"))
        .values("month", "bin", "p", "y")
    )
    sql = f"""
        WITH base AS ({base}),
        {_RANKED.format(groups="month", source="base")},
        bins AS (
            SELECT month, bin, COUNT(*) AS w, AVG(p) AS x, AVG(1.0 * y) AS yy FROM base GROUP BY month, bin
        ),
        line AS (
            SELECT month, SUM(w) AS sw, SUM(w * x) AS swx, SUM(w * yy) AS swy,
                   SUM(w * x * x) AS swxx, SUM(w * x * yy) AS swxy
            FROM bins GROUP BY month
        )
        SELECT d.month, d.n, d.no_shows, d.auc, d.brier, l.sw, l.swx, l.swy, l.swxx, l.swxy
        FROM discrimination d JOIN line l ON l.month = d.month
        ORDER BY d.month
    """
    for month, n, no_shows, auc, brier, *sums in _fetch(sql, params):
        slope, intercept = _calibration_line(*sums)
        table.rows.append((_month_label(month), int(n), int(no_shows), _num(auc), _num(brier), slope, intercept))
    return table


def noshow_calibration(f: Filters) -> Table:
    table = Table(
        name="noshow_calibration",
        title="No-show model: calibration",
        columns=["bin", "n", "mean_predicted", "observed_rate"],
        note=(
            "Booked scores of appointments with a known outcome in the period, in 10 equal-width bins of "
            "predicted risk: the mean predicted risk against the share that did not show. Points on the "
            "diagonal are well calibrated; n is the appointments in each bin (empty bins are not shown)."
        ),
    )
    if "noshow" not in _models(f):
        return table
    base, params = _compiled(_booked_scores(f).annotate(bin=_bin("p")).values("bin", "p", "y"))
    sql = f"""
        WITH base AS ({base})
        SELECT bin, COUNT(*), AVG(p), AVG(1.0 * y) FROM base GROUP BY bin ORDER BY bin
    """
    for k, n, mean_predicted, observed in _fetch(sql, params):
        table.rows.append((_bin_label(int(k)), int(n), _round(mean_predicted), _round(observed)))
    return table


def noshow_subgroups(f: Filters) -> Table:
    table = Table(
        name="noshow_subgroups",
        title="No-show model by subgroup",
        columns=["subgroup", "value", "n", "no_shows", "auc", "brier", "mean_predicted", "observed_rate"],
        note=(
            "The same appointments as by month, split by age band at the appointment (from the birth date), "
            "sex and reminder channel ('unknown' when not recorded). A subgroup whose AUC or calibration "
            "trails the others is served worse by the model; n says how much each figure rests on."
        ),
    )
    if "noshow" not in _models(f):
        return table
    starts, born = "appointment__starts_at", "appointment__birth_date"
    # Whole years at the start: the year difference, less one before the birthday (month*100+day).
    qs = _booked_scores(f).annotate(
        age=ExtractYear(starts, tzinfo=UTC)
        - ExtractYear(born)
        - Case(
            When(
                GreaterThan(
                    ExtractMonth(born) * 100 + ExtractDay(born),
                    ExtractMonth(starts, tzinfo=UTC) * 100 + ExtractDay(starts, tzinfo=UTC),
                ),
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    age_band = Case(
        When(appointment__birth_date__isnull=True, then=Value("unknown")),
        When(age__lt=0, then=Value("unknown")),
        *(When(age__lt=upper, then=Value(label)) for upper, label in AGE_BANDS),
        default=Value("65+"),
        output_field=CharField(),
    )
    sex = Case(
        When(appointment__sex="", then=Value("unknown")), default=F("appointment__sex"), output_field=CharField()
    )
    channel = Case(
        When(appointment__reminder_channel="", then=Value("unknown")),
        default=F("appointment__reminder_channel"),
        output_field=CharField(),
    )
    base, params = _compiled(
        qs.annotate(age_band=age_band, sex_v=sex, channel_v=channel).values("p", "y", "age_band", "sex_v", "channel_v")
    )
    sql = f"""
        WITH base AS ({base}),
        split AS (
            SELECT 'age_band' AS subgroup, age_band AS value, p, y FROM base
            UNION ALL SELECT 'sex' AS subgroup, sex_v AS value, p, y FROM base
            UNION ALL SELECT 'reminder_channel' AS subgroup, channel_v AS value, p, y FROM base
        ),
        {_RANKED.format(groups="subgroup, value", source="split")}
        SELECT subgroup, value, n, no_shows, auc, brier, mean_predicted, observed_rate
        FROM discrimination
    """
    order = {"age_band": 0, "sex": 1, "reminder_channel": 2}
    rows = _fetch(sql, params)
    for subgroup, value, n, no_shows, auc, brier, mean_predicted, observed in sorted(
        rows, key=lambda r: (order[r[0]], str(r[1]))
    ):
        table.rows.append(
            (subgroup, value, int(n), int(no_shows), _num(auc), _num(brier), _round(mean_predicted), _round(observed))
        )
    return table


# --- drift --------------------------------------------------------------------------------------
# PSI over the aggregated weekly shares is computed in SQL: LN() is built into this SQLite (3.40,
# math functions compiled in: `select ln(2)` works) and Django registers LN on SQLite builds
# without them, so no database needs the log done in Python.
_PSI = """
WITH base AS ({base}),
cats AS ({cats}),
weeks AS (SELECT week, COUNT(*) AS n FROM base GROUP BY week),
counts AS (SELECT week, cat, COUNT(*) AS k FROM base GROUP BY week, cat),
shares AS (
    SELECT w.week, w.n, c.cat,
           CASE WHEN COALESCE(k.k, 0) = 0 THEN 0.0001 ELSE 1.0 * k.k / w.n END AS s
    FROM weeks w CROSS JOIN cats c LEFT JOIN counts k ON k.week = w.week AND k.cat = c.cat
),
paired AS (
    SELECT week, n, s,
           LAG(s) OVER (PARTITION BY cat ORDER BY week) AS e,
           LAG(week) OVER (PARTITION BY cat ORDER BY week) AS prev_week
    FROM shares
)
SELECT week, n, prev_week, SUM(CASE WHEN e IS NULL THEN NULL ELSE (s - e) * LN(s / e) END) AS psi
FROM paired GROUP BY week, n, prev_week ORDER BY week
"""


def _psi_rows(qs: QuerySet[Any], categories: list[Any]) -> list[tuple[date, int, float | None]]:
    """(week, n, psi vs the week before) for a queryset with `week` and `cat`; psi is None for a
    week whose previous calendar week had no scores (nothing to compare with)."""
    base, params = _compiled(qs.values("week", "cat"))
    cats = " UNION ALL ".join("SELECT %s AS cat" for _ in categories)
    out = []
    for week, n, prev_week, psi in _fetch(_PSI.format(base=base, cats=cats), [*params, *categories]):
        this = _as_date(week)
        adjacent = prev_week is not None and _as_date(prev_week) == this - timedelta(days=7)
        out.append((this, int(n), _round(psi) if adjacent else None))
    return out


def drift(f: Filters) -> Table:
    threshold = float(settings.DASHBOARD_PSI_WARNING)
    table = Table(
        name="drift",
        title="Score drift week on week (PSI)",
        columns=["week", "model", "n", "psi", "warning"],
        note=(
            "Population stability index of each ISO week (Monday, UTC) against the week before: triage by the "
            "mix of care levels, no-show by 10 probability bins; PSI = sum (a - e) ln(a / e), an empty "
            f"category counted as 0.0001. Above {threshold:g} the mix moved enough to look at. "
            "The first week, or one after a week without scores, has nothing to compare with."
        ),
    )
    series: list[tuple[str, list[tuple[date, int, float | None]]]] = []
    if "triage" in _models(f):
        # A score from before care levels stands for the care level of its urgency.
        care_level = Case(
            *(When(care_level="", urgency=u, then=Value(str(c))) for u, c in URGENCY_CARE_LEVEL.items()),
            default=F("care_level"),
            output_field=CharField(),
        )
        triage = _triage_scores(f).annotate(week=TruncWeek("created_at", tzinfo=UTC), cat=care_level)
        series.append(("triage", _psi_rows(triage, list(CARE_LEVELS))))
    if "noshow" in _models(f):
        noshow = (
            _noshow_scores(f)
            .filter(created_at__gte=f.start, created_at__lt=f.end)
            .annotate(week=TruncWeek("created_at", tzinfo=UTC), cat=_bin("probability"))
        )
        series.append(("noshow", _psi_rows(noshow, list(range(BINS)))))
    for model, rows in series:
        for week, n, psi in rows:
            warning = psi is not None and psi > threshold
            table.rows.append((week, model, n, psi, warning))
            if warning:
                what = "care-level mix" if model == "triage" else "no-show risk mix"
                table.warnings.append(
                    f"The {model} model's {what} shifted in the week of {week.isoformat()} "
                    f"(PSI {psi:.2f}, above {threshold:g})."
                )
    return table


# --- latency ------------------------------------------------------------------------------------
# Nearest-rank percentiles (dashboards.metrics.sql.percentiles): p50 of 1,2,3,4 = 2; p99 of 1..10 = 10.


def latency(f: Filters) -> Table:
    table = Table(
        name="latency",
        title="Scoring latency",
        columns=["model", "model_version", "n", "p50_ms", "p99_ms"],
        note="Time to score one case, per model version, for scores made in the period (nearest-rank percentiles).",
    )
    selections: list[tuple[str, QuerySet[Any]]] = []
    if "triage" in _models(f):
        selections.append(("triage", _triage_scores(f)))
    if "noshow" in _models(f):
        selections.append(("noshow", _noshow_scores(f).filter(created_at__gte=f.start, created_at__lt=f.end)))
    for model, qs in selections:
        source = sql_helpers.compile_qs(qs.annotate(ms=F("latency_ms")).values("model_version", "ms"))
        for r in sql_helpers.percentiles(source, group_by=["model_version"], values=["ms"], ps=[0.5, 0.99]):
            table.rows.append((model, r["model_version"], int(r["n"]), _round(r["ms_p50"], 1), _round(r["ms_p99"], 1)))
    return table


# --- shadow agreement ---------------------------------------------------------------------------
_AGREEMENT = """
WITH {ctes}
SELECT model_version, rollout, COUNT(*),
       SUM(CASE WHEN ai = human THEN 1 ELSE 0 END),
       SUM(CASE WHEN ai > human THEN 1 ELSE 0 END),
       SUM(CASE WHEN ai < human THEN 1 ELSE 0 END)
FROM base GROUP BY model_version, rollout ORDER BY model_version, rollout
"""


def shadow_agreement(f: Filters) -> Table:
    table = Table(
        name="shadow_agreement",
        title="AI against the human decision",
        columns=[
            "model",
            "model_version",
            "rollout",
            "cases",
            "agree",
            "agreement_rate",
            "false_escalation",
            "missed_escalation",
        ],
        note=(
            "Triage: each score of a message a person later decided (in the EMR or in clinflow; the later label "
            "counts) against that final urgency; false escalation = the AI more urgent, missed = less urgent. "
            "No-show: each score of an appointment with a known outcome that started in the period; flagged = "
            "probability at or above the facility's reminder threshold; false = flagged but came, missed = not "
            "flagged but did not come. Shadow versions are scored but never shown to staff."
        ),
    )
    # Both models compare a 0/1 or rank "ai" with a "human" on the same scale: larger = more urgent.
    statements: list[tuple[str, str, list[Any]]] = []
    if "triage" in _models(f):
        labelled, params = _labelled_triage_sql(f)
        statements.append(("triage", f"{labelled}, base AS (SELECT * FROM labelled)", params))
    if "noshow" in _models(f):
        qs = _threshold_scores(_outcome_scores(f)).annotate(ai=F("flagged"), human=F("no_show"))
        base, params = _compiled(qs.values("model_version", "rollout", "ai", "human"))
        statements.append(("noshow", f"base AS ({base})", params))
    for model, ctes, params in statements:
        for version, rollout, cases, agree, false, missed in _fetch(_AGREEMENT.format(ctes=ctes), params):
            table.rows.append(
                (
                    model,
                    version,
                    rollout,
                    int(cases),
                    int(agree),
                    _round(int(agree) / int(cases)),
                    int(false),
                    int(missed),
                )
            )
    return table


def _hashed(qs: QuerySet[Any], seed: str) -> QuerySet[Any]:
    """Ordered by md5(seed:id): the same sample for the same seed on every database and every call."""
    return qs.annotate(sample_key=MD5(Concat(Value(f"{seed}:"), Cast("id", CharField()), output_field=CharField())))


def shadow_cases(f: Filters, limit: int = 20, seed: str = "") -> list[dict[str, Any]]:
    """A reproducible random sample (by a hash of seed and id, in SQL) of scored cases with a known
    human decision, for the manager's review page. No patient identifiers and no message text: the
    rationale keeps only the rule / protocol wording, never the quoted words."""
    limit = max(0, min(int(limit), CASES_MAX))
    cases: list[dict[str, Any]] = []
    if not limit:
        return cases
    if "triage" in _models(f):
        labelled, params = _labelled_triage_sql(f)
        # md5 of "seed:id", the same expression the ORM's MD5(Concat(...)) gives for no-show cases.
        picked = _fetch(
            f"WITH {labelled} SELECT id, final, final_origin FROM labelled "
            "ORDER BY MD5(%s || CAST(id AS TEXT)), id LIMIT %s",
            [*params, f"{seed}:", limit],
        )
        found = TriageScore.objects.in_bulk([score_id for score_id, _, _ in picked])
        for score_id, final, origin in picked:
            score = found[score_id]
            rationale = score.rationale if isinstance(score.rationale, list) else []
            cases.append(
                {
                    "case_type": "triage_score",
                    "case_id": str(score.id),
                    "created_at": score.created_at,
                    "model_version": score.model_version,
                    "rollout": score.rollout,
                    "ai": {
                        "urgency": score.urgency,
                        "care_level": score.care_level,
                        "rationale": [
                            {k: entry[k] for k in RATIONALE_KEYS if k in entry}
                            for entry in rationale
                            if isinstance(entry, dict)
                        ],
                        "disposition": score.disposition,
                    },
                    "human": {"final_urgency": final, "origin": origin},
                    "agrees": score.urgency == final,
                    "facility_id": score.facility_id,
                }
            )
    if "noshow" in _models(f):
        rows = (
            _hashed(_threshold_scores(_outcome_scores(f)), seed)
            .order_by("sample_key", "id")
            .values(
                "id",
                "created_at",
                "model_version",
                "rollout",
                "probability",
                "factors",
                "threshold",
                "flagged",
                "no_show",
                "appointment__facility_id",
            )[:limit]
        )
        for row in rows:
            factors = row["factors"] if isinstance(row["factors"], list) else []
            cases.append(
                {
                    "case_type": "noshow_score",
                    "case_id": str(row["id"]),
                    "created_at": row["created_at"],
                    "model_version": row["model_version"],
                    "rollout": row["rollout"],
                    "ai": {
                        "probability": row["probability"],
                        "factors": [
                            {k: entry[k] for k in FACTOR_KEYS if k in entry}
                            for entry in factors
                            if isinstance(entry, dict)
                        ],
                        "disposition": (
                            f"reminder call (risk at or above {row['threshold']:g})"
                            if row["flagged"]
                            else f"no reminder call (risk below {row['threshold']:g})"
                        ),
                    },
                    "human": {"outcome": OUTCOMES[1] if row["no_show"] else OUTCOMES[0], "origin": "emr"},
                    "agrees": bool(row["flagged"]) == bool(row["no_show"]),
                    "facility_id": row["appointment__facility_id"],
                }
            )
    return cases
