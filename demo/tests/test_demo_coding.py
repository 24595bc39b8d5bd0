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
