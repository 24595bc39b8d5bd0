"""Plotly figures of the manager dashboards, built from metric Tables (pure: no Django)."""
