import pytest

from triage.tests.protocols.table import not_by, reaches, stays_below

PROTOCOL = "mental_health"

# (text, level, criterion): the message reaches exactly this level; with a criterion named, this
# protocol's criterion decides; None: the level only (a neighbour protocol may decide at that level)
REACHES = [
    # preparatory acts
    (
        "i cant do this anymore. ive been saving up my sleeping tablets and my mums tramadol, got about 40 now",
        "emergency",
        "stockpiling_medicines",
    ),
    ("I can't go on like this, wrote goodbye letters to my family", "emergency", "despair_with_preparation"),
    # active thoughts, plan, intent, means
    ("I want to kill myself", "emergency", "active_suicidal_thoughts"),
    ("im feeling sucidal", "emergency", "active_suicidal_thoughts"),
    ("I'm suicidal and have a plan to take all my pills tonight", "emergency", None),
    ("I've been saving up my pills and I want to die", "emergency", "plan_or_means_with_thoughts"),
    ("I don't want to be here anymore, I have a plan", "emergency", "plan_or_means_with_thoughts"),
    ("I can't keep myself safe tonight", "emergency", "plan_intent_or_means"),
    # clinical wording
    ("pt endorses SI with plan", "emergency", "plan_intent_or_means"),
    ("A 19-year-old reports active SI with intent; has access to firearms.", "emergency", "plan_intent_or_means"),
    ("+SI, no HI", "emergency", "active_suicidal_thoughts"),
    # self-harm, harm to others, command hallucinations
    ("I've been cutting myself again", "emergency", "self_harm"),
    ("my daughter has been self-harming", "emergency", "self_harm"),
    ("my son said he wants to kill his teacher", "emergency", "homicidal"),
    ("I want to hurt someone", "emergency", "homicidal"),
    ("the voices are telling me to hurt myself", "emergency", "command_hallucinations"),
    ("I had my baby 2 weeks ago and I'm hearing voices", "emergency", "postpartum_psychosis"),
    # passive or no plan: today
    ("sometimes I wish I wasn't alive, but I would never do anything", "same_day", "passive_or_no_plan"),
    ("I have suicidal thoughts but no plan", "same_day", "passive_or_no_plan"),
    ("endorses passive SI, no plan or intent", "same_day", "passive_or_no_plan"),
    ("I sometimes think everyone would be better off without me", "emergency", "passive_thoughts"),
    ("I'm hopeless and there's no point in living", "emergency", "passive_thoughts"),
    ("I don't want to live anymore", "emergency", "passive_thoughts"),
    ("I wish I was dead but I have no plan and would never act on it", "same_day", "passive_or_no_plan"),
    ("I've been having urges to self harm", "same_day", "self_harm_urges"),
    ("I can't cope anymore", "same_day", "crisis"),
    ("I'm hearing voices", "same_day", "psychosis_or_mania"),
    # worsening / mild
    ("my depression is getting worse and I can't get out of bed", "within_3_days", "worsening"),
    ("I've been having panic attacks every day", "within_3_days", "worsening"),
    ("my sertraline isn't working anymore", "within_3_days", "worsening"),
    ("I've been feeling really down lately and would like to talk to someone", "within_2_weeks", "low_mood_or_stress"),
    ("so stressed out with work", "within_2_weeks", "low_mood_or_stress"),
]

# (text, level, silent): the message stays below this level; silent: this protocol fires nothing
BELOW = [
    ("I have been saving my tablets for the holiday trip so I do not run out", "same_day", True),
    ("I cant do this job anymore, too much paperwork", "same_day", True),
    ("got a tingly blister on my lip, pretty sure its a cold sore, do i need to see someone?", "same_day", True),
    ("no SI/HI", "same_day", True),
    ("Pt denies SI, HI, AVH.", "same_day", True),
    ("denies suicidal thoughts or self harm", "same_day", True),
    ("I'm not suicidal, just tired", "within_2_weeks", True),
    ("I would never hurt myself", "same_day", True),
    ("my brother committed suicide last year", "same_day", True),
    ("my friend is suicidal", "same_day", True),
    ("I have a plan for my diet", "same_day", True),
    ("what are the signs someone is suicidal?", "same_day", True),
    ("I hurt myself playing soccer", "same_day", True),
    ("I cut myself shaving", "same_day", True),
    ("no thoughts of harming myself or others", "same_day", True),
    ("I have suicidal thoughts but no plan", "emergency", False),
    ("so stressed out with work", "within_3_days", False),
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
