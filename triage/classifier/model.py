"""The triage classifier's runtime path (pure): the seed corpus, training, and ``TriageModel.predict``
with its fast re-implementation of the fitted pipelines (see the package docstring)."""

from __future__ import annotations

import csv
import functools
import operator
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from vocabulary import CARE_LEVELS, INTENTS, URGENCIES, URGENCY_CARE_LEVEL

SEED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "seed_corpus.csv"
FORMAT = "clinflow-triage/2"  # 2: a third head, the care level
TOP_TERMS = 5
# Function words carry weight in the model but explain nothing to a nurse: they are left out
# of ``top_terms`` (not out of the model). Negations ("no", "not", "cant") are kept.
_EXPLAIN_SKIP = frozenset(
    "a an the and or but if i me my mine we our you your he him his she her they them their it its "
    "is am are was were be been being have has had do does did to of in on at for with from by as "
    "this that these those so just there here then than too very also can could would will shall "
    "should may might must what which who whom hi hello thanks thank please pls".split()
)

# Types skops may load from a model file beyond its own defaults. Anything else in the file


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
def load_seed_corpus(path: str | Path | None = None) -> list[tuple[str, str, str]]:
    """(text, urgency, intent) rows of the labelled seed corpus CSV."""
    return [(row.text, row.urgency, row.intent) for row in load_corpus(path)]


@dataclass(frozen=True)
class Sample:
    """One labelled message of the corpus. ``origin``: ``hand`` (written by a person) or
    ``template`` (generated); reports count hand-written rows only."""

    text: str
    urgency: str
    intent: str
    care_level: str
    origin: str = "hand"


def load_corpus(path: str | Path | None = None) -> list[Sample]:
    """Every row of the labelled seed corpus CSV, with its care level and origin (a corpus without
    those columns: the care level its urgency stands for, origin ``hand``)."""
    path = Path(path) if path is not None else SEED_CORPUS
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [
            Sample(
                row["text"],
                row["urgency"],
                row["intent"],
                row.get("care_level") or URGENCY_CARE_LEVEL.get(row["urgency"], ""),
                row.get("origin") or "hand",
            )
            for row in csv.DictReader(fh)
        ]
    _check_labels([(r.text, r.urgency, r.intent, r.care_level) for r in rows])
    return rows


def corpus_samples(path: str | Path | None = None) -> list[tuple[str, str, str, str]]:
    """(text, urgency, intent, care_level) of every corpus row: what the model trains on."""
    return [(r.text, r.urgency, r.intent, r.care_level) for r in load_corpus(path)]


def _care_level_of(sample: tuple[str, ...]) -> str:
    """A sample's care level: its own, or the one its urgency stands for (old 3-field samples)."""
    return sample[3] if len(sample) > 3 else URGENCY_CARE_LEVEL[sample[1]]


def _check_labels(samples: list[tuple[str, ...]]) -> None:
    for sample in samples:
        text, urgency, intent = sample[0], sample[1], sample[2]
        if urgency not in URGENCIES or intent not in INTENTS:
            raise ValueError(f"bad labels ({urgency!r}, {intent!r}) for {text[:60]!r}")
        if len(sample) > 3 and sample[3] not in CARE_LEVELS:
            raise ValueError(f"bad care level {sample[3]!r} for {text[:60]!r}")


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------
@dataclass
class TriagePrediction:
    urgency: str
    urgency_proba: dict[str, float]
    intent: str
    intent_proba: dict[str, float]
    confidence: float  # probability of the chosen urgency
    # the care level head (None: a model file from before it, see care_level_or_urgency)
    care_level: str | None = None
    care_level_proba: dict[str, float] = field(default_factory=dict)
    # [{"kind": "term", "term": "...", "weight": 0.42, "span": [a, b] or None}], up to 5 word
    # features most responsible for the urgency call
    top_terms: list[dict] = field(default_factory=list)


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    lowercase=True,
                    token_pattern=r"(?u)\b\w+\b",
                    min_df=1,
                ),
            ),
            (
                "char",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True, min_df=2),
            ),
        ]
    )


def _head(random_state: int) -> CalibratedClassifierCV:
    logistic = LogisticRegression(
        C=1.0, class_weight="balanced", solver="newton-cg", max_iter=1000, random_state=random_state
    )
    return CalibratedClassifierCV(logistic, method="sigmoid", cv=3)


class TriageModel:
    """Both fitted heads on one shared, fitted feature union, plus metadata."""

    def __init__(
        self,
        *,
        features: FeatureUnion,
        urgency: CalibratedClassifierCV,
        intent: CalibratedClassifierCV,
        care_level: CalibratedClassifierCV | None = None,
        trained_at: str,
        n_samples: int,
        classes: dict[str, list[str]] | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.features = features
        self.urgency_clf = urgency
        self.intent_clf = intent
        self.care_level_clf = care_level
        self.trained_at = trained_at
        self.n_samples = n_samples
        self.classes = classes or {
            "urgency": [str(c) for c in urgency.classes_],
            "intent": [str(c) for c in intent.classes_],
            **({"care_level": [str(c) for c in care_level.classes_]} if care_level is not None else {}),
        }
        self.meta = dict(meta or {})
        self._prepare()

    def _prepare(self) -> None:
        self._vectorizers = [_FastTfidf.build(t) or t for _, t in self.features.transformer_list]
        self._fast_urgency = _FastCalibrated.build(self.urgency_clf)
        self._fast_intent = _FastCalibrated.build(self.intent_clf)
        self._fast_care = _FastCalibrated.build(self.care_level_clf) if self.care_level_clf is not None else None
        word = self.features.transformer_list[0][1]
        self._n_word = len(word.vocabulary_)
        self._word_terms = np.empty(self._n_word, dtype=object)
        for term, index in word.vocabulary_.items():
            self._word_terms[index] = term
        self._explainable = np.array(
            [not all(w in _EXPLAIN_SKIP for w in str(t).split()) for t in self._word_terms], dtype=bool
        )
        # The underlying (uncalibrated) logistic regressions, averaged over the calibration folds:
        # (n_urgency_classes, n_word_features) weights that explain the urgency call.
        coefs = [c.estimator.coef_[:, : self._n_word] for c in self.urgency_clf.calibrated_classifiers_]
        self._urgency_coef = np.mean(coefs, axis=0)
        self._urgency_classes = [str(c) for c in self.urgency_clf.classes_]
        self._intent_classes = [str(c) for c in self.intent_clf.classes_]
        self._care_classes = [str(c) for c in self.care_level_clf.classes_] if self.care_level_clf is not None else []

    @property
    def urgency_pipeline(self) -> Pipeline:
        return Pipeline([("features", self.features), ("clf", self.urgency_clf)])

    @property
    def intent_pipeline(self) -> Pipeline:
        return Pipeline([("features", self.features), ("clf", self.intent_clf)])

    def predict(self, texts: list[str]) -> list[TriagePrediction]:
        """Predictions for a batch of texts (vectorised once for both heads)."""
        texts = list(texts)
        if not texts:
            return []
        x = self.transform(texts)
        urgency_p = self._proba(self._fast_urgency, self.urgency_clf, x)
        intent_p = self._proba(self._fast_intent, self.intent_clf, x)
        care_p = self._proba(self._fast_care, self.care_level_clf, x) if self.care_level_clf is not None else None
        x_word = x[:, : self._n_word].tocsr()
        urgency_index = np.argmax(urgency_p, axis=1)
        intent_index = np.argmax(intent_p, axis=1)
        # contribution of each word feature present to each text's urgency call
        rows = np.repeat(np.arange(len(texts)), np.diff(x_word.indptr))
        contributions = x_word.data * self._urgency_coef[urgency_index[rows], x_word.indices]
        contributions[~self._explainable[x_word.indices]] = 0.0
        urgency_rows = _proba_rows(URGENCIES, self._urgency_classes, urgency_p)
        intent_rows = _proba_rows(INTENTS, self._intent_classes, intent_p)
        care_rows = _proba_rows(CARE_LEVELS, self._care_classes, care_p) if care_p is not None else None
        indptr, indices = x_word.indptr, x_word.indices
        out = []
        for i, text in enumerate(texts):
            urgency = self._urgency_classes[urgency_index[i]]
            urgency_proba = urgency_rows[i]
            out.append(
                TriagePrediction(
                    urgency=urgency,
                    urgency_proba=urgency_proba,
                    intent=self._intent_classes[intent_index[i]],
                    intent_proba=intent_rows[i],
                    confidence=urgency_proba[urgency],
                    care_level=max(care_rows[i], key=care_rows[i].__getitem__) if care_rows else None,
                    care_level_proba=care_rows[i] if care_rows else {},
                    top_terms=self._top_terms(
                        text, indices[indptr[i] : indptr[i + 1]], contributions[indptr[i] : indptr[i + 1]]
                    ),
                )
            )
        return out

    def predict_one(self, text: str) -> TriagePrediction:
        return self.predict([text])[0]

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """The feature matrix (what ``self.features.transform`` gives, without its per-call overhead)."""
        return sp.hstack([v.transform(texts) for v in self._vectorizers], format="csr")

    @staticmethod
    def _proba(fast: _FastCalibrated | None, head: CalibratedClassifierCV, x) -> np.ndarray:
        if fast is not None:
            return fast.predict_proba(x)
        with sklearn.config_context(assume_finite=True):
            return head.predict_proba(x)

    def _top_terms(self, text: str, columns: np.ndarray, contributions: np.ndarray) -> list[dict]:
        if columns.size == 0:
            return []
        order = np.argsort(-contributions, kind="stable")[:TOP_TERMS]
        terms = []
        for j in order:
            weight = float(contributions[j])
            if weight <= 0:
                break
            term = str(self._word_terms[columns[j]])
            terms.append({"kind": "term", "term": term, "weight": round(weight, 4), "span": _term_span(text, term)})
        return terms

    def __repr__(self) -> str:
        return f"<TriageModel n_samples={self.n_samples} trained_at={self.trained_at}>"


_is_not_none = functools.partial(operator.is_not, None)


class _FastTfidf:
    """``TfidfVectorizer.transform`` for the fitted vectorisers used here, minus sklearn's
    per-call validation, with the same features, counts, sublinear tf, idf and l2 norm.

    char_wb n-grams are built per whitespace-separated word, so each distinct (lower-cased)
    word's n-gram ids are cached. Tests check the output equals sklearn's.
    """

    _WORD_CACHE = 50_000

    def __init__(self, vectorizer: TfidfVectorizer):
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_
        self.sublinear = vectorizer.sublinear_tf
        self.analyzer = vectorizer.analyzer
        self.min_n, self.max_n = vectorizer.ngram_range
        self.token_pattern = re.compile(vectorizer.token_pattern)
        self._word_ids: dict[str, tuple[int, ...]] = {}

    @classmethod
    def build(cls, vectorizer) -> _FastTfidf | None:
        if not (
            isinstance(vectorizer, TfidfVectorizer)
            and vectorizer.analyzer in ("word", "char_wb")
            and vectorizer.norm == "l2"
            and vectorizer.use_idf
            and not vectorizer.binary
            and vectorizer.lowercase
            and vectorizer.input == "content"
            and vectorizer.preprocessor is None
            and vectorizer.tokenizer is None
            and vectorizer.stop_words is None
            and vectorizer.strip_accents is None
            and vectorizer.dtype in (np.float64, float)
        ):
            return None
        return cls(vectorizer)

    def _char_wb_ids(self, word: str) -> tuple[int, ...]:
        ids = self._word_ids.get(word)
        if ids is None:
            padded = " " + word + " "
            length = len(padded)
            get = self.vocabulary.get
            found: list[int] = []
            for n in range(self.min_n, self.max_n + 1):
                if length <= n:  # as sklearn: a short word counts once, as itself
                    found.extend(filter(_is_not_none, [get(padded)]))
                    break
                found.extend(filter(_is_not_none, map(get, [padded[i : i + n] for i in range(length - n + 1)])))
            if len(self._word_ids) >= self._WORD_CACHE:
                self._word_ids.clear()
            ids = self._word_ids[word] = tuple(found)
        return ids

    def _extend_ids(self, doc: str, out: list[int]) -> None:
        """Append the vocabulary ids of ``doc``'s features (with repeats) to ``out``."""
        doc = doc.lower()
        if self.analyzer == "char_wb":
            for word in doc.split():
                out.extend(self._char_wb_ids(word))
            return
        tokens = self.token_pattern.findall(doc)
        grams = list(tokens) if self.min_n == 1 else []
        for n in range(max(self.min_n, 2), self.max_n + 1):
            grams.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False)))  # n-grams
        out.extend(filter(_is_not_none, map(self.vocabulary.get, grams)))

    def transform(self, docs: list[str]) -> sp.csr_matrix:
        ids: list[int] = []
        lengths = []
        for doc in docs:
            before = len(ids)
            self._extend_ids(doc, ids)
            lengths.append(len(ids) - before)
        columns = np.fromiter(ids, dtype=np.int32, count=len(ids))
        rows = np.repeat(np.arange(len(docs), dtype=np.int32), lengths)
        shape = (len(docs), len(self.vocabulary))
        # COO -> CSR sums the duplicates: the counts, as sklearn's CountVectorizer has them
        x = sp.coo_matrix((np.ones(len(columns)), (rows, columns)), shape=shape).tocsr()
        x.sum_duplicates()
        x.sort_indices()
        data = x.data
        if self.sublinear:
            np.log(data, data)
            data += 1.0
        data *= self.idf[x.indices]
        row_of = np.repeat(np.arange(len(docs)), np.diff(x.indptr))
        norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=len(docs)))[row_of]
        nonzero = norms != 0
        data[nonzero] /= norms[nonzero]
        return x


class _FastCalibrated:
    """``CalibratedClassifierCV(LogisticRegression, method="sigmoid").predict_proba`` in plain numpy.

    sklearn's own call re-validates its input ~30 times per call (one per fold and class), which
    costs ~10 ms for a single message; this computes the same numbers from the fitted
    parameters (decision function, per-class sigmoid, normalisation, mean over folds) in well
    under a millisecond. A test checks it against sklearn. Multiclass heads only (``build``
    returns None otherwise and sklearn's path is used).
    """

    def __init__(self, n_classes: int, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]):
        self.n_classes = n_classes
        self.parts = parts

    @classmethod
    def build(cls, head: CalibratedClassifierCV) -> _FastCalibrated | None:
        classes = np.asarray(head.classes_)
        if head.method != "sigmoid" or len(classes) < 3:
            return None
        parts = []
        for calibrated in head.calibrated_classifiers_:
            estimator = calibrated.estimator
            if not isinstance(estimator, LogisticRegression) or len(estimator.classes_) < 3:
                return None
            columns = np.searchsorted(classes, estimator.classes_)
            a = np.array([c.a_ for c in calibrated.calibrators], dtype=float)
            b = np.array([c.b_ for c in calibrated.calibrators], dtype=float)
            parts.append((np.ascontiguousarray(estimator.coef_.T), estimator.intercept_, columns, a, b))
        return cls(len(classes), parts)

    def predict_proba(self, x) -> np.ndarray:
        mean = np.zeros((x.shape[0], self.n_classes))
        for coef_t, intercept, columns, a, b in self.parts:
            decision = np.asarray(x @ coef_t) + intercept
            proba = np.zeros_like(mean)
            proba[:, columns] = expit(-(a * decision + b))
            denominator = proba.sum(axis=1)[:, np.newaxis]
            proba = np.divide(proba, denominator, out=np.full_like(proba, 1 / self.n_classes), where=denominator != 0)
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            mean += proba
        return mean / len(self.parts)


def _proba_rows(all_classes: tuple[str, ...], fitted: list[str], proba: np.ndarray) -> list[dict[str, float]]:
    """One {class: probability} dict per row, over all known classes (0.0 for unfitted ones)."""
    full = np.zeros((proba.shape[0], len(all_classes)))
    full[:, [all_classes.index(name) for name in fitted]] = proba
    return [dict(zip(all_classes, row, strict=True)) for row in full.round(6).tolist()]


@functools.lru_cache(maxsize=16384)
def _term_pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(t) for t in term.split()) + r"(?!\w)", re.IGNORECASE)


def _term_span(text: str, term: str) -> list[int] | None:
    """First case-insensitive occurrence of a (possibly two-word) term, as [start, end]."""
    m = _term_pattern(term).search(text)
    return [m.start(), m.end()] if m else None


def train_triage_model(
    samples: list[tuple[str, ...]] | list[tuple[str, str, str]], *, random_state: int = 0
) -> TriageModel:
    """Fit the shared features and the three calibrated heads (urgency, intent, care level) on
    (text, urgency, intent[, care_level]) samples; a sample without a care level counts as the
    level its urgency stands for."""
    samples = list(samples)
    _check_labels(samples)
    texts = [s[0] for s in samples]
    features = _features()
    x = features.fit_transform(texts)
    urgency = _head(random_state).fit(x, [s[1] for s in samples])
    intent = _head(random_state).fit(x, [s[2] for s in samples])
    care_level = _head(random_state).fit(x, [_care_level_of(s) for s in samples])
    return TriageModel(
        features=features,
        urgency=urgency,
        intent=intent,
        care_level=care_level,
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        n_samples=len(samples),
        meta={"format": FORMAT, "sklearn": sklearn.__version__, "random_state": random_state},
    )
