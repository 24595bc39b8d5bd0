"""Coding checks of a closed encounter (pure: no Django, no ORM; the ICD-10-CM code set comes from
`simple_icd_10_cm`, never from a hand-typed list).

`check_encounter(data)` takes the `data` of an `EncounterClosed` event and returns one `Finding` per
rule that fires (a rule that fires on several codes reports them together, so an encounter gets at
most one finding per rule). Each finding carries the rule, the evidence (what in the encounter made
it fire), the suggested fix and the source the rule is written from. A finding is a prompt for a
coder to check the record, never an automatic change of the claim.

Input is taken as it comes: an entry that is not an object, a code that is not a string or longer
than any real code (16 characters), a code system the rules do not know, are all handled without an
exception. Only `ICD-10-CM` diagnoses and `CPT` procedures are judged; a diagnosis in another system
is itself a finding of rule 5 (HIPAA names ICD-10-CM as the diagnosis code set of a claim).

The rules
1. `dx_missing` — a procedure without a supporting diagnosis. Fires when (a) a CPT procedure is
   billed and the encounter carries no ICD-10-CM diagnosis at all (every claim line needs a diagnosis
   pointer: CMS Claims Processing Manual, Pub. 100-04, ch. 26, item 24E; ICD-10-CM Official
   Guidelines, Section IV.G: the reason for the encounter is coded first), or (b) a diagnostic test of
   `INDICATIONS` is billed and no diagnosis falls in any of its indication families (the Medicare
   lab National Coverage Determinations the table names; the families are a deliberately small
   subset of those NCDs' covered code lists, so a hit means "check the record", not "denied").
2. `dx_unspecified` — an ICD-10-CM code titled "unspecified" (or "not specified") while a more
   specific code of the same category exists whose title carries every specificity the encounter's
   documentation flags name (`SPECIFICITY_FLAGS`). ICD-10-CM Official Guidelines Section I.B.18 and
   I.A.9: unspecified codes are for when the record lacks the detail; when it has it, code to it.
3. `em_time` — an office/outpatient E/M level (99202-99205 new, 99212-99215 established) that the
   documented total time (`duration_min`) does not support: the time falls in another level's
   range (`EM_TIME`). From the AMA CPT E/M guidelines effective 2021-01-01 (total time on the date of
   the encounter) and CMS MLN006764 "Evaluation and Management Services Guide". CPT 2024 replaced
   the ranges with "must be met or exceeded" minimums; both readings give the same level for a
   time, except above the top range (still 99205/99215, prolonged-services codes may apply). A level
   may also be chosen by medical decision making: the documentation flag `em_basis_mdm` turns the
   rule off for the encounter.
4. `modifier_missing` — a same-day office E/M with a minor procedure (a 0- or 10-day global period,
   `MINOR_PROCEDURES`) and no modifier 25 on the E/M. The E/M of a minor procedure's decision is
   included in the procedure; a significant, separately identifiable E/M is billed with modifier 25
   (CMS Claims Processing Manual, Pub. 100-04, ch. 12, section 30.6.6.B; NCCI Policy Manual for
   Medicare Services, ch. I, section D, and ch. XI). Global periods: the CMS Medicare Physician Fee
   Schedule Relative Value File (column GLOB DAYS).
5. `dx_not_billable` — a diagnosis that cannot go on a claim: not an ICD-10-CM code (an unknown
   code, a chapter or block range), a category or subcategory that has codes below it (not a leaf:
   ICD-10-CM Official Guidelines Section I.A.3, only codes are reported, not categories, and I.B.2,
   "a code is invalid if it has not been coded to the full number of characters required"), or a
   diagnosis in another code system (45 CFR 162.1002: ICD-10-CM is the HIPAA diagnosis code set).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import simple_icd_10_cm as icd

ICD10CM = "ICD-10-CM"
CPT = "CPT"
MAX_CODE = 16  # the longest code the contract lets an EMR send; anything longer is not a code

RULES = ("dx_missing", "dx_unspecified", "em_time", "modifier_missing", "dx_not_billable")
RULE_TITLES = {
    "dx_missing": "Procedure without a supporting diagnosis",
    "dx_unspecified": "Unspecified diagnosis where the documentation is more specific",
    "em_time": "E/M level not supported by the documented time",
    "modifier_missing": "Modifier 25 missing on a same-day E/M with a minor procedure",
    "dx_not_billable": "Diagnosis code not billable",
}
# A claim with these goes back (no diagnosis, an invalid code): worked first.
CLAIM_BLOCKING = frozenset({"dx_missing", "dx_not_billable"})

SOURCES = {
    "dx_missing": (
        "CMS Claims Processing Manual (Pub. 100-04) ch. 26, item 24E (diagnosis pointer per line); "
        "ICD-10-CM Official Guidelines for Coding and Reporting, Section IV.G; Medicare lab NCDs 190.17, 190.21"
    ),
    "dx_unspecified": "ICD-10-CM Official Guidelines for Coding and Reporting, Sections I.A.9 and I.B.18",
    "em_time": (
        "AMA CPT Evaluation and Management Services Guidelines (2021 office/outpatient revision: total time "
        "on the date of the encounter); CMS MLN006764 Evaluation and Management Services Guide"
    ),
    "modifier_missing": (
        "CMS Claims Processing Manual (Pub. 100-04) ch. 12 §30.6.6.B; NCCI Policy Manual for Medicare Services "
        "ch. I §D and ch. XI; global days from the CMS Physician Fee Schedule Relative Value File"
    ),
    "dx_not_billable": (
        "ICD-10-CM Official Guidelines for Coding and Reporting, Sections I.A.3 and I.B.2 (code to the highest "
        "number of characters available); 45 CFR 162.1002 (ICD-10-CM is the HIPAA diagnosis code set)"
    ),
}

# Rule 1b: diagnostic tests and the indication families (ICD-10-CM code prefixes) of their Medicare
# lab NCD. Small on purpose; each family is a prefix that simple_icd_10_cm knows (a test checks it).
INDICATIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "83036": (
        "Hemoglobin A1c",
        ("E08", "E09", "E10", "E11", "E13", "O24", "R73", "Z13.1", "Z79.4", "Z79.84", "Z86.32"),
        "NCD 190.21 Glycated Hemoglobin/Glycated Protein: diabetes, abnormal glucose, screening, "
        "glucose-lowering drugs",
    ),
    "85610": (
        "Prothrombin time (PT/INR)",
        ("Z79.01", "D65", "D66", "D67", "D68", "D69", "I26", "I48", "I82", "K70", "K72", "K74", "K76", "R79.1"),
        "NCD 190.17 Prothrombin Time: anticoagulant therapy, coagulation defects, thromboembolism, "
        "atrial fibrillation, liver disease, abnormal coagulation profile",
    ),
}

# Rule 2: the documentation flags that name a specificity, and the words a more specific code's
# title must carry for it. The EMR (or a CDI tool) sends them in `documentation_flags`; flags not
# listed here (e.g. "missing_ros") are not specificity and are ignored by this rule.
SPECIFICITY_FLAGS: dict[str, str] = {
    "laterality_right": "right",
    "laterality_left": "left",
    "laterality_bilateral": "bilateral",
    "acuity_acute": "acute",
    "acuity_chronic": "chronic",
    "acuity_acute_on_chronic": "acute on chronic",
    "type_systolic": "systolic",
    "type_diastolic": "diastolic",
    "severity_mild": "mild",
    "severity_moderate": "moderate",
    "severity_severe": "severe",
    "pattern_intermittent": "intermittent",
    "pattern_persistent": "persistent",
    "episode_single": "single episode",
    "episode_recurrent": "recurrent",
    "with_hyperglycemia": "with hyperglycemia",
    "encounter_initial": "initial encounter",
    "encounter_subsequent": "subsequent encounter",
}
EM_BASIS_MDM = "em_basis_mdm"  # the provider chose the E/M level by medical decision making, not time

# Rule 3: total time in minutes per office/outpatient E/M code (AMA CPT 2021): (low, high).
EM_TIME: dict[str, tuple[int, int]] = {
    "99202": (15, 29),
    "99203": (30, 44),
    "99204": (45, 59),
    "99205": (60, 74),
    "99212": (10, 19),
    "99213": (20, 29),
    "99214": (30, 39),
    "99215": (40, 54),
}
EM_NEW = ("99202", "99203", "99204", "99205")
EM_ESTABLISHED = ("99212", "99213", "99214", "99215")
OFFICE_EM = frozenset({*EM_NEW, *EM_ESTABLISHED, "99211"})

# Rule 4: minor procedures (global period 0 or 10 days in the CMS PFS Relative Value File).
MINOR_PROCEDURES: dict[str, tuple[str, int]] = {
    "10060": ("Incision and drainage of abscess, simple or single", 10),
    "11102": ("Tangential biopsy of skin, single lesion", 0),
    "11200": ("Removal of skin tags, up to 15", 10),
    "12001": ("Simple repair of superficial wound, 2.5 cm or less", 0),
    "17000": ("Destruction of premalignant lesion, first", 10),
    "17110": ("Destruction of benign lesions, up to 14", 10),
    "20610": ("Arthrocentesis, aspiration or injection, major joint", 0),
    "69210": ("Removal of impacted cerumen, instrumentation, unilateral", 0),
}


@dataclass(frozen=True)
class Finding:
    rule: str
    evidence: str
    fix: str
    codes: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = field(default=())

    @property
    def title(self) -> str:
        return RULE_TITLES[self.rule]

    @property
    def source(self) -> str:
        return SOURCES[self.rule]

    @property
    def claim_blocking(self) -> bool:
        return self.rule in CLAIM_BLOCKING

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "evidence": self.evidence,
            "fix": self.fix,
            "source": self.source,
            "codes": list(self.codes),
            "suggestions": list(self.suggestions),
            "claim_blocking": self.claim_blocking,
        }


# --- input ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Code:
    system: str
    code: str  # normalised: stripped, upper case ("" when it is not a string)
    shown: str  # printable, bounded, for evidence text
    modifiers: tuple[str, ...] = ()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown(value: Any, limit: int = 24) -> str:
    """A value as evidence text may quote it: printable, without lone surrogates, at most `limit`."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub("?", text).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _entries(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _code(entry: Mapping[str, Any]) -> Code:
    raw = entry.get("code")
    system = entry.get("system")
    modifiers = entry.get("modifiers")
    mods = tuple(str(m).strip().upper() for m in modifiers if isinstance(m, str)) if isinstance(modifiers, list) else ()
    return Code(
        system=system.strip() if isinstance(system, str) else "",
        code=raw.strip().upper() if isinstance(raw, str) else "",
        shown=shown(raw),
        modifiers=mods,
    )


def flags_of(data: Mapping[str, Any]) -> frozenset[str]:
    value = data.get("documentation_flags")
    return frozenset(f.strip().lower() for f in value if isinstance(f, str)) if isinstance(value, list) else frozenset()


# --- the code set --------------------------------------------------------------------------------
def _icd_valid(code: str) -> bool:
    """A real ICD-10-CM category, subcategory or code (chapters and blocks are not codes)."""
    if not code or len(code) > MAX_CODE or not code.isascii():
        return False
    try:
        return bool(icd.is_valid_item(code)) and not icd.is_chapter_or_block(code)
    except (ValueError, KeyError):
        return False


def icd_billable(code: str) -> bool:
    return _icd_valid(code) and bool(icd.is_leaf(code))


def _category(code: str) -> str:
    """The 3-character category a code belongs to."""
    if icd.is_category(code):
        return code
    return next(a for a in icd.get_ancestors(code) if icd.is_category(a))


def _has_prefix(code: str, prefixes: Iterable[str]) -> bool:
    plain = code.replace(".", "")
    return any(plain.startswith(p.replace(".", "")) for p in prefixes)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(r"\b" + re.escape(phrase) + r"\b", text.lower()) is not None


def _is_unspecified(description: str) -> bool:
    low = description.lower()
    return "unspecified" in low or "not specified" in low


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the rules -----------------------------------------------------------------------------------
def rule_dx_missing(diagnoses: list[Code], procedures: list[Code]) -> Finding | None:
    cpt = [p for p in procedures if p.system == CPT and p.code]
    if not cpt:
        return None
    icd_dx = [d for d in diagnoses if d.system == ICD10CM and d.code]
    if not icd_dx:
        return Finding(
            "dx_missing",
            evidence=(
                f"{len(cpt)} procedure(s) billed ({', '.join(p.shown for p in cpt[:5])}) with no ICD-10-CM diagnosis"
            ),
            fix="Add the diagnosis the provider documented as the reason for each service (query the provider if none)",
            codes=tuple(p.code for p in cpt[:5]),
        )
    missing = []
    for p in cpt:
        entry = INDICATIONS.get(p.code)
        if entry and not any(_has_prefix(d.code, entry[1]) for d in icd_dx):
            missing.append((p, entry))
    if not missing:
        return None
    return Finding(
        "dx_missing",
        evidence="; ".join(
            f"{p.code} {name} billed; no diagnosis among its indications ({', '.join(prefixes)})"
            for p, (name, prefixes, _) in missing
        ),
        fix="Add the documented indication for the test, or query the ordering provider; "
        + " ".join(f"{p.code}: {why}." for p, (_, _, why) in missing),
        codes=tuple(p.code for p, _ in missing),
    )


def _more_specific(code: str, terms: list[str]) -> list[str]:
    """Up to three leaf codes near `code` whose titles carry every term: searched under its parent
    first, then each ancestor up to its 3-character category (the nearest level with a match wins,
    so "Pain in unspecified knee" + left finds "Pain in left knee", not the left hip). Ranked by how
    little they add beyond the billed title and the terms (the least assuming first)."""
    billed_words = _words(icd.get_description(code))
    term_words = {w for t in terms for w in _words(t)}
    category = _category(code)
    scope = icd.get_parent(code) or category
    while True:
        candidates = []
        for other in icd.get_descendants(scope):
            if other == code or not icd.is_leaf(other):
                continue
            text = icd.get_description(other)
            if all(_has_phrase(text, t) for t in terms):
                candidates.append((len(_words(text) - billed_words - term_words), len(text), other))
        if candidates or scope == category:
            return [c for _, _, c in sorted(candidates)[:3]]
        scope = icd.get_parent(scope)


def rule_dx_unspecified(diagnoses: list[Code], flags: frozenset[str]) -> Finding | None:
    named = [(flag, SPECIFICITY_FLAGS[flag]) for flag in sorted(flags) if flag in SPECIFICITY_FLAGS]
    if not named:
        return None
    hits: list[tuple[Code, list[str], list[str]]] = []
    for d in diagnoses:
        if d.system != ICD10CM or not icd_billable(d.code):
            continue
        description = icd.get_description(d.code)
        if not _is_unspecified(description):
            continue
        terms = [term for _, term in named if not _has_phrase(description, term)]
        if not terms:
            continue
        found = _more_specific(d.code, terms)
        if found:
            hits.append((d, terms, found))
    if not hits:
        return None
    return Finding(
        "dx_unspecified",
        evidence="; ".join(
            f"{d.code} “{icd.get_description(d.code)}” billed; documentation flags say {', '.join(terms)}"
            for d, terms, _ in hits
        ),
        fix="; ".join(
            f"Code {d.code} to the documented specificity: "
            + ", ".join(f"{c} “{icd.get_description(c)}”" for c in found)
            + (" (pick the one the note supports)" if len(found) > 1 else "")
            for d, _, found in hits
        ),
        codes=tuple(d.code for d, _, _ in hits),
        suggestions=tuple(c for _, _, found in hits for c in found),
    )


def em_level_for_time(code: str, minutes: int) -> str | None:
    """The E/M code of the same family (new / established) whose time range holds `minutes`; the top
    level above its range, None below the lowest."""
    family = EM_NEW if code in EM_NEW else EM_ESTABLISHED
    supported = None
    for level in family:
        if minutes >= EM_TIME[level][0]:
            supported = level
    return supported


def rule_em_time(procedures: list[Code], duration: Any, flags: frozenset[str]) -> Finding | None:
    if EM_BASIS_MDM in flags or isinstance(duration, bool) or not isinstance(duration, int) or duration < 0:
        return None
    em = [p for p in procedures if p.system == CPT and p.code in EM_TIME]
    if not em:
        return None
    problems = []
    for p in em:
        low, high = EM_TIME[p.code]
        supported = em_level_for_time(p.code, duration)
        if supported == p.code:
            continue
        problems.append((p, low, high, supported))
    if not problems:
        return None
    parts, fixes = [], []
    for p, low, high, supported in problems:
        parts.append(f"{p.code} billed (total time {low}-{high} min); {duration} min documented")
        if supported is None:
            lowest = (EM_NEW if p.code in EM_NEW else EM_ESTABLISHED)[0]
            fixes.append(
                f"{duration} min is below {lowest} ({EM_TIME[lowest][0]} min): support {p.code} by medical decision "
                f"making (flag {EM_BASIS_MDM}) or correct the level"
            )
        else:
            s_low, s_high = EM_TIME[supported]
            direction = "lower" if supported < p.code else "higher"
            fixes.append(
                f"The time supports {supported} ({s_low}-{s_high} min, {direction}); bill {supported}, or document "
                f"that {p.code} was chosen by medical decision making (flag {EM_BASIS_MDM})"
            )
    return Finding(
        "em_time",
        evidence="; ".join(parts),
        fix="; ".join(fixes),
        codes=tuple(p.code for p, *_ in problems),
        suggestions=tuple(s for *_, s in problems if s),
    )


def rule_modifier_missing(procedures: list[Code]) -> Finding | None:
    cpt = [p for p in procedures if p.system == CPT]
    minors = [p for p in cpt if p.code in MINOR_PROCEDURES]
    ems = [p for p in cpt if p.code in OFFICE_EM and "25" not in p.modifiers]
    if not minors or not ems:
        return None
    minor_text = ", ".join(
        f"{p.code} {MINOR_PROCEDURES[p.code][0]} ({MINOR_PROCEDURES[p.code][1]}-day global)" for p in minors
    )
    return Finding(
        "modifier_missing",
        evidence=f"{', '.join(p.code for p in ems)} without modifier 25 on the same day as {minor_text}",
        fix=(
            f"If the note documents a significant, separately identifiable E/M, add modifier 25 to "
            f"{', '.join(p.code for p in ems)}; if not, the E/M is part of the procedure: remove it"
        ),
        codes=tuple(p.code for p in [*ems, *minors]),
    )


def rule_dx_not_billable(diagnoses: list[Code]) -> Finding | None:
    parts, fixes, codes = [], [], []
    for d in diagnoses:
        if d.system != ICD10CM:
            parts.append(f"{d.shown or '(no code)'} is in code system “{shown(d.system or '(none)')}”, not ICD-10-CM")
            fixes.append(f"map {d.shown or 'it'} to its ICD-10-CM code")
            codes.append(d.code[:MAX_CODE])
        elif not _icd_valid(d.code):
            parts.append(f"{d.shown or '(empty)'} is not an ICD-10-CM code")
            fixes.append(f"replace {d.shown or 'the empty code'} with the documented diagnosis's code")
            codes.append(d.code[:MAX_CODE])
        elif not icd.is_leaf(d.code):
            children = icd.get_children(d.code)
            parts.append(f"{d.code} “{icd.get_description(d.code)}” is a category with {len(children)} codes below it")
            fixes.append(
                f"code {d.code} to its full length, e.g. "
                + ", ".join(f"{c} “{icd.get_description(c)}”" for c in children[:3])
            )
            codes.append(d.code)
    if not parts:
        return None
    return Finding(
        "dx_not_billable",
        evidence="; ".join(parts[:10]),
        fix=_sentence("; ".join(fixes[:10])),
        codes=tuple(codes[:10]),
    )


def check_encounter(data: Mapping[str, Any]) -> list[Finding]:
    """Every finding of the five rules for one EncounterClosed `data` (at most one per rule)."""
    if not isinstance(data, Mapping):
        return []
    diagnoses = [_code(e) for e in _entries(data.get("diagnoses"))]
    procedures = [_code(e) for e in _entries(data.get("procedures"))]
    flags = flags_of(data)
    found = [
        rule_dx_missing(diagnoses, procedures),
        rule_dx_unspecified(diagnoses, flags),
        rule_em_time(procedures, data.get("duration_min"), flags),
        rule_modifier_missing(procedures),
        rule_dx_not_billable(diagnoses),
    ]
    return [f for f in found if f is not None]
