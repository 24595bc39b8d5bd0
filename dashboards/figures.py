"""Plotly figures of the manager dashboards, built from metric Tables (pure: no Django).

One builder per metric name (`BUILDERS`); `figure_for(table)` picks it. Every figure has a readable
title, axis titles with their units, the period's thresholds drawn as lines (SLA, PSI, the rise that
flags a negative signal), the table's warnings as annotations, and, for a table without rows, one
"No data in this period" annotation instead of empty axes. Figures carry no template (plotly's
templates add ~10 KB of JSON to each chart); the colours and grid are set here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from dashboards.tables import Table

NO_DATA = "No data in this period"
COLORS = ["#1f3a5f", "#2e8b57", "#c07a1a", "#7a4fa3", "#b03a2e", "#3b8ea5", "#8a8f98", "#5a6f2b"]
ALERT = "#b42318"
SOFT = "#9db4cf"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13, "color": "#1d2733"}
DEFAULT_THRESHOLDS = {"psi_warning": 0.2, "signal_rise": 0.25}
WARNING_WIDTH = 70  # characters per line of a warning drawn on a chart


def figure_for(table: Table, thresholds: dict[str, float] | None = None) -> go.Figure:
    """The figure of one metric Table (its builder by `table.name`)."""
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    builder = BUILDERS[table.name]
    fig = go.Figure()
    _layout(fig, table)
    if not table.rows:
        _no_data(fig)
    else:
        builder(fig, table, limits)
        if sum(1 for t in fig.data if t.showlegend is not False) < 2:  # plotly shows no legend then
            fig.update_layout(margin={"b": 80}, height=fig.layout.height - 60)
    _warnings(fig, table.warnings)
    return fig


def figure_json(table: Table, thresholds: dict[str, float] | None = None) -> dict[str, Any]:
    """The figure as plain JSON data (what the page embeds and plotly.js draws)."""
    import json

    return dict(json.loads(figure_for(table, thresholds).to_json()))


# --- common layout -----------------------------------------------------------------------------
def _layout(fig: go.Figure, table: Table) -> None:
    axis = {
        "gridcolor": "#e6e9ee",
        "zerolinecolor": "#c9d0d9",
        "linecolor": "#c9d0d9",
        "automargin": True,
        "tickfont": {"size": 11},
    }
    fig.update_layout(
        template="none",  # no plotly template in the JSON; "none" draws nothing of its own
        title={"text": table.title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font=FONT,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        colorway=COLORS,
        height=440,
        autosize=True,
        # the legend sits at the bottom of the figure, under the axis title (which needs at most
        # ~80 px for two lines of tick labels and the title): never on top of it
        margin={"l": 60, "r": 20, "t": 60, "b": 140},
        legend={
            "orientation": "h",
            "x": 0,
            "xref": "container",
            "y": 0,
            "yref": "container",
            "yanchor": "bottom",
            "traceorder": "normal",  # stacked bars list bottom-up otherwise
        },
        xaxis=axis,
        yaxis=axis,
        hovermode="closest",
    )


def _no_data(fig: go.Figure) -> None:
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200, margin={"b": 20})
    fig.add_annotation(
        text=NO_DATA, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 15, "color": "#5b6776"}
    )


def _warnings(fig: go.Figure, warnings: list[str]) -> None:
    """Each warning as red text above the plot, wrapped to fit a half-width card (the page repeats
    them in its banner)."""
    if not warnings:
        return
    lines = [textwrap.wrap(f"⚠ {text}", WARNING_WIDTH) or [""] for text in warnings]
    count = sum(len(wrapped) for wrapped in lines)
    margin = fig.layout.margin
    fig.update_layout(margin={"t": (margin.t or 60) + 18 * count + 8}, height=(fig.layout.height or 440) + 18 * count)
    above = count
    for wrapped in lines:
        above -= len(wrapped)
        fig.add_annotation(
            text="<br>".join(wrapped),
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            yshift=6 + 18 * above,
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"color": ALERT, "size": 13},
        )


def _axes(fig: go.Figure, x: str, y: str, **y_extra: Any) -> None:
    """The axis titles (with units) of the main axes; a second y axis keeps its own."""
    fig.update_layout(xaxis={"title": {"text": x}}, yaxis={"title": {"text": y}, **y_extra})


def _label(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def _hline(fig: go.Figure, y: float, text: str, *, yref: str = "y") -> None:
    """A dashed red threshold line across the plot, labelled at its left end."""
    fig.add_shape(
        type="line",
        xref="paper",
        x0=0,
        x1=1,
        yref=yref,
        y0=y,
        y1=y,
        line={"color": ALERT, "dash": "dash", "width": 1.5},
    )
    fig.add_annotation(
        text=text,
        xref="paper",
        x=1,
        yref=yref,
        y=y,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font={"color": ALERT, "size": 12},
    )


def _second_axis(title: str, values: list[Any], **extra: Any) -> dict[str, Any]:
    """A right-hand y axis for counts or rates beside the main one, with its own ticks (not lined up
    with the main axis's grid, which gives ticks like 14.37) and a range from zero."""
    top = max((v for v in values if isinstance(v, int | float)), default=0)
    return {
        "title": {"text": title},
        "overlaying": "y",
        "side": "right",
        "showgrid": False,
        "tickmode": "auto",
        "range": [0, max(top * 1.15, 1)],
        **extra,
    }


def _duration_axis(fig: go.Figure, title: str, values: list[Any]) -> None:
    """Minutes on the y axis; a log scale when the values span more than two orders of magnitude
    (an interrupt answered in 5 minutes beside a task resolved in 2 days), else linear from zero."""
    positive = [v for v in values if isinstance(v, int | float) and v > 0]
    if positive and max(positive) / min(positive) > 100:
        _axes(fig, fig.layout.xaxis.title.text or "", f"{title} (log scale)", type="log", dtick=1)
    else:
        _axes(fig, fig.layout.xaxis.title.text or "", title, rangemode="tozero")


Builder = Callable[[go.Figure, Table, dict[str, float]], None]


# --- work items --------------------------------------------------------------------------------
def _turnaround(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    tiers = [str(v) for v in t.column("tier")]
    for column, name, color in (
        ("first_action_p50_min", "first action, median", "#9db4cf"),
        ("first_action_p90_min", "first action, 90th percentile", "#3b6ea5"),
        ("resolved_p50_min", "resolved, median", "#9fd3b4"),
        ("resolved_p90_min", "resolved, 90th percentile", "#2e8b57"),
    ):
        fig.add_bar(name=name, x=tiers, y=t.column(column), marker_color=color)
    fig.add_scatter(
        name="SLA (median of due − created)",
        x=tiers,
        y=t.column("sla_p50_min"),
        mode="markers",
        marker={"symbol": "line-ew-open", "size": 40, "color": ALERT, "line": {"width": 3}},
    )
    within = t.column("within_sla_pct")
    n = t.column("items")
    fig.update_xaxes(
        tickvals=tiers,
        ticktext=[
            f"{tier}<br>{items} items" + ("" if w is None else f", {w * 100:.0f}% within SLA")
            for tier, items, w in zip(tiers, n, within, strict=True)
        ],
    )
    fig.update_layout(barmode="group", xaxis={"title": {"text": "tier"}})
    durations = [v for row in t.rows for v in row[2:7]]
    _duration_axis(fig, "minutes from arrival", durations)


def _backlog(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    for i, queue in enumerate(dict.fromkeys(r["queue"] for r in rows)):
        points = [r for r in rows if r["queue"] == queue]
        fig.add_scatter(
            name=str(queue),
            x=[r["at"] for r in points],
            y=[r["open_items"] for r in points],
            mode="lines",
            line={"color": COLORS[i % len(COLORS)], "width": 2},
        )
    _axes(fig, "time (UTC)", "open items", rangemode="tozero")


def _neglect(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    queues = [str(v) for v in t.column("queue")]
    for column, name, color in (
        ("ignored", "ignored (never touched)", ALERT),
        ("expired_open", "open past due", "#c07a1a"),
        ("snoozed", "snoozed", "#3b8ea5"),
        ("reassigned", "reassigned", "#7a4fa3"),
    ):
        fig.add_bar(name=name, x=queues, y=t.column(column), marker_color=color)
    fig.update_xaxes(
        tickvals=queues,
        ticktext=[
            f"{q}<br>{n} items" + ("" if p is None else f", {p * 100:.0f}% ignored")
            for q, n, p in zip(queues, t.column("items"), t.column("ignored_pct"), strict=True)
        ],
    )
    fig.update_layout(barmode="group", xaxis={"tickangle": 0})
    _axes(fig, "queue", "items")


def _decisions(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    versions = [f"v{v}" if v not in (None, "") else "(no model)" for v in t.column("model_version")]
    for column, color in (("accept", "#2e8b57"), ("override", "#c07a1a"), ("dismiss", "#8a8f98"), ("reject", ALERT)):
        fig.add_bar(name=column, x=versions, y=t.column(column), marker_color=color)
    fig.update_xaxes(
        type="category",
        tickvals=versions,
        ticktext=[
            f"{v}<br>{d} decided"
            + ("" if o is None else f", {o * 100:.0f}% overridden")
            + ("" if s is None else f", {s * 100:.0f}% dismissed")
            for v, d, o, s in zip(
                versions, t.column("decided"), t.column("override_rate"), t.column("dismiss_rate"), strict=True
            )
        ],
    )
    fig.update_layout(barmode="stack")
    _axes(fig, "model version", "decided items")


def _feedback(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    versions = [f"v{v}" if v not in (None, "") else "(not scored)" for v in t.column("model_version")]
    for column, color in (
        ("accepted", "#2e8b57"),
        ("overridden", "#c07a1a"),
        ("dismissed", "#8a8f98"),
        ("ignored", ALERT),
    ):
        fig.add_bar(name=column, x=versions, y=t.column(column), marker_color=color)
    fig.update_xaxes(
        type="category",
        tickvals=versions,
        ticktext=[
            f"{v}<br>{n} settled" + ("" if a is None else f", {a * 100:.0f}% accepted")
            for v, n, a in zip(versions, t.column("feedback"), t.column("acceptance_rate"), strict=True)
        ],
    )
    fig.update_layout(barmode="stack")
    _axes(fig, "model version", "settled items")


def _override_reasons(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    several = len({r["model_version"] for r in rows}) > 1
    labels = [
        _label(f"v{r['model_version']}" if several else "", r["decision"], r["reason_code"] or "(no reason)")
        for r in rows
    ]
    color = {"override": "#c07a1a", "dismiss": "#8a8f98", "reject": ALERT}
    fig.add_bar(
        name="decisions",
        y=labels,
        x=[r["n"] for r in rows],
        orientation="h",
        marker_color=[color.get(str(r["decision"]), "#1f3a5f") for r in rows],
        showlegend=False,
    )
    fig.update_layout(height=max(300, 120 + 26 * len(rows)))
    fig.update_yaxes(autorange="reversed", type="category")
    _axes(fig, "decisions (count)", "decision · reason")


def _escalation(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    versions = [f"v{v}" if v not in (None, "") else "(no model)" for v in t.column("model_version")]
    fig.add_bar(
        name="false escalation (AI more urgent than the nurse)",
        x=versions,
        y=t.column("false_rate"),
        marker_color="#c07a1a",
        customdata=t.column("false_escalation"),
        hovertemplate="%{y:.1%} (%{customdata} items)<extra></extra>",
    )
    fig.add_bar(
        name="missed escalation (AI less urgent than the nurse)",
        x=versions,
        y=t.column("missed_rate"),
        marker_color=ALERT,
        customdata=t.column("missed_escalation"),
        hovertemplate="%{y:.1%} (%{customdata} items)<extra></extra>",
    )
    fig.update_xaxes(
        type="category",
        tickvals=versions,
        ticktext=[f"{v}<br>{d} decided" for v, d in zip(versions, t.column("decided"), strict=True)],
    )
    fig.update_layout(barmode="group")
    _axes(fig, "model version", "share of decided items (%)", tickformat=".0%", rangemode="tozero")


def _escalation_cases(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    for direction, color, symbol in (("false", "#c07a1a", "circle"), ("missed", ALERT, "diamond")):
        points = [r for r in rows if str(r["direction"]).startswith(direction)]
        if not points:
            continue
        fig.add_scatter(
            name=f"{direction} escalation",
            x=[r["created_at"] for r in points],
            y=[r["gap"] for r in points],
            mode="markers",
            marker={"color": color, "size": 11, "symbol": symbol, "line": {"width": 1, "color": "#fff"}},
            text=[f"AI {r['ai_urgency']} → final {r['final_urgency']} ({r['queue']})" for r in points],
            hovertemplate="%{text}<br>%{x}<extra></extra>",
        )
    _axes(fig, "created (UTC)", "urgency levels apart (AI vs final)", dtick=1, rangemode="tozero")


def _interrupts(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    users = [str(v) for v in t.column("user")]
    fig.add_bar(name="interrupts", x=users, y=t.column("interrupts"), marker_color="#1f3a5f")
    fig.add_bar(name="over the user's cap (sent as tasks)", x=users, y=t.column("over_cap"), marker_color=ALERT)
    fig.add_scatter(
        name="interrupts per user-hour",
        x=users,
        y=t.column("per_user_hour"),
        yaxis="y2",
        mode="markers",
        marker={"symbol": "diamond", "size": 11, "color": "#c07a1a"},
    )
    fig.update_layout(
        barmode="stack",
        yaxis2=_second_axis("interrupts per user-hour", t.column("per_user_hour")),
        margin={"r": 70},
    )
    _axes(fig, "user", "deliveries (count)")


def _handling(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rollouts = [str(v) for v in t.column("rollout")]
    for column, name, color in (
        ("turnaround_p50_min", "turnaround, median", "#9db4cf"),
        ("turnaround_p90_min", "turnaround, 90th percentile", "#1f3a5f"),
        ("handling_p50_min", "handling, median", "#9fd3b4"),
        ("handling_p90_min", "handling, 90th percentile", "#2e8b57"),
    ):
        fig.add_bar(name=name, x=rollouts, y=t.column(column), marker_color=color)
    fig.update_xaxes(
        tickvals=rollouts,
        ticktext=[
            f"AI {r}<br>{m} items, {d} resolved"
            for r, m, d in zip(rollouts, t.column("items"), t.column("resolved"), strict=True)
        ],
    )
    fig.update_layout(barmode="group", xaxis={"title": {"text": "AI rollout when the item was made"}})
    _duration_axis(fig, "minutes", [v for row in t.rows for v in row[3:7]])


def _suppression(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    queues = [str(v) for v in t.column("queue")]
    fig.add_bar(name="events folded into an open item", x=queues, y=t.column("events_folded"), marker_color=SOFT)
    fig.add_bar(name="re-alerts (urgency rose)", x=queues, y=t.column("realerts"), marker_color="#c07a1a")
    fig.add_bar(name="alerts saved", x=queues, y=t.column("alerts_saved"), marker_color="#2e8b57")
    fig.update_layout(barmode="group", xaxis={"tickangle": 0})
    _axes(fig, "queue", "events (count)")


SIGNAL_NAMES = {
    "dismissal_rate": "dismissal rate",
    "override_rate": "override rate",
    "ignored_rate": "ignored rate",
    "backlog": "backlog",
}


def _negative_signals(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    names = [SIGNAL_NAMES.get(str(r["signal"]), str(r["signal"])) for r in rows]
    fig.add_bar(
        name="change of the last 7 days vs the 28 days before",
        x=names,
        y=[r["change"] for r in rows],
        marker_color=[ALERT if r["flagged"] else SOFT for r in rows],
        text=[_signal_text(r) for r in rows],
        textposition="outside",
        cliponaxis=False,
        showlegend=False,
    )
    _hline(fig, limits["signal_rise"], f"flagged above +{limits['signal_rise'] * 100:.0f}%")
    _axes(fig, "signal", "change vs the prior 28 days (%)", tickformat="+.0%", zeroline=True)


def _signal_text(row: dict[str, Any]) -> str:
    last, prior = row["last_7d"], row["prior_28d"]
    if str(row["signal"]) == "backlog":
        return f"{_num(prior)} → {_num(last)}"
    return f"{_share(prior)} → {_share(last)}"


def _num(v: Any) -> str:
    return "–" if v is None else f"{v:g}"


def _share(v: Any) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


# --- models ------------------------------------------------------------------------------------
def _noshow_by_month(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    """The appointments per month as pale bars on the right-hand axis, AUC and Brier as lines on
    the left-hand one (drawn over the bars: an overlaying axis is drawn above the one it overlays)."""
    months = [str(v)[:7] for v in t.column("month")]
    fig.add_bar(name="appointments", x=months, y=t.column("n"), marker_color="#e3e8ef")
    for column, name, color in (
        ("auc", "AUC (discrimination)", "#1f3a5f"),
        ("brier", "Brier score (lower is better)", "#c07a1a"),
    ):
        fig.add_scatter(name=name, x=months, y=t.column(column), yaxis="y2", mode="lines+markers", line_color=color)
    _hline(fig, 0.5, "AUC 0.5 = chance", yref="y2")
    fig.update_layout(
        xaxis={"type": "category", "title": {"text": "month of the appointment"}},
        yaxis={"title": {"text": "appointments (count)"}, "side": "right", "showgrid": False, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": "AUC / Brier score (0–1)"},
            "overlaying": "y",
            "side": "left",
            "range": [0, 1],
            "tickmode": "linear",
            "tick0": 0,
            "dtick": 0.2,
        },
        margin={"l": 60, "r": 70},
    )


def _noshow_calibration(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    fig.add_scatter(
        name="perfect calibration",
        x=[0, 1],
        y=[0, 1],
        mode="lines",
        line={"color": "#8a8f98", "dash": "dot"},
        hoverinfo="skip",
    )
    n = t.column("n")
    biggest = max((v or 0 for v in n), default=1) or 1
    fig.add_scatter(
        name="bins of predicted risk",
        x=t.column("mean_predicted"),
        y=t.column("observed_rate"),
        mode="lines+markers",
        line={"color": "#1f3a5f"},
        marker={"size": [8 + 18 * ((v or 0) / biggest) ** 0.5 for v in n], "color": "#1f3a5f"},
        customdata=n,
        hovertemplate="predicted %{x:.0%}, observed %{y:.0%} (%{customdata} appointments)<extra></extra>",
    )
    _axes(fig, "mean predicted no-show probability (%)", "observed no-show rate (%)", range=[0, 1], tickformat=".0%")
    fig.update_xaxes(range=[0, 1], tickformat=".0%")


def _noshow_subgroups(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    # two-level axis: the subgroup under its values (n under each value)
    x = [
        [str(r["subgroup"]).replace("_", " ") for r in rows],
        [f"{r['value']}<br>n={r['n']}" for r in rows],
    ]
    fig.add_bar(name="mean predicted", x=x, y=[r["mean_predicted"] for r in rows], marker_color=SOFT)
    fig.add_bar(name="observed no-show rate", x=x, y=[r["observed_rate"] for r in rows], marker_color="#1f3a5f")
    fig.add_scatter(
        name="AUC",
        x=x,
        y=[r["auc"] for r in rows],
        mode="markers",
        marker={"symbol": "diamond", "size": 10, "color": "#c07a1a"},
        hovertemplate="AUC %{y:.2f}<extra></extra>",
    )
    fig.update_layout(barmode="group", height=460)
    _axes(fig, "subgroup", "rate / AUC (0–1)", range=[0, 1])


def _drift(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    for i, model in enumerate(dict.fromkeys(r["model"] for r in rows)):
        points = [r for r in rows if r["model"] == model]
        fig.add_scatter(
            name=f"{model} model",
            x=[r["week"] for r in points],
            y=[r["psi"] for r in points],
            mode="lines+markers",
            line={"color": COLORS[i % len(COLORS)]},
            marker={
                "size": [12 if r["warning"] else 7 for r in points],
                "color": [ALERT if r["warning"] else COLORS[i % len(COLORS)] for r in points],
            },
        )
    _hline(fig, limits["psi_warning"], f"PSI {limits['psi_warning']:g}: the score distribution shifted")
    _axes(fig, "week (starts Monday, UTC)", "PSI vs the week before", rangemode="tozero")


def _latency(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    labels = [
        f"{m} v{v}<br>n={n}"
        for m, v, n in zip(t.column("model"), t.column("model_version"), t.column("n"), strict=True)
    ]
    fig.add_bar(name="median", x=labels, y=t.column("p50_ms"), marker_color=SOFT)
    fig.add_bar(name="99th percentile", x=labels, y=t.column("p99_ms"), marker_color="#1f3a5f")
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    _axes(fig, "model and version", "scoring time (ms)", rangemode="tozero")


def _shadow_agreement(fig: go.Figure, t: Table, limits: dict[str, float]) -> None:
    rows = t.as_dicts()
    labels = [f"{r['model']} v{r['model_version']} ({r['rollout']})<br>{r['cases']} cases" for r in rows]
    fig.add_bar(
        name="agreement with staff",
        x=labels,
        y=[r["agreement_rate"] for r in rows],
        marker_color="#2e8b57",
        text=[_share(r["agreement_rate"]) for r in rows],
        textposition="outside",
        cliponaxis=False,
    )
    for column, name, color in (
        ("false_escalation", "false escalation (cases)", "#c07a1a"),
        ("missed_escalation", "missed escalation (cases)", ALERT),
    ):
        fig.add_scatter(
            name=name,
            x=labels,
            y=[r[column] for r in rows],
            yaxis="y2",
            mode="markers",
            marker={"symbol": "diamond", "size": 10, "color": color},
        )
    counts = t.column("false_escalation") + t.column("missed_escalation")
    fig.update_layout(yaxis2=_second_axis("cases (count)", counts, rangemode="tozero"), margin={"r": 70})
    fig.update_xaxes(type="category")
    _axes(fig, "model, version and rollout", "agreement with staff (%)", range=[0, 1.1], tickformat=".0%")


BUILDERS: dict[str, Builder] = {
    "turnaround": _turnaround,
    "backlog": _backlog,
    "neglect": _neglect,
    "decisions": _decisions,
    "feedback": _feedback,
    "override_reasons": _override_reasons,
    "escalation": _escalation,
    "escalation_cases": _escalation_cases,
    "interrupts": _interrupts,
    "handling": _handling,
    "suppression": _suppression,
    "negative_signals": _negative_signals,
    "noshow_by_month": _noshow_by_month,
    "noshow_calibration": _noshow_calibration,
    "noshow_subgroups": _noshow_subgroups,
    "drift": _drift,
    "latency": _latency,
    "shadow_agreement": _shadow_agreement,
}
