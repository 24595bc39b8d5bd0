"""The coding rules (pure: no database): each rule fires on what it is written for and stays quiet
on the near miss; hostile input never raises."""

import pytest
import simple_icd_10_cm as icd

from coding import rules
from coding.rules import check_encounter


def dx(*codes, system="ICD-10-CM"):
    return [{"system": system, "code": c} for c in codes]


def px(*codes, modifiers=None):
    return [{"system": "CPT", "code": c, "modifiers": list(modifiers.get(c, [])) if modifiers else []} for c in codes]


def enc(diagnoses=(), procedures=(), flags=(), duration=None):
    data = {"diagnoses": list(diagnoses), "procedures": list(procedures), "documentation_flags": list(flags)}
    if duration is not None:
        data["duration_min"] = duration
    return data


def fired(data):
    return {f.rule: f for f in check_encounter(data)}


# --- 1. procedure without a supporting diagnosis ----------------------------------------------
def test_a_procedure_with_no_diagnosis_at_all_is_found():
    found = fired(enc(procedures=px("99213", "93000")))
    assert "dx_missing" in found
    assert "no ICD-10-CM diagnosis" in found["dx_missing"].evidence
    assert found["dx_missing"].codes == ("99213", "93000") and found["dx_missing"].claim_blocking


def test_a_diagnosis_in_another_system_does_not_support_a_procedure():
    found = fired(enc(dx("38341003", system="SNOMED"), px("99213")))
    assert "dx_missing" in found and "dx_not_billable" in found


def test_a_procedure_with_a_diagnosis_is_not_found():
    assert "dx_missing" not in fired(enc(dx("I10"), px("99213")))


def test_a1c_without_a_diabetes_family_diagnosis_is_found_and_with_one_is_not():
    found = fired(enc(dx("I10"), px("99213", "83036"), duration=25))
    assert found["dx_missing"].codes == ("83036",) and "NCD 190.21" in found["dx_missing"].fix
    for support in ("E11.9", "R73.03", "Z79.4", "Z13.1", "O24.410"):
        assert "dx_missing" not in fired(enc(dx("I10", support), px("99213", "83036"), duration=25)), support


def test_pt_inr_needs_an_anticoagulation_family_diagnosis():
    assert "dx_missing" in fired(enc(dx("J06.9"), px("85610")))
    assert "dx_missing" not in fired(enc(dx("Z79.01"), px("85610")))
    assert "dx_missing" not in fired(enc(dx("I48.91"), px("85610")))


def test_every_indication_family_is_a_real_icd10cm_item():
    for code, (_, prefixes, _) in rules.INDICATIONS.items():
        for prefix in prefixes:
            assert icd.is_valid_item(prefix), (code, prefix)


def test_no_procedure_no_finding():
    assert check_encounter(enc()) == []


# --- 2. unspecified where the documentation is specific ----------------------------------------
def test_unspecified_heart_failure_with_chronic_systolic_flags_suggests_i50_22_first():
    found = fired(enc(dx("I50.9"), flags=["type_systolic", "acuity_chronic"]))["dx_unspecified"]
    assert found.suggestions[0] == "I50.22"
    assert "Chronic systolic (congestive) heart failure" in found.fix
    assert all(icd.is_leaf(c) and c.startswith("I50") for c in found.suggestions)


def test_unspecified_knee_with_left_laterality_suggests_the_left_knee_not_another_joint():
    found = fired(enc(dx("M25.569"), flags=["laterality_left"]))["dx_unspecified"]
    assert found.suggestions == ("M25.562",)


def test_an_unspecified_code_without_a_specificity_flag_is_not_found():
    assert "dx_unspecified" not in fired(enc(dx("I50.9"), flags=["missing_ros", "unsigned_note"]))


def test_a_specific_code_with_flags_is_not_found():
    assert "dx_unspecified" not in fired(enc(dx("I50.22"), flags=["type_systolic", "acuity_chronic"]))


def test_a_flag_the_title_already_carries_is_not_specificity():
    # J06.9 is "Acute upper respiratory infection, unspecified": "acute" adds nothing
    assert "dx_unspecified" not in fired(enc(dx("J06.9"), flags=["acuity_acute"]))


def test_a_flag_no_code_of_the_category_carries_is_not_found():
    assert "dx_unspecified" not in fired(enc(dx("R10.9"), flags=["type_systolic"]))


# --- 3. E/M level vs documented time ------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "minutes", "supported"),
    [("99215", 25, "99213"), ("99213", 45, "99215"), ("99204", 30, "99203"), ("99202", 70, "99205")],
)
def test_an_em_level_the_time_does_not_support_is_found_with_the_supported_level(code, minutes, supported):
    found = fired(enc(dx("I10"), px(code), duration=minutes))["em_time"]
    assert found.suggestions == (supported,) and supported in found.fix


@pytest.mark.parametrize(
    ("code", "minutes"),
    [("99202", 15), ("99203", 44), ("99205", 60), ("99212", 10), ("99213", 29), ("99214", 30), ("99215", 54)],
)
def test_an_em_level_inside_its_time_range_is_not_found(code, minutes):
    assert "em_time" not in fired(enc(dx("I10"), px(code), duration=minutes))


def test_the_2021_time_ranges_are_the_published_ones():
    assert rules.EM_TIME == {
        "99202": (15, 29),
        "99203": (30, 44),
        "99204": (45, 59),
        "99205": (60, 74),
        "99212": (10, 19),
        "99213": (20, 29),
        "99214": (30, 39),
        "99215": (40, 54),
    }


def test_time_above_the_top_range_still_supports_the_top_level():
    assert "em_time" not in fired(enc(dx("I10"), px("99215"), duration=80))


def test_time_below_every_level_says_so():
    found = fired(enc(dx("I10"), px("99212"), duration=5))["em_time"]
    assert "below 99212" in found.fix and found.suggestions == ()


def test_a_level_chosen_by_mdm_or_without_time_is_not_judged_on_time():
    assert "em_time" not in fired(enc(dx("I10"), px("99215"), flags=["em_basis_mdm"], duration=15))
    assert "em_time" not in fired(enc(dx("I10"), px("99215")))
    assert "em_time" not in fired(enc(dx("I10"), px("99396"), duration=5))  # a preventive visit has no time rule


# --- 4. modifier 25 ------------------------------------------------------------------------------
def test_an_em_with_a_minor_procedure_and_no_modifier_25_is_found():
    found = fired(enc(dx("M17.11"), px("99214", "20610"), duration=35))["modifier_missing"]
    assert found.codes == ("99214", "20610") and "modifier 25" in found.fix and "0-day global" in found.evidence


def test_modifier_25_on_the_em_is_not_found():
    data = enc(dx("M17.11"), px("99214", "20610", modifiers={"99214": ["25"]}), duration=35)
    assert "modifier_missing" not in fired(data)


def test_an_em_with_a_test_that_is_not_a_minor_procedure_is_not_found():
    assert "modifier_missing" not in fired(enc(dx("I10"), px("99214", "93000"), duration=35))


def test_the_minor_procedures_have_0_or_10_day_globals():
    assert {days for _, days in rules.MINOR_PROCEDURES.values()} <= {0, 10}


# --- 5. not billable -----------------------------------------------------------------------------
def test_a_category_header_is_not_billable_and_its_codes_are_offered():
    found = fired(enc(dx("E11"), px("99213"), duration=25))["dx_not_billable"]
    assert "category" in found.evidence and "E11.0" in found.fix and found.claim_blocking


def test_an_invalid_code_and_a_block_range_are_not_billable():
    found = fired(enc(dx("E11.999", "I10-I16"), px("99213"), duration=25))["dx_not_billable"]
    assert found.codes == ("E11.999", "I10-I16")


def test_billable_codes_are_not_found_in_either_spelling():
    assert "dx_not_billable" not in fired(enc(dx("I10", "E11.9", "e119", " J06.9 "), px("99213"), duration=25))


# --- hostile input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"diagnoses": "I10", "procedures": {"code": "99213"}, "documentation_flags": "laterality_left"},
        {"diagnoses": [None, 3, "I10", {"system": None, "code": None}], "procedures": [[], {"code": 99213}]},
        {"diagnoses": dx("I10\x00", "\ud800", "A" * 5000, "🙂"), "procedures": px("99213\x00", "9" * 500)},
        {"diagnoses": [{"system": "ICD-10-CM", "code": "I50.9"}], "documentation_flags": [None, 7, "x" * 10_000]},
        {"procedures": px("99215"), "duration_min": True},
        {"procedures": px("99215"), "duration_min": -3},
        {"procedures": px("99215"), "duration_min": 10**12},
        {
            "diagnoses": [{"system": "ICD-9-CM", "code": "250.00"}],
            "procedures": [{"system": "LOINC", "code": "2345-7"}],
        },
    ],
)
def test_hostile_input_never_raises_and_evidence_is_printable_and_bounded(data):
    for finding in check_encounter(data):
        text = finding.evidence + finding.fix
        assert "\x00" not in text
        text.encode("utf-8")  # no lone surrogate
        assert len(finding.evidence) < 2000 and all(len(c) <= rules.MAX_CODE for c in finding.codes)


def test_check_encounter_of_a_non_mapping_is_empty():
    assert check_encounter(None) == [] and check_encounter([1, 2]) == []


def test_each_finding_names_its_source_and_has_a_title():
    data = enc(dx("I50.9", "E11"), px("99215", "20610", "85610"), flags=["type_systolic"], duration=25)
    found = fired(data)
    assert set(found) == set(rules.RULES)
    for f in found.values():
        assert f.source and f.title and f.as_dict()["rule"] == f.rule
