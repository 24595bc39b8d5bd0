"""Red-flag rules: a table of phrasings that must (or must not) fire.

Each case gives the exact set of rules expected to fire, so a spurious extra rule fails
the test as well as a missed one. Plain pytest functions: no database, no Django.
"""

import csv
import random
from pathlib import Path

import pytest

from triage.redflags import RULESET_VERSION, RuleHit, find_red_flags, matcher, prefixes, rule_names

NONE: frozenset[str] = frozenset()


def R(*names: str) -> frozenset[str]:
    return frozenset(names)


CASES = [
    # ---- chest_pain ------------------------------------------------------------------
    ("I have chest pain", R("chest_pain")),
    ("my chest pian started an hour ago and it wont go away", R("chest_pain")),
    ("pt reports CP radiating to L arm", R("chest_pain")),
    ("Hi, my husband has had chest pressure for an hour and he is sweating", R("chest_pain")),
    ("feels like an elephant sitting on my chest, pressure in my chest since lunch", R("chest_pain")),
    ("my chest is really tight and it hurts to take a deep breath", R("chest_pain")),
    ("I think I'm having a heart attack", R("chest_pain")),
    ("Dad is sweating, pale, says his chest feels like someone is standing on it", R("chest_pain")),
    ("started having this pressure in the middle of his chest about 40 min ago", R("chest_pain")),
    ("CHEST HURTS WHEN I WALK UP STAIRS", R("chest_pain")),
    ("I can't get rid of this chest pain", R("chest_pain")),
    ("I couldn't sleep last night because of the chest pain", R("chest_pain")),
    ("not sure if this is chest pain or heartburn", R("chest_pain")),
    ("I don't know if it's chest pain or just my ribs", R("chest_pain")),
    ("chest pain is not going away", R("chest_pain")),
    ("the chest pain hasn't gone away", R("chest_pain")),
    ("I don't have a fever and I have chest pain", R("chest_pain")),
    ("no chest pain", NONE),
    ("Denies chest pain.", NONE),
    ("no SOB or CP", NONE),
    ("No fever, cough, runny nose, or chest pain", NONE),
    ("I'm not having chest pain anymore", NONE),
    ("I had chest pain yesterday but it's gone now", NONE),
    ("chest pain went away after 10 minutes", NONE),
    ("dad died of a heart attack when I was 12", NONE),
    ("I was reading about chest pain online and got worried", NONE),
    ("what should I do if I have chest pain again?", NONE),
    ("my coworker has chest pain, what should I tell her", NONE),
    ("chest pain: none. sleeping ok.", NONE),
    # ---- breathing -------------------------------------------------------------------
    ("I cant breath", R("breathing")),
    ("her husband says she can't breathe", R("breathing")),
    ("my son can't breathe", R("breathing")),
    ("I am no longer able to breathe lying down", R("breathing")),
    ("having trouble breating since this morning", R("breathing")),
    ("pt c/o SOB x2 days", R("breathing")),
    ("getting really short of breath walking to the mailbox", R("breathing")),
    ("shortness of breath and swollen ankles", R("breathing")),
    ("he is gasping for air", R("breathing")),
    ("my daughter is wheezing really badly and her inhaler isn't helping", R("breathing")),
    ("having a hard time breathing", R("breathing")),
    ("her lips are turning blue", R("breathing")),
    ("my 2 yr old is breathing really fast and his ribs are sucking in", R("breathing")),
    ("denies shortness of breath", NONE),
    ("without any trouble breathing", NONE),
    ("I have no problem breathing", NONE),
    ("stuffy nose, I can't breathe through my nose at night", NONE),
    ("Denies fever, chills, nausea, vomiting, or shortness of breath.", NONE),
    ("my friend said she can't breathe when she runs", NONE),
    # ---- stroke ----------------------------------------------------------------------
    ("She is slurring her words and her face looks droopy on the left", R("stroke")),
    ("my dad's face is drooping on one side", R("stroke")),
    ("sudden weakness in my right arm", R("stroke")),
    ("numbness on the left side of my body since an hour ago", R("stroke")),
    ("my wife is suddenly confused and can't find her words", R("stroke")),
    ("I think my mom is having a stroke", R("stroke")),
    ("pt with hx of HTN, new onset slurred speech", R("stroke")),
    ("my mother is confused and cant lift her left arm since about 4pm", R("stroke")),
    ("all of a sudden her words stopped making sense, she couldn't find the word for cup", R("stroke")),
    ("husband says the room is spinning and he can't walk straight and his words sound funny", R("stroke")),
    ("Daughter called: mom found on floor, not making sense", R("stroke", "syncope")),
    ("Hello nurse, I have had slurred speech and weakness on one side for 2 days!!", R("stroke")),
    ("the slurred speech went away after 10 minutes", R("stroke")),
    ("this bill is not making sense to me", NONE),
    ("I'm confused about my copay", NONE),
    ("my mother had a stroke years ago", NONE),
    ("family history of stroke", NONE),
    ("I am on aspirin for stroke prevention", NONE),
    ("I had a mild heat stroke last summer while hiking", NONE),
    ("after my stroke I need a new referral for speech therapy", NONE),
    # ---- severe_bleeding -------------------------------------------------------------
    ("it won't stop bleeding", R("severe_bleeding")),
    ("I cut my hand and cannot stop the bleeding", R("severe_bleeding")),
    ("bleeding heavily from the wound, soaked through two towels", R("severe_bleeding")),
    ("I have been vomiting blood", R("severe_bleeding")),
    ("coughing up blood this morning", R("severe_bleeding")),
    ("so much blood from my nose for over an hour, I'm on blood thinners", R("severe_bleeding")),
    ("there was blood in his vomit", R("severe_bleeding")),
    ("small cut, bleeding stopped with pressure", NONE),
    ("no vomiting blood", NONE),
    # ---- suicidal --------------------------------------------------------------------
    ("I want to kill myself", R("suicidal")),
    ("hey I'm having thoughts of killing myself pls advise", R("suicidal")),
    ("i dont see the point anymore, ive been thinking about ending it", R("suicidal")),
    ("I've been feeling like there's no way out for weeks", R("suicidal")),
    ("I feel hopeless lately. not going to hurt myself but I need help", NONE),
    ("feeling a bit down. not thinking of hurting myself. would like to talk to someone", NONE),
    ("I don't want to live anymore", R("suicidal")),
    ("I've been having thoughts of ending my life", R("suicidal")),
    ("having suicidle thoughts again", R("suicidal")),
    ("Endorses SI with plan", R("suicidal")),
    ("i took extra pills on purpose to die", R("suicidal", "overdose_poisoning")),
    ("honestly everyone would be better off without me", R("suicidal")),
    ("pt denies SI/HI", NONE),
    ("no suicidal thoughts, mood is better on the new dose", NONE),
    ("I had suicidal thoughts years ago but doing well now", NONE),
    ("SI joint pain is worse after sitting", NONE),
    # ---- homicidal -------------------------------------------------------------------
    ("I want to hurt someone, I can't control my anger", R("homicidal")),
    ("He says he wants to kill his brother and he has a gun in the house", R("homicidal")),
    ("pt denies SI, endorses HI toward neighbor", R("homicidal")),
    ("having thoughts of harming others", R("homicidal")),
    ("HI DOCTOR, I NEED A REFILL", NONE),
    ("Hi, can I move my appointment?", NONE),
    # ---- anaphylaxis -----------------------------------------------------------------
    ("my throat feels like it's closing after eating shrimp", R("anaphylaxis")),
    ("my tongue is swelling after the new antibiotic", R("anaphylaxis")),
    ("lips are swollen and I have hives all over and it's hard to breathe", R("anaphylaxis", "breathing")),
    ("allergic reaction, face and throat swelling", R("anaphylaxis")),
    ("I had to use my epipen", R("anaphylaxis")),
    ("no throat swelling, just itchy", NONE),
    ("need a refill on my epipen before school starts", NONE),
    # ---- syncope ---------------------------------------------------------------------
    ("I feinted at work today", R("syncope")),
    ("my husband passed out in the bathroom", R("syncope")),
    ("I blacked out for a few seconds while standing", R("syncope")),
    ("fell at home, +LOC per daughter", R("syncope")),
    ("my baby won't wake up", R("syncope")),
    ("I never fainted", NONE),
    ("my friend fainted at the concert", NONE),
    ("no LOC, just dizzy when I stand", NONE),
    ("She passed out as a teenager once, is that relevant for the school form?", NONE),
    # ---- severe_abdominal_pain -------------------------------------------------------
    ("severe stomach pain, worst ever", R("severe_abdominal_pain")),
    ("my belly pain is 10/10", R("severe_abdominal_pain")),
    ("unbearable pain in my lower right abdomen", R("severe_abdominal_pain")),
    ("his belly is rigid and he won't let me touch it", R("severe_abdominal_pain")),
    ("mild stomach ache after dinner", NONE),
    ("no severe abdominal pain", NONE),
    # ---- infant_fever ----------------------------------------------------------------
    ("my 6 week old has a temp of 101", R("infant_fever")),
    ("my baby has a fever of 101 and is 6 weeks old", R("infant_fever")),
    ("my baby is 7 weeks and feels really hot, 101.2 on the forehead thermometer", R("infant_fever")),
    ("pt's mother reports infant 6 wks old w/ temp 100.8 and poor feeding", R("infant_fever")),
    ("newborn feels hot, rectal temp 100.6", R("infant_fever")),
    ("My daughter is 3 weeks old. She has a fever.", R("infant_fever")),
    ("my 2 month old feels warm, temp 99.1", NONE),
    ("my 8 month old has a fever of 101", NONE),
    ("my 5 week old has no fever but is fussy", NONE),
    # ---- pregnancy_bleeding ----------------------------------------------------------
    ("8 weeks pregnant and spotting", R("pregnancy_bleeding")),
    ("I'm 12 weeks and bleeding bright red", R("pregnancy_bleeding")),
    ("I think I'm having a miscarriage", R("pregnancy_bleeding")),
    ("pregnant, some blood when I wipe", R("pregnancy_bleeding")),
    ("I'm not pregnant but I'm spotting between periods", NONE),
    ("pregnant and my gums bleed when I brush", NONE),
    # ---- seizure ---------------------------------------------------------------------
    ("my son had a siezure", R("seizure")),
    ("my daughter had a febrile seizure, it stopped but she's still not herself", R("seizure")),
    ("she is seizing right now", R("seizure")),
    ("I have a history of seizures and I had a seizure today", R("seizure")),
    ("pt convulsing at home per wife", R("seizure")),
    ("history of seizures as a child", NONE),
    ("I need a refill of my seizure medication", NONE),
    ("no seizures since the dose change", NONE),
    # ---- severe_headache -------------------------------------------------------------
    ("worst headache of my life came on suddenly", R("severe_headache")),
    ("thunderclap headache an hour ago", R("severe_headache")),
    ("headache with a stiff neck and fever", R("severe_headache")),
    ("usual migraine, took my sumatriptan", NONE),
    # ---- head_injury_with_symptoms ---------------------------------------------------
    ("hit my head yesterday and now throwing up", R("head_injury_with_symptoms")),
    ("i fell down the stairs and my head is bleeding and ive thrown up twice", R("head_injury_with_symptoms")),
    ("my son fell off the bed and hit his head, he's very sleepy", R("head_injury_with_symptoms")),
    ("bumped my head on the cabinet, I'm on Eliquis", R("head_injury_with_symptoms")),
    ("hit my head yesterday, no vomiting or confusion", NONE),
    ("bumped my head, small bruise, acting normal", NONE),
    # ---- overdose_poisoning ----------------------------------------------------------
    ("I took too many of my sleeping pills", R("overdose_poisoning")),
    ("my toddler swallowed a button battery", R("overdose_poisoning")),
    ("my kid drank some bleach from under the sink", R("overdose_poisoning")),
    ("my son drank something from under the sink, I think it was drain cleaner", R("overdose_poisoning")),
    ("i took like 20 tylenol a few hours ago and now i regret it", R("overdose_poisoning")),
    ("my daughter took a bunch of my sertraline", R("overdose_poisoning")),
    ("I accidentally took my insulin twice tonight", R("overdose_poisoning")),
    ("I cleaned the bathroom with bleach and the smell gave me a headache", NONE),
    ("pt took an OD of tylenol", R("overdose_poisoning")),
    ("I think I have food poisoning", NONE),
    ("that's odd, the pharmacy gave me a different pill", NONE),
    # ---- sepsis_signs ----------------------------------------------------------------
    ("fever 102 and very confused", R("sepsis_signs")),
    ("my grandmother has a fever of 102 and shes confused, she lives with us", R("sepsis_signs")),
    ("fever of 104 with shaking chills and rigors", R("sepsis_signs", "high_fever")),
    ("wound looks infected, worried about sepsis", R("sepsis_signs")),
    ("fever yesterday, no confusion, eating ok", NONE),
    # ---- vision_loss -----------------------------------------------------------------
    ("lost vision in my right eye this morning", R("vision_loss")),
    ("suddenly I can't see out of my left eye", R("vision_loss")),
    ("vision is a bit blurry when reading, need an eye exam", NONE),
    # ---- high_fever (urgent) ---------------------------------------------------------
    ("temp 103.5 and chills", R("high_fever")),
    ("running a high fever for 2 days", R("high_fever")),
    ("fever of 39.8 C since yesterday", R("high_fever")),
    ("low grade temp of 99.8", NONE),
    ("fever of 100.5 since yesterday", NONE),
    # ---- persistent_vomiting (urgent) ------------------------------------------------
    ("I have been vomiting all day and can't keep anything down", R("persistent_vomiting")),
    ("N/V x 3 days, unable to keep fluids down", R("persistent_vomiting")),
    ("my daughter can't keep water down", R("persistent_vomiting")),
    ("threw up once last night, keeping fluids down fine", NONE),
    # ---- gi_bleeding (urgent) --------------------------------------------------------
    ("there is blood in my stool", R("gi_bleeding")),
    ("black tarry stools since Monday", R("gi_bleeding")),
    ("bloody diarrhea x2 days", R("gi_bleeding")),
    ("no blood in stool, just constipated", NONE),
    # ---- other urgent rules ----------------------------------------------------------
    ("bp 190/115 this am and a headache", R("hypertensive_crisis")),
    ("my blood pressure was 128/82 at the pharmacy", NONE),
    ("sugar was 42 and I'm shaky", R("glucose_extreme")),
    ("my sugar is 45 and I'm shaky and confused, juice isnt helping", R("severe_hypoglycemia", "glucose_extreme")),
    ("BG 38 and she is not making sense", R("severe_hypoglycemia", "glucose_extreme", "stroke")),
    ("sugar 52 this morning, had juice and now 110, feeling fine", R("glucose_extreme")),
    ("blood sugar 480 even after insulin", R("glucose_extreme")),
    ("fasting sugar 102 this morning", NONE),
    ("I'm 32 weeks pregnant and the baby hasn't moved since last night", R("decreased_fetal_movement")),
    ("baby is kicking a lot today, just curious if normal", NONE),
    ("I can't pee and my bladder feels full", R("urinary_retention")),
    # ---- other emergent rules --------------------------------------------------------
    ("im 30 wks pregnant and have a bad headache, seeing spots", R("preeclampsia_signs")),
    ("I'm 10 weeks pregnant with a bad headache", NONE),
    ("the lab just called saying my potassium is 7.1 and to go to the ER?? is that right", R("sent_to_emergency")),
    ("they said I don't need to go to the ER", NONE),
    ("my heart is racing over 180 and I feel like I'm going to faint", R("heart_rate_extreme")),
    ("pulse is 72 and bp 120/80", NONE),
    ("my pulse ox says 86% and I'm out of breath", R("low_oxygen")),
    ("oxygen sat 97% on room air, feeling better", NONE),
    ("my 1 year old has had no wet diapers since this morning", R("dehydration")),
    # ---- routine / non-clinical: nothing fires ---------------------------------------
    ("Can I get a refill on my lisinopril 10mg? Thanks!", NONE),
    ("I got a bill for $350 but my insurance should have covered it", NONE),
    ("need to reschedule my appointment on Tuesday to next week", NONE),
    ("what do my cholesterol results mean? LDL was 145", NONE),
    ("Please fax my records to Dr. Lee's office", NONE),
    ("mild sore throat and runny nose for 3 days, no fever", NONE),
    ("My back has been sore since I moved furniture", NONE),
    ("The pharmacy says my prior auth is still pending", NONE),
    ("can you send a note for work, I was out sick Monday", NONE),
    ("I left a message yesterday and nobody called back", NONE),
]


def _ids(cases):
    return [f"{i:03d}-{text[:40]}" for i, (text, _) in enumerate(cases)]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=_ids(CASES))
def test_rules_fire_exactly_as_expected(text, expected):
    fired = {hit.rule for hit in find_red_flags(text)}
    assert fired == expected, f"{text!r}: fired {sorted(fired)}, expected {sorted(expected)}"


def test_table_is_large_and_covers_every_rule():
    assert len(CASES) >= 100
    covered = set().union(*(expected for _, expected in CASES))
    assert covered == set(rule_names())
    assert sum(1 for _, expected in CASES if not expected) >= 40


@pytest.mark.parametrize(("text", "expected"), CASES, ids=_ids(CASES))
def test_every_span_slices_to_the_hit_text(text, expected):
    for hit in find_red_flags(text):
        start, end = hit.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == hit.text


def test_spans_refer_to_the_original_text_even_with_curly_quotes_and_case():
    text = "Hello\u00a0doctor \u2014 my husband says he can\u2019t BREATHE and has CP."
    hits = find_red_flags(text)
    assert [h.rule for h in hits] == ["breathing", "chest_pain"]
    for hit in hits:
        assert text[hit.span[0] : hit.span[1]] == hit.text
    assert hits[0].text == "can\u2019t BREATHE"


def test_hits_are_sorted_by_position_and_one_per_rule():
    text = "She fainted, then had chest pain. Later more chest pain and she fainted again."
    hits = find_red_flags(text)
    assert [h.rule for h in hits] == ["syncope", "chest_pain"]
    assert hits[0].span[0] < hits[1].span[0]


def test_first_affirmed_occurrence_is_reported():
    text = "No chest pain yesterday; today I have chest pain."
    (hit,) = find_red_flags(text)
    assert hit.span[0] == text.rindex("chest pain")


def test_as_dict_is_json_ready():
    (hit,) = find_red_flags("I have chest pain")
    assert isinstance(hit, RuleHit)
    assert hit.as_dict() == {
        "kind": "rule",
        "rule": "chest_pain",
        "urgency": "emergent",
        "span": [7, 17],
        "text": "chest pain",
    }
    assert RULESET_VERSION == "1"


def test_urgencies_are_emergent_or_urgent():
    for text, _ in CASES:
        for hit in find_red_flags(text):
            assert hit.urgency in {"emergent", "urgent"}


def test_empty_and_odd_input():
    assert find_red_flags("") == []
    assert find_red_flags("   \n\n ...") == []
    assert find_red_flags("İ" * 50 + " chest pain")[0].text == "chest pain"
    assert find_red_flags("temp of 250 lol, thermometer broken") == []  # implausible reading
    assert find_red_flags("x" * 5000) == []


def _corpus_texts() -> list[str]:
    path = Path(__file__).resolve().parents[1] / "data" / "seed_corpus.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        return [row["text"] for row in csv.DictReader(fh)]


def test_speed_ups_never_change_a_result_on_mutated_text():
    """Case flips, swapped letters, new separators, curly quotes and joined messages."""
    rng = random.Random(7)
    texts = [text for text, _ in CASES] + _corpus_texts()
    for _ in range(1500):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.25:
                text = text.upper() if rng.random() < 0.5 else text.lower()
            elif roll < 0.5 and len(text) > 3:
                i = rng.randrange(len(text) - 1)
                text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
            elif roll < 0.7:
                text = text.replace(" ", rng.choice(["  ", "\n", ", ", ". ", " - "]), 1)
            elif roll < 0.85:
                text = text + " " + rng.choice(texts)
            else:
                text = text.replace("'", "\u2019")
        assert find_red_flags(text) == find_red_flags(text, _reference=True), text


def test_speed_ups_never_change_a_result():
    """The keyword pre-filter and the boundary check outside the regexes are pure speed-ups."""
    texts = [text for text, _ in CASES] + _corpus_texts()
    texts += [a + " " + b for a, b in zip(texts[::2], texts[1::2], strict=False)]  # longer, mixed messages
    for text in texts:
        assert find_red_flags(text) == find_red_flags(text, _reference=True), text


# --- the private regex parser (triage/redflags/prefixes.py) ------------------------------------


def test_the_fast_path_is_taken_on_this_python():
    assert prefixes.AVAILABLE
    assert prefixes.leading_literals(r"(?:chest|chst)\s+pain\b") == frozenset({"chest", "chst"})
    assert prefixes.required_literals(r"\d+\s*(?:°|degrees)") == frozenset({"°", "degrees"})
    alternatives = [a for row in matcher.INDEX.alternatives for a in row]
    indexed = [a for a in alternatives if a.leading]
    assert len(indexed) > 0.8 * len(alternatives)  # most patterns are only tried at a few word starts
    assert len(matcher.INDEX.scan_always) < 0.05 * len(alternatives)


def test_without_the_private_parser_every_case_gives_the_same_hits(monkeypatch):
    def unavailable():
        raise ImportError("no re._parser on this Python")

    monkeypatch.setattr(prefixes, "_private_parser", unavailable)
    assert not prefixes._self_check()
    assert prefixes.leading_literals(r"chest\s+pain") is None and prefixes.required_literals(r"chest") is None
    plain = matcher.WordIndex(matcher.INDEX.rules)  # every pattern scanned over the whole text
    assert plain.lead_index == {} and plain.scan_literals == {}
    assert len(plain.scan_always) == sum(len(row) for row in plain.alternatives)
    for text, expected in CASES:
        hits = find_red_flags(text, _index=plain)
        assert hits == find_red_flags(text), text
        assert {h.rule for h in hits} == expected, text


def test_a_parse_tree_of_another_shape_turns_the_shortcuts_off(monkeypatch):
    class Changed:
        @staticmethod
        def parse(pattern, flags):
            return [("NOT_AN_OPCODE", object())]

    monkeypatch.setattr(prefixes, "_private_parser", lambda: (object(), Changed))
    assert not prefixes._self_check()
    assert prefixes._analyse(r"chest\s+pain") == (None, None)
