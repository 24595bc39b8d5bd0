"""Predicted visit duration (pure): medians of attended visits, most specific first.

``fit_durations`` -> ``DurationModel`` predicts a visit's length as the median of the patient's own
earlier attended visits of the same type, else the (department, visit type) median, else the
visit-type median, else the global one. A trained no-show model carries one (``NoShowModel.durations``).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scheduling.appts import Appt


@dataclass
class DurationModel:
    """Median visit durations (minutes) of attended appointments, for fallbacks.

    ``predict_duration`` prefers the patient's own earlier attended visits of the same visit type
    (from ``history``); else the (department, visit type) median if that group had at least
    ``min_group`` visits; else the visit-type median (same rule); else the global median; else None.
    Feed it actual durations (e.g. ``EncounterClosed.duration_min``) where you have them.
    """

    by_department: dict[str, dict[str, float]] = field(default_factory=dict)
    by_visit_type: dict[str, float] = field(default_factory=dict)
    global_median: float | None = None
    min_group: int = 5

    def predict_duration(self, appt: Appt, history: Sequence[Appt]) -> int | None:
        own = [
            h.duration_min
            for h in history
            if h.patient_id == appt.patient_id
            and h.appointment_id != appt.appointment_id
            and h.visit_type == appt.visit_type
            and h.outcome == "attended"
            and h.duration_min is not None
            and h.starts_at < appt.starts_at
        ]
        for value in (
            statistics.median(own) if own else None,
            self.by_department.get(appt.department, {}).get(appt.visit_type),
            self.by_visit_type.get(appt.visit_type),
            self.global_median,
        ):
            if value is not None:
                return max(1, round(value))
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (e.g. for a JSONField); ``from_dict`` reverses it."""
        return {
            "by_department": self.by_department,
            "by_visit_type": self.by_visit_type,
            "global_median": self.global_median,
            "min_group": self.min_group,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DurationModel:
        return cls(
            by_department={d: dict(v) for d, v in data.get("by_department", {}).items()},
            by_visit_type=dict(data.get("by_visit_type", {})),
            global_median=data.get("global_median"),
            min_group=int(data.get("min_group", 5)),
        )


def fit_durations(appts: Iterable[Appt], *, min_group: int = 5) -> DurationModel:
    """Fallback medians from attended appointments with a duration."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_type: dict[str, list[int]] = defaultdict(list)
    everything: list[int] = []
    for a in appts:
        if a.outcome != "attended" or a.duration_min is None:
            continue
        groups[(a.department, a.visit_type)].append(a.duration_min)
        by_type[a.visit_type].append(a.duration_min)
        everything.append(a.duration_min)
    by_department: dict[str, dict[str, float]] = defaultdict(dict)
    for (department, visit_type), values in sorted(groups.items()):
        if len(values) >= min_group:
            by_department[department][visit_type] = float(statistics.median(values))
    return DurationModel(
        by_department=dict(by_department),
        by_visit_type={k: float(statistics.median(v)) for k, v in sorted(by_type.items()) if len(v) >= min_group},
        global_median=float(statistics.median(everything)) if everything else None,
        min_group=min_group,
    )
