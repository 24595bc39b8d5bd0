"""The listener's Prometheus metrics. prometheus-client runs in multiprocess mode (settings sets
PROMETHEUS_MULTIPROC_DIR, see clinflow/metrics.py): the listener writes its own file and the web
process's /metrics merges it, so these appear there; `mllp_listen --metrics-port` also serves them
(with every other process's) on a port of the listener's own."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

MESSAGES = Counter(
    "clinflow_hl7_messages",
    "HL7 v2 messages answered by the MLLP listener, by message type and ACK code (AA/AE/AR) and "
    "whether it was a repeat of a control id already accepted.",
    ["message_type", "ack", "repeat"],
    registry=None,
)
FRAMING_ERRORS = Counter(
    "clinflow_mllp_framing_errors",
    "MLLP framing problems: junk (bytes outside a frame), oversize, truncated (closed mid-frame), "
    "restarted (a start block inside a frame), frame_timeout, idle_timeout, too_many_connections.",
    ["reason"],
    registry=None,
)
CONNECTIONS = Counter("clinflow_mllp_connections", "MLLP connections accepted.", registry=None)
OPEN_CONNECTIONS = Gauge(
    "clinflow_mllp_open_connections", "MLLP connections open now.", registry=None, multiprocess_mode="livesum"
)
ACK_SECONDS = Histogram(
    "clinflow_mllp_ack_seconds",
    "Time from a complete frame to its ACK being written (decode, parse, store, commit).",
    ["ack"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
    registry=None,
)
STORAGE_FAILURES = Counter(
    "clinflow_hl7_storage_failures",
    "Messages whose database work failed (answered AE, never AA).",
    registry=None,
)

for _reason in (
    "junk",
    "oversize",
    "truncated",
    "restarted",
    "frame_timeout",
    "idle_timeout",
    "too_many_connections",
):
    FRAMING_ERRORS.labels(reason=_reason)
