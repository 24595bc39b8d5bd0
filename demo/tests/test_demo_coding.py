"""The demo EMR stream gives the demo coder and clinical ops real work: every coding rule fires on
some encounters, and unsigned orders and notes are signed soon, late or never."""

import collections

from coding.rules import RULES, check_encounter
from demo.simulator import EmrSimulator


def test_the_demo_stream_makes_every_coding_finding_and_signs_some_orders_and_notes():
    stream = EmrSimulator(seed=5).events(4000)
    rules = collections.Counter(
        f.rule for e in stream if e["type"] == "EncounterClosed" for f in check_encounter(e["data"])
    )
    assert set(rules) == set(RULES), rules
    encounters = sum(e["type"] == "EncounterClosed" for e in stream)
    assert sum(rules.values()) < 3 * encounters  # work, not noise: far from every rule on every visit
    types = collections.Counter(e["type"] for e in stream)
    assert types["OrderSigned"] and types["NoteSigned"]
    unsigned = {e["data"]["order_id"] for e in stream if e["type"] == "OrderUnsigned"}
    signed = {e["data"]["order_id"] for e in stream if e["type"] == "OrderSigned"}
    assert signed <= unsigned and 0 < len(signed) < len(unsigned)


def test_the_coding_extras_keep_the_rest_of_the_stream_seeded():
    assert EmrSimulator(seed=9).events(300) == EmrSimulator(seed=9).events(300)


CODING_TYPES = ("EncounterClosed", "OrderUnsigned", "NoteUnsigned", "OrderSigned", "NoteSigned")


def test_on_a_fresh_demo_the_stream_gives_the_coder_and_clinical_ops_work_and_never_fails(demo):
    """seed_demo, then the demo EMR's documentation events through intake and the handlers: none
    fails, the coder queues get findings of every rule, clinical ops gets unsigned orders and notes,
    and signatures close some of them."""
    from datetime import timedelta

    from django.utils import timezone

    from ingest.models import Event, IntegrationSource
    from ingest.services import event_ingest, event_process
    from queues.models import WorkItem

    source = IntegrationSource.objects.get(name="demo-emr")
    stream = EmrSimulator(seed=3, start=timezone.now() - timedelta(days=3)).events(2500)
    for envelope in (e for e in stream if e["type"] in CODING_TYPES):
        event_process(event_id=event_ingest(source=source, envelope=envelope).event_id)
    assert not Event.objects.exclude(status="processed").exists()
    coding = WorkItem.objects.filter(queue__kind="coding")
    assert set(coding.values_list("kind", flat=True)) == set(WorkItem.CODING_KINDS)
    ops = WorkItem.objects.filter(queue__kind="clinical_ops")
    assert set(ops.values_list("kind", flat=True)) == {"unsigned_order", "unsigned_note"}
    assert ops.filter(state="resolved_in_emr").exists() and ops.filter(state="new").exists()
    assert {i.queue.facility.slug for i in coding} == {"north", "south"}
