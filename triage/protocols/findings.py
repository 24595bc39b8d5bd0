"""What a message says about the patient, beyond its complaint (pure): age band, pregnancy,
immunosuppression, anticoagulation, vital signs and lab values written in the text (a patient's
"temp 39.8", a clinician's "HR 118, BP 86/50, SpO2 91% on air"), NEWS2, duration and onset.

Protocol criteria read these through ``when=`` (see ``schema.Criterion``). Readings are taken as
written (no negation applies to a number); conditions such as pregnancy or chemotherapy are taken
only when affirmed ("not pregnant" is not pregnancy). Each finding keeps the span it was read from,
for the rationale.

NEWS2 (RCP 2017) is scored from the parameters present (scale 1 for SpO2; a missing parameter
scores nothing), only for adults (16 and over, or age unknown) who are not pregnant, as the RCP
intends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from triage.redflags.context import Doc, affirmed
from triage.redflags.patterns import _NUMBER_WORDS, PREGNANT, TEMP_VALUES, _fahrenheit

_SEP = (
    r"[\s:=~]*(?:(?:is|was|of|at|reading|reads|read|says|said|shows|showed|showing|measured|came\s+back|about|around|"
    r"approx\.?|up\s+to|down\s+to|only|now|went\s+to|dropped\s+to|in\s+the|like|has\s+been|been|running|over|"
    r"above|below|under|hit|still|keeps|stays?|high|low|back|today|meter|machine|monitor|cuff|level|test|home|at)\s*)*"
)
_NUM = r"(?P<v>\d{1,3}(?:\.\d+)?)"


def _reading(names: str, tail: str = "") -> re.Pattern[str]:
    # "K+ 7.1": no word boundary after a trailing "+", so accept either
    return re.compile(r"(?<![\w/])(?:" + names + r")(?:\b|(?<=\+))" + _SEP + _NUM + tail, re.IGNORECASE)


# name -> (pattern, plausible range); values outside it are ignored (a typo, another number)
_READINGS: dict[str, tuple[re.Pattern[str], tuple[float, float]]] = {
    "heart_rate": (
        _reading(
            r"(?-i:HR|P)|heart\s*rate|pulse(?!\s*ox)|pulse\s+rate|heart\s+(?:is\s+)?(?:racing|beating|pounding)(?:\s+at)?",
            r"(?!\s*(?:/|%|mg|kg|lbs?|years?|yo|y/o|mmhg))",
        ),
        (20, 260),
    ),
    "resp_rate": (
        _reading(
            r"(?-i:RR|R)|resp(?:iratory)?\s*rate|resps?|respirations|breathing\s+rate|breaths?\s+per\s+min\w*",
            r"(?!\s*(?:/|%|mg|kg|lbs?|years?|mmhg))",
        ),
        (4, 90),
    ),
    "spo2": (
        _reading(
            r"spo2|sp02|sao2|o2\s*sat\w*|o2|02|oxygen(?:\s+sat\w*|\s+level)?|sats?|saturation\w*|pulse\s*ox\w*",
            r"\s*%?(?!\s*(?:/|mg|kg|lbs?|years?|l\b|liters?|litres?)|\d)",
        ),
        (50, 100),
    ),
    "glucose": (
        _reading(
            r"(?-i:BS|BG|CBG|FSBS|POC)|blood\s+sugars?|sugars?|glucose|glucometer|bgl|(?:fingerstick|finger\s+stick)(?:\s+glucose)?",
            r"(?P<unit>\s*(?:mmol(?:/l)?|mg/?dl))?(?!\s*(?:/|units|mcg))",
        ),
        (1, 1500),
    ),
    "inr": (_reading(r"(?-i:INR)|inr"), (0.5, 20)),
    "potassium": (_reading(r"(?-i:K\+?)|potassium|k\+", r"(?!\s*(?:/|mg))"), (1.5, 10)),
    "sodium": (_reading(r"(?-i:Na\+?)|sodium"), (95, 185)),
    "hemoglobin": (_reading(r"(?-i:Hb|Hgb)|ha?emoglobin", r"(?P<unit>\s*(?:g/l|g/dl))?"), (2, 250)),
    "wbc": (_reading(r"(?-i:WBC|WCC)|white\s+(?:blood\s+)?(?:cell\s+)?count|white\s+cells?"), (0.1, 200)),
    "neutrophils": (_reading(r"(?-i:ANC)|neutrophils?(?:\s+count)?|absolute\s+neutrophil\s+count"), (0, 100)),
    "platelets": (_reading(r"(?-i:Plt|PLT)|platelets?(?:\s+count)?"), (1, 2000)),
    "lactate": (_reading(r"lactate|lactic\s+acid"), (0.2, 30)),
    "troponin": (_reading(r"troponin(?:\s+[it])?|trop"), (0, 100000)),
    "ketones": (_reading(r"(?:blood\s+)?ketones?", r"(?!\s*(?:/|mg))"), (0, 15)),
}
_BP = re.compile(
    r"(?<![\w/])(?:(?-i:BP|B/P)|blood\s+pressure|bp|b/p|pressure|readings?)\b"
    r"(?:[\s:=~]*(?:is|was|of|at|reading|reads|read|about|around|now|up\s+to|down\s+to|only|high|low|still|says|said|"
    r"shows|showed|machine|monitor|cuff|home|on|my|her|his|the|today|this\s+morning|tonight)\s*)*"
    r"[\s:=~]*(?P<sys>\d{2,3})\s*(?:/|over)\s*(?P<dia>\d{2,3})\b",
    re.IGNORECASE,
)
_TEMPS = tuple(re.compile(p) for p in TEMP_VALUES) + (
    re.compile(r"(?<![\w/])(?-i:T)\s*(?:max\s*)?[:=]?\s*(?P<val>\d{2,3}(?:\.\d+)?)\s*(?:°\s*)?(?P<unit>[cf])?\b"),
)

_AGE = re.compile(
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[\s-]*(?P<u>years?|yrs?|y|months?|mos?|mths?|mo|weeks?|wks?|wk|days?|d)[\s-]*old\b"
    r"|(?P<n2>\d{1,3})\s*(?:yo|y/o|y\.o\.|yr\s+old)\b"
    r"|(?P<n3>\d{1,3})[\s-]?(?P<u3>year|yr|month|week|day)[\s-]old\b"
    r"|\b(?:aged?|age)\s*:?\s*(?P<n4>\d{1,3})\b"
    r"|\b(?P<n5>\d{1,3})\s*(?-i:[MF])\b(?!\s*(?:/|units))"
    r"|\b(?:i'?m|im|i\s+am)\s+(?P<n7>[2-9]\d|1[6-9])(?=\s*(?:,|\.|!|\?|and\b|with\b|so\b|now\b|yo\b|$))"
    r"|\b(?:my|our|his|her)\s+(?P<n6>\d{1,2})\s*(?P<u6>(?:yr|year|yo|y/o|mo|month|wk|week|day|d)s?)?(?:[\s-]*old)?\s+"
    r"(?=son|daughter|boy|girl|baby|kid|child|toddler|infant|twins?)",
    re.IGNORECASE,
)
_WORD_NUMBERS = _NUMBER_WORDS
_NEWBORN = re.compile(
    r"\b(?:newborn|new\s+born|neonate|neonatal|(?:\d|one|two|three)[\s-]*(?:day|week)[\s-]*old)\b", re.I
)
_INFANT = re.compile(r"\b(?:baby|babies|infant|newborn|my\s+\d+\s*(?:mo|month|week|wk)s?)\b", re.I)
_TODDLER = re.compile(r"\b(?:toddler|preschooler)\b", re.I)
_CHILD = re.compile(
    r"\b(?:my|our|her|his)\s+(?:little\s+)?(?:son|daughter|boy|girl|kid|kids|child|toddler|baby|infant|grandson|granddaughter)\b"
    r"|\b(?:toddler|preschooler|kindergartner|child|boy|girl)\b",
    re.I,
)
_OLDER = re.compile(
    r"\b(?:elderly|frail|nursing\s+home|care\s+home|assisted\s+living|my\s+(?:grand)?(?:mom|dad|mother|father|grandma|grandpa)\b(?=.*\b(?:8\d|9\d)\b))",
    re.I,
)
_IMMUNO = re.compile(
    r"\b(?:chemo\w*|neutropeni\w*|cytotoxic\w*|(?:last|latest|recent|third|second|first)\s+cycle|cycle\s+\d+\s+(?:of|day)|"
    r"docetaxel|paclitaxel|taxotere|taxol|cyclophosphamide|doxorubicin|epirubicin|carboplatin|cisplatin|oxaliplatin|"
    r"capecitabine|fluorouracil|5-?fu|folfox|folfiri|gemcitabine|irinotecan|vincristine|etoposide|r-?chop|abvd|"
    r"temozolomide|pemetrexed|immuno[\s-]?(?:suppress\w*|compromis\w*|deficien\w*)|transplant\w*|"
    r"(?:on|taking|takes)\s+(?:high[\s-]dose\s+)?(?:steroids|prednisone|prednisolone|methotrexate|tacrolimus|"
    r"cyclosporine|mycophenolate|azathioprine|humira|adalimumab|biologics?|infliximab|rituximab)|"
    r"hiv|aids|asplenia|no\s+spleen|spleen\s+removed|splenectomy|sickle\s+cell|leukemia|leukaemia|lymphoma|"
    r"(?:receiving|having|getting|on|undergoing)\s+(?:cancer\s+)?(?:treatment|radiation|radiotherapy)\s+for\s+cancer)\b",
    re.I,
)
_ANTICOAG = re.compile(
    r"\b(?:warfarin|coumadin|eliquis|apixaban|xarelto|rivaroxaban|dabigatran|pradaxa|edoxaban|lovenox|enoxaparin|"
    r"heparin|blood\s+thinners?|anticoagula\w*)\b",
    re.I,
)
_DIABETES = re.compile(r"\b(?:diabet\w*|type\s*[12]|t[12]dm?|iddm|niddm|insulin|metformin|dm2|dm1)\b", re.I)
_POSTPARTUM = re.compile(
    r"\b(?:post[\s-]?partum|gave\s+birth|delivered\s+(?:a|my|the|her|twins|\d+\s+(?:days?|weeks?)\s+ago)\b|"
    r"had\s+(?:my|the|a|her)\s+baby|after\s+(?:my\s+|her\s+)?(?:c[\s-]?section|delivery|giving\s+birth)|"
    r"(?:vaginal|caesarean|cesarean)\s+(?:delivery|birth|section)|when\s+i\s+delivered)\b",
    re.I,
)
_OXYGEN = re.compile(
    r"\b(?:on\s+(?:\d+\s*l(?:iters?|itres?)?|oxygen|o2|home\s+oxygen|supplemental\s+oxygen)|\d+\s*l\s*(?:nc|nasal))\b",
    re.I,
)
_CONFUSION = re.compile(
    r"\b(?:confus\w*|disorient\w*|delirious|delirium|not\s+making\s+sense|altered\s+mental|new\s+confusion|"
    r"drowsy|obtunded|lethargic|hard\s+to\s+(?:wake|rouse|arouse)|(?:can'?t|cannot|won'?t)\s+(?:wake|rouse)|"
    r"unresponsive|responds?\s+only\s+to\s+(?:pain|voice)|gcs\s*(?:of\s*)?(?:[3-9]|1[0-4])\b|(?-i:GCS)\s*(?:[3-9]|1[0-4])\b)",
    re.I,
)
_SUDDEN = re.compile(
    r"\b(?:sudden(?:ly)?|abrupt(?:ly)?|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|came\s+on\s+(?:all\s+at\s+once|fast|quickly)|"
    r"within\s+(?:seconds|a\s+minute)|thunderclap|instantly)\b",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:for|x|past|last|over|about|almost|nearly|since|than)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:about\s+|around\s+|over\s+|almost\s+)?"
    r"(?P<n>\d{1,3}(?:\.\d)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple(?:\s+of)?|a\s+few|few|several)"
    r"\s*(?:\+\s*)?(?P<u>hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?)\b"
    r"|\b(?P<n2>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)[\s-](?P<u2>hour|day|week|month|year)[\s-](?:history|hx)\b"
    r"|\bx\s?(?P<n3>\d{1,3})\s*(?P<u3>hours?|hrs?|days?|d|weeks?|wks?|w|months?|mos?)\b"
    r"|\b(?:started|began|starting|since|onset)\s+(?P<n4>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple(?:\s+of)?|several)\s+(?P<u4>hours?|days?|weeks?|months?)\s+ago\b"
    r"|\b(?P<n5>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple(?:\s+of)?|several)\s+(?P<u5>days?|weeks?|months?)\s+ago\b(?=[^.!?]*\b(?:start\w*|began|since|still|ongoing|on\s+and\s+off))",
    re.I,
)
_UNIT_DAYS = {"h": 1 / 24, "d": 1, "w": 7, "m": 30, "y": 365}
_FUZZY = {"a couple": 2, "a couple of": 2, "a few": 3, "few": 3, "several": 4}


@dataclass
class Findings:
    """Everything read; ``None`` when the message does not say."""

    age_years: float | None = None
    infant: bool = False  # a baby of unknown age (under 1, by the words used)
    child: bool = False  # the patient is a child (by the words used or the age)
    older_adult_words: bool = False
    pregnant: bool = False
    gestation_weeks: int | None = None
    postpartum: bool = False
    immunosuppressed: bool = False
    anticoagulated: bool = False
    diabetic: bool = False
    on_oxygen: bool = False
    new_confusion: bool = False
    onset_sudden: bool = False
    duration_days: float | None = None  # the longest duration stated
    temp_c: float | None = None  # the highest temperature stated
    temp_c_min: float | None = None
    heart_rate: float | None = None
    resp_rate: float | None = None
    spo2: float | None = None  # the lowest
    systolic: int | None = None  # the reading with the highest systolic (or the lowest, below)
    diastolic: int | None = None
    systolic_min: int | None = None
    glucose_mgdl: float | None = None  # the most extreme, in mg/dL
    glucose_low_mgdl: float | None = None
    inr: float | None = None
    potassium: float | None = None
    sodium: float | None = None
    hemoglobin_gdl: float | None = None
    wbc: float | None = None  # x10^9/L
    neutrophils: float | None = None
    platelets: float | None = None
    lactate: float | None = None
    ketones: float | None = None
    troponin: float | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    # --- age bands (NICE NG143 uses < 3 months, 3-6 months, < 5 years) -------------------------
    @property
    def infant_under_3_months(self) -> bool:
        return self.age_years is not None and self.age_years < 0.25

    @property
    def infant_3_to_6_months(self) -> bool:
        return self.age_years is not None and 0.25 <= self.age_years < 0.5

    @property
    def under_5(self) -> bool:
        return (self.age_years is not None and self.age_years < 5) or (self.age_years is None and self.infant)

    @property
    def is_child(self) -> bool:
        if self.age_years is not None:
            return self.age_years < 16
        return self.child or self.infant

    @property
    def older_adult(self) -> bool:
        return (self.age_years is not None and self.age_years >= 65) or (
            self.age_years is None and self.older_adult_words
        )

    @property
    def news2_applies(self) -> bool:
        return not self.is_child and not self.pregnant

    # --- NEWS2 ------------------------------------------------------------------------------
    def news2_parts(self) -> dict[str, int]:
        """The NEWS2 sub-scores of the parameters present (RCP 2017 chart, SpO2 scale 1)."""
        parts: dict[str, int] = {}
        rr = self.resp_rate
        if rr is not None:
            parts["resp_rate"] = 3 if rr <= 8 else 1 if rr <= 11 else 0 if rr <= 20 else 2 if rr <= 24 else 3
        if self.spo2 is not None:
            s = self.spo2
            parts["spo2"] = 3 if s <= 91 else 2 if s <= 93 else 1 if s <= 95 else 0
        if self.on_oxygen:
            parts["air_or_oxygen"] = 2
        if self.systolic_min is not None or self.systolic is not None:
            low = self.systolic_min if self.systolic_min is not None else self.systolic
            high = self.systolic if self.systolic is not None else low
            assert low is not None and high is not None
            score_low = 3 if low <= 90 else 2 if low <= 100 else 1 if low <= 110 else 0
            parts["systolic"] = max(score_low, 3 if high >= 220 else 0)
        hr = self.heart_rate
        if hr is not None:
            parts["heart_rate"] = (
                3 if hr <= 40 else 1 if hr <= 50 else 0 if hr <= 90 else 1 if hr <= 110 else 2 if hr <= 130 else 3
            )
        if self.new_confusion:
            parts["consciousness"] = 3
        temps = [t for t in (self.temp_c, self.temp_c_min) if t is not None]
        if temps:
            parts["temperature"] = max(
                3 if t <= 35.0 else 1 if t <= 36.0 else 0 if t <= 38.0 else 1 if t <= 39.0 else 2 for t in temps
            )
        return parts

    @property
    def news2(self) -> int | None:
        """The aggregate NEWS2 of what the message states (None: not an adult case, or no vitals)."""
        if not self.news2_applies:
            return None
        parts = self.news2_parts()
        vitals = {k for k in parts if k != "consciousness"}
        return sum(parts.values()) if vitals else None

    @property
    def news2_red(self) -> bool:
        """A single parameter scoring 3 (RCP: urgent response, whatever the total)."""
        if not self.news2_applies:
            return False
        parts = self.news2_parts()
        return any(v == 3 for k, v in parts.items() if k != "consciousness")

    def as_dict(self) -> dict[str, object]:
        """The findings the message stated, for the rationale (values only, no spans)."""
        out: dict[str, object] = {}
        for name in (
            "age_years",
            "pregnant",
            "gestation_weeks",
            "immunosuppressed",
            "anticoagulated",
            "temp_c",
            "heart_rate",
            "resp_rate",
            "spo2",
            "systolic",
            "diastolic",
            "glucose_mgdl",
            "inr",
            "potassium",
            "sodium",
            "hemoglobin_gdl",
            "lactate",
            "duration_days",
        ):
            value = getattr(self, name)
            if value not in (None, False):
                out[name] = round(value, 2) if isinstance(value, float) else value
        if self.news2 is not None:
            out["news2"] = self.news2
        return out


_TEMP_BEFORE = re.compile(r"(?:temp\w*|fever\w*|°|degrees?|\bt)\W*(?:\w+\W+){0,2}$", re.I)


def _age(m: re.Match[str]) -> float | None:
    if m.group("n5") is not None:  # "58M" / "72 F" is an age and sex; "fever 104 F" is not
        before = m.string[max(0, m.start() - 24) : m.start()]
        if int(m.group("n5")) >= 95 or _TEMP_BEFORE.search(before):
            return None
    for n, u in (("n", "u"), ("n2", None), ("n3", "u3"), ("n4", None), ("n5", None), ("n6", "u6"), ("n7", None)):
        raw = m.group(n)
        if raw is None:
            continue
        raw = raw.lower()
        count = float(raw) if raw.isdigit() else _WORD_NUMBERS.get(raw)
        if count is None:
            return None
        unit = (m.group(u) or "y").lower() if u else "y"
        if unit.startswith("mo") or unit.startswith("mth") or unit == "mos":
            return count / 12
        if unit.startswith("w"):
            return count / 52
        if unit.startswith("d"):
            return count / 365
        return count if count <= 115 else None
    return None


def _days(n: str, u: str) -> float | None:
    n = n.lower()
    count = float(n) if n.replace(".", "", 1).isdigit() else _WORD_NUMBERS.get(n, _FUZZY.get(n))
    if count is None:
        return None
    u = u.lower()
    key = "m" if u.startswith("mo") else u[0]
    return count * _UNIT_DAYS.get(key, 1)


def _first_affirmed(doc: Doc, pattern: re.Pattern[str]) -> re.Match[str] | None:
    for m in pattern.finditer(doc.text):
        if m.end() > m.start() and affirmed(doc, m.start(), m.end()):
            return m
    return None


_PREGNANT_RE = re.compile(
    PREGNANT
    + r"|\b(?:g\d+\s*p\d+)\b|\b(?:at|i'?m|im|i\s+am|she'?s|she\s+is|is)\s+\d{1,2}(?:\+\d)?\s*(?:weeks?|wks?)\b(?!\s+(?:old|ago|postpartum|post|after|since|of))"
    r"|\b\d{1,2}\s*(?:weeks?|wks?)\s+(?:gestation|ga)\b|\bprimigravid\w*|\bmultigravid\w*|\bgravida\b",
    re.I,
)
_NOT_PREGNANT = re.compile(
    r"\b(?:negative\s+(?:home\s+|urine\s+)?pregnancy\s+test|pregnancy\s+test\s+(?:was\s+|is\s+|came\s+back\s+)?negative|"
    r"(?:urine\s+|serum\s+)?(?:b?hcg|beta[\s-]?hcg)\s+(?:was\s+|is\s+)?negative|not\s+pregnant)\b",
    re.I,
)
_GESTATION = re.compile(
    r"\b(?P<w>\d{1,2})\s*(?:\+\d\s*)?(?:weeks?|wks?|w)\s*(?:pregnant|along|gestation|pg|preg|ga)\b|\bg\d+p\d+\b.*?(?P<w2>\d{1,2})\s*(?:weeks?|wks?)"
    r"|\b(?:at|i'?m|im|i\s+am|she'?s|she\s+is|is)\s+(?P<w3>\d{1,2})(?:\+\d)?\s*(?:weeks?|wks?)\b(?!\s+(?:old|ago|postpartum|post|after|since|of))",
    re.I,
)


def read_findings(doc: Doc) -> Findings:
    """The findings of one message (see the module docstring)."""
    text = doc.text
    f = Findings()
    for m in _AGE.finditer(text):
        age = _age(m)
        if age is not None:
            f.age_years = age
            f.spans["age"] = m.span()
            break
    if f.age_years is None and _NEWBORN.search(text):
        f.age_years = 0.02
    if f.age_years is None and _TODDLER.search(text):
        f.age_years = 2.0  # a toddler: 1 to 3 years
    f.infant = bool(_INFANT.search(text)) or (f.age_years is not None and f.age_years < 1)
    f.child = bool(_CHILD.search(text)) or (f.age_years is not None and f.age_years < 16)
    f.older_adult_words = bool(_OLDER.search(text))
    if (preg := _first_affirmed(doc, _PREGNANT_RE)) and not _NOT_PREGNANT.search(text):
        f.pregnant = True
        f.spans["pregnant"] = preg.span()
        if g := _GESTATION.search(text):
            weeks = g.group("w") or g.group("w3") or g.group("w2")
            f.gestation_weeks = int(weeks) if weeks and int(weeks) <= 44 else None
    f.postpartum = _first_affirmed(doc, _POSTPARTUM) is not None
    if immuno := _first_affirmed(doc, _IMMUNO):
        f.immunosuppressed = True
        f.spans["immunosuppressed"] = immuno.span()
    f.anticoagulated = _first_affirmed(doc, _ANTICOAG) is not None
    f.diabetic = _first_affirmed(doc, _DIABETES) is not None
    f.on_oxygen = _first_affirmed(doc, _OXYGEN) is not None
    if confused := _first_affirmed(doc, _CONFUSION):
        f.new_confusion = True
        f.spans["new_confusion"] = confused.span()
    f.onset_sudden = _first_affirmed(doc, _SUDDEN) is not None
    for m in _DURATION.finditer(text):
        n, u = next((m.group(f"n{k}"), m.group(f"u{k}")) for k in ("", "2", "3", "4", "5") if m.group(f"n{k}"))
        days = _days(n, u)
        if days is not None and (f.duration_days is None or days > f.duration_days):
            f.duration_days = days
            f.spans["duration"] = m.span()
    _read_temperatures(doc, f)
    _read_blood_pressure(text, f)
    _read_values(text, f)
    return f


def _read_temperatures(doc: Doc, f: Findings) -> None:
    for number, pattern in enumerate(_TEMPS):
        # the red-flag temperature patterns are written for the lower-cased text; "T 38.9" is cased
        for m in pattern.finditer(doc.text if number == len(_TEMPS) - 1 else doc.lower):
            fahrenheit = _fahrenheit(m)
            if fahrenheit is None:
                continue
            celsius = round((fahrenheit - 32) * 5 / 9, 1)
            if f.temp_c is None or celsius > f.temp_c:
                f.temp_c = celsius
                f.spans["temp_c"] = m.span()
            if f.temp_c_min is None or celsius < f.temp_c_min:
                f.temp_c_min = celsius


def _read_blood_pressure(text: str, f: Findings) -> None:
    for m in _BP.finditer(text):
        systolic, diastolic = int(m.group("sys")), int(m.group("dia"))
        if not (50 <= systolic <= 300 and 20 <= diastolic <= 200 and diastolic < systolic):
            continue
        if f.systolic is None or systolic > f.systolic:
            f.systolic, f.diastolic = systolic, diastolic
            f.spans["blood_pressure"] = m.span()
        if f.systolic_min is None or systolic < f.systolic_min:
            f.systolic_min = systolic
            f.spans["blood_pressure_low"] = m.span()


def _read_values(text: str, f: Findings) -> None:
    for name, (pattern, (low, high)) in _READINGS.items():
        for m in pattern.finditer(text):
            value = float(m.group("v"))
            if name == "wbc" and value > 200:  # "WBC 18,000" reads 18 before the comma; 18000 -> 18
                value = value / 1000
            if not low <= value <= high:
                continue
            unit = (m.groupdict().get("unit") or "").strip().lower()
            if name == "glucose":
                if "mmol" in unit or (not unit and "." in m.group("v") and value < 35) or (not unit and value < 20):
                    value = value * 18  # mmol/L -> mg/dL
                if value < 10:
                    continue
                if f.glucose_mgdl is None or abs(value - 110) > abs(f.glucose_mgdl - 110):
                    f.glucose_mgdl = value
                    f.spans["glucose"] = m.span()
                if f.glucose_low_mgdl is None or value < f.glucose_low_mgdl:
                    f.glucose_low_mgdl = value
                continue
            if name == "hemoglobin":
                if "g/l" in unit or (not unit and value > 25):
                    value = value / 10
                if not 2 <= value <= 25:
                    continue
                name_out = "hemoglobin_gdl"
            else:
                name_out = name
            current = getattr(f, name_out, None)
            if not hasattr(f, name_out):
                continue
            if current is None or _more_extreme(name_out, value, current):
                setattr(f, name_out, value)
                f.spans[name_out] = m.span()


# the most telling reading of each kind when a message gives several: the lowest, the highest, or
# the one furthest from normal
_LOWEST = {"spo2", "hemoglobin_gdl", "platelets", "neutrophils"}
_NORMAL = {"heart_rate": 80.0, "resp_rate": 16.0, "potassium": 4.2, "sodium": 140.0}


def _more_extreme(name: str, value: float, current: float) -> bool:
    if name in _LOWEST:
        return value < current
    if name in _NORMAL:
        return abs(value - _NORMAL[name]) > abs(current - _NORMAL[name])
    return value > current
