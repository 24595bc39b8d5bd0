import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "seizure"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # first seizure, even when over
    ("my son just had his first seizure, he's ok now", "emergency", "first_seizure"),
    ("I think I had a seizure last night, never had one before", "emergency", "first_seizure"),
    ("my wife had a siezure and she's fine now", "emergency", "seizure_not_known_epilepsy"),
    ("my daughter had a febrile seizure with a fever of 39.5", "emergency", "seizure_not_known_epilepsy"),
    # long, repeated, not recovering
    ("she's been seizing for 7 minutes", "emergency", "long_seizure"),
    ("he had a seizure that lasted 10 min", "emergency", "long_seizure"),
    ("he's still fitting and won't stop", "emergency", "long_seizure"),
    ("had another seizure, that's the third one today", "emergency", "repeated_seizures"),
    ("he had 2 seizures today, both short, he has epilepsy", "emergency", "repeated_seizures"),
    ("the seizure stopped but he isn't waking up", "emergency", "not_recovering"),
    # pregnancy, head injury, water
    ("A 28-year-old at 34 weeks pregnant had a tonic-clonic seizure.", "emergency", None),
    ("she had a seizure this morning, she is 2 weeks postpartum", "emergency", None),
    ("he hit his head and then had a seizure", "emergency", None),
    ("convulsing in the bath", "emergency", "injured_or_in_water"),
    ("had a seizure in the bath, she's fine now, she has epilepsy", "emergency", "injured_or_in_water"),
    # clinical wording
    (
        "A 4-year-old with fever 39.4 C had a 2-minute generalised convulsion, first ever, now drowsy but rousable.",
        "emergency",
        None,
    ),
    ("19F, witnessed GTC seizure x 3 min, postictal, no hx of seizures", "emergency", "seizure_not_known_epilepsy"),
    # known epilepsy, brief, recovered: today
    (
        "my son has epilepsy and had one of his usual seizures, lasted a minute, he's fine now",
        "same_day",
        "known_epilepsy_recovered",
    ),
    ("known epileptic on keppra, brief seizure this morning, recovered", "same_day", "known_epilepsy_recovered"),
    ("he has epilepsy, had a seizure, he's fine now", "same_day", "known_epilepsy_recovered"),
    ("pt with hx of epilepsy, had typical seizure, back to baseline", "same_day", "known_epilepsy_recovered"),
    (
        "my daughter had a febrile seizure, she has had them before, she's back to normal now",
        "same_day",
        "known_epilepsy_recovered",
    ),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("no seizures since 2015", "same_day", True),
    ("had a seizure in 2015, need a refill of my keppra", "same_day", True),
    ("my back seized up", "same_day", True),
    ("my friend had a seizure", "same_day", True),
    ("what should I do if he has a seizure?", "same_day", True),
    ("my seizure meds refill", "same_day", True),
    ("denies seizure activity", "same_day", True),
    ("these new shoes are a good fit", "same_day", True),
    ("known epileptic on keppra, brief seizure this morning, recovered", "emergency", False),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    if criterion is None:
        reaches(text, level)
    else:
        reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,silent", BELOW)
def test_stays_below(text, level, silent):
    stays_below(text, level)
    if silent:
        not_by(text, PROTOCOL)
