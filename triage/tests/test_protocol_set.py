"""The protocol set as a whole: coverage of the chief complaints, citations, table tests, and the
evaluation data kept apart from the training data."""

import csv
from pathlib import Path

import pytest

from triage import evaluation
from triage.classifier import load_corpus
from triage.protocols import PROTOCOLS, assess
from vocabulary import CARE_LEVELS

TESTS = Path(__file__).resolve().parent / "protocols"
# the chief complaints issue 10 names, by the protocol that covers each
REQUIRED = {
    "chest_pain", "breathing", "abdominal_pain", "headache", "stroke", "seizure", "fever", "fever_child",
    "rash", "wounds_bites_stings", "injury", "urinary", "vomiting_diarrhoea", "gi_bleeding", "eye", "ear",
    "sore_throat", "cough_cold", "back_pain", "dizziness", "skin", "mouth", "constipation", "genital",
    "pregnancy", "mental_health", "poisoning_overdose", "allergic_reaction", "medication_side_effects",
    "diabetes", "travel_illness",
}  # fmt: skip


def test_at_least_thirty_chief_complaints_are_covered():
    names = {p.name for p in PROTOCOLS}
    assert REQUIRED <= names, sorted(REQUIRED - names)
    assert len([p for p in PROTOCOLS if p.complaint]) >= 30


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.name)
def test_every_protocol_cites_public_guidance_and_has_a_table_test(protocol):
    assert (TESTS / f"test_{protocol.name}.py").exists(), f"no table test for {protocol.name}"
    for source in protocol.sources:
        assert source.key and source.title and source.url.startswith("https://")
    for criterion in protocol.criteria:
        assert criterion.care_level in CARE_LEVELS and criterion.care_level != "administrative"
        assert len(criterion.text) >= 10, f"{protocol.name}/{criterion.name}: say what the nurse checks"
        protocol.source_of(criterion.source)  # names a listed source
    if protocol.complaint and protocol.default == "self_care":
        assert protocol.home_care, f"{protocol.name} defaults to self-care without home-care advice"


def test_every_emergency_names_a_criterion_a_nurse_can_check():
    for text in [
        "crushing chest pain going down my left arm",
        "A 70-year-old: RR 26, SpO2 90%, BP 88/50, HR 135, T 39.4, new confusion",
        "K 6.9",
    ]:
        a = assess(text)
        assert a.care_level == "emergency" and a.by_criterion
        entry = a.decided_by.as_dict()
        assert entry["kind"] == "protocol" and entry["criterion_text"] and entry["source"] and entry["source_url"]


def test_the_evaluation_cases_are_not_in_the_training_corpus():
    corpus = {row.text.strip().lower() for row in load_corpus()}
    for path in evaluation.DEFAULT_SETS:
        with path.open(newline="", encoding="utf-8") as fh:
            texts = [row["text"].strip().lower() for row in csv.DictReader(fh)]
        assert texts, path
        assert not corpus.intersection(texts), f"{path.name} rows are in the training corpus"


def test_the_evaluation_report_counts_what_it_says(tmp_path):
    cases = [
        evaluation.Case("a", "x", "emergency"),
        evaluation.Case("b", "x", "emergency"),
        evaluation.Case("c", "x", "self_care"),
        evaluation.Case("d", "x", "within_2_weeks"),
    ]
    outcomes = [
        evaluation.Outcome(cases[0], "emergency", "p/c"),
        evaluation.Outcome(cases[1], "within_3_days", "classifier"),
        evaluation.Outcome(cases[2], "emergency", "p/c"),
        evaluation.Outcome(cases[3], "same_day", "classifier"),
    ]
    r = evaluation.report(outcomes)
    assert r["emergency_recall"] == "1/2" and r["under_triage"] == "1/2"
    assert r["self_care_to_emergency"] == "1/1" and r["over_triage"] == "1/2"
    assert r["care_level_accuracy"] == 0.25 and r["three_level_accuracy"] == 0.5
    assert r["confusion"]["emergency"]["within_3_days"] == 1
    path = tmp_path / "cases.csv"
    path.write_text("id,text,care_level\n1,hello,soonish\n")
    with pytest.raises(ValueError, match="soonish"):
        evaluation.load_cases(path)
