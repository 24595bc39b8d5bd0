"""Injuries: head injury and limb, neck and other injuries (NICE NG232 head injury; Ottawa ankle and
knee rules; Canadian C-spine rule; NHS.uk broken bones, sprains and strains).

Head injury goes to the emergency department (NG232 referral criteria) with loss of consciousness,
vomiting since, amnesia, a seizure, drowsiness or GCS below 15, a worsening headache, clear fluid or
blood from the nose or ears, bruising behind the ears or around the eyes, an anticoagulant, age 65
or over, or a dangerous mechanism (fall from a height or down stairs, hit by a car, ejected, high
speed). A bone through the skin, an obvious deformity or dislocation, a cold pale limb, a neck
injury with numbness, tingling or weakness, and a fall with hip pain in an older adult who cannot
get up are emergencies too. Not bearing weight, bony tenderness (Ottawa), a suspected fracture or
a neck injury with pain are seen the same day. A minor bump with no symptoms and a sprain the
patient can walk on are home care; pain not settling after a week or two is seen within 3 days.
"""

from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS, NICE_NG232
from triage.protocols.words import CANT, PAIN, PRON, S, gap_affirmative, rule

OTTAWA = Source(
    "Ottawa ankle rules",
    "Ottawa ankle and knee rules (Stiell et al.): bony tenderness and inability to bear weight for 4 steps",
    "https://www.mdcalc.com/calc/1670/ottawa-ankle-rule",
)
C_SPINE = Source(
    "Canadian C-spine rule",
    "Canadian C-spine rule (Stiell et al. 2001); NICE NG41 spinal injury: assessment and initial management",
    "https://www.nice.org.uk/guidance/ng41",
)

_HEAD_RULE = rule("head_injury_with_symptoms")
HEAD_INJURY = (
    *_HEAD_RULE.patterns,
    r"(?:fell|fallen|knocked|bumped|banged|hit|smacked|whacked)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,3}?(?:on|against|into)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:head|forehead|skull)\b",
    rf"(?:bump|lump|goose\s*egg|egg|bruise|knot)\s+on\s+(?:{PRON}\s+)?(?:head|forehead|skull)\b",
    r"(?:head|forehead)\s+(?:bump|knock|injury)\b",
    r"(?:knocked|knocked\s+himself|knocked\s+herself)\s+out\b(?!\s+(?:his|her|my|a|the|their)\s+(?:\w+\s+)?(?:teeth|tooth))",
    rf"(?:hit|bumped|banged|struck|smacked|knocked|whacked)\s+(?:\w+\s+)?(?:the\s+)?(?:back|side|front|top)\s+of\s+(?:{PRON}\s+)?head\b",
)
HEAD_SYMPTOMS = (_HEAD_RULE.companion.pattern if _HEAD_RULE.companion else "") + (
    r"|\bamnesi\w*|\b(?:doesn'?t|does\s+not|can'?t|cannot|don'?t)\s+remember\b|\bgcs\s*(?:of\s*)?(?:[3-9]|1[0-4])\b"
    r"|\b(?:knocked\s+out|out\s+cold|lost\s+consciousness|loss\s+of\s+consciousness)\b"
    r"|\b(?:fluid|blood)\s+(?:coming\s+)?(?:from|out\s+of)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:ear|ears|nose)\b"
    r"|\b(?:battle'?s\s+sign|panda\s+eyes|raccoon\s+eyes|bruis\w*\s+behind\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?ears?)\b"
    r"|\b(?:irritable|inconsolable|not\s+(?:himself|herself))\b|\b(?:pupils?\s+(?:are\s+)?(?:different|unequal|dilated|blown))\b"
    r"|\b(?:weak|numb)\w*\s+(?:on\s+)?(?:one\s+side|arm|leg)\b|\b(?:keeps?\s+)?(?:repeating|asking\s+the\s+same)\b"
)
DANGEROUS_MECHANISM = (
    r"(?:hit|struck|knocked\s+down|run\s+over|ran\s+over)\s+by\s+(?:a\s+|an\s+|the\s+)?(?:car|truck|van|bus|vehicle|motorcycle|train)\b",
    r"(?:pedestrian|cyclist)\s+(?:vs|versus|struck|hit)\b",
    rf"(?:fell|fall|falling|fallen)\s+(?:off|from|out\s+of|down)\s+(?:a\s+|the\s+|{PRON}\s+)?(?:roof|ladder|tree|balcony|building|scaffold\w*|second\s+(?:floor|story|storey)|window|cliff|horse|height|bunk\s+bed|top\s+bunk|wall|stairs|flight\s+of\s+stairs|staircase)\b",
    r"(?:fell|fall|falling)\s+(?:about\s+|over\s+|more\s+than\s+)?(?:[3-9]|\d\d|three|four|five|six|ten|twenty)\s*(?:feet|ft|foot|metres?|meters?|m)\b",
    r"(?:down|fell\s+down)\s+(?:a\s+|the\s+)?(?:flight\s+of\s+)?(?:stairs|steps)\b",
    r"(?:ejected|thrown)\s+(?:from|out\s+of|off)\b",
    r"(?:rolled\s+over|rollover|high[\s-]speed|motorcycle\s+(?:crash|accident|wreck)|head[\s-]on\s+collision)\b",
    r"(?-i:MVC|MVA)\b",
    r"(?:car|auto|motor\s+vehicle|vehicle)\s+(?:crash|accident|wreck|collision)\b(?=.{0,80}\b(?:mph|speed|airbags?|totaled|totalled|rolled))",
)
NECK_INJURY = (
    rf"(?:hurt|injured|injury|injuries|twisted|jarred|jerked|whiplash|strained|hit|landed\s+on)\s+(?:to\s+)?(?:{PRON}\s+)?neck\b",
    rf"neck{gap_affirmative(2)}(?:injury|injured|pain|hurts|sore|stiff)\b(?=.{{0,80}}\b(?:fell|fall|crash|accident|hit|dive|diving|tackle\w*|trampoline|rugby|football))",
    r"whiplash\b",
)
LIMB = (
    r"(?:arm|forearm|wrist|hand|finger|thumb|elbow|shoulder|collarbone|collar\s+bone|clavicle|leg|thigh|knee|shin|ankle|"
    r"foot|toe|toes|hip|fingers|wrists|ankles|knees|legs|arms|bone)"
)
INJURY_WORDS = (
    r"fell(?!\s+asleep)|fall(?!\s+asleep)|fallen|tripped|slipped|twisted|rolled|sprain\w*|strain\w*|injur\w*|hurt|landed|crash\w*|accident|"
    r"hit|kicked|jammed|stubbed|tackle\w*|trauma|collision|dislocat\w*|broke|broken|fractur\w*|knocked|bumped|banged|"
    r"pulled\s+(?:a\s+)?(?:muscle|hamstring|calf|groin)|tweaked|overextended|hyperextended"
)

PROTOCOL = Protocol(
    name="injury",
    title="Injury (head, neck, limbs)",
    sources=(NICE_NG232, OTTAWA, C_SPINE, NHS_111, NICE_CKS),
    complaint=(
        *HEAD_INJURY,
        rf"(?:twisted|rolled|sprained|hurt|injured|bruised|jammed|stubbed|banged|broke|broken|fractured|dislocated|strained|pulled)\s+(?:{PRON}\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{LIMB}\b",
        rf"{LIMB}\s+(?:injury|sprain|strain|fracture|break|is\s+broken|might\s+be\s+broken)\b",
        r"(?:sprain|sprained|strain|fracture|fractured|broken\s+bone|dislocat\w*|whiplash)\b",
        r"(?:pulled|tore|torn|strained)\s+(?:a\s+|my\s+|his\s+|her\s+)?(?:muscle|hamstring|calf|groin|ligament|tendon|achilles|acl|meniscus)\b",
        r"(?:had\s+a\s+|took\s+a\s+|bad\s+)?(?:fall|fell)\s+(?:over|down|off|on|from|and)\b",
        r"(?:car|bike|bicycle|motorcycle|skiing|sports?|football|soccer|rugby)\s+(?:accident|crash|injury)\b",
        *NECK_INJURY,
    ),
    default="self_care",
    criteria=(
        Criterion(
            "head_injury_with_symptoms",
            "emergency",
            "Head injury with loss of consciousness, vomiting, amnesia, seizure, drowsiness or confusion, worsening headache, "
            "clear fluid or blood from the ears or nose, or a blood thinner",
            patterns=HEAD_INJURY,
            also=(HEAD_SYMPTOMS,),
            resolvable=False,
            source="NICE NG232",
        ),
        Criterion(
            "head_injury_anticoagulated",
            "emergency",
            "Head injury in someone on an anticoagulant (warfarin, apixaban, rivaroxaban ...) or with a bleeding disorder",
            patterns=HEAD_INJURY,
            when=lambda f: f.anticoagulated,
            resolvable=False,
            source="NICE NG232",
        ),
        Criterion(
            "head_injury_older_adult",
            "emergency",
            "Head injury at age 65 or over",
            patterns=HEAD_INJURY,
            when=lambda f: f.older_adult,
            resolvable=False,
            source="NICE NG232",
        ),
        Criterion(
            "dangerous_mechanism",
            "emergency",
            "Dangerous mechanism: fall from a height or down stairs, hit by a vehicle, ejected, rollover or high-speed crash",
            patterns=DANGEROUS_MECHANISM,
            also=(
                r"head|neck|back|spine|chest|belly|stomach|abdomen|pelvis|hip|unconscious|knocked\s+out|can'?t\s+move|"
                r"hurt|hurts|pain|injur\w*|bleeding|broke|broken|bruis\w*|sore",
            ),
            resolvable=False,
            source="NICE NG232",
        ),
        Criterion(
            "neck_injury_neuro",
            "emergency",
            "Neck or back injury with numbness, tingling, weakness or loss of movement in the arms or legs",
            patterns=(*NECK_INJURY, rf"(?:hurt|injured|landed\s+on|hit)\s+(?:{PRON}\s+)?(?:back|spine)\b"),
            also=(
                r"numb\w*|tingl\w*|pins\s+and\s+needles|weak\w*|paralys\w*|can'?t\s+(?:move|feel)|electric\s+shocks?|"
                r"loss\s+of\s+(?:feeling|sensation|bladder|bowel)",
            ),
            source="Canadian C-spine rule",
        ),
        Criterion(
            "open_fracture",
            "emergency",
            "Bone through the skin (open fracture)",
            patterns=(
                rf"bone{gap_affirmative(2)}(?:sticking|poking|coming|through|out\s+of|piercing)\s+(?:out|through)?\b",
                r"(?:open|compound)\s+fracture\b",
                r"(?:see|can\s+see|visible)\s+(?:the\s+)?bone\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "deformity",
            "emergency",
            "Obvious deformity of an arm, leg, wrist, ankle, hip or shoulder, or a dislocation",
            patterns=(
                r"(?:arm|forearm|wrist|elbow|shoulder|leg|thigh|knee|shin|ankle|hip|bone)\s+(?:is\s+|looks\s+|looking\s+|seems\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:bent|crooked|deformed|misshapen|out\s+of\s+place|at\s+(?:a|an)\s+(?:weird|odd|funny|strange|wrong|awkward)\s+angle|the\s+wrong\s+way|backwards)\b",
                r"(?:obvious\s+|visible\s+|gross\s+)?deformity\b",
                r"(?:dislocat\w*|popped\s+out\s+of\s+(?:the\s+)?(?:socket|joint|place))\b",
                r"(?:bent|twisted|pointing)\s+the\s+wrong\s+way\b",
            ),
            unless=(
                r"(?:finger|toe|pinky|thumb)s?\s+(?:is\s+|looks\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:bent|crooked|dislocat\w*|deformed|out\s+of\s+place)|dislocated\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:finger|toe|pinky|thumb)",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "limb_circulation",
            "emergency",
            "Injured limb that is cold, pale or blue, or has severe pain with tight swelling (possible compartment syndrome)",
            patterns=(
                r"(?:hand|foot|fingers|toes|leg|arm)\s+(?:is\s+|are\s+|went\s+|turned\s+|turning\s+|feels\s+)?(?:cold\s+and\s+(?:pale|blue|white)|(?:pale|blue|white)\s+and\s+cold|ice\s+cold)\b",
                r"(?:no\s+pulse|pulseless|compartment\s+syndrome)\b",
                rf"(?:tight|tense)\s+(?:and\s+)?(?:swollen|swelling)\b{gap_affirmative(4)}(?:{PAIN}|pain)\b",
            ),
            also=(INJURY_WORDS,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "fall_older_cant_get_up",
            "emergency",
            "Fall in an older adult who cannot get up, cannot stand, or has hip or groin pain with a shortened or turned-out leg",
            patterns=(
                rf"{CANT}{S}(?:get\s+(?:back\s+)?up|stand(?:\s+up)?|get\s+off\s+the\s+floor|move\s+(?:{PRON}\s+)?leg)\b",
                r"(?:leg|foot)\s+(?:is\s+|looks\s+)?(?:shorter|shortened|turned\s+out(?:ward)?|rotated)\b",
                rf"(?:hip|groin){gap_affirmative(2)}(?:{PAIN}|pain|broken|fractured|injury)\b",
                r"(?:lying|been)\s+on\s+the\s+floor\s+(?:for|since)\b",
            ),
            also=(
                r"fell(?!\s+asleep)|fall(?!\s+asleep)|fallen|tripped|slipped|found\s+(?:her|him)\s+on\s+the\s+floor",
            ),
            when=lambda f: f.older_adult,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "head_injury_infant",
            "same_day",
            "Head injury in a baby under 1 year (NG232: bruise, swelling or cut over 5 cm; any concern)",
            patterns=HEAD_INJURY,
            when=lambda f: f.infant or (f.age_years is not None and f.age_years < 1),
            source="NICE NG232",
        ),
        Criterion(
            "cannot_bear_weight",
            "same_day",
            "Unable to bear weight or walk 4 steps after an injury (Ottawa rules), or cannot use the arm",
            patterns=(
                rf"{CANT}{S}(?:put|bear|take)\s+(?:any\s+)?(?:weight|pressure)\b",
                r"(?:can'?t|cannot|can\s+not|unable\s+to|won'?t|wont|couldn'?t|not\s+able\s+to|refus\w*\s+to)\s+(?:even\s+)?(?:walk|stand|step)\s+(?:on\s+(?:it|her|his|my|the)|at\s+all|without|more\s+than|even)\b",
                r"(?:can'?t|cannot|unable\s+to|couldn'?t)\s+(?:even\s+)?walk\s+(?:4|four)\s+steps\b",
                r"(?:non[\s-]*weight[\s-]*bearing|unable\s+to\s+weight[\s-]*bear|not\s+weight[\s-]*bearing)\b",
                rf"(?:can'?t|cannot|unable\s+to|won'?t)\s+(?:move|lift|use|straighten|bend)\s+(?:{PRON}\s+)?(?:arm|wrist|elbow|shoulder|knee|leg|ankle)\b",
            ),
            also=(INJURY_WORDS,),
            source="Ottawa ankle rules",
        ),
        Criterion(
            "bony_tenderness",
            "same_day",
            "Bony tenderness (ankle or foot bones, kneecap, wrist snuffbox) or a suspected fracture: X-ray today",
            patterns=(
                r"(?:bony|bone|point)\s+tender\w*",
                r"(?:tender|pain|sore|hurts)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:on|over|at)\s+(?:the\s+)?(?:ankle\s+)?(?:bone|malleol\w*|navicular|fifth\s+metatarsal|5th\s+metatarsal|base\s+of\s+(?:the\s+)?(?:5th|fifth)|kneecap|patella|snuffbox|scaphoid)\b",
                r"(?:snuffbox|scaphoid)\s+(?:tender\w*|pain)\b",
                r"(?:think|thinks|think\s+it'?s|might\s+be|may\s+be|could\s+be|probably|possibly|pretty\s+sure|looks|feels)\s+(?:it'?s\s+|is\s+|i\s+|he\s+|she\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:broken|broke|fractured|a\s+fracture|a\s+break)\b",
                r"(?:heard|felt)\s+(?:a\s+|it\s+)?(?:crack|snap|crunch)\b",
                r"(?:possible|suspected)\s+(?:fracture|break|broken)\b",
                rf"(?:swelling|swollen|bruis\w*){gap_affirmative(3)}(?:and|with)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:can'?t|cannot)\s+(?:move|bend)\b",
            ),
            source="Ottawa ankle rules",
        ),
        Criterion(
            "neck_injury",
            "same_day",
            "Neck injury with neck pain after a fall, crash or sports collision (C-spine assessment)",
            patterns=(*NECK_INJURY, rf"neck{gap_affirmative(3)}(?:pain|hurts|sore|stiff|injur\w*|aching|killing)\b"),
            also=(
                r"fell(?!\s+asleep)|fall(?!\s+asleep)|crash\w*|accident|hit|dive|diving|tackle\w*|trampoline|rugby|football|collision|whiplash|rear[\s-]ended|"
                r"(?-i:MVC|MVA)|car\s+(?:wreck|crash)|thrown",
            ),
            source="Canadian C-spine rule",
        ),
        Criterion(
            "finger_toe_deformity",
            "same_day",
            "Crooked or dislocated finger or toe, or a jammed finger that cannot straighten",
            patterns=(
                r"(?:finger|toe|pinky|thumb)s?\s+(?:is\s+|looks\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:bent|crooked|dislocat\w*|deformed|out\s+of\s+place)\b",
                r"dislocated\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:finger|toe|pinky|thumb)\b",
                rf"(?:finger|toe|pinky|thumb){gap_affirmative(6)}(?:crooked|deformed|out\s+of\s+place|sideways|bent\s+(?:sideways|the\s+wrong\s+way))\b",
                rf"{CANT}\s+straighten\s+(?:{PRON}\s+)?(?:finger|thumb|pinky)\b",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "severe_injury_pain",
            "same_day",
            "Severe pain or rapid, large swelling after an injury",
            patterns=(
                rf"(?:severe|excruciating|unbearable|extreme|terrible|10/10)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:pain|{PAIN})\b",
                r"(?:swelled|swollen|swelling)\s+(?:up\s+)?(?:really\s+|very\s+|so\s+)?(?:fast|quickly|immediately|like\s+a\s+balloon|huge)\b",
            ),
            also=(INJURY_WORDS,),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "not_improving",
            "within_3_days",
            "Sprain or injury not improving after a week, or still painful after 2 weeks",
            patterns=(r"(?:sprain\w*|strain\w*|injur\w*|twisted|rolled|bruise\w*)\b",),
            when=lambda f: f.duration_days is not None and f.duration_days >= 7,
            unless=(r"(?:getting|much|lot)\s+better|improv\w*",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "still_painful_weeks",
            "within_3_days",
            "Injury weeks ago that still hurts, is still swollen or is not getting better",
            patterns=(
                r"still\s+(?:really\s+|very\s+|quite\s+)?(?:hurts|hurting|painful|sore|swollen|aching|achy|bruised|stiff|tender|weak)\b",
                r"(?:not|isn'?t|hasn'?t|hasnt)\s+(?:been\s+)?(?:getting\s+)?(?:any\s+)?(?:better|improv\w*|heal\w*)",
            ),
            also=(
                INJURY_WORDS,
                r"(?:\d+|two|three|four|five|six|a\s+few|few|several|a\s+couple(?:\s+of)?|couple(?:\s+of)?)\s+(?:weeks?|wks?|months?)|a\s+(?:week|month)|weeks|month",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "minor_head_bump",
            "self_care",
            "Minor bump to the head, no loss of consciousness, no vomiting, acting normally",
            patterns=(
                r"(?:acting|seems?|looks?|behaving|playing|feels?|feeling)\s+(?:totally\s+|completely\s+|perfectly\s+|pretty\s+)?(?:fine|normal|normally|ok|okay|himself|herself|like\s+(?:him|her)self|good|well)\b",
                r"(?:just|only)\s+(?:a\s+)?(?:small\s+|little\s+)?(?:bump|lump|bruise|goose\s*egg)\b",
                r"(?:no|didn'?t|did\s+not)\s+(?:lose|loss\s+of|pass\s+out|black\s+out|vomit|throw\s+up)\w*",
                r"(?:minor|small|little|slight)\s+(?:bump|knock|bang|lump)\b",
            ),
            also=(r"head|forehead|skull",),
            source="NICE NG232",
        ),
        Criterion(
            "hip_fracture_signs",
            "emergency",
            "After a fall: cannot bear weight, or the leg looks shorter or turned outwards (possible hip fracture)",
            patterns=(
                r"(?:leg|foot)\s+(?:\w+\s+){0,3}?(?:shorter|shortened|turned\s+out\w*|rotated\s+out\w*|externally\s+rotated|pointing\s+out\w*)\b",
                r"(?:shortened\s+and\s+externally\s+rotated|externally\s+rotated\s+and\s+shortened)\b",
            ),
            also=(r"fell|fall|fallen|slipped|tripped|collapsed|found\s+on\s+the\s+floor",),
            source="NICE CKS",
        ),
        Criterion(
            "knee_instability",
            "within_3_days",
            "A twisted knee with a pop, swelling within hours, giving way or locking (possible ligament or meniscus tear)",
            patterns=(
                r"(?:heard|felt)\s+(?:a\s+)?(?:pop|popping|snap|crack)\b",
                r"(?:gives|giving|gave)\s+way\b|(?:buckl\w*|locking|locks|locked)\b",
                r"swell\w*\s+up\s+(?:the\s+same\s+(?:night|day)|straight\s+away|right\s+away|immediately|within\s+(?:an\s+)?hours?)",
            ),
            also=(r"knee|ankle|shoulder",),
            source="NICE CKS",
        ),
        Criterion(
            "sprain_walking",
            "self_care",
            "Sprain or twist, walking or using the limb normally",
            patterns=(
                r"(?:can|can\s+still|able\s+to|still\s+able\s+to|is\s+able\s+to|could)\s+(?:walk|put\s+weight|bear\s+weight|stand|move\s+it|use\s+it)\b",
                r"(?:walking|walk|weight[\s-]*bearing|moving\s+it|using\s+it)\s+(?:on\s+it\s+)?(?:fine|ok|okay|normally|alright|without\s+(?:much\s+)?(?:trouble|problem|pain))\b",
                r"(?:full|normal)\s+range\s+of\s+(?:motion|movement)\b",
                r"(?:mild|minor|slight|small)\s+(?:sprain|strain|bruise|bruising|twist)\b",
            ),
            also=(INJURY_WORDS,),
            source="Ottawa ankle rules",
        ),
    ),
    home_care=(
        "Rest the injured part, ice it (wrapped, 20 minutes every 2-3 hours), use a compression bandage and keep it "
        "raised; paracetamol or ibuprofen for pain. After a head bump: rest, have someone stay with you for 24 hours, "
        "no alcohol or contact sport. Call 911 for vomiting, drowsiness, confusion, a worsening headache, a seizure, "
        "fluid from the nose or ears, or weakness; call back today if you cannot put weight on it, it looks deformed, "
        "or the pain or swelling gets worse; within a week if it is not improving."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now (NICE NG232 head-injury criterion or serious injury); "
        "do not move someone with a possible neck injury.",
        "same_day": "Arrange a same-day assessment / minor injuries unit for X-ray (Ottawa rules, suspected fracture).",
        "within_3_days": "Offer an appointment within 3 days for an injury that is not settling.",
    },
)
