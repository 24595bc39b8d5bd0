"""dashboards.figures: one builder per metric, on hand-made Tables with the catalog's columns (pure:
no database). Each test checks the traces drawn, the axis titles with their units, the thresholds,
and that an empty Table gives a "no data" annotation rather than an error."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from dashboards import figures, registry
from dashboards.tables import Table

T0 = datetime(2026, 11, 2, tzinfo=UTC)


def table(name: str, columns: list[str], rows: list[tuple], warnings: list[str] | None = None) -> Table:
    return Table(
        name=name, title=f"Title of {name}", columns=columns, rows=rows, note="a note", warnings=warnings or []
    )


def traces(fig) -> list[dict]:
    return fig.to_dict()["data"]


def names(fig) -> list[str | None]:
    return [t.get("name") for t in traces(fig)]


def axis_title(fig, axis: str) -> str:
    return fig.to_dict()["layout"][axis]["title"]["text"]


def notes(fig) -> list[str]:
    return [a["text"] for a in fig.to_dict()["layout"].get("annotations", [])]


def shapes(fig) -> list[dict]:
    return fig.to_dict()["layout"].get("shapes", [])


# the catalog's columns (METRICS.md), one hand-made row or two each
SAMPLES: dict[str, tuple[list[str], list[tuple]]] = {
    "turnaround": (
        [
            "tier",
            "items",
            "first_action_p50_min",
            "first_action_p90_min",
            "resolved_p50_min",
            "resolved_p90_min",
            "sla_p50_min",
            "within_sla_pct",
        ],
        [("interrupt", 12, 3.0, 9.5, 20.0, 55.0, 30.0, 0.75), ("task", 40, 30.0, 90.0, 200.0, 600.0, 240.0, 0.9)],
    ),
    "backlog": (
        ["at", "queue", "open_items"],
        [(T0, "north-nurse-triage", 3), (T0 + timedelta(hours=1), "north-nurse-triage", 5), (T0, "north-review", 1)],
    ),
    "neglect": (
        ["queue", "items", "ignored", "ignored_pct", "expired_open", "snoozed", "reassigned"],
        [("north-nurse-triage", 50, 5, 0.1, 2, 3, 4)],
    ),
    "decisions": (
        ["model_version", "decided", "accept", "override", "dismiss", "reject", "override_rate", "dismiss_rate"],
        [("3", 100, 70, 20, 8, 2, 0.2, 0.08), ("4", 10, 9, 1, 0, 0, 0.1, 0.0)],
    ),
    "feedback": (
        ["model_version", "feedback", "accepted", "overridden", "dismissed", "ignored", "acceptance_rate"],
        [("3", 100, 70, 20, 6, 4, 0.7), ("", 12, 0, 10, 1, 1, 0.0)],
    ),
    "override_reasons": (
        ["model_version", "decision", "reason_code", "n"],
        [("3", "override", "clinical_judgement", 12), ("3", "dismiss", "duplicate", 4)],
    ),
    "escalation": (
        ["model_version", "decided", "false_escalation", "missed_escalation", "false_rate", "missed_rate"],
        [("3", 100, 6, 2, 0.06, 0.02)],
    ),
    "escalation_cases": (
        [
            "item",
            "created_at",
            "queue",
            "ai_urgency",
            "final_urgency",
            "gap",
            "model_version",
            "decision",
            "direction",
        ],
        [
            (
                "6f1c0b1e-0000-4000-8000-000000000001",
                T0,
                "north-nurse-triage",
                "routine",
                "emergent",
                2,
                "3",
                "override",
                "missed",
            ),
            (
                "6f1c0b1e-0000-4000-8000-000000000002",
                T0,
                "north-nurse-triage",
                "urgent",
                "routine",
                1,
                "3",
                "override",
                "false",
            ),
        ],
    ),
    "interrupts": (
        ["user", "interrupts", "user_hours", "per_user_hour", "acknowledged", "dismissed", "over_cap"],
        [("nurse", 12, 6, 2.0, 11, 1, 2)],
    ),
    "handling": (
        [
            "rollout",
            "items",
            "resolved",
            "turnaround_p50_min",
            "turnaround_p90_min",
            "handling_p50_min",
            "handling_p90_min",
        ],
        [("live", 80, 75, 40.0, 200.0, 4.0, 12.0), ("shadow", 20, 18, 90.0, 400.0, None, None)],
    ),
    "suppression": (
        ["queue", "items", "events_folded", "realerts", "alerts_saved"],
        [("north-results", 30, 12, 2, 10)],
    ),
    "negative_signals": (
        ["signal", "last_7d", "prior_28d", "change", "flagged"],
        [
            ("dismissal_rate", 0.18, 0.10, 0.8, True),
            ("override_rate", 0.2, 0.2, 0.0, False),
            ("ignored_rate", 0.01, 0.02, -0.5, False),
            ("backlog", 12.0, 10.0, 0.2, False),
        ],
    ),
    "noshow_by_month": (
        ["month", "n", "no_shows", "auc", "brier", "calibration_slope", "calibration_intercept"],
        [(date(2026, 10, 1), 300, 60, 0.72, 0.15, 0.95, 0.01), (date(2026, 11, 1), 280, 50, 0.70, 0.16, 0.9, 0.02)],
    ),
    "noshow_calibration": (
        ["bin", "n", "mean_predicted", "observed_rate"],
        [(0, 100, 0.05, 0.04), (1, 80, 0.15, 0.17), (5, 10, 0.55, 0.5)],
    ),
    "noshow_subgroups": (
        ["subgroup", "value", "n", "no_shows", "auc", "brier", "mean_predicted", "observed_rate"],
        [("age_band", "18-39", 120, 30, 0.7, 0.17, 0.24, 0.25), ("sex", "female", 200, 40, 0.71, 0.15, 0.2, 0.2)],
    ),
    "drift": (
        ["week", "model", "n", "psi", "warning"],
        [(date(2026, 11, 2), "triage", 50, 0.05, False), (date(2026, 11, 9), "triage", 60, 0.31, True)],
    ),
    "latency": (
        ["model", "model_version", "n", "p50_ms", "p99_ms"],
        [("triage", "3", 500, 2.1, 9.8), ("noshow", "1", 200, 0.4, 1.2)],
    ),
    "shadow_agreement": (
        [
            "model",
            "model_version",
            "rollout",
            "cases",
            "agree",
            "agreement_rate",
            "false_escalation",
            "missed_escalation",
        ],
        [("triage", "3", "shadow", 40, 30, 0.75, 6, 4)],
    ),
}


def test_every_metric_of_the_catalog_has_a_builder_and_a_sample():
    assert set(figures.BUILDERS) == set(registry.METRICS) == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_an_empty_table_says_no_data_in_this_period(name):
    columns, _ = SAMPLES[name]
    fig = figures.figure_for(table(name, columns, []))
    assert figures.NO_DATA in notes(fig)
    assert traces(fig) == []
    assert fig.to_dict()["layout"]["title"]["text"] == f"Title of {name}"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_figure_is_json_with_its_title_axis_titles_and_no_template(name):
    columns, rows = SAMPLES[name]
    data = figures.figure_json(table(name, columns, rows))
    json.dumps(data)  # what the page embeds
    assert data["layout"]["title"]["text"] == f"Title of {name}"
    assert data["layout"]["xaxis"]["title"]["text"]
    assert data["layout"]["yaxis"]["title"]["text"]
    assert len(json.dumps(data["layout"].get("template", {}))) < 100  # not plotly's ~10 KB default template
    assert figures.NO_DATA not in [a["text"] for a in data["layout"].get("annotations", [])]


def test_warnings_become_annotations_above_the_plot():
    columns, rows = SAMPLES["drift"]
    fig = figures.figure_for(
        table("drift", columns, rows, warnings=["Triage score drift: PSI 0.31 in week 2026-11-09"])
    )
    assert "⚠ Triage score drift: PSI 0.31 in week 2026-11-09" in notes(fig)


def test_turnaround_draws_percentile_bars_per_tier_and_the_sla_line():
    columns, rows = SAMPLES["turnaround"]
    fig = figures.figure_for(table("turnaround", columns, rows))
    bars = [t for t in traces(fig) if t["type"] == "bar"]
    assert [t["name"] for t in bars] == [
        "first action, median",
        "first action, 90th percentile",
        "resolved, median",
        "resolved, 90th percentile",
    ]
    assert list(bars[3]["y"]) == [55.0, 600.0]
    sla = next(t for t in traces(fig) if t["name"].startswith("SLA"))
    assert list(sla["y"]) == [30.0, 240.0]
    # 3 minutes beside 600: a log scale, so the interrupt tier stays visible
    assert axis_title(fig, "yaxis") == "minutes from arrival (log scale)"
    assert fig.to_dict()["layout"]["yaxis"]["type"] == "log"
    assert "75% within SLA" in fig.to_dict()["layout"]["xaxis"]["ticktext"][0]


def test_turnaround_of_similar_durations_keeps_a_linear_axis_from_zero():
    columns, _ = SAMPLES["turnaround"]
    fig = figures.figure_for(table("turnaround", columns, [("task", 5, 10.0, 20.0, 30.0, 60.0, 240.0, 1.0)]))
    layout = fig.to_dict()["layout"]
    assert axis_title(fig, "yaxis") == "minutes from arrival"
    assert layout["yaxis"].get("type") != "log" and layout["yaxis"]["rangemode"] == "tozero"


def test_backlog_draws_one_line_per_queue_over_time():
    columns, rows = SAMPLES["backlog"]
    fig = figures.figure_for(table("backlog", columns, rows))
    assert names(fig) == ["north-nurse-triage", "north-review"]
    assert list(traces(fig)[0]["y"]) == [3, 5]
    assert axis_title(fig, "xaxis") == "time (UTC)"
    assert axis_title(fig, "yaxis") == "open items"


def test_neglect_draws_ignored_expired_snoozed_reassigned_per_queue():
    columns, rows = SAMPLES["neglect"]
    fig = figures.figure_for(table("neglect", columns, rows))
    assert [list(t["y"]) for t in traces(fig)] == [[5], [2], [3], [4]]
    assert "10% ignored" in fig.to_dict()["layout"]["xaxis"]["ticktext"][0]
    assert axis_title(fig, "yaxis") == "items"


def test_decisions_stack_the_four_decisions_per_model_version():
    columns, rows = SAMPLES["decisions"]
    fig = figures.figure_for(table("decisions", columns, rows))
    assert names(fig) == ["accept", "override", "dismiss", "reject"]
    assert fig.to_dict()["layout"]["barmode"] == "stack"
    assert list(traces(fig)[1]["y"]) == [20, 1]
    assert "20% overridden" in fig.to_dict()["layout"]["xaxis"]["ticktext"][0]
    assert axis_title(fig, "yaxis") == "decided items"


def test_override_reasons_draws_one_horizontal_bar_per_reason():
    columns, rows = SAMPLES["override_reasons"]
    fig = figures.figure_for(table("override_reasons", columns, rows))
    (bar,) = traces(fig)
    assert bar["orientation"] == "h"
    assert list(bar["y"]) == ["override · clinical_judgement", "dismiss · duplicate"]
    assert list(bar["x"]) == [12, 4]
    assert axis_title(fig, "xaxis") == "decisions (count)"


def test_escalation_draws_false_and_missed_rates_as_percentages():
    columns, rows = SAMPLES["escalation"]
    fig = figures.figure_for(table("escalation", columns, rows))
    assert [list(t["y"]) for t in traces(fig)] == [[0.06], [0.02]]
    assert fig.to_dict()["layout"]["yaxis"]["tickformat"] == ".0%"
    assert axis_title(fig, "yaxis") == "share of decided items (%)"


def test_escalation_cases_split_false_and_missed():
    columns, rows = SAMPLES["escalation_cases"]
    fig = figures.figure_for(table("escalation_cases", columns, rows))
    assert names(fig) == ["false escalation", "missed escalation"]
    assert [list(t["y"]) for t in traces(fig)] == [[1], [2]]
    assert axis_title(fig, "yaxis") == "urgency levels apart (AI vs final)"


def test_interrupts_stack_interrupts_and_over_cap_with_the_rate_per_user_hour():
    columns, rows = SAMPLES["interrupts"]
    fig = figures.figure_for(table("interrupts", columns, rows))
    assert names(fig) == ["interrupts", "over the user's cap (sent as tasks)", "interrupts per user-hour"]
    assert traces(fig)[2]["yaxis"] == "y2"
    y2 = fig.to_dict()["layout"]["yaxis2"]
    assert y2["title"]["text"] == "interrupts per user-hour"
    assert y2["tickmode"] == "auto" and y2["range"] == [0, pytest.approx(2.3)]  # its own ticks, from zero
    assert axis_title(fig, "yaxis") == "deliveries (count)"


def test_handling_draws_turnaround_and_handling_per_rollout_with_gaps_for_shadow():
    columns, rows = SAMPLES["handling"]
    fig = figures.figure_for(table("handling", columns, rows))
    handling_p50 = next(t for t in traces(fig) if t["name"] == "handling, median")
    assert list(handling_p50["y"]) == [4.0, None]
    assert axis_title(fig, "yaxis") == "minutes"


def test_suppression_draws_folded_realerts_and_saved():
    columns, rows = SAMPLES["suppression"]
    fig = figures.figure_for(table("suppression", columns, rows))
    assert [list(t["y"]) for t in traces(fig)] == [[12], [2], [10]]
    assert axis_title(fig, "yaxis") == "events (count)"


def test_negative_signals_mark_the_flagged_one_and_draw_the_rise_threshold():
    columns, rows = SAMPLES["negative_signals"]
    fig = figures.figure_for(table("negative_signals", columns, rows), {"signal_rise": 0.25})
    (bar,) = traces(fig)
    assert list(bar["x"]) == ["dismissal rate", "override rate", "ignored rate", "backlog"]
    assert list(bar["marker"]["color"])[0] == figures.ALERT
    assert list(bar["marker"]["color"])[1] != figures.ALERT
    assert list(bar["text"])[0] == "10% → 18%"
    assert list(bar["text"])[3] == "10 → 12"
    assert [s["y0"] for s in shapes(fig)] == [0.25]
    assert "flagged above +25%" in notes(fig)


def test_noshow_by_month_draws_auc_and_brier_with_the_chance_line():
    columns, rows = SAMPLES["noshow_by_month"]
    fig = figures.figure_for(table("noshow_by_month", columns, rows))
    assert names(fig) == ["appointments", "AUC (discrimination)", "Brier score (lower is better)"]
    auc = traces(fig)[1]
    assert list(auc["x"]) == ["2026-10", "2026-11"]
    assert list(auc["y"]) == [0.72, 0.70]
    assert auc["yaxis"] == "y2"
    assert [(s["y0"], s["yref"]) for s in shapes(fig)] == [(0.5, "y2")]
    assert axis_title(fig, "yaxis2") == "AUC / Brier score (0–1)"
    assert axis_title(fig, "yaxis") == "appointments (count)"


def test_noshow_calibration_plots_observed_against_predicted_beside_the_diagonal():
    columns, rows = SAMPLES["noshow_calibration"]
    fig = figures.figure_for(table("noshow_calibration", columns, rows))
    diagonal, bins = traces(fig)
    assert list(diagonal["x"]) == [0, 1]
    assert list(bins["x"]) == [0.05, 0.15, 0.55]
    assert list(bins["y"]) == [0.04, 0.17, 0.5]
    assert axis_title(fig, "xaxis") == "mean predicted no-show probability (%)"
    assert axis_title(fig, "yaxis") == "observed no-show rate (%)"


def test_noshow_subgroups_compare_predicted_and_observed_per_group():
    columns, rows = SAMPLES["noshow_subgroups"]
    fig = figures.figure_for(table("noshow_subgroups", columns, rows))
    assert names(fig) == ["mean predicted", "observed no-show rate", "AUC"]
    assert [list(level) for level in traces(fig)[0]["x"]] == [
        ["age band", "sex"],
        ["18-39<br>n=120", "female<br>n=200"],
    ]
    assert list(traces(fig)[1]["y"]) == [0.25, 0.2]


def test_drift_draws_psi_per_model_with_the_warning_line():
    columns, rows = SAMPLES["drift"]
    fig = figures.figure_for(table("drift", columns, rows), {"psi_warning": 0.2})
    (line,) = traces(fig)
    assert line["name"] == "triage model"
    assert list(line["y"]) == [0.05, 0.31]
    assert list(line["marker"]["color"])[1] == figures.ALERT
    assert [s["y0"] for s in shapes(fig)] == [0.2]
    assert axis_title(fig, "yaxis") == "PSI vs the week before"


def test_latency_draws_median_and_p99_in_milliseconds():
    columns, rows = SAMPLES["latency"]
    fig = figures.figure_for(table("latency", columns, rows))
    assert [list(t["y"]) for t in traces(fig)] == [[2.1, 0.4], [9.8, 1.2]]
    assert axis_title(fig, "yaxis") == "scoring time (ms)"


def test_shadow_agreement_draws_the_rate_and_the_error_counts():
    columns, rows = SAMPLES["shadow_agreement"]
    fig = figures.figure_for(table("shadow_agreement", columns, rows))
    assert names(fig) == ["agreement with staff", "false escalation (cases)", "missed escalation (cases)"]
    assert list(traces(fig)[0]["y"]) == [0.75]
    assert list(traces(fig)[0]["text"]) == ["75%"]
    assert axis_title(fig, "yaxis") == "agreement with staff (%)"
