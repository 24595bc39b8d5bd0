"""The pure parts without a database: MLLP framing, decoding, HL7 dates, ACKs, mapping rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import hl7
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hl7v2.ack import build_ack
from hl7v2.mapping import Context, map_message, slugify, source_uri
from hl7v2.mllp import Frame, FrameDecoder, FramingError, frame
from hl7v2.parse import Hl7Problem, Refused, decode, dtm, normalise, parse_message, read_header
from hl7v2.tests.conftest import PID, build

CTX = Context(tz=UTC, today=date(2026, 12, 7), received_at=datetime(2026, 12, 7, tzinfo=UTC))


def test_decoder_splits_frames_across_any_chunking():
    stream = frame(b"one") + b"\r\n" + frame(b"two") + frame(b"three")
    for size in (1, 2, 3, 7, len(stream)):
        decoder = FrameDecoder(max_frame=100)
        out = []
        for i in range(0, len(stream), size):
            out.extend(decoder.feed(stream[i : i + size]))
        assert out == [Frame(b"one"), Frame(b"two"), Frame(b"three")], size
        assert decoder.eof() == []


def test_decoder_reports_junk_restart_oversize_and_truncation():
    decoder = FrameDecoder(max_frame=10, head=4)
    out = decoder.feed(b"junk" + b"\x0bpartial" + frame(b"0123456789ABC") + frame(b"ok") + b"\x0bhalf")
    assert out == [
        FramingError("junk", 4),
        FramingError("restarted", 7),
        FramingError("oversize", 13, b"0123"),
        Frame(b"ok"),
    ]
    assert decoder.eof() == [FramingError("truncated", 4)]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=1, max_value=50))
def test_decoder_never_raises_and_never_holds_more_than_its_cap(data, chunk):
    decoder = FrameDecoder(max_frame=64, head=16)
    for i in range(0, len(data), chunk):
        for item in decoder.feed(data[i : i + chunk]):
            if isinstance(item, Frame):
                assert len(item.payload) <= 64 and b"\x1c" not in item.payload
        assert len(decoder._buf) <= 64
    decoder.eof()


def test_decode_bom_fallback_and_declared_charsets():
    assert decode(b"\xef\xbb\xbfMSH|^~\\&|A")[0] == "MSH|^~\\&|A"
    assert decode("MSH|^~\\&|Müller".encode("latin-1")) == ("MSH|^~\\&|Müller", "latin-1 (not valid UTF-8)")
    declared = "MSH|^~\\&|A|B|C|D|x||ADT^A01|1|P|2.5||||||8859/1\rPID|||Müller".encode("latin-1")
    assert decode(declared)[1] == "latin-1"
    with pytest.raises(Refused) as refused:
        decode(declared.replace(b"8859/1", b"UNICODE UTF-8"))
    assert refused.value.problems[0].location == "MSH-18"
    assert normalise("MSH|a\r\n\nPID|b\n\n  \n") == "MSH|a\rPID|b"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20261201", datetime(2026, 12, 1, tzinfo=UTC)),
        ("202612010830", datetime(2026, 12, 1, 8, 30, tzinfo=UTC)),
        ("20261201083015.25-0500", datetime(2026, 12, 1, 8, 30, 15, 250000, tzinfo=timezone(timedelta(hours=-5)))),
        ("2026", datetime(2026, 1, 1, tzinfo=UTC)),
    ],
)
def test_dtm_reads_hl7_datetimes(value, expected):
    assert dtm(value, "X-1", UTC) == expected


@pytest.mark.parametrize(
    "value", ["99999999", "20261301", "00000101", "20261201+2500", "00010101+0100", "x", "2026-12-01"]
)
def test_dtm_refuses_what_is_not_a_datetime(value):
    with pytest.raises(Refused) as refused:
        dtm(value, "OBX-14", UTC)
    assert refused.value.problems[0].location == "OBX-14"


def test_read_header_refuses_a_bad_msh():
    assert read_header("PID|1") is None
    assert read_header("MSHa^~\\&|x") is None
    assert read_header("MSH||||") is None  # encoding characters missing
    header = read_header(build("SIU^S12", "c-1", PID))
    assert header is not None and (header.type_text, header.control_id) == ("SIU^S12", "c-1")
    assert source_uri(header) == "urn:hl7:emr:north"
    assert slugify("GH Clinic / 2") == "gh-clinic-2"


def test_ack_carries_the_control_id_and_err_segments():
    text = build("ORU^R01", "c-9", PID)
    header = read_header(text)
    message = parse_message(text)
    problems = [Hl7Problem("OBX[2]-5", "'a|b' is not a number"), Hl7Problem("PID-3", "no MRN", "101")]
    ack = hl7.parse(build_ack(code="AE", header=header, message=message, problems=problems))
    assert str(ack.segment("MSH")(9)) == "ACK^R01^ACK"
    assert str(ack.segment("MSA")(1)) == "AE" and str(ack.segment("MSA")(2)) == "c-9"
    errs = ack.segments("ERR")
    assert [str(e(2)) for e in errs] == ["OBX^2^5", "PID^1^3"]
    assert ack.segments("ERR")[0].extract_field(1, 8) == "OBX[2]-5: 'a|b' is not a number"  # escaped, then read back
    bare = hl7.parse(build_ack(code="AR", header=None, problems=[Hl7Problem("MSH", "no MSH", reject=True)]))
    assert str(bare.segment("MSA")(1)) == "AR" and str(bare.segment("ERR")(2)) == "MSH^1"


def test_mapping_rejects_types_it_does_not_take():
    text = build("ORM^O01", "c-1", PID)
    with pytest.raises(Refused) as refused:
        map_message(parse_message(text), read_header(text), CTX)
    assert refused.value.problems[0].reject and refused.value.problems[0].location == "MSH-9"


def test_mapping_of_a_preliminary_result_is_acknowledged_without_an_event():
    text = build("ORU^R01", "c-1", PID, "OBX|1|NM|2823-3^K^LN||6.4|mmol/L|3.5-5.1|HH|||P")
    mapped = map_message(parse_message(text), read_header(text), CTX)
    assert mapped.events == [] and mapped.problems == [] and "'P' is not final" in mapped.notes[0]


def test_a_visit_type_too_long_for_its_column_falls_back():
    text = build("SIU^S12", "c-1", "SCH||A-1|||||Follow-up visit|" + "R" * 70, "TQ1|||||||20261215090000", PID)
    mapped = map_message(parse_message(text), read_header(text), CTX)
    (event,) = mapped.events
    assert event.data["visit_type"] == "Follow-up visit" and event.where["data.visit_type"] == "SCH-7"
    assert any("too long for a visit type" in note for note in mapped.notes)


def test_a_message_with_more_results_than_one_transaction_should_hold_is_ae():
    obx = [f"OBX|{n}|NM|2823-3^K^LN|{n}|4.0|mmol/L||N|||F" for n in range(1, 502)]
    text = build("ORU^R01", "c-1", PID, *obx)
    mapped = map_message(parse_message(text), read_header(text), CTX)
    assert [p.location for p in mapped.problems] == ["OBX"] and "at most 500" in mapped.problems[0].message
