"""The vocabulary is spelled once and every app reads it from there."""

import pathlib
import re

from queues.models import WorkItem
from vocabulary import (
    SEVERITY_PRIORITY,
    SEVERITY_RANK,
    TIER_RANK,
    URGENCIES,
    URGENCY_PRIORITY,
    URGENCY_RANK,
    Intent,
    Severity,
    Tier,
    Urgency,
    label,
)

REPO = pathlib.Path(__file__).resolve().parents[2]


def test_the_orderings_cover_every_word_and_agree():
    assert set(URGENCY_PRIORITY) == set(URGENCY_RANK) == set(Urgency.values)
    assert set(TIER_RANK) == set(Tier.values)
    assert set(SEVERITY_RANK) == set(Severity.values)
    assert set(SEVERITY_PRIORITY) == set(Severity.values) - {"normal"}
    # priority 1 is the most serious: the two orderings run in opposite directions
    by_priority = sorted(URGENCIES, key=URGENCY_PRIORITY.__getitem__)
    assert by_priority == sorted(URGENCIES, key=URGENCY_RANK.__getitem__, reverse=True) == list(URGENCIES)


def test_words_are_their_stored_values_and_carry_labels():
    assert Urgency.NON_CLINICAL == "non_clinical" and Urgency.NON_CLINICAL.label == "Non-clinical"
    assert Urgency.choices[0] == ("emergent", "Emergent")
    assert label(Intent, "billing_admin") == "Billing / admin"
    assert label(Urgency, "something_newer") == "something_newer"  # old or newer data shows as itself
    assert label(Urgency, None) == ""


def test_work_item_fields_take_their_choices_from_the_vocabulary():
    assert WorkItem._meta.get_field("urgency").choices == Urgency.choices
    assert WorkItem._meta.get_field("final_urgency").choices == Urgency.choices
    assert WorkItem._meta.get_field("tier").choices == Tier.choices


def test_no_app_spells_the_urgency_list_again():
    spelled = re.compile(r"\(\s*\"emergent\",\s*\"urgent\",\s*\"routine\",\s*\"non_clinical\"\s*\)")
    offenders = [
        str(path.relative_to(REPO))
        for app in ("ingest", "queues", "triage", "scheduling", "audit", "clinflow")
        for path in (REPO / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and spelled.search(path.read_text())
    ]
    assert offenders == []
