"""Suicidal thoughts, self-harm and mental health (NICE NG225 self-harm; 988 Suicide & Crisis
Lifeline; NICE NG222 depression and CG113 anxiety; NHS 111 mental health crisis).

911 (and 988) for active suicidal thoughts ("I want to kill myself", "suicidal", "end my life", the
red-flag "suicidal" wording), a plan, intent, a timeline or access to means, self-harm that has
happened or is happening, thoughts of harming others (the red-flag "homicidal" wording), voices
telling the person to harm themselves or others, "I can't keep myself safe", and psychosis after a
birth. A passive wish to be dead ("I don't want to be here", "better off without me") is an
emergency too unless the message says there is no plan or intent (the red-flag rule treats it as
emergent: the plan is not ruled out); a passive wish or suicidal thoughts with no plan or intent
stated ("no plan", "I would never act on it"), and urges to self-harm, are assessed by a clinician
today (with 988 and safety advice), as are new psychosis or
mania and a crisis ("I can't cope"). Worsening depression, anxiety or panic attacks within 3
days; low mood, stress or wanting to talk to someone within 2 weeks. Mentions are taken only
where affirmed: "no SI/HI", "denies suicidal thoughts", "not suicidal", "I would never hurt
myself" do not count.
"""

import re

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import LIFELINE_988, NHS_111, NICE_NG222, NICE_NG225
from triage.protocols.words import S, gap, rule_patterns
from triage.redflags.patterns import CLINICAL_VERB

SELF = r"(?:my\s*self|meself|myslef|herself|himself|themselves|themself)"
# active suicidal thoughts (the red-flag "suicidal" rule's active wording)
ACTIVE = (
    r"suicid\w*",
    r"suicidle\b",
    r"suicial\b",
    r"sucidal\b",
    rf"kill(?:ing)?{S}{SELF}\b",
    rf"(?:thinking|thought|thoughts){S}(?:about|of){S}ending{S}it(?:{S}all)?\b",
    rf"(?:end|ending|take|taking){S}(?:my\s+(?:own\s+)?life|(?:his|her|their)\s+(?:own\s+)?life|it\s+all)\b",
    r"(?-i:(?<=\+)SI)\b",
    r"(?-i:SI)(?=\s*(?:/|(?i:and)|&|,)\s*HI\b)",
    r"(?-i:SI)(?=\s+(?i:(?:with|w/|w)\s+(?:a\s+)?plan))",
    CLINICAL_VERB + r"(?-i:(?P<hit>SI))\b(?!\s+joint)",
)
# a passive wish to be dead (the red-flag rule's passive wording)
PASSIVE = (
    rf"(?:no|don'?t\s+see\s+the|dont\s+see\s+the|what'?s\s+the|whats\s+the){S}point{S}(?:in{S}|of{S})?(?:living|going\s+on|being\s+alive|life|anything\s+anymore)\b",
    rf"thoughts{S}(?:of|about){S}(?:dying|death|not\s+being\s+(?:here|alive|around))\b",
    r"no\s+way\s+out\b",
    r"(?:better\s+off\s+dead|better\s+off\s+without\s+me|wish\s+(?:i|he|she)\s+(?:was|were|could\s+be)\s+dead|wish\s+i\s+(?:could\s+)?(?:just\s+)?(?:disappear|not\s+exist|not\s+wake\s+up|go\s+to\s+sleep\s+and\s+not\s+wake\s+up)|want\s+to\s+die|wanna\s+die|wants\s+to\s+die|wanting\s+to\s+die)\b",
    rf"(?:don'?t|dont|do\s+not|doesn'?t|does\s+not){S}want{S}to{S}(?:live|be\s+alive|be\s+here\s+anymore|wake\s+up|exist|be\s+around)\b",
    r"(?:passive\s+(?:si\b|suicidal|death\s+wish)|death\s+wish)",
    r"wish\s+(?:i|he|she)\s+(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:alive|here|around|born)\b",
    r"(?:life\s+(?:is\s+)?not\s+worth\s+living|not\s+worth\s+living)\b",
)
NO_PLAN = (
    r"(?:no|without\s+(?:a|any)|don'?t\s+have\s+(?:a|any)|do\s+not\s+have\s+(?:a|any)|doesn'?t\s+have\s+(?:a|any)|not\s+made\s+(?:a|any)|haven'?t\s+(?:got|made)\s+(?:a|any))\s+(?:specific\s+|actual\s+|real\s+)?(?:plans?|intent|intention|intentions)\b"
    r"|(?:would|will|could)\s*(?:n'?t|\s+not|\s+never)\s+(?:ever\s+)?(?:act\s+on\s+(?:it|them|those|these)|do\s+(?:it|anything)|go\s+through\s+with\s+it|actually\s+do\s+(?:it|anything)|hurt\s+(?:my\s*self|myself))"
    r"|(?:not|never)\s+(?:going|gonna)\s+to\s+(?:act\s+on\s+(?:it|them)|do\s+(?:it|anything))|passive\s+(?:(?-i:SI)|si\b|suicidal|thoughts|ideation)"
)
PLAN_INTENT = (
    rf"(?:plan|plans|planning|planned|plotting)(?:{S}(?:how\s+)?to|{S}on)?{gap(3)}(?:kill{S}{SELF}|end{S}(?:it\s+all|my\s+life)|take{S}my{S}(?:own{S})?life|hang{S}{SELF}|shoot{S}{SELF})",
    r"suicidal(?:\s+(?:ideation|thoughts))?\s+(?:with|w/|w)\s+(?:a\s+)?(?:plan|intent)\b",
    r"(?-i:SI)\s+(?i:with|w/|w)\s+(?i:a\s+)?(?i:plan|intent)\b",
    r"(?:active\s+(?:si\b|suicidal\s+(?:ideation|thoughts))|suicidal\s+intent|intent\s+to\s+(?:kill\s+(?:my|him|her)self|die|end\s+(?:my|his|her)\s+life))",
    rf"(?:going|gonna|about|ready|decided|intend|intending){S}(?:to{S})?(?:kill{S}{SELF}|end{S}(?:it\s+all|my\s+life)|take{S}my{S}(?:own{S})?life)\b",
    rf"(?:can'?t|cannot|can\s+not|couldn'?t|not\s+able\s+to|unable\s+to){S}keep{S}{SELF}{S}safe\b",
    r"suicide\s+(?:note|letter|plan)\b",
    # means saved up, and the intent to use them: "saved up all my pills, going to take them tonight"
    r"(?:saved|saving|stockpil\w*|hoard\w*|collected|collecting)\s+(?:up\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+|the\s+|a\s+lot\s+of\s+|enough\s+)?(?:pills|tablets|meds|medication)\b[^.!?]{0,80}?\b(?:take|swallow|overdose|od)\b",
    r"(?:going|gonna|about|planning|plan|decided)\s+to\s+(?:take|swallow)\s+(?:them\s+all|all\s+(?:of\s+)?(?:them|my|the|these)(?:\s+(?:pills|tablets|meds))?)\b",
    rf"(?:going|gonna|ready|decided|about){S}to{S}end{S}it(?:{S}all)?{S}(?:tonight|today|right\s+now|now|this\s+weekend|tomorrow|soon)\b",
    rf"(?:going|gonna|ready|decided|about){S}to{S}end{S}(?:things|everything|my\s+life|it\s+all|it){S}(?:tonight|today|right\s+now|now|this\s+weekend|tomorrow|soon)\b",
)
# the patient in danger from someone else (domestic abuse: call 999 / 911 if in danger now)
IN_DANGER = (
    rf"(?:threaten\w*|going|gonna|said\s+(?:he|she)(?:'d|\s+would|'ll|\s+will)|says\s+(?:he|she)(?:'ll|\s+will))(?:\s+to)?{S}(?:kill|hurt|shoot|stab|strangle|choke|beat)\s+(?:me|us|the\s+kids|my\s+(?:kids|children|baby))\b",
    r"(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+not|(?:i\s+)?(?:don'?t|do\s+not)\s+feel)\s+safe\s+(?:at\s+home|with\s+(?:him|her|my\s+\w+))\b",
)
# plan, preparation or means: they count alongside suicidal or passive thoughts in the message
PLAN_IN_CONTEXT = (
    r"(?:have|has|made|got|with|w/|w|there'?s)\s+(?:a|the)\s+(?:specific\s+|clear\s+|detailed\s+)?plan\b",
    r"(?:plan|plans|planning|planned)\s+(?:to|on)\s+(?:do\s+it|overdose|od\b|jump|use\s+(?:the|my|a)\s+(?:gun|pills|rope))",
    rf"(?:going|gonna|decided){S}to{S}(?:do\s+it|end\s+it|end\s+things|overdose|jump)\b",
    r"(?:wrote|written|writing|left)\s+(?:a\s+)?(?:goodbye\s+)?(?:note|letters?)\b",
    r"(?:(?:said|saying|texted|text)\s+(?:(?:my|his|her)\s+)?goodbyes?\b|giving\s+(?:away\s+)?(?:my|his|her)\s+(?:things|stuff|belongings)\s+away|giving\s+away\s+(?:my|his|her)\s+(?:things|stuff|belongings))",
    r"(?:bought|buying|got|have|has|saving|saved|stockpil\w*|hoard\w*|collecting|collected|access\s+to)\s+(?:up\s+)?(?:a\s+|the\s+|some\s+|all\s+(?:my|his|her)\s+|(?:my|his|her)\s+)?(?:\w+\s+)?(?:guns?|firearms?|rope|pills|tablets|meds|razor\s+blades?)\b",
    r"(?:tonight|today|this\s+weekend|tomorrow)\b",
    r"(?:standing|sitting|on)\s+(?:on\s+)?(?:the\s+|a\s+)?(?:edge|ledge|bridge|roof|train\s+tracks)\b",
)
# preparatory acts (C-SSRS "preparatory behaviour"): stockpiling medicines is one on its own; a
# farewell letter or giving things away counts with words of despair ("can't do this anymore")
STOCKPILE = (
    r"(?:saving|saved|stockpil\w*|hoard\w*|collecting|collected|stashing|stashed|squirrell?ing\s+away)\s+(?:up\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+|his\s+|her\s+|the\s+|a\s+lot\s+of\s+|enough\s+)?(?:(?:mum'?s|mom'?s|dad'?s|sleeping|pain|old|\w+)\s+)?(?:pills|tablets|meds|medications?|painkillers|sleeping\s+pills|tramadol|paracetamol|tylenol|oxy\w*|insulin)\b",
)
DESPAIR = (
    r"(?:can'?t|cant|cannot)\s+(?:do\s+(?:this|it)|go\s+on|take\s+(?:it|this|any\s+more)|cope|keep\s+going|carry\s+on)(?:\s+(?:any\s*more|any\s+longer))?\b",
    r"(?:done\s+with\s+(?:life|everything|it\s+all)|want\s+(?:it|this|everything)\s+(?:all\s+)?to\s+(?:end|stop)|no\s+reason\s+to\s+(?:live|go\s+on)|hopeless)\b",
)
FAREWELL = (
    r"(?:wrote|written|writing|left)\s+(?:a\s+|some\s+)?(?:goodbye\s+|farewell\s+)?(?:notes?|letters?)\b",
    r"(?:said|saying|texted|text)\s+(?:(?:my|his|her)\s+)?goodbyes?\b|giving\s+(?:away\s+)?(?:my|his|her)\s+(?:things|stuff|belongings)(?:\s+away)?",
    *STOCKPILE,
)

URGE = r"(?:urges?|urged|thoughts?|thinking|think|tempted|temptation|want(?:ing|s)?\s+to|wanna|feel\s+like|feels\s+like|felt\s+like|considering|fantasi[sz]\w*|afraid\s+(?:i'?ll|i\s+might|of)|scared\s+(?:i'?ll|i\s+might|of))(?:\s+(?:of|about|to|that))?\s*(?:\w+\s+)?$"
SELF_HARM_ACT = (
    r"self[\s-]*harm\w*",
    rf"(?:harm|harming|harmed){S}{SELF}\b",
    rf"(?:cut|cutting|burn|burning|burned|burnt|scratch\w*|hit|hitting|hurt|hurting|punch\w*|bang\w*|starv\w*){S}{SELF}{S}(?:on\s+purpose|deliberately|intentionally|again|to\s+(?:cope|feel|punish|release))\b",
    rf"(?:been|started|start|keep|keeps|kept|was|is|am)\s+(?:cutting|burning|hurting|harming|scratching)\s+{SELF}\b",
    rf"cutting\s+{SELF}\b",
    r"(?:cut|cuts|cutting|slit|slitting|slash\w*)\s+(?:on\s+)?(?:my|her|his|their)\s+(?:wrists|arms|thighs|legs)\b",
    r"(?:slit|slitting|slash\w*)\s+(?:my|her|his|their)\s+wrists?\b",
    rf"(?:overdos\w*|o\.?d\.?){S}on{S}purpose\b",
    r"intentional(?:ly)?\s+overdos\w*",
    rf"took{gap(3)}(?:pills|tablets){gap(2)}(?:on\s+purpose|to\s+(?:die|end\s+it))",
)
SELF_HARM_URGE = (
    rf"(?:urges?|thoughts?|thinking|tempted|want(?:ing|s)?|wanna|feel\s+like|felt\s+like|afraid|scared){S}(?:of{S}|about{S}|to{S}|that{S}|i'?ll{S}|i{S}might{S})?(?:self[\s-]*harm\w*|(?:cut|cutting|hurt|hurting|harm|harming|burn|burning){S}{SELF})",
)
HOMICIDAL = (
    *rule_patterns("homicidal"),
    rf"(?:wants?|wanted|wanting|wanna|going|gonna|threaten\w*|thinking\s+about|plan(?:ning)?)(?:\s+to)?{S}(?:kill|hurt|harm|shoot|stab|strangle|murder)(?:ing)?{S}(?:(?:my|his|her|their|the)\s+)?(?:teachers?|classmates?|(?:whole\s+)?class|school|students?|coworkers?|co-workers?|ex|ex-\w+|stepdad|stepmom|step-?father|step-?mother|parents|grandma|grandpa|nurse|doctor|people\s+at\s+(?:work|school)|(?:him|her)self\s+and\s+(?:the|his|her)\s+\w+)\b",
)
COMMAND = (
    rf"voices?{gap(3)}(?:telling|tell|tells|told|saying|say|says|ordering|order){S}(?:me|him|her|them){S}to{gap(2)}(?:hurt|harm|kill|jump|die|cut|end|stab|attack)\b",
    r"command\s+(?:auditory\s+)?hallucinations?\b",
)
PSYCHOSIS = (
    rf"(?:hearing|hears|heard|hear){S}(?:voices|things\s+(?:that\s+)?(?:aren'?t|are\s+not|isn'?t|that\s+nobody))\b",
    rf"(?:seeing|sees|saw){S}things\s+(?:that\s+)?(?:aren'?t|are\s+not|nobody\s+else)\b",
    r"(?:hallucinat\w*|psychos[ie]s|psychotic|delusion\w*|paranoi\w*|manic\b|mania\b|hypomani\w*)",
    rf"(?:thinks|believes|convinced){S}(?:that\s+)?(?:people|everyone|someone|the\s+(?:government|neighbou?rs|police|tv|fbi|cia))\s+(?:are|is)\s+(?:watching|following|after|spying|poisoning|trying\s+to\s+(?:kill|hurt|poison))\b",
    rf"(?:hasn'?t|has\s+not|haven'?t|not){S}slept{S}(?:in|for){S}(?:\d+|two|three|four|several|many|days)\b{gap(6)}(?:racing\s+thoughts|talking\s+fast|spending|grandiose|energy|manic|not\s+tired)",
)
CRISIS = (
    r"(?:mental\s+health|psychiatric|emotional)\s+(?:crisis|emergency|breakdown)\b",
    rf"(?:can'?t|cannot|can\s+not|not\s+able\s+to){S}(?:cope|go\s+on|take\s+(?:it|this)\s+any\s*more|handle\s+(?:it|this)\s+any\s*more)\b",
    r"(?:(?:nervous|mental|emotional)\s+breakdown|(?:having|had|on\s+the\s+verge\s+of)\s+a\s+breakdown)\b",
    r"(?:falling\s+apart|at\s+(?:the\s+end\s+of\s+)?my\s+(?:wits'?|rope)(?:\s+end)?|at\s+breaking\s+point|hit\s+rock\s+bottom)\b",
)
WORSENING = (
    rf"(?:depression|anxiety|panic\s+attacks?|panic|mood|ocd|ptsd|bipolar|eating\s+disorder){S}(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|getting\s+|got\s+|keeps\s+getting\s+)*(?:much\s+|a\s+lot\s+|really\s+|so\s+)?(?:worse|out\s+of\s+control|unbearable|spiral\w*|severe|bad\s+again|back)\b",
    r"(?:worsening|worse|severe|crippling|debilitating|constant|uncontrollable)\s+(?:depression|anxiety|panic|mood)\b",
    r"(?:having|had|get|getting|keep\s+having|been\s+having)\s+(?:a\s+lot\s+of\s+|lots\s+of\s+|more\s+|frequent\s+|daily\s+|constant\s+|several\s+)?panic\s+attacks?\b",
    r"panic\s+attacks?\s+(?:every|daily|all\s+the\s+time|again|keep)\b",
    rf"(?:can'?t|cannot|haven'?t\s+been\s+able\s+to){S}(?:get\s+out\s+of\s+bed|function|work|go\s+to\s+work|leave\s+the\s+house|stop\s+crying|eat\s+or\s+sleep|sleep\s+or\s+eat)\b",
    rf"(?:antidepressants?|sertraline|zoloft|fluoxetine|prozac|citalopram|escitalopram|lexapro|celexa|venlafaxine|effexor|duloxetine|cymbalta|mirtazapine|bupropion|wellbutrin|paroxetine|paxil|meds|medication){gap(3)}(?:isn'?t|aren'?t|is\s+not|are\s+not|not|stopped|doesn'?t|don'?t)\s+(?:working|helping|work|help)\b",
    r"(?:postpartum|post[\s-]natal|postnatal|perinatal)\s+(?:depression|anxiety)\b",
    r"crying\s+(?:all\s+the\s+time|every\s+day|constantly|nonstop|all\s+day)\b",
)
MILD = (
    r"(?:feeling|feel|felt|been)\s+(?:a\s+bit\s+|really\s+|very\s+|so\s+|pretty\s+|kind\s+of\s+)?(?:down|low|blue|depressed|anxious|stressed|overwhelmed|sad|hopeless|flat|numb\s+emotionally|on\s+edge|burnt?\s+out|burned\s+out)\b",
    r"(?:low\s+mood|depress(?:ion|ed)|anxiety|anxious|stressed\s+out|(?:so\s+much|a\s+lot\s+of|lots\s+of)\s+stress|burn[\s-]?out|grie(?:f|ving)|bereave\w*)\b",
    # "talk to someone"; "see someone" only about a therapist ("do I need to see someone" about a cold
    # sore is a question for the clinic)
    r"(?:talk|speak)\s+(?:to|with)\s+someone\b",
    rf"(?:talk|speak|see|referral|refer\s+me|get\s+(?:me\s+)?(?:in|referred)){gap(3)}(?:a\s+therapist|a\s+counsel+or|counsel+ing|therapy|a\s+psychiatrist|a\s+psychologist|mental\s+health)\b",
    r"(?:ocd|ptsd|adhd|bipolar|eating\s+disorder|insomnia\s+from\s+stress)\b",
)


def _not_urge(m: re.Match) -> bool:
    """Self-harm that happened, not urges or thoughts of it (those are the urge criterion's)."""
    return re.search(URGE, m.string[max(0, m.start() - 40) : m.start()], re.I) is None


PROTOCOL = Protocol(
    name="mental_health",
    title="Suicidal thoughts, self-harm and mental health",
    sources=(NICE_NG225, LIFELINE_988, NICE_NG222, NHS_111),
    complaint=(
        *ACTIVE,
        *PASSIVE,
        *IN_DANGER,
        *SELF_HARM_ACT,
        *SELF_HARM_URGE,
        *HOMICIDAL,
        *COMMAND,
        *PSYCHOSIS,
        *CRISIS,
        *WORSENING,
        *MILD,
    ),
    default="within_2_weeks",
    criteria=(
        Criterion(
            "plan_intent_or_means",
            "emergency",
            "Suicidal with a plan, intent, a timeline, access to means, goodbyes, or can't keep themselves safe",
            patterns=PLAN_INTENT,
            resolvable=False,
            source="988 Lifeline",
        ),
        Criterion(
            "plan_or_means_with_thoughts",
            "emergency",
            "Suicidal or passive death thoughts with a plan, preparation, a timeline (tonight) or access to means",
            patterns=PLAN_IN_CONTEXT,
            also=("|".join(ACTIVE[:7] + PASSIVE),),
            resolvable=False,
            source="988 Lifeline",
        ),
        Criterion(
            "stockpiling_medicines",
            "emergency",
            "Saving up or stockpiling medicines (a preparatory act for suicide)",
            patterns=STOCKPILE,
            unless=(
                r"(?:for|before)\s+(?:the\s+|a\s+|my\s+|our\s+)?(?:holiday|trip|travel\w*|vacation|flight|move)|(?:so|in\s+case)\s+(?:i|we|he|she)\s+(?:don'?t|do\s+not|won'?t)\s+run\s+out|in\s+case\s+of|spares?\b|back[\s-]?up\s+supply",
            ),
            resolvable=False,
            source="NICE NG225",
        ),
        Criterion(
            "despair_with_preparation",
            "emergency",
            "Words of despair (can't go on, can't do this anymore) with farewell letters, goodbyes or giving things away",
            patterns=DESPAIR,
            also=("|".join(FAREWELL),),
            resolvable=False,
            source="NICE NG225",
        ),
        Criterion(
            "self_harm",
            "emergency",
            "Self-harm that has happened or is happening (cutting, burning, an overdose on purpose)",
            patterns=SELF_HARM_ACT,
            check=_not_urge,
            resolvable=False,
            source="NICE NG225",
        ),
        Criterion(
            "homicidal",
            "emergency",
            "Thoughts or plans of harming or killing someone else",
            patterns=HOMICIDAL,
            resolvable=False,
            source="NICE NG225",
        ),
        Criterion(
            "patient_in_danger",
            "emergency",
            "The patient is in danger from someone else (threats to kill or hurt them, not safe at home)",
            patterns=IN_DANGER,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "command_hallucinations",
            "emergency",
            "Voices telling the person to harm or kill themselves or others",
            patterns=COMMAND,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "postpartum_psychosis",
            "emergency",
            "Hallucinations, paranoia, mania or confusion after giving birth (postpartum psychosis)",
            patterns=(*PSYCHOSIS, r"(?:postpartum|post[\s-]partum|puerperal)\s+psychosis\b", r"confus\w*"),
            when=lambda f: f.postpartum,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "active_suicidal_thoughts",
            "emergency",
            "Active suicidal thoughts (wants to kill themselves, suicidal, end their life), plan not ruled out",
            patterns=ACTIVE,
            unless=(NO_PLAN,),
            resolvable=False,
            source="988 Lifeline",
        ),
        Criterion(
            "passive_thoughts",
            "emergency",
            "A wish to be dead or not to be here, better off dead, no way out: a plan or intent not ruled out",
            patterns=PASSIVE,
            unless=(NO_PLAN,),
            resolvable=False,
            source="988 Lifeline",
        ),
        Criterion(
            "passive_or_no_plan",
            "same_day",
            "Passive wish to be dead or suicidal thoughts, with no plan or intent stated: same-day risk assessment and safety plan",
            patterns=(*PASSIVE, *ACTIVE),
            resolvable=False,
            source="NICE NG225",
        ),
        Criterion(
            "self_harm_urges",
            "same_day",
            "Urges or thoughts of self-harm without acting on them",
            patterns=SELF_HARM_URGE,
            source="NICE NG225",
        ),
        Criterion(
            "psychosis_or_mania",
            "same_day",
            "New hallucinations, paranoia, psychosis or mania",
            patterns=PSYCHOSIS,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "crisis",
            "same_day",
            "Mental health crisis: can't cope, breakdown",
            patterns=CRISIS,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "worsening",
            "within_3_days",
            "Worsening depression or anxiety, frequent panic attacks, can't function, antidepressant not working",
            patterns=WORSENING,
            source="NICE NG222",
        ),
        Criterion(
            "low_mood_or_stress",
            "within_2_weeks",
            "Low mood, stress, anxiety or wanting to talk to someone, no risk features",
            patterns=MILD,
            source="NICE NG222",
        ),
    ),
    home_care=(
        "Keep a regular routine for sleep, meals and some daily activity; talk to someone you trust; limit alcohol and drugs; "
        "self-referral to talking therapy (NHS Talking Therapies) may help. If you ever feel unable to keep yourself safe, "
        "call or text 988 (Suicide & Crisis Lifeline) or call 911."
    ),
    advice={
        "emergency": "Call the patient now: advise 911 or the emergency department (or the 988 Suicide & Crisis Lifeline: call or text 988); ask someone to stay with them and remove means (medicines, weapons).",
        "same_day": "Call the patient back today for a risk assessment and safety plan; give the 988 Lifeline (call or text 988) and advise 911 if they feel unable to keep themselves safe.",
        "within_3_days": "Offer an appointment within 3 days (review of depression/anxiety and treatment); give the 988 Lifeline number in case things get worse.",
        "within_2_weeks": "Offer a routine appointment (or talking-therapy referral); give the 988 Lifeline number in case things get worse.",
    },
)
