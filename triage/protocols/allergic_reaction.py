"""Allergic reactions and anaphylaxis (Resuscitation Council UK 2021 anaphylaxis; WAO 2020
anaphylaxis criteria; NHS 111 anaphylaxis, allergies and hives; NICE CKS angio-oedema and
urticaria).

911 for anaphylaxis: an Airway problem (throat tight or closing, swelling of the tongue or throat,
a hoarse or changed voice, trouble swallowing, stridor; NHS: call 999 if the lips, mouth, throat or
tongue suddenly swell), a Breathing problem after an exposure (wheeze, breathlessness, chest
tightness), a Circulation problem (faint, floppy, pale and clammy, collapse), hives or swelling with
repeated vomiting or severe tummy pain after a known allergen (WAO 2020), the word "anaphylaxis",
and any use of an adrenaline auto-injector (the event matters even once it settles). Blistering or
peeling skin or mouth sores after a new medicine (Stevens-Johnson) also go to 911. Hives all over
the body, swollen eyelids or face without airway or breathing problems are seen today; a mild rash
after a new medicine within 3 days (stop and review the drug); a local swelling around a bite or
sting, a few itchy hives or hay fever are self-care.
"""

from triage.protocols.schema import Criterion, Protocol
from triage.protocols.sources import MHRA_YELLOW, NHS_111, NICE_CKS, RESUS_ANAPHYLAXIS
from triage.protocols.words import BREATH, CANT, PRON, S, gap

ALLERGY_CONTEXT = (
    r"(?:allerg\w*|reaction|anaphyla\w*|hives|urticaria|welts|stung|sting|stinger|bee|wasp|hornet|yellow\s+jacket|ant\s+bites?|"
    r"peanuts?|tree\s+nuts?|nuts?|cashews?|almonds?|walnuts?|shellfish|shrimp|prawns?|lobster|crab|fish|sesame|eggs?|milk|dairy|wheat|kiwi|latex|"
    r"penicillin|amoxicillin|augmentin|antibiotics?|sulfa|bactrim|cephalexin|keflex|ibuprofen|aspirin|nsaids?|contrast|dye|vaccine|shot|injection|"
    r"(?:after|since)\s+(?:eating|taking|i\s+ate|he\s+ate|she\s+ate|the\s+(?:sting|bite|shot|injection|infusion))|new\s+(?:medication|medicine|meds|pill|antibiotic))\b"
)
# swelling of the tongue, mouth or throat (with an ACE inhibitor this is drug angio-oedema, which
# the medication_side_effects protocol sends to 911: not an allergy, adrenaline may not help)
AIRWAY_SWELLING = (
    rf"(?:tongue|mouth|uvula|throat){gap(2)}(?:swell\w*|swollen|puff\w*|thick|tingling\s+and\s+swell\w*|getting\s+(?:big|bigger|fat))",
    rf"swell\w*{S}(?:of|in|on){S}(?:{PRON}{S})?(?:tongue|throat|mouth|uvula)\b",
)
ACE_INHIBITOR = r"(?:lisinopril|enalapril|ramipril|captopril|perindopril|benazepril|quinapril|trandolapril|fosinopril|ace\s+inhibitors?|sacubitril|entresto)\b"
AIRWAY = (
    rf"throat{gap(4)}(?:closing|closing\s+up|tightening|tight|constricting|closing\s+off|feels\s+(?:tight|thick|funny|narrow)|getting\s+(?:tight|smaller))\b",
    r"(?:tight|tightness\s+in\s+(?:my|his|her|the)|closing|swollen|scratchy\s+and\s+tight)\s+throat\b",
    r"(?:angio[\s-]?o?edema\s+of\s+the\s+(?:tongue|airway|larynx)|laryngeal\s+(?:o?edema|swelling))\b",
    r"(?:anaph|anph)(?:y|i)la(?:x|ct)\w*",
    r"anaphalax\w*",
    r"anafalax\w*",
    r"anaphylatic\b",
)
# a hoarse or changed voice and trouble swallowing are airway signs *in an allergic reaction*; with a
# cold they are laryngitis and a sore throat (the sore_throat protocol judges those)
AIRWAY_VOICE = (
    rf"(?:voice|cry){S}(?:is\s+|sounds\s+|has\s+gone\s+|went\s+|got\s+)?(?:hoarse|croaky|raspy|different|changed|muffled|weird|squeaky)\b",
    r"(?:hoarse|hoarseness|muffled\s+voice|hot\s+potato\s+voice)\b",
    rf"(?:{CANT}|trouble|difficulty|hard\s+to|struggling\s+to|hurts\s+to){S}(?:swallow|swallowing)\b",
)
IN_A_REACTION = (
    r"(?:allerg\w*|(?:allergic\s+)?reaction|anaphyla\w*|hives|urticaria|welts|stung|(?:bee|wasp|hornet)\s+sting|epi[\s-]?pen"
    r"|(?:lips?|tongue|face|mouth)\s+(?:is\s+|are\s+|started\s+|getting\s+)?(?:swell\w*|swollen|puff\w*|tingl\w*)"
    r"|(?:after|since)\s+(?:eating|taking|i\s+ate|he\s+ate|she\s+ate|the\s+(?:sting|bite|shot|injection|infusion|antibiotic|medicine|medication)))\b"
)
LIPS = (
    rf"lips?{gap(2)}(?:swell\w*|swollen|puff\w*|blew\s+up|blown\s+up|ballooned|getting\s+(?:big|bigger|fat))",
    rf"swell\w*{S}(?:of|in|on){S}(?:{PRON}{S})?lips?\b",
    r"(?:swollen|puffy)\s+lips?\b",
)
NOT_ALLERGIC_LIP = r"(?:bit|bitten|split|punched|hit|fell|fall|dentist|dental|filling|root\s+canal|tooth|teeth|wisdom|cold\s+sore|fever\s+blister|filler|injections?\s+in\s+(?:my\s+)?lips|busted|fat\s+lip|sunburn\w*|chapped)"
BREATHING = (
    rf"(?:{CANT}|trouble|difficulty|hard\s+to|struggling\s+to|struggle\s+to){gap(2)}{BREATH}\b",
    r"(?:short(?:ness)?\s+of\s+breath\b|breathless\w*|wheez\w*)",
    r"(?-i:SOB)\b",
    r"(?:chest\s+(?:is\s+|feels\s+|getting\s+)?(?:tight|tightness|closing)|tight\s+chest)\b",
    r"(?:coughing\s+(?:and\s+)?(?:can'?t|won'?t)\s+stop|persistent\s+cough|(?:barking|croupy)\s+cough)\b",
    rf"(?:hives|welts|swelling|swollen|allergic\s+reaction){gap(6)}(?:coughing|cough|hoarse)\b",
    rf"(?:coughing|cough)\b{gap(6)}(?:hives|welts|swelling|swollen|allergic\s+reaction)\b",
)
CIRCULATION = r"(?:fainted|faint|passed\s+out|collapsed|blacked\s+out|dizzy|light[\s-]?headed|woozy|floppy|(?:went|gone|goes|is|was|looks|became)\s+limp|pale\s+and\s+(?:clammy|sweaty)|clammy|unresponsive|confused|drowsy|(?:lips|skin)\s+(?:are\s+|is\s+)?(?:blue|grey|gray))\b"
EPIPEN = (
    rf"(?:used|gave|give|given|needed|had\s+to\s+use|administered|injected|use|using|jabbed){gap(2)}(?:(?:his|her|my|the|an|a)\s+)?(?:epi[\s-]?pen|epi\b|auvi[\s-]?q|adrenaline(?:\s+(?:pen|auto[\s-]?injector|shot|injection))?|epinephrine(?:\s+(?:pen|auto[\s-]?injector|shot|injection))?|jext|emerade|auto[\s-]?injector)\b",
    r"(?:epi[\s-]?pen|auvi[\s-]?q|adrenaline\s+pen|epinephrine|adrenaline)\s+(?:was\s+|has\s+been\s+)?(?:used|given|administered)\b",
)
REACTION = r"allerg\w*|reaction|hives|urticaria|welts|swell\w*|swollen|stung|anaphyla\w*|epi[\s-]?pen"
GI = r"(?:vomit\w*|throwing\s+up|threw\s+up|puk\w*|(?:severe|bad|really\s+bad)\s+(?:stomach|tummy|belly|abdominal)\s+(?:pain|cramps?))"
SKIN = r"(?:hives|urticaria|welts|rash|swell\w*|swollen|itch\w*|red\s+(?:blotches|patches|bumps)|flush\w*)"
HIVES_WIDESPREAD = (
    rf"(?:hives|welts|urticaria|rash|itchy\s+bumps|blotches){gap(4)}(?:all\s+over|everywhere|(?:my|his|her)\s+whole\s+body|whole\s+body|entire\s+body|head\s+to\s+toe|spreading|spread(?:ing)?\s+(?:all\s+over|everywhere|to))\b",
    r"(?:covered|broke\s+out|breaking\s+out)\s+(?:in|with)\s+(?:hives|welts|a\s+rash|itchy\s+bumps)\b",
    r"(?:widespread|generali[sz]ed|diffuse)\s+(?:hives|urticaria|rash)\b",
    rf"(?:eyes?|eyelids?){gap(2)}(?:swollen\s+shut|swelling\s+shut|puffed\s+up|swollen|swelling|puffy)\b(?=.*(?:allerg|reaction|hives|sting|ate|after|face))",
    r"(?:face|cheeks?)\s+(?:is\s+)?(?:all\s+)?(?:red\s+and\s+)?(?:swollen|swelling|puffy)\b",
    r"angio[\s-]?o?edema\b",
)
SJS = (
    r"(?:blister\w*|peeling|skin\s+(?:is\s+)?(?:peeling|coming\s+off|sloughing)|sores\s+in\s+(?:(?:my|his|her|the)\s+)?(?:mouth|eyes|genitals))",
    r"(?:stevens[\s-]johnson|toxic\s+epidermal\s+necrolysis)\b",
    r"(?-i:SJS|TEN)\b",
)
NEW_DRUG = r"(?:new|started|starting|began|since\s+(?:i\s+)?(?:started|taking|began))\s+(?:on\s+)?(?:a\s+|the\s+|my\s+|this\s+)?(?:\w+\s+)?(?:medication|medicine|meds|pills?|tablets?|antibiotics?|drug|prescription|amoxicillin|augmentin|penicillin|bactrim|sulfa|keflex|cephalexin|lamotrigine|allopurinol|carbamazepine|doxycycline|cipro)|(?:amoxicillin|augmentin|penicillin|bactrim|sulfa|keflex|cephalexin|lamotrigine|allopurinol|carbamazepine|doxycycline|cipro|antibiotics?)"
DRUG_RASH = (
    rf"(?:rash|hives|itch\w*|red\s+(?:spots|bumps|blotches)|breakout)\b{gap(8)}(?:{NEW_DRUG})",
    rf"(?:{NEW_DRUG}){gap(8)}(?:rash|hives|itch\w*|red\s+(?:spots|bumps|blotches)|breakout)\b",
    r"(?:drug|medication|antibiotic|allergic)\s+rash\b",
)
LOCAL_BITE = (
    rf"(?:bite|bitten|sting|stung|mosquito|bee|wasp|bug|insect|spider|tick|ant|hornet|yellow\s+jacket){gap(6)}(?:swell\w*|swollen|puff\w*|red\w*|itch\w*|bump|lump|welt)",
    rf"(?:swell\w*|swollen|puff\w*|red\w*|itch\w*|bump|lump|welt){gap(6)}(?:from|after|around|where)\s+(?:(?:a|the|my|his|her|an)\s+)?(?:\w+\s+)?(?:bite|sting|mosquito|bee|wasp|bug|insect|spider|ant|hornet)\b",
    r"(?:large\s+)?local\s+(?:reaction|swelling)\b",
)
HAY_FEVER = (
    r"(?:hay\s*fever|seasonal\s+allerg\w*|pollen\s+allerg\w*|allergic\s+rhinitis|(?:my\s+|his\s+|her\s+)?allergies\s+(?:are\s+|have\s+been\s+)?(?:acting\s+up|bad|flaring|terrible|kicking\s+in))\b",
    r"(?:sneez\w*|itchy\s+(?:watery\s+)?eyes|watery\s+(?:itchy\s+)?eyes|runny\s+nose)\b(?=.*(?:pollen|allerg|hay\s*fever|season|spring|grass|cat|dog|dust))",
)
MILD_HIVES = (
    r"(?:a\s+few|few|some|a\s+couple\s+of|couple\s+of|small|mild|a\s+patch\s+of|one\s+or\s+two)\s+(?:itchy\s+)?(?:hives|welts|bumps|spots)\b",
    r"(?:mild|slight)\s+(?:hives|urticaria|rash|itch\w*|allergic\s+reaction|reaction)\b",
    r"(?:hives|urticaria)\b",
)

PROTOCOL = Protocol(
    name="allergic_reaction",
    title="Allergic reaction or anaphylaxis",
    sources=(RESUS_ANAPHYLAXIS, NHS_111, NICE_CKS, MHRA_YELLOW),
    complaint=(
        r"allergic\s+reaction\b",
        r"(?:having|had|have|got)\s+(?:a|an)\s+(?:bad\s+|severe\s+|mild\s+)?(?:allergic\s+)?reaction\b",
        r"reaction\s+to\s+(?:\w+\s+){0,3}?(?:medication|medicine|antibiotic|food|sting|bite|shot|vaccine|peanuts?|nuts?|shellfish|penicillin|amoxicillin|\w+)\b",
        *AIRWAY,
        *AIRWAY_SWELLING,
        *LIPS,
        *EPIPEN,
        *HIVES_WIDESPREAD,
        *MILD_HIVES,
        *HAY_FEVER,
        *DRUG_RASH,
    ),
    default="same_day",
    criteria=(
        Criterion(
            "airway",
            "emergency",
            "Airway: throat tight or closing, tongue or throat swelling, hoarse/changed voice, trouble swallowing, stridor; anaphylaxis",
            patterns=AIRWAY,
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "airway_voice_or_swallowing",
            "emergency",
            "Airway in an allergic reaction: a hoarse or changed voice, or trouble swallowing",
            patterns=AIRWAY_VOICE,
            also=(IN_A_REACTION,),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "tongue_or_throat_swelling",
            "emergency",
            "Airway: the tongue, mouth or throat swelling",
            patterns=AIRWAY_SWELLING,
            unless=(
                ACE_INHIBITOR,
                r"tonsil\w*|sore\s+throat|strep|(?:painful|hurts?)\s+to\s+swallow|glands?",
            ),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "lip_or_face_swelling",
            "emergency",
            "Lips or face suddenly swelling (NHS: call 999), not from an injury, dental work or a cold sore",
            patterns=LIPS,
            unless=(NOT_ALLERGIC_LIP, ACE_INHIBITOR),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "breathing_after_exposure",
            "emergency",
            "Breathing: wheeze, breathlessness or a tight chest with an allergic reaction or after an exposure",
            patterns=BREATHING,
            # an allergen named among the usual medicines ("takes aspirin") is no exposure: a reaction too
            also=(
                ALLERGY_CONTEXT,
                r"allerg\w*|reaction|hives|urticaria|welts|stung|sting|anaphyla\w*|epi[\s-]?pen|(?:after|since|right\s+after)\s+(?:eating|taking|i\s+ate|he\s+ate|she\s+ate|the\s+(?:sting|bite|shot|injection|infusion))|"
                r"(?:lips?|tongue|face|throat)\s+(?:\w+\s+)?(?:swell\w*|swollen)|swell\w*\s+(?:of\s+|in\s+)?(?:the\s+|my\s+|his\s+|her\s+)?(?:lips?|tongue|face|throat)",
            ),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "circulation_after_exposure",
            "emergency",
            "Circulation: faint, dizzy, floppy, pale and clammy or collapsed with hives, swelling or after an exposure",
            patterns=(CIRCULATION,),
            also=(REACTION,),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "adrenaline_used",
            "emergency",
            "Adrenaline auto-injector (EpiPen) used or needed, even if better now",
            patterns=EPIPEN,
            resolvable=False,
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "skin_with_gi_after_allergen",
            "emergency",
            "Hives or swelling with repeated vomiting or severe tummy pain after a known allergen or a sting (WAO 2020)",
            patterns=(SKIN,),
            also=(GI, r"allerg\w*|stung|sting|peanuts?|nuts?|shellfish|shrimp|sesame|after\s+eating|reaction"),
            source="Resus Council UK anaphylaxis 2021",
        ),
        Criterion(
            "severe_skin_reaction",
            "emergency",
            "Blistering, peeling skin or sores in the mouth or eyes after a new medicine (Stevens-Johnson / TEN)",
            patterns=SJS,
            also=(NEW_DRUG,),
            source="MHRA Yellow Card / BNF",
        ),
        Criterion(
            "widespread_hives",
            "same_day",
            "Hives all over the body, or swollen eyelids or face, with no airway, breathing or circulation problem",
            patterns=HIVES_WIDESPREAD,
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "rash_after_new_medicine",
            "within_3_days",
            "A mild rash or itch after starting a new medicine, no swelling, blistering or breathing problem",
            patterns=DRUG_RASH,
            source="MHRA Yellow Card / BNF",
        ),
        Criterion(
            "local_bite_reaction",
            "self_care",
            "Swelling, redness or itch around a bite or sting only",
            patterns=LOCAL_BITE,
            source="NICE CKS",
        ),
        Criterion(
            "mild_hives",
            "self_care",
            "A few itchy hives, no swelling of the face or lips, no breathing problem",
            patterns=MILD_HIVES[:2],
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "hay_fever",
            "self_care",
            "Hay fever / seasonal allergy symptoms (sneezing, itchy eyes, runny nose)",
            patterns=HAY_FEVER,
            source="NICE CKS",
        ),
    ),
    home_care=(
        "Take a non-drowsy antihistamine (cetirizine or loratadine); a cool compress for a bite or sting; avoid the trigger. "
        "For hay fever, a steroid nasal spray and antihistamine eye drops help. Call 911 and use an adrenaline auto-injector "
        "if there is any swelling of the lips, tongue or throat, trouble breathing or swallowing, a hoarse voice, or feeling faint."
    ),
    advice={
        "emergency": "Advise 911 now (possible anaphylaxis): use the adrenaline auto-injector if they have one (outer thigh), lie flat with legs raised (sit up if breathing is hard); a second dose after 5 minutes if no better.",
        "same_day": "Call the patient back today: same-day assessment of the allergic reaction (antihistamine now; advise 911 if lips, tongue or throat swell, or breathing becomes difficult).",
        "within_3_days": "Offer an appointment within 3 days to review the medicine that may have caused the rash (do not take the next dose until advised; report via Yellow Card).",
    },
)
