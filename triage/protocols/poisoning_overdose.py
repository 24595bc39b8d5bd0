"""Overdose and poisoning (TOXBASE / MHRA 2012 paracetamol overdose guidance; America's Poison
Centers / NPIS; NICE NG225 self-harm; NHS 111 poisoning and swallowed objects).

911 for any deliberate overdose, an overdose or poisoning in general (the red-flag
"overdose_poisoning" wording: "took too many", "swallowed bleach", "overdosed"), paracetamol
(acetaminophen, Tylenol) of more than 4 g in a day, 75 mg/kg or more, 8 or more 500 mg tablets, or
more than the maximum dose over several days (a staggered overdose), a child who swallowed
medicines, a button battery or magnets, caustics (bleach, drain cleaner, a dishwasher or laundry
pod), antifreeze, pesticides, e-cigarette liquid or lamp oil, an extra dose of a high-risk medicine
(insulin, opioids, blood thinners, heart or diabetes tablets, lithium, tricyclics), carbon monoxide,
and any overdose with drowsiness, confusion, breathing trouble or a seizure. These are events that
matter once over, so the criteria are not "resolvable". An extra single dose of an everyday
medicine taken by mistake is discussed today with the Poison Help line (1-800-222-1222); a coin
or a nibble of a plant, today; a taste of something non-toxic (a silica gel packet, a crayon,
toothpaste) is self-care.
"""

import re

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import NHS_111, NICE_NG225, NICE_PARACETAMOL, POISON_CENTERS
from triage.protocols.words import PILLS, PRON, S, gap, rule_patterns

PARACETAMOL = r"(?:paracetamol|acetaminophen|acetaminophin|acetametaphin|tylenol|tylanol|panadol|calpol|co-?codamol|excedrin|nyquil|dayquil|percocet|vicodin|norco|apap)"
HIGH_RISK = (
    r"(?:insulin|lantus|humalog|novolog|levemir|tresiba|basaglar|toujeo|glipizide|glyburide|glibenclamide|gliclazide|glimepiride|sulfonylurea\w*"
    r"|oxycodone|oxycontin|oxy|hydrocodone|morphine|fentanyl|methadone|buprenorphine|suboxone|tramadol|codeine|opioids?|opiates?|heroin|percocet|vicodin|norco|dilaudid|hydromorphone"
    r"|warfarin|coumadin|eliquis|apixaban|xarelto|rivaroxaban|blood\s+thinners?"
    r"|digoxin|metoprolol|atenolol|propranolol|carvedilol|bisoprolol|beta[\s-]?blockers?|amlodipine|diltiazem|verapamil|nifedipine|calcium\s+channel\s+blockers?|clonidine|flecainide"
    r"|lithium|amitriptyline|nortriptyline|imipramine|doxepin|tricyclics?|bupropion|wellbutrin|quetiapine|seroquel|olanzapine|clozapine"
    r"|methotrexate|colchicine|iron\s+(?:pills|tablets|supplements)|ferrous\s+\w+|theophylline|carbamazepine|tegretol|valproate|depakote|phenytoin"
    r"|xanax|alprazolam|klonopin|clonazepam|valium|diazepam|ativan|lorazepam|benzos?|benzodiazepines?|ambien|zolpidem|gabapentin|pregabalin|lyrica|adderall|ritalin|methylphenidate)\b"
)
CHILD = r"(?:son|daughter|baby|toddler|kid|child|boy|girl|grandson|granddaughter|little\s+one|\d+[\s-]*(?:year|yr|month|mo)s?[\s-]*old|infant)"
SWALLOW = r"(?:swallowed|swallow|ate|eaten|eating|drank|drunk|drinking|ingested|chewed|chewing|licked|got\s+into|sucked\s+on|put\s+in\s+(?:his|her|their)\s+mouth|had\s+(?:some|a\s+sip|a\s+mouthful))"
# the red-flag "overdose_poisoning" wording (deliberate, too many, poisons)
OVERDOSE = rule_patterns("overdose_poisoning")
DELIBERATE = (
    # the red-flag "suicidal" rule's overdose-on-purpose rows
    rf"(?:overdos\w*|o\.?d\.?){S}on{S}purpose\b",
    r"intentional(?:ly)?\s+overdos\w*",
    rf"took{gap(3)}(?:pills|tablets){gap(2)}(?:on\s+purpose|to\s+(?:die|end\s+it))",
    rf"(?:took|swallowed|ate|drank){gap(5)}on\s+purpose\b",
    rf"(?:took|taken|swallowed|ate){gap(6)}(?:to\s+(?:kill\s+(?:my|him|her)self|end\s+(?:it|my\s+life|things)|die|not\s+wake\s+up|sleep\s+forever)|because\s+i\s+(?:want|wanted)\s+to\s+die)",
    r"(?:deliberate|intentional|purposeful|suicidal)\s+(?:overdose|ingestion|od\b|poisoning)",
    r"(?:suicide\s+attempt|attempted\s+suicide|tried\s+to\s+(?:kill\s+(?:my|him|her)self|end\s+(?:it|my\s+life|his\s+life|her\s+life)|overdose))\b",
    r"(?:(?-i:OD)\s+(?i:attempt)|overdose\s+attempt\b)",
)
CAUSTIC = (
    rf"{SWALLOW}{gap(8)}(?:bleach|clorox|drain\s+(?:cleaner|opener)|oven\s+cleaner|toilet\s+(?:cleaner|bowl\s+cleaner)|lye|caustic\w*|acid|ammonia|dishwasher\s+(?:tablet|pod|detergent|powder)s?|laundry\s+(?:pod|detergent|capsule|tablet)s?|tide\s+pods?|detergent\s+pods?|pods?|antifreeze|anti[\s-]freeze|coolant|windshield\s+(?:washer\s+)?fluid|screenwash|methanol|rat\s+poison|mouse\s+poison|rodenticide|pesticide|insecticide|weed\s+killer|herbicide|paraquat|roundup|lamp\s+oil|paraffin|kerosene|gasoline|petrol|lighter\s+fluid|turpentine|paint\s+thinner|e[\s-]?(?:cig|cigarette|liquid|juice)|vape\s+(?:juice|liquid|pod)|nicotine|essential\s+oils?|eucalyptus\s+oil|camphor|wintergreen\s+oil|button\s+batter(?:y|ies)|(?:coin|watch|lithium|small)\s+batter(?:y|ies)|batter(?:y|ies)|magnets?|hand\s+sanitiz\w*|mushrooms?)\b",
    r"(?:button|coin|watch|lithium)\s+batter(?:y|ies)\b",
    r"(?:drank|swallowed|ingested)\s+(?:some\s+)?(?:bleach|antifreeze|poison|pesticide|weed\s+killer|drain\s+cleaner)\b",
    r"(?:carbon\s+monoxide|co\s+(?:poisoning|alarm|detector))\b",
)
CHILD_INGESTION = (
    rf"{CHILD}{gap(4)}{SWALLOW}{gap(6)}(?:(?:\w+\s+)?{PILLS}|pill|tablet|capsule|gummy|gummies|vitamins?|(?:my|his|her|grandma'?s|grandpa'?s|someone'?s)\s+(?:meds|medicine|medication|pills|prescription)|edibles?|weed|cannabis|marijuana|thc)\b",
    rf"{CHILD}{gap(4)}(?:got\s+into|found|opened|into){gap(4)}(?:(?:my|his|her|the|grandma'?s|grandpa'?s)\s+)?(?:pill\s+(?:bottle|box|organi[sz]er)|medicine\s+(?:cabinet|bottle)|{PILLS}|{HIGH_RISK}|vitamins|edibles)\b",
    rf"{CHILD}{gap(4)}{SWALLOW}{gap(6)}{HIGH_RISK}",
    rf"(?:found|caught)\s+(?:my|our|the)\s+{CHILD}{gap(6)}(?:pills?|tablets?|meds|medicine|bottle)\b",
)
SYMPTOMS = (
    r"(?:drowsy|sleepy|lethargic|confus\w*|disoriented|not\s+making\s+sense|slurr\w*|vomit\w*|throwing\s+up|seiz\w*|shaking|twitch\w*|unresponsive|unconscious|passed\s+out|hard\s+to\s+wake|can'?t\s+wake"
    r"|short\s+of\s+breath|trouble\s+breathing|breathing\s+(?:slow|shallow|funny|strange)|not\s+breathing|blue\s+lips|pinpoint\s+pupils|heart\s+(?:racing|pounding)|chest\s+pain|drooling|can'?t\s+swallow|burns?\s+(?:in|around)\s+(?:his|her|my|the)\s+mouth|coughing|choking|gagging)"
)
MG = r"(?P<mg>\d{3,5}(?:,\d{3})?)\s*(?:mg|milligrams?)"
GRAMS = r"(?P<g>\d{1,2}(?:\.\d+)?)\s*(?:g|grams?|gm)\b"
COUNT = r"(?P<n>\d{1,2}|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a\s+dozen)"
_WORDS = {
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "a dozen": 12,
}


def _paracetamol_over_limit(m: re.Match) -> bool:
    """More than 4 g (4000 mg) in total, or 8 or more tablets (8 x 500 mg = 4 g)."""
    d = m.groupdict()
    if d.get("mg"):
        return float(d["mg"].replace(",", "")) > 4000
    if d.get("g"):
        return float(d["g"]) > 4
    raw = (d.get("n") or "").lower()
    count = int(raw) if raw.isdigit() else _WORDS.get(raw)
    return count is not None and count >= 8


PARACETAMOL_DOSE = (
    rf"(?:took|taken|taking|swallowed|had|ate|given|gave|ingested|consumed){gap(3)}{COUNT}\s+(?:\w+\s+){{0,3}}?(?:{PARACETAMOL}|pills|tablets|capsules|caplets|extra\s+strength)\b",
    rf"(?:took|taken|taking|swallowed|had|ate|ingested|consumed){gap(4)}(?:{MG}|{GRAMS}){gap(4)}(?:of\s+)?(?:{PARACETAMOL})",
    rf"{PARACETAMOL}{gap(4)}(?:{MG}|{GRAMS})\s+(?:in|within|over)\s+(?:a|one|1|24)\s+(?:day|hours?|hrs?)\b",
)
PARACETAMOL_STAGGERED = (
    r"(?:more\s+than|over|above|exceed\w*|beyond|double)\s+(?:the\s+)?(?:max\w*|recommended|daily\s+limit|limit|label|(?:4|four)\s*(?:g|grams|000\s*mg))\b(?:\s+\w+){0,6}?\s+(?:for|over)\s+(?:\d+|two|three|four|five|several|a\s+few|the\s+(?:past|last))\s+(?:days|weeks|\w+\s+days)",
    r"(?:staggered|repeated\s+supratherapeutic)\s+(?:overdose|ingestion|dosing)\b",
    rf"{PARACETAMOL}{gap(6)}(?:every\s+(?:hour|2\s+hours|two\s+hours)|around\s+the\s+clock\s+for\s+(?:days|\d+\s+days)|all\s+day\s+for\s+(?:days|\d+\s+days))",
    rf"(?:taking|been\s+taking|took){gap(3)}(?:extra|too\s+much|double|more\s+than\s+(?:i\s+should|the\s+max\w*|recommended)){gap(3)}{PARACETAMOL}{gap(4)}(?:for|over)\s+(?:\d+|two|three|four|five|several|a\s+few)\s+days",
)
EXTRA_DOSE = (
    rf"(?:took|taken|gave|given|give|had|swallowed){S}(?:(?:him|her|them|my\s+\w+){S})?(?:an?\s+|one\s+)?(?:extra|second|additional|double|2nd)\s+(?:dose|pill|tablet|capsule|one|helping|lot)\b",
    rf"(?:took|taken|gave|given)\s+(?:{PRON}\s+|\w+'s\s+)?(?:(?:morning|evening|night|nightly|daily|usual)\s+)?(?:meds|medication|medicine|pills?|tablets?|dose|doses|insulin|shot|injection)\s+twice\b",
    r"(?:took|taken|gave|given)\s+(?:my|his|her|their)\s+[a-z]+\s+(?:pill\s+|tablet\s+|dose\s+)?twice\b",
    r"(?:double|doubled)[\s-]+dos(?:e|ed|ing)\b",
    rf"(?:accidentally|by\s+mistake|by\s+accident|mistakenly|forgot\s+(?:i|he|she)\s+(?:had\s+)?already){gap(4)}(?:took|taken|take|gave|given|swallowed|had)\b",
    rf"(?:took|taken|gave|given|swallowed){gap(6)}(?:by\s+mistake|by\s+accident|accidentally|instead\s+of)\b",
    rf"(?:took|taken|gave|given|swallowed){gap(4)}(?:{PRON}\s+)?(?:wife|husband|partner|mom|dad|mother|father|son|daughter|kid|roommate|\w+)'s\s+(?:pill|pills|meds|medication|medicine|tablet)\b",
)
FOREIGN_BODY = (
    rf"{SWALLOW}{gap(4)}(?:a\s+|an\s+|the\s+|some\s+)?(?:coin|penny|nickel|dime|quarter|marble|bead|lego|button(?!\s+batter)|small\s+toy|toy|earring|pin|tack|screw|nail|bone|fish\s+bone|chicken\s+bone|plastic|rock|stone|pebble)s?\b",
)
PLANT = (
    rf"{SWALLOW}{gap(4)}(?:(?:a|some|the|an)\s+)?(?:\w+\s+)?(?:berries|berry|leaf|leaves|plant|mushroom|mushrooms|flower|seeds|bulb|houseplant|toadstool)\b",
)
NON_TOXIC = (
    # "chewing a 'do not eat' silica gel sachet": the packet names itself
    r"(?:silica\s+gel|silica|desiccant)\s+(?:sachets?|packets?|packs?|beads|bags?|pouch(?:es)?)\b",
    rf"{SWALLOW}{gap(4)}(?:(?:a|some|the|an|a\s+little|a\s+bit\s+of|a\s+tiny\s+bit\s+of|a\s+small\s+amount\s+of|a\s+lick\s+of)\s+)?(?:silica\s+gel|silica|desiccant|crayons?|chalk|toothpaste|glow\s*sticks?|play[\s-]?doh|playdough|lipstick|chap\s*stick|lip\s+balm|hand\s+cream|moisturi[sz]er|lotion|shampoo|soap|bubbles|sunscreen|pencil\s+lead|clay|glue\s+stick|dog\s+food|cat\s+food|paper|cardboard|ink)\b",
)
NOT_PARACETAMOL_UNSURE = (
    r"(?:how\s+much|is\s+it\s+(?:safe|ok|okay)|can\s+(?:i|he|she)\s+take|what(?:'s|\s+is)\s+the\s+max)"
)


PROTOCOL = Protocol(
    name="poisoning_overdose",
    title="Overdose or poisoning",
    sources=(NICE_PARACETAMOL, POISON_CENTERS, NICE_NG225, NHS_111),
    complaint=(
        *OVERDOSE,
        *CAUSTIC,
        *CHILD_INGESTION,
        *EXTRA_DOSE,
        *FOREIGN_BODY,
        *PLANT,
        *NON_TOXIC,
        *PARACETAMOL_STAGGERED,
    ),
    default="same_day",
    criteria=(
        Criterion(
            "deliberate_overdose",
            "emergency",
            "Deliberate overdose or poisoning (any amount, any substance), or a suicide attempt",
            patterns=DELIBERATE,
            resolvable=False,
            source="NICE NG225",
        ),
        Criterion(
            "overdose_with_symptoms",
            "emergency",
            "Overdose or poisoning with drowsiness, confusion, vomiting, breathing trouble, a seizure or collapse",
            patterns=(*OVERDOSE, *CAUSTIC, *CHILD_INGESTION, *EXTRA_DOSE, *PARACETAMOL_DOSE),
            also=(SYMPTOMS,),
            resolvable=False,
            source="America's Poison Centers",
        ),
        Criterion(
            "paracetamol_over_limit",
            "emergency",
            "Paracetamol / acetaminophen over 4 g in a day, 8 or more 500 mg tablets, or 75 mg/kg or more",
            patterns=PARACETAMOL_DOSE,
            check=_paracetamol_over_limit,
            also=(PARACETAMOL,),
            resolvable=False,
            source="TOXBASE / MHRA paracetamol",
        ),
        Criterion(
            "staggered_overdose",
            "emergency",
            "More than the maximum dose over several days (staggered paracetamol overdose)",
            patterns=PARACETAMOL_STAGGERED,
            resolvable=False,
            source="TOXBASE / MHRA paracetamol",
        ),
        Criterion(
            "child_swallowed_medicine",
            "emergency",
            "A child swallowed or got into medicines, vitamins with iron or cannabis edibles",
            patterns=CHILD_INGESTION,
            resolvable=False,
            source="America's Poison Centers",
        ),
        Criterion(
            "caustic_battery_magnet",
            "emergency",
            "Swallowed a button battery, magnets, bleach or another caustic, antifreeze, pesticide, e-liquid, lamp oil; carbon monoxide",
            patterns=CAUSTIC,
            resolvable=False,
            source="America's Poison Centers",
        ),
        Criterion(
            "high_risk_extra_dose",
            "emergency",
            "An extra or double dose of a high-risk medicine (insulin, opioid, blood thinner, heart, diabetes or psychiatric tablets)",
            patterns=EXTRA_DOSE,
            also=(HIGH_RISK,),
            resolvable=False,
            source="America's Poison Centers",
        ),
        Criterion(
            "overdose",
            "emergency",
            "Overdose or too many tablets taken, or swallowed a poison",
            patterns=OVERDOSE,
            unless=(NOT_PARACETAMOL_UNSURE,),
            resolvable=False,
            source="America's Poison Centers",
        ),
        Criterion(
            "extra_dose_by_mistake",
            "same_day",
            "One extra dose of an everyday medicine taken by mistake, no symptoms: call Poison Help 1-800-222-1222 now",
            patterns=EXTRA_DOSE,
            resolvable=False,
            source="America's Poison Centers",
        ),
        Criterion(
            "swallowed_object_or_plant",
            "same_day",
            "Swallowed a coin or small object, or part of a plant or mushroom, no symptoms",
            patterns=(*FOREIGN_BODY, *PLANT),
            resolvable=False,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "non_toxic_taste",
            "self_care",
            "A taste of something non-toxic (silica gel, crayon, toothpaste, a little soap or lotion), no symptoms",
            patterns=NON_TOXIC,
            resolvable=False,
            source="America's Poison Centers",
        ),
    ),
    home_care="Wipe out the mouth and give a small drink of water; keep the packet to hand. Call Poison Help (1-800-222-1222) if you are unsure what was swallowed, and 911 if there is coughing, choking, drowsiness, vomiting or trouble breathing.",
    advice={
        "emergency": "Advise 911 / the emergency department now (overdose or poisoning); bring the container or packet; do not make them vomit. Poison Help: 1-800-222-1222.",
        "same_day": "Call Poison Help (1-800-222-1222) now for advice on the dose taken, and call the patient back today; advise 911 for drowsiness, vomiting, breathing trouble or chest pain.",
    },
)
