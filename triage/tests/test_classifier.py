"""Triage classifier: held-out quality floors, persistence safety, probabilities, determinism.

No database: plain pytest functions. The model is trained once per module on a fixed,
stratified 75/25 split of the seed corpus; the per-class report is printed (see it with
``pytest -s`` or ``-rP``).
"""

import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import skops.io
from sklearn.linear_model import LogisticRegression

from triage import classifier
from triage.classifier import (
    INTENTS,
    URGENCIES,
    TriagePrediction,
    UntrustedModelError,
    format_report,
    holdout_split,
    load_model,
    load_seed_corpus,
    save_model,
    score_report,
    train_triage_model,
)

REPO = Path(__file__).resolve().parents[2]


class NotAnEstimator:
    """A custom class: a model file holding one must be refused on load."""

    def __init__(self):
        self.payload = "anything"


@pytest.fixture(scope="module")
def corpus():
    return load_seed_corpus()


@pytest.fixture(scope="module")
def split(corpus):
    return holdout_split(corpus, test_size=0.25, random_state=0)


@pytest.fixture(scope="module")
def model(split):
    train, _ = split
    return train_triage_model(train, random_state=0)


@pytest.fixture(scope="module")
def report(model, split, corpus):
    _, test = split
    return score_report(model, test, method="stratified hold-out (25% test, seed 0)", n_samples=len(corpus))


@pytest.fixture(scope="module")
def saved(model, tmp_path_factory):
    path = tmp_path_factory.mktemp("models") / "triage.skops"
    return path, save_model(model, path)


# ---- corpus --------------------------------------------------------------------------------
def test_seed_corpus_is_large_labelled_and_mixed(corpus):
    assert len(corpus) >= 700
    urgency = Counter(u for _, u, _ in corpus)
    intent = Counter(i for _, _, i in corpus)
    assert set(urgency) == set(URGENCIES) and set(intent) == set(INTENTS)
    for label, count in urgency.items():
        assert count / len(corpus) >= 0.10, label
    for label, count in intent.items():
        assert count / len(corpus) >= 0.05, label
    non_clinical = [i for _, u, i in corpus if u == "non_clinical"]
    assert sum(i in ("billing_admin", "appointment", "other") for i in non_clinical) / len(non_clinical) > 0.9
    assert len({t.lower() for t, _, _ in corpus}) == len(corpus)  # no duplicate texts


def test_bad_labels_are_refused():
    with pytest.raises(ValueError):
        train_triage_model([("hello", "urgentish", "symptom")])


# ---- quality on the held-out split ---------------------------------------------------------
def test_held_out_report_clears_the_floors(report):
    print()
    print(format_report(report))
    urgency, intent = report["urgency"], report["intent"]
    # Floors set below what this corpus gives (measured: urgency macro-F1 ~0.88, intent ~0.90,
    # classifier emergent recall ~0.78, with red-flag rules ~0.94), leaving room for noise.
    assert urgency["macro_f1"] > 0.78
    assert intent["macro_f1"] > 0.80
    assert report["emergent_recall"] > 0.65  # the classifier alone
    assert report["with_rules"]["emergent_recall"] > 0.88  # as scoring combines it with the rules
    for label, metrics in urgency["per_class"].items():
        assert metrics["recall"] > 0.6, label
        assert metrics["precision"] > 0.6, label
    # the system never calls an emergent message non-clinical
    confusion = report["with_rules"]["urgency"]["confusion"]
    labels = confusion["labels"]
    assert confusion["matrix"][labels.index("emergent")][labels.index("non_clinical")] == 0


def test_reports_are_json_serialisable_and_readable(report):
    again = json.loads(json.dumps(report))
    assert again["urgency"]["per_class"]["emergent"]["support"] == report["urgency"]["per_class"]["emergent"]["support"]
    text = format_report(report)
    for label in URGENCIES + INTENTS:
        assert label in text
    assert "emergent recall" in text


# ---- predictions ---------------------------------------------------------------------------
def test_probabilities_are_complete_and_sum_to_one(model, split):
    _, test = split
    for prediction in model.predict([t for t, _, _ in test[:100]]):
        assert isinstance(prediction, TriagePrediction)
        assert set(prediction.urgency_proba) == set(URGENCIES)
        assert set(prediction.intent_proba) == set(INTENTS)
        assert sum(prediction.urgency_proba.values()) == pytest.approx(1.0, abs=1e-4)
        assert sum(prediction.intent_proba.values()) == pytest.approx(1.0, abs=1e-4)
        assert prediction.urgency == max(prediction.urgency_proba, key=prediction.urgency_proba.get)
        assert prediction.intent == max(prediction.intent_proba, key=prediction.intent_proba.get)
        assert prediction.confidence == prediction.urgency_proba[prediction.urgency]


def test_top_terms_explain_the_urgency_call_with_spans(model):
    text = "My husband has crushing CHEST pain going down his left arm and he is sweating"
    prediction = model.predict_one(text)
    assert prediction.urgency == "emergent"
    assert 1 <= len(prediction.top_terms) <= 5
    weights = [t["weight"] for t in prediction.top_terms]
    assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    for term in prediction.top_terms:
        assert term["kind"] == "term"
        start, end = term["span"]
        assert text[start:end].lower().split() == term["term"].split()
    assert any("chest" in t["term"] for t in prediction.top_terms)
    json.dumps(prediction.top_terms)


def test_batch_and_single_predictions_agree_and_are_deterministic(model, split):
    _, test = split
    texts = [t for t, _, _ in test[:40]]
    batch = model.predict(texts)
    assert batch == model.predict(texts)
    assert [model.predict_one(t) for t in texts] == batch
    assert model.predict([]) == []


def test_fast_inference_matches_the_sklearn_pipelines(model, split):
    """predict() skips sklearn's per-call validation; it must compute exactly what sklearn does."""
    _, test = split
    texts = [t for t, _, _ in test[:80]] + [
        "",
        "   ",
        "İstanbul ünïcode 101.5°F",
        "a",
        "don't\tcan't\n\nwon't",
        "x" * 40,
    ]
    fast, reference = model.transform(texts), model.features.transform(texts)
    assert fast.shape == reference.shape
    assert abs(fast - reference).max() < 1e-12
    predictions = model.predict(texts)
    for head, pipeline, field in (
        ("urgency", model.urgency_pipeline, "urgency_proba"),
        ("intent", model.intent_pipeline, "intent_proba"),
    ):
        expected = pipeline.predict_proba(texts)
        classes = [str(c) for c in pipeline.classes_]
        for prediction, row in zip(predictions, expected, strict=True):
            got = getattr(prediction, field)
            assert [got[c] for c in classes] == pytest.approx(row.tolist(), abs=1e-6), head


def test_training_is_deterministic(corpus):
    subset = corpus[:300]
    a = train_triage_model(subset, random_state=0).predict([t for t, _, _ in corpus[300:340]])
    b = train_triage_model(subset, random_state=0).predict([t for t, _, _ in corpus[300:340]])
    assert a == b


def test_prediction_speed(model, split):
    """Loose guards against a regression (the box is shared); the numbers are printed."""
    _, test = split
    texts = [t for t, _, _ in test]
    batch = (texts * 6)[:1000]
    model.predict(batch[:10])  # warm up
    started = time.perf_counter()
    model.predict(batch)
    per_second = len(batch) / (time.perf_counter() - started)
    single = []
    for text in texts[:200]:
        t0 = time.perf_counter()
        model.predict_one(text)
        single.append((time.perf_counter() - t0) * 1000)
    single.sort()
    p50, p99 = statistics.median(single), single[int(len(single) * 0.99) - 1]
    print(f"\nbatch of 1000: {per_second:,.0f} msg/s; predict_one p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    assert per_second > 1000
    assert p50 < 20


# ---- persistence ---------------------------------------------------------------------------
def test_save_returns_the_file_sha256_and_load_round_trips(model, saved, split):
    path, sha = saved
    assert sha == hashlib.sha256(path.read_bytes()).hexdigest()
    loaded = load_model(path, sha256=sha)
    _, test = split
    texts = [t for t, _, _ in test[:50]]
    assert loaded.predict(texts) == model.predict(texts)
    assert loaded.n_samples == model.n_samples and loaded.trained_at == model.trained_at
    assert loaded.classes == model.classes


def test_load_refuses_a_hash_mismatch(saved, tmp_path):
    path, sha = saved
    with pytest.raises(ValueError, match="sha256"):
        load_model(path, sha256="0" * 64)
    tampered = tmp_path / "tampered.skops"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="sha256"):
        load_model(tampered, sha256=sha)


def _dump(obj, path) -> str:
    skops.io.dump(obj, path)
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_load_refuses_untrusted_types_even_with_the_right_hash(tmp_path):
    custom = tmp_path / "custom.skops"
    sha = _dump({"format": classifier.FORMAT, "features": NotAnEstimator()}, custom)
    with pytest.raises(UntrustedModelError, match="NotAnEstimator"):
        load_model(custom, sha256=sha)

    function = tmp_path / "function.skops"
    sha = _dump({"format": classifier.FORMAT, "hook": os.system}, function)
    with pytest.raises(UntrustedModelError, match="system"):
        load_model(function, sha256=sha)


def test_load_refuses_a_file_that_is_not_a_triage_model(tmp_path):
    other = tmp_path / "other.skops"
    sha = _dump(LogisticRegression(), other)
    with pytest.raises(UntrustedModelError):
        load_model(other, sha256=sha)


PURE_MODULES = (
    "triage.classifier",
    "triage.classifier.model",
    "triage.classifier.evaluation",
    "triage.classifier.persistence",
    "triage.redflags",
    "triage.redflags.patterns",
    "triage.redflags.rules",
    "triage.redflags.prefixes",
    "triage.redflags.context",
    "triage.redflags.matcher",
)


def test_the_modules_import_without_django():
    code = (
        f"import sys; import {', '.join(PURE_MODULES)}; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": ""},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
