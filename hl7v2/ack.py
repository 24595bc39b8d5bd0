"""HL7 ACK messages (pure: no Django).

An ACK copies the message's control id into MSA-2 and says AA (accepted: stored), AE (understood,
but its content is wrong: nothing stored) or AR (refused: a type, header or sender it does not take).
Each problem becomes an ERR segment (v2.5 layout): ERR-2 the location (`PID^1^3`), ERR-3 the
condition code of HL7 table 0357, ERR-4 severity E, ERR-8 the reason as text; MSA-3 repeats the
first reason for receivers that read only MSA.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import hl7

from hl7v2.parse import CONDITION_TEXT, Header, Hl7Problem

MAX_ERR = 20
_LOC = re.compile(r"^(?P<seg>[A-Z][A-Z0-9]{2})(?:\[(?P<occ>\d+)\])?(?:-(?P<field>\d+))?$")
DEFAULT_ENCODING = "^~\\&"


def ack_control_id() -> str:
    return "ACK" + uuid.uuid4().hex[:17].upper()


def _escape(text: str, sep: str, encoding: str) -> str:
    """A value made safe for one field (HL7 escape sequences; CR/LF become spaces)."""
    comp, rep = encoding[0], encoding[1] if len(encoding) > 1 else "~"
    esc = encoding[2] if len(encoding) > 2 else "\\"
    sub = encoding[3] if len(encoding) > 3 else "&"
    out = text.replace(esc, f"{esc}E{esc}")
    for char, code in ((sep, "F"), (comp, "S"), (rep, "R"), (sub, "T")):
        out = out.replace(char, f"{esc}{code}{esc}")
    return re.sub(r"[\r\n\x00-\x08\x0b-\x1f]", " ", out)


def _location(location: str, comp: str) -> str:
    match = _LOC.match(location)
    if not match:
        return ""
    parts = [match["seg"], match["occ"] or "1"]
    if match["field"]:
        parts.append(match["field"])
    return comp.join(parts)


def _tail(code: str, problems: list[Hl7Problem], sep: str, encoding: str) -> list[str]:
    """The MSA-3 text and the ERR segments."""
    comp = encoding[0]
    segments = []
    for problem in problems[:MAX_ERR]:
        condition = comp.join([problem.code, _escape(CONDITION_TEXT.get(problem.code, ""), sep, encoding), "HL70357"])
        fields = [
            "ERR",
            "",
            _location(problem.location, comp),
            condition,
            "E",
            "",
            "",
            "",
            _escape(problem.text, sep, encoding),
        ]
        segments.append(sep.join(fields))
    return segments


def build_ack(
    *,
    code: str,
    header: Header | None,
    message: hl7.Message | None = None,
    problems: list[Hl7Problem] | None = None,
    control_id: str | None = None,
    now: datetime | None = None,
) -> str:
    """The ACK as text (segments separated by CR, ending with CR). With the parsed message, the
    library's `create_ack` builds MSH and MSA; otherwise (a message it cannot parse) they are built
    from the hand-read header, or from defaults when there is no usable MSH at all."""
    problems = problems or []
    control_id = control_id or ack_control_id()
    sep = header.field_sep if header else "|"
    encoding = header.encoding if header else DEFAULT_ENCODING
    reason = _escape(problems[0].text[:200], sep, encoding) if problems else ""
    lines: list[str] | None = None
    if message is not None and header is not None:
        try:
            ack = message.create_ack(
                ack_code=code,
                message_id=control_id,
                application=header.receiving_app or "clinflow",
                facility=header.receiving_facility or None,
            )
            lines = [line for line in str(ack).split("\r") if line]
        except Exception:  # an MSH the library parsed but cannot copy (e.g. MSH-9 without components)
            lines = None
    if lines is None:
        when = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S")
        h = header
        trigger = h.trigger if h else ""
        msh = [
            "MSH",
            encoding,
            _escape(h.receiving_app, sep, encoding) if h and h.receiving_app else "clinflow",
            _escape(h.receiving_facility, sep, encoding) if h else "",
            _escape(h.sending_app, sep, encoding) if h else "",
            _escape(h.sending_facility, sep, encoding) if h else "",
            when,
            "",
            encoding[0].join(["ACK", trigger, "ACK"]) if trigger else "ACK",
            control_id,
            _escape(h.processing_id, sep, encoding) if h and h.processing_id else "P",
            _escape(h.version, sep, encoding) if h and h.version else "2.5",
        ]
        msa_id = _escape(h.control_id[:199], sep, encoding) if h else ""
        lines = [sep.join(msh), sep.join(["MSA", code, msa_id])]
    if reason:
        lines[1] = lines[1] + sep + reason
    return "\r".join(lines + _tail(code, problems, sep, encoding)) + "\r"
