"""Decoding and reading HL7 v2 messages (pure: no Django, no ORM).

The maintained `hl7` library (python-hl7 0.4.5) does the parsing; this module makes its input safe
for it and gives typed, located reads of what it parsed:

- `decode(raw)`: bytes → text. MSH-18 (character set) is honoured where it names one we know
  (`UNICODE UTF-8`, `8859/1`, `ASCII`, ...): the bytes must then be valid in it, else an AE naming
  MSH-18. Without MSH-18: UTF-8 (a UTF-8 byte-order mark is dropped), and if the bytes are not
  UTF-8, latin-1 (which decodes any byte). UTF-8 is decoded with `surrogatepass`, so encoded lone
  surrogates surface as such and are refused field by field (`text_problems`), not silently mangled.
- `normalise(text)`: segments end with CR (LF and CRLF accepted), blank lines and trailing
  whitespace lines dropped.
- `check_msh(text)`: the MSH header that the library assumes (field separator, encoding characters)
  is checked before it parses, so a bad header is an AR, not an exception.
- `Hl7Problem`: one located problem, `PID-3` and why, with its HL7 table 0357 code.
- `dtm(value, where, tz)`: an HL7 DTM to an aware datetime, refusing 99999999, year 0 and
  out-of-range offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

import hl7
from hl7.containers import Field, Repetition

# HL7 table 0357 (message error condition codes) used here.
REQUIRED_MISSING = "101"
DATA_TYPE_ERROR = "102"
TABLE_VALUE_NOT_FOUND = "103"
UNSUPPORTED_MESSAGE_TYPE = "200"
UNSUPPORTED_EVENT_CODE = "201"
UNSUPPORTED_VERSION = "203"
UNKNOWN_KEY = "204"
DUPLICATE_KEY = "205"
INTERNAL_ERROR = "207"

CONDITION_TEXT = {
    REQUIRED_MISSING: "Required field missing",
    DATA_TYPE_ERROR: "Data type error",
    TABLE_VALUE_NOT_FOUND: "Table value not found",
    UNSUPPORTED_MESSAGE_TYPE: "Unsupported message type",
    UNSUPPORTED_EVENT_CODE: "Unsupported event code",
    UNSUPPORTED_VERSION: "Unsupported version id",
    UNKNOWN_KEY: "Unknown key identifier",
    DUPLICATE_KEY: "Duplicate key identifier",
    INTERNAL_ERROR: "Application internal error",
}


@dataclass(frozen=True)
class Hl7Problem:
    """One thing wrong with a message: where (`PID-3`, `OBX[2]-5`: segment, occurrence, field),
    why, its table 0357 code, and whether it makes the message an AE (content) or AR (refused)."""

    location: str
    message: str
    code: str = DATA_TYPE_ERROR
    reject: bool = False  # AR instead of AE

    @property
    def text(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class Refused(Exception):
    """The message cannot be taken further: its problems (at least one)."""

    def __init__(self, problems: list[Hl7Problem]):
        super().__init__("; ".join(p.text for p in problems))
        self.problems = problems


# --- decoding ---------------------------------------------------------------------------------
BOM = b"\xef\xbb\xbf"
# MSH-18 values (HL7 table 0211) → Python codecs. Multi-byte Asian sets are not accepted here.
CHARSETS = {
    "": None,
    "ASCII": "ascii",
    "UNICODE UTF-8": "utf-8",
    "UNICODE": "utf-8",
    "UTF-8": "utf-8",
    "8859/1": "latin-1",
    "8859/2": "iso8859-2",
    "8859/5": "iso8859-5",
    "8859/7": "iso8859-7",
    "8859/15": "iso8859-15",
}
_MSH18 = re.compile(rb"^(?:\xef\xbb\xbf)?MSH(.)")


def _charset_field(raw: bytes) -> str:
    """MSH-18 read from the raw bytes (before decoding, since it says how to decode)."""
    match = _MSH18.match(raw)
    if not match:
        return ""
    sep = match.group(1)
    end = min((i for i in (raw.find(b"\r"), raw.find(b"\n")) if i >= 0), default=len(raw))
    fields = raw[:end].split(sep)
    # fields[0] is "MSH", fields[1] is MSH-2; MSH-n is fields[n - 1]
    if len(fields) < 18:
        return ""
    value = fields[17].decode("ascii", "replace")
    rep = raw[match.end() + 1 : match.end() + 2] or b"~"
    return value.split(rep.decode("ascii", "replace"))[0].strip().upper()


def decode(raw: bytes) -> tuple[str, str]:
    """(text, how it was decoded). Raises Refused (AE at MSH-18) for bytes invalid in a declared
    character set, or (AR) for a character set it does not know."""
    charset = _charset_field(raw)
    if charset not in CHARSETS:
        raise Refused([Hl7Problem("MSH-18", f"character set {charset[:40]!r} is not supported", "103", reject=True)])
    codec = CHARSETS[charset]
    body = raw[len(BOM) :] if raw.startswith(BOM) else raw
    if codec is None:
        try:
            return body.decode("utf-8", "surrogatepass"), "utf-8"
        except UnicodeDecodeError:
            return body.decode("latin-1"), "latin-1 (not valid UTF-8)"
    try:
        return body.decode(codec, "surrogatepass" if codec == "utf-8" else "strict"), codec
    except UnicodeDecodeError as exc:
        raise Refused(
            [Hl7Problem("MSH-18", f"the message is not valid {charset} (byte {exc.start} cannot be decoded)")]
        ) from None


def normalise(text: str) -> str:
    """CR-separated segments: LF and CRLF accepted, blank and whitespace-only lines dropped."""
    lines = text.replace("\r\n", "\r").replace("\n", "\r").split("\r")
    return "\r".join(line for line in lines if line.strip())


# --- the header -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Header:
    """What the answer needs even when the rest of the message is wrong."""

    field_sep: str
    encoding: str
    sending_app: str
    sending_facility: str
    receiving_app: str
    receiving_facility: str
    message_type: str  # MSH-9.1
    trigger: str  # MSH-9.2
    control_id: str  # MSH-10
    processing_id: str
    version: str
    fields: tuple[str, ...]  # raw MSH fields, MSH-n at index n

    @property
    def type_text(self) -> str:
        return f"{self.message_type}^{self.trigger}" if self.trigger else self.message_type


def _components(value: str, encoding: str) -> list[str]:
    return value.split(encoding[0]) if encoding else [value]


def read_header(text: str) -> Header | None:
    """The MSH of a (normalised) message, read by hand so that an ACK can be built even for a
    message the library refuses. None when there is no usable MSH."""
    first = text.split("\r", 1)[0]
    if not first.startswith("MSH") or len(first) < 8:
        return None
    sep = first[3]
    if sep.isalnum() or sep.isspace():
        return None
    parts = first.split(sep)
    encoding = parts[1] if len(parts) > 1 else ""
    if not 2 <= len(encoding) <= 5 or len(set(encoding)) != len(encoding) or sep in encoding:
        return None
    if any(ch.isalnum() or ch.isspace() for ch in encoding):
        return None
    fields = ("MSH", sep, *parts[1:])  # MSH-1 is the separator itself, MSH-2 the encoding characters

    def get(n: int) -> str:
        return fields[n] if n < len(fields) else ""

    def comp(n: int, c: int = 1) -> str:
        reps = get(n).split(encoding[1]) if len(encoding) > 1 else [get(n)]
        items = _components(reps[0], encoding)
        return items[c - 1].strip() if c <= len(items) else ""

    return Header(
        field_sep=sep,
        encoding=encoding,
        sending_app=comp(3),
        sending_facility=comp(4),
        receiving_app=comp(5),
        receiving_facility=comp(6),
        message_type=comp(9, 1).upper(),
        trigger=comp(9, 2).upper(),
        control_id=get(10).strip(),
        processing_id=comp(11),
        version=comp(12),
        fields=fields,
    )


def parse_message(text: str) -> hl7.Message:
    """The library's parse of a normalised message whose MSH read_header accepted."""
    try:
        return hl7.parse(text)
    except Exception as exc:  # the library raises several types for malformed input
        raise Refused([Hl7Problem("MSH", f"the message cannot be parsed: {str(exc)[:120]}", reject=True)]) from None


# --- reading fields ---------------------------------------------------------------------------
def get(seg: Any, field: int, comp: int = 1, sub: int = 1, rep: int = 1) -> str:
    """One value (unescaped), '' when absent. Never raises for a missing path."""
    if seg is None:
        return ""
    try:
        value = seg.extract_field(1, field, rep, comp, sub)
    except (IndexError, KeyError, ValueError, TypeError, AttributeError):
        return ""
    return str(value).strip()


def repetitions(seg: Any, field: int) -> int:
    """How many repetitions field `field` of `seg` has (0 when empty or absent)."""
    if seg is None or field >= len(seg):
        return 0
    value = seg(field)
    if isinstance(value, Field) and value and all(isinstance(r, Repetition) for r in value):
        return len(value)
    return 1 if str(value).strip() else 0


def segment_texts(message: hl7.Message) -> list[tuple[str, int, list[str]]]:
    """(segment id, occurrence, raw field texts) for every segment: for scanning every value."""
    counts: dict[str, int] = {}
    out = []
    for seg in message:
        name = str(seg[0])
        counts[name] = counts.get(name, 0) + 1
        out.append((name, counts[name], [str(f) for f in seg]))
    return out


def loc(name: str, occurrence: int, field: int, *, many: bool = False) -> str:
    """`PID-3`, or `OBX[2]-5` when the segment repeats."""
    return f"{name}[{occurrence}]-{field}" if many else f"{name}-{field}"


def text_problems(message: hl7.Message) -> list[Hl7Problem]:
    """Every field holding a value no database can store as text: NUL characters and lone
    surrogates (what a decoder with surrogatepass or a sender's bad escaping leaves)."""
    problems: list[Hl7Problem] = []
    texts = segment_texts(message)
    many = {n for n, occ, _ in texts if occ > 1}
    for name, occurrence, fields in texts:
        if "\x00" in name or not _encodable(name):
            problems.append(Hl7Problem(f"segment {len(problems) + 1}", "the segment name holds invalid characters"))
            continue
        for index, value in enumerate(fields[1:], start=1):
            n = index + 1 if name == "MSH" else index
            where = loc(name, occurrence, n, many=name in many)
            if "\x00" in value:
                problems.append(Hl7Problem(where, "must not contain NUL characters"))
            elif not _encodable(value):
                problems.append(Hl7Problem(where, "must not contain lone UTF-16 surrogates (invalid Unicode)"))
            if len(problems) >= 20:
                return problems
    return problems


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def storable(text: str) -> str:
    """`text` made storable as PostgreSQL text (NULs and lone surrogates written as escapes)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


# --- dates ------------------------------------------------------------------------------------
_DTM = re.compile(
    r"^(?P<y>\d{4})(?:(?P<m>\d{2})(?:(?P<d>\d{2})(?:(?P<H>\d{2})(?:(?P<M>\d{2})"
    r"(?:(?P<S>\d{2})(?:\.(?P<f>\d{1,4}))?)?)?)?)?)?(?P<z>[+-]\d{4})?$"
)


def dtm(value: str, where: str, tz: tzinfo) -> datetime:
    """An HL7 DTM (`YYYY[MM[DD[HH[MM[SS[.S…]]]]]][±ZZZZ]`) as an aware datetime; without an offset
    it is read in `tz` (the sender's local time, settings.TIME_ZONE). Raises Refused (AE) for
    anything else: 99999999, month 13, year 0, an offset beyond ±14:00, a UTC value outside
    years 1–9999."""
    match = _DTM.match(value.strip())
    if not match:
        raise Refused([Hl7Problem(where, f"{value[:40]!r} is not an HL7 date/time (YYYYMMDD[HHMM[SS]][+ZZZZ])")])
    g = match.groupdict()
    offset = g["z"]
    try:
        zone: tzinfo = tz
        if offset:
            hours, minutes = int(offset[1:3]), int(offset[3:5])
            if hours > 14 or minutes > 59:
                raise ValueError("offset")
            sign = -1 if offset[0] == "-" else 1
            zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
        fraction = (g["f"] or "").ljust(6, "0")[:6]
        parsed = datetime(
            int(g["y"]),
            int(g["m"] or 1),
            int(g["d"] or 1),
            int(g["H"] or 0),
            int(g["M"] or 0),
            int(g["S"] or 0),
            int(fraction or 0),
            tzinfo=zone,
        )
        parsed.astimezone(UTC)  # a UTC value outside years 1–9999 overflows here
    except (ValueError, OverflowError):
        raise Refused([Hl7Problem(where, f"{value[:40]!r} is not a valid date/time (out of range)")]) from None
    return parsed


def birth_date(value: str, where: str, today: date) -> date:
    """The date of an HL7 birth date/time (PID-7), not after `today`."""
    match = _DTM.match(value.strip())
    if not match or match["m"] is None or match["d"] is None:
        raise Refused([Hl7Problem(where, f"{value[:40]!r} is not an HL7 date (YYYYMMDD)")])
    try:
        parsed = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise Refused([Hl7Problem(where, f"{value[:40]!r} is not a valid date (out of range)")]) from None
    if parsed > today + timedelta(days=1):
        raise Refused([Hl7Problem(where, f"{value[:40]!r} is in the future")])
    return parsed
