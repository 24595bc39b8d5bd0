"""Plotly figures for the scheduling pages (pure: rows in, figure out)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


def capacity_figure(rows: list[dict[str, Any]]) -> go.Figure:
    """Per provider and day: capacity (slots), booked, expected attendance, and the overbook cap.

    rows: [{"provider_id", "day" (date), "slots", "booked", "expected", "cap"}]
    """
    labels = [f"{r['provider_id']}<br>{r['day']:%a %d %b}" for r in rows]
    fig = go.Figure()
    fig.add_bar(name="capacity (slots)", x=labels, y=[r["slots"] for r in rows], marker_color="#c9d6e3")
    fig.add_bar(name="booked", x=labels, y=[r["booked"] for r in rows], marker_color="#1f3a5f")
    fig.add_bar(name="expected attendance", x=labels, y=[round(r["expected"], 1) for r in rows], marker_color="#2e8b57")
    fig.add_scatter(
        name="overbook cap",
        x=labels,
        y=[r["cap"] for r in rows],
        mode="markers",
        marker={"symbol": "line-ew-open", "size": 28, "color": "#b03a2e", "line": {"width": 3}},
    )
    fig.update_layout(
        barmode="group",
        autosize=True,
        height=420,
        margin={"l": 40, "r": 10, "t": 40, "b": 80},
        legend={"orientation": "h", "y": 1.15, "x": 0},
        yaxis_title="appointments",
        template="plotly_white",
        font={"family": "system-ui, sans-serif"},
    )
    return fig
