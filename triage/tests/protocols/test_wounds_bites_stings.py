import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "wounds_bites_stings"

REACHES = [
    # emergency
    ("I cut my finger with a knife and it won't stop bleeding", "emergency", "severe_bleeding"),
    ("blood is spurting from the cut on his arm", "emergency", "severe_bleeding"),
    (
        "cut my leg on glass, been pressing on it for 20 minutes and its still bleeding through the towel",
        "emergency",
        "severe_bleeding",
    ),
    ("sliced the tip of my finger off with a mandoline", "emergency", "amputation"),
    ("deep cut on my hand, I can see the bone", "emergency", "deep_penetrating_wound"),
    ("he was stabbed in the thigh", "emergency", "deep_penetrating_wound"),
    ("stung by a bee and now my throat feels tight", "emergency", "sting_anaphylaxis"),
    ("my son got stung by a wasp and his lips are swelling and he's wheezing", "emergency", "sting_anaphylaxis"),
    ("bitten by a rattlesnake on the ankle while hiking", "emergency", "snake_bite"),
    # same day
    ("the cut on my forehead is gaping, probably needs stitches", "same_day", "needs_stitches"),
    (
        "Pt is a 34 yo with a 3 cm laceration to the forearm, bleeding controlled, edges gaping",
        "same_day",
        "needs_stitches",
    ),
    ("my daughter split her chin open on the pool edge", "same_day", "needs_stitches"),
    ("cut my hand on glass and now can't bend my finger", "same_day", "tendon_nerve_injury"),
    ("our dog bit my daughter and it broke the skin", "same_day", "bite_broke_skin"),
    ("a dog bit me on the leg at the park", "same_day", "bite_broke_skin"),
    ("a cat bit me on the hand", "same_day", "bite_high_risk"),
    ("punched a guy in the mouth and now my knuckle has a cut from his teeth", "same_day", "bite_high_risk"),
    ("woke up with a bat in the bedroom", "same_day", "bite_high_risk"),
    ("stepped on a rusty nail, last tetanus shot was 12 years ago", "same_day", "tetanus_prone_unprotected"),
    ("stepped on a rusty nail, not sure when my last tetanus was", "same_day", "tetanus_prone_unprotected"),
    ("gardening cut with soil in it, never had a tetanus shot", "same_day", "tetanus_prone_unprotected"),
    ("the cut on my leg has pus and red streaks going up", "same_day", "wound_infection"),
    ("dog bite on my hand from 2 days ago is now red, swollen and oozing pus, temp 38.3", "same_day", None),
    ("I got a needlestick from a used needle at work", "same_day", "needlestick"),
    ("stung about 20 times by bees", "same_day", "sting_many"),
    # within 3 days
    ("clean cut on my hand, tetanus was 11 years ago", "within_3_days", "tetanus_booster_due"),
    ("stepped on a nail in the garage", "within_3_days", "dirty_or_puncture_wound"),
    # home care
    ("my son was stung by a wasp, just a bit of swelling where he was stung", "self_care", "local_sting_reaction"),
    ("small scrape on my knee from falling off my bike", "self_care", "minor_wound"),
    ("I got a paper cut", "self_care", "minor_wound"),
    ("dog bit me but didn't break the skin", "self_care", "minor_wound"),
    ("got stung by a bee on my arm, it is red and sore", "self_care", "local_sting_reaction"),
]

BELOW = [
    ("the cut is not infected", "same_day", None),
    ("what if my dog bites someone", "same_day", None),
    ("my friend was bitten by a dog", "same_day", None),
    ("the bleeding stopped after I put pressure on it", "emergency", "severe_bleeding"),
    ("no bleeding, just a small cut", "same_day", None),
    ("got bit by a dog as a kid, now scared of dogs", "same_day", None),
    ("last tetanus shot was 3 years ago, stepped on a nail", "same_day", "tetanus_prone_unprotected"),
    ("had stitches removed last week, healing well", "same_day", None),
    ("cut back on sugar and feeling better", "same_day", None),
]


@pytest.mark.parametrize("text,level,criterion", REACHES)
def test_reaches(text, level, criterion):
    reaches(text, level, protocol=PROTOCOL, criterion=criterion)


@pytest.mark.parametrize("text,level,criterion", BELOW)
def test_stays_below(text, level, criterion):
    stays_below(text, level)
    not_by(text, PROTOCOL, criterion)
