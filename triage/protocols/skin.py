"""Skin problems: cellulitis and skin infections, burns, eczema, acne, fungal and other common skin
conditions, changing moles (NICE NG141 cellulitis and erysipelas; NICE CKS burns and scalds,
eczema, acne, fungal skin infection; NICE NG19 diabetic foot; NICE NG12 suspected cancer
(melanoma: ABCDE, the 7-point checklist); NHS.uk burns and scalds).

Spreading red, hot, painful, swollen skin (cellulitis) is seen the same day; with a fever,
confusion, rigors or feeling faint (a systemically unwell patient) it is an emergency, as is severe
pain out of proportion with darkening or blistering skin (necrotising infection). Burns go to the
emergency department when they are chemical or electrical, deep (white, charred, leathery or
painless), large (bigger than the patient's palm) or blistering on the face, hands, feet, joints or
genitals, or with smoke inhalation; other blistering burns, and burns in the very young or old, are
seen the same day; minor burns and sunburn are home care. A foot sore or ulcer in someone with
diabetes is seen the same day. Boils and infected eczema within 3 days; a changing mole (ABCDE) or a
sore that will not heal within 2 weeks (NG12 suspected cancer pathway). Eczema flares, acne, itchy
skin, athlete's foot, ringworm and warts are home care.
"""

from triage.protocols.rash import FEVER_ALSO, febrile
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS, NICE_NG12
from triage.protocols.words import PAIN, PRON, S, gap_affirmative

NICE_NG141 = Source(
    "NICE NG141",
    "Cellulitis and erysipelas: antimicrobial prescribing (refer if systemically unwell or rapidly spreading)",
    "https://www.nice.org.uk/guidance/ng141",
)
NICE_NG19 = Source(
    "NICE NG19",
    "Diabetic foot problems: prevention and management (active diabetic foot problem: refer within 1 working day)",
    "https://www.nice.org.uk/guidance/ng19",
)
NICE_CKS_BURNS = Source(
    "NICE CKS burns and scalds",
    "NICE CKS: burns and scalds, when to refer (size, depth, site, mechanism, age)",
    "https://cks.nice.org.uk/topics/burns-scalds/",
)

SKIN_AREA = (
    r"(?:skin|leg|legs|calf|shin|foot|ankle|arm|forearm|hand|finger|toe|face|cheek|area|patch|spot|knee|thigh|back|"
    r"chest|belly|breast|armpit|groin|butt|buttock|neck|elbow|wound|cut|bite|it)"
)
CELLULITIS = (
    r"cellulitis\b|celulitis\b|cellulites\b|erysipelas\b",
    rf"(?:red|redness|reddened|pink){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:hot|warm){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:and{S})?(?:swollen|swelling|tender|painful|spreading)\b",
    rf"(?:hot|warm){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:and{S})?(?:red|swollen){S}(?:and{S})?(?:red|swollen|tender|painful)\b",
    rf"(?:swollen|swelling){S}(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+{S})?(?:red|hot){S}(?:and{S})?(?:hot|red|warm|painful|tender)\b",
    rf"(?:red|redness|red\s+area|red\s+patch|infection|swelling){gap_affirmative(4)}(?:is\s+|has\s+been\s+|keeps\s+)?(?:spreading|getting\s+(?:bigger|larger)|growing|expanding)\b",
    r"spreading\s+(?:red\w*|infection|warmth|skin\s+infection)\b",
    # the clinician's words: "warm, tender, blanching erythema", "erythema ... warm and tender"
    r"(?:warm|hot|tender|indurated)\b[,\s]+(?:and\s+)?(?:(?:tender|warm|hot|swollen|indurated|blanching|ill[\s-]defined|well[\s-]demarcated|spreading|painful)\b[,\s]+(?:and\s+)?){0,3}erythema\b",
    rf"erythema{gap_affirmative(4)}(?:warm|hot|tender|indurated|spreading)\b",
    r"skin\s+infection\b",
    rf"(?:infected|red\s+and\s+hot|hot\s+and\s+red)\s+(?:{PRON}\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:leg|foot|arm|hand|skin|toe|finger|shin|calf)\b",
)
SYSTEMIC = (
    r"confus\w*|disorient\w*|drows\w*|hard\s+to\s+wake|rigou?rs|shaking\s+chills|(?:uncontrollable|violent)\s+shaking|"
    r"faint\w*|passed\s+out|collaps\w*|mottled|very\s+(?:unwell|sick|weak)|racing\s+heart|heart\s+(?:is\s+)?racing|"
    r"(?:lips|skin)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:blue|grey|gray)|not\s+making\s+sense|can'?t\s+(?:stand|get\s+up)"
)
_HOT = r"(?:boiling|hot|scalding)\s+(?:water|oil|tea|coffee|soup|grease|fat|liquid|milk|noodles|steam|wax|kettle)"
BURN = (
    r"(?:burn|burns|burned|burnt|scald|scalded|scalds|scalding)\b(?!\s+(?:when|on)\s+(?:i\s+)?(?:pee|urinat\w*))",
    rf"(?:spilled|spilt|splashed|poured|knocked|pulled|tipped|dropped)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?{_HOT}",
    rf"{_HOT}\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:spilled|spilt|splashed|went|poured|got)\b",
    r"(?:touched|grabbed|picked\s+up|leaned\s+on|held)\s+(?:a\s+|the\s+)?(?:hot|burning)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:pan|pot|stove|hob|iron|oven|tray|grill|curling\s+iron|straighteners|radiator|exhaust|element)\b",
)
BLISTERING = r"blister\w*|bubbl\w*|weeping|raw|skin\s+(?:came|peeled|is\s+peeling|has\s+come)\s+off|all\s+the\s+way\s+around|circumferential"
YOUNG_CHILD = (
    r"toddler|baby|infant|newborn|preschooler|(?:\d{1,2}|one|two|three|four|six|nine)[\s-]*(?:months?|mos?|weeks?)[\s-]*old|"
    r"(?:1|2|3|4|one|two|three|four)[\s-]*(?:years?|yrs?)[\s-]*old|(?:1|2|3|4)\s*(?:yo|y/o)\b"
)
BURN_SITE = (
    r"face|facial|lips?|mouth|eyes?|eyelids?|ears?|neck|hands?|palms?|fingers?|feet|foot|soles?|toes?|genital\w*|groin|penis|"
    r"scrotum|vagina|vulva|privates|crotch|perine\w*|buttocks?|bottom|joints?|knees?|elbows?|armpits?"
)

NICE_NG153 = Source("NICE NG153", "Impetigo: antimicrobial prescribing", "https://www.nice.org.uk/guidance/ng153")

PROTOCOL = Protocol(
    name="skin",
    title="Skin problems (infection, burns, common conditions, moles)",
    sources=(NICE_NG141, NICE_CKS_BURNS, NICE_NG19, NICE_NG12, NHS_111, NICE_CKS, NICE_NG153),
    complaint=(
        *CELLULITIS,
        *BURN,
        r"sunburn\w*|sun\s+burn\w*",
        r"(?:eczema|excema|ekzema|eczma|dermatitis|psoriasis|acne|pimples?|zits?|spots\s+on\s+(?:my\s+)?face|rosacea)\b",
        r"(?:athlete'?s\s+foot|tinea|ringworm|jock\s+itch|fungal\s+(?:skin\s+)?infection|warts?|verruca\w*|verucca\w*|impetigo|scabies|lice|nits)\b",
        r"(?:itchy|itching|dry|cracked|flaky|peeling|scaly)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?skin\b",
        r"skin\s+(?:is\s+)?(?:itchy|itching|so\s+itchy|dry|cracked|flaky|peeling|scaly)\b",
        r"(?:boil|boils|abscess|abcess|abscesses|carbuncle|cyst|ingrown\s+(?:toe)?nail|ingrown\s+hair)\b",
        r"(?:mole|moles|birthmark|freckle|skin\s+lesion|melanoma|skin\s+cancer|skin\s+tag)\b",
        r"(?:foot|leg|pressure)\s+(?:ulcer|sore)\b",
    ),
    default="self_care",
    criteria=(
        Criterion(
            "cellulitis_systemic",
            "emergency",
            "Spreading red, hot, swollen skin with confusion, rigors, feeling faint or very unwell (possible sepsis)",
            patterns=CELLULITIS,
            also=(SYSTEMIC,),
            source="NICE NG141",
        ),
        Criterion(
            "cellulitis_fever",
            "emergency",
            "Spreading red, hot, swollen skin with a fever (cellulitis, systemically unwell)",
            patterns=CELLULITIS,
            also=(FEVER_ALSO,),
            when=febrile,
            source="NICE NG141",
        ),
        Criterion(
            "necrotising_infection",
            "emergency",
            "Severe pain out of proportion to how the skin looks, or skin turning purple, black or blistering over a red area (necrotising infection)",
            patterns=(
                r"necrotizing|necrotising|flesh[\s-]eating|gas\s+gangrene|fournier\w*",
                rf"(?:pain|{PAIN})\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?out\s+of\s+proportion\b",
                rf"(?:skin|area|redness|leg|arm){gap_affirmative(3)}(?:turning|turned|going|gone)\s+(?:purple|black|dusky|grey|gray|dark)\b",
            ),
            source="NICE NG141",
        ),
        Criterion(
            "burn_chemical_electrical",
            "emergency",
            "Chemical or electrical burn, or an electric shock",
            patterns=(
                r"(?:chemical|acid|alkali|lye|bleach|caustic|cement|concrete|oven\s+cleaner|drain\s+cleaner)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:burn|burns|burned|burnt)\b",
                rf"(?:burn|burns|burned|burnt){gap_affirmative(4)}(?:by|with|from)\s+(?:an?\s+|the\s+|some\s+)?(?:chemical|acid|alkali|lye|bleach|caustic|cement|wet\s+concrete|oven\s+cleaner|drain\s+cleaner|electric\w*|live\s+wire|power\s+line|outlet|socket|lightning)\b",
                r"(?:electrical|electric)\s+(?:burn|burns|shock|injury)\b",
                r"(?:electrocuted|electrocution|struck\s+by\s+lightning|lightning\s+strike)\b",
                r"(?:got\s+)?(?:shocked|zapped)\s+(?:by|from)\s+(?:an?\s+|the\s+)?(?:outlet|socket|wire|power\s+line|electric\w*|fence)\b",
            ),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "burn_deep_or_large",
            "emergency",
            "Deep burn (white, charred, leathery or painless) or a burn larger than the patient's palm, or covering a whole limb, chest or back",
            patterns=(
                rf"(?:burn|burns|burned|burnt|scald|scalded|blister\w*){gap_affirmative(6)}(?:bigger|larger|more)\s+than\s+(?:{PRON}\s+|a\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:palm|hand)\b",
                rf"(?:bigger|larger)\s+than\s+(?:{PRON}\s+|a\s+)?(?:palm|hand){gap_affirmative(4)}(?:burn|burns|burned|burnt|scald|blister\w*)\b",
                rf"(?:burn|burns|burned|burnt|scald|scalded|skin){gap_affirmative(4)}(?:white|charred|black|blackened|leathery|waxy|numb|painless|doesn'?t\s+hurt)\b",
                r"(?:full[\s-]thickness|third[\s-]degree|3rd[\s-]degree|deep\s+(?:dermal|partial)|deep)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:burn|burns|scald)\b",
                r"(?:large|big|huge|massive|extensive|widespread|severe|bad)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:burn|burns|scald|scalds)\b",
                rf"(?:burn|burns|burned|burnt|scald|scalded)\w*\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:(?:whole|entire|most\s+of)\s+(?:{PRON}\s+)?(?:arm|leg|back|chest|belly|stomach|body|side))\b",
                r"(?:whole|entire)\s+(?:arm|leg|back|chest|belly|stomach|body|side)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:is\s+)?(?:burn\w*|scald\w*|blister\w*)\b",
                r"(?:\d{2}|[5-9])\s*%\s+(?:of\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:burn\w*|tbsa|body)",
            ),
            unless=(r"sunburn\w*|sun\s+burn\w*",),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "burn_special_site_blister",
            "emergency",
            "Blistering burn on the face, hands, feet, joints or genitals, or a burn all the way around a limb",
            patterns=BURN,
            also=(BLISTERING, rf"(?:{BURN_SITE})\b"),
            unless=(r"sunburn\w*|sun\s+burn\w*",),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "burn_inhalation",
            "emergency",
            "Burn or fire with smoke inhalation, singed nose hairs, soot in the mouth, a hoarse voice or breathing difficulty",
            patterns=(
                r"smoke\s+inhalation\b",
                r"(?:inhaled|breathed\s+in|breathing\s+in)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:smoke|fumes)\b",
                r"(?:singed|burnt|burned)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:nose\s+hairs?|nostril\s+hairs?|eyebrows)\b",
                r"soot\s+(?:in|around)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:mouth|nose)\b",
            ),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "cellulitis",
            "same_day",
            "Spreading red, hot, painful or swollen skin (cellulitis)",
            patterns=CELLULITIS,
            source="NICE NG141",
        ),
        Criterion(
            "cellulitis_spread",
            "same_day",
            "Red, warm skin that has spread since it started (cellulitis)",
            patterns=(
                r"(?:it|this|the\s+red(?:ness)?|the\s+(?:red\s+)?area|the\s+erythema|the\s+patch)\s+(?:has\s+|had\s+|is\s+)?(?:since\s+|now\s+|quickly\s+|rapidly\s+|steadily\s+)?(?:spread|spreading|extended|expanded|enlarged)\b",
            ),
            also=(r"red\w*|erythema\w*", r"warm|hot|tender|painful|sore"),
            unless=(r"rash|hives|eczema|ringworm|tick|bullseye|bull'?s[\s-]eye|target",),
            source="NICE NG141",
        ),
        Criterion(
            "diabetic_foot",
            "same_day",
            "Foot ulcer, sore, blister, wound or red hot swollen foot in someone with diabetes",
            patterns=(
                rf"(?:foot|feet|toe|toes|heel|sole|ankle){gap_affirmative(4)}(?:ulcer|sore|wound|blister|cut|black|red|swollen|hot|infect\w*|oozing|smells?)\b",
                rf"(?:ulcer|sore|wound|blister|cut|infection)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:on|under|between)\s+(?:{PRON}\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:foot|feet|toe|toes|heel|sole)\b",
                r"(?:diabetic\s+(?:foot|ulcer)|charcot\s+foot)\b",
            ),
            when=lambda f: f.diabetic,
            source="NICE NG19",
        ),
        Criterion(
            "burn_blistering",
            "same_day",
            "Blistering burn or scald (smaller than the palm, not on the face, hands, feet or genitals)",
            patterns=(*BURN, r"(?:second[\s-]degree|2nd[\s-]degree|partial[\s-]thickness)\s+(?:burn|burns|scald)\b"),
            also=(BLISTERING + r"|(?:second[\s-]degree|2nd[\s-]degree|partial[\s-]thickness)",),
            unless=(r"sunburn\w*|sun\s+burn\w*",),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "burn_vulnerable",
            "same_day",
            "Burn or scald in a child under 5, an adult of 65 or over, a pregnant woman or someone with diabetes or a weak immune system",
            patterns=BURN,
            when=lambda f: f.under_5 or f.older_adult or f.pregnant or f.diabetic or f.immunosuppressed,
            unless=(r"sunburn\w*|sun\s+burn\w*",),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "burn_young_child",
            "same_day",
            "Burn or scald in a baby, toddler or preschool child",
            patterns=BURN,
            also=(YOUNG_CHILD,),
            unless=(r"sunburn\w*|sun\s+burn\w*",),
            source="NICE CKS burns and scalds",
        ),
        Criterion(
            "severe_sunburn",
            "same_day",
            "Sunburn with large blisters, fever, vomiting, dizziness or confusion (or in a baby)",
            patterns=(r"sunburn\w*|sun\s+burn\w*|burnt\s+(?:in|by)\s+the\s+sun|sun\s+poisoning",),
            also=(FEVER_ALSO + r"|blister\w*|vomit\w*|throwing\s+up|dizzy|faint\w*|confus\w*|chills|headache",),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "eczema_herpeticum",
            "same_day",
            "Eczema with painful clustered blisters or punched-out sores, especially with a fever (eczema herpeticum)",
            patterns=(
                r"eczema\s+herpeticum\b",
                rf"(?:eczema|excema|dermatitis){gap_affirmative(10)}(?:painful\s+)?(?:blisters|punched[\s-]out|clusters?\s+of\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:blisters|sores|spots)|cold\s+sores?)\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "skin_infection_minor",
            "within_3_days",
            "Boil or abscess, infected eczema (weeping, yellow crusts), impetigo, or an infected ingrown toenail",
            patterns=(
                r"(?:boil|boils|abscess|abcess|abscesses|carbuncle|furuncle)\b",
                r"(?:infected|weeping|oozing|crusty|crusted)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eczema|excema|dermatitis)\b",
                rf"(?:eczema|excema|dermatitis){gap_affirmative(4)}(?:infected|weeping|oozing|yellow\s+crust\w*|honey[\s-]colou?red\s+crust\w*|pus)\b",
                r"impetigo\b",
                r"(?:honey[\s-]colou?red|yellow)\s+crust\w*",
                rf"(?:ingrown|ingrowing)\s+(?:toe)?nail\b{gap_affirmative(6)}(?:infected|pus|red|swollen|oozing)\b",
                r"(?:infected|red\s+and\s+swollen)\s+(?:ingrown|ingrowing)\s+(?:toe)?nail\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "changing_mole",
            "within_2_weeks",
            "Mole or skin lesion that is new, changing in size, shape or colour, irregular, bleeding or itching (ABCDE / 7-point checklist)",
            patterns=(
                rf"(?:mole|moles|freckle|birthmark|spot|lesion|growth|patch)\b{gap_affirmative(5)}(?:changing|changed|change\w*|getting\s+bigger|bigger|growing|grown|spreading|darker|darkened|"
                rf"bleed\w*|bled|itch\w*|crusting|crusty|irregular|uneven|jagged|ragged|blurry\s+edges?|different\s+colou?rs|multi[\s-]?colou?red|raised|new|black|oozing)\b",
                r"(?:new|changing|growing|bleeding|itchy|irregular|dark|black|weird|odd|strange|funny[\s-]looking|asymmetric\w*|multicolou?red)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:mole|moles|freckle|skin\s+lesion|lesion)\b",
                r"(?:melanoma|skin\s+cancer|basal\s+cell|squamous\s+cell|lentigo\s+maligna)\b",
                r"(?-i:BCC|SCC|ABCDE)\b",
                rf"(?:sore|spot|scab|lesion|ulcer){gap_affirmative(4)}(?:won'?t|doesn'?t|does\s+not|will\s+not|never|isn'?t|hasn'?t)\s+(?:heal\w*|go\s+away)\b",
            ),
            # a red swollen patch from a sting or bite is no skin lesion
            unless=(r"stung|sting|bitten|bite|insect|mosquito|tick\b",),
            source="NICE NG12",
        ),
        Criterion(
            "severe_acne",
            "within_2_weeks",
            "Acne that is severe, cystic, scarring, or not helped by pharmacy treatment",
            patterns=(
                r"(?:severe|bad|terrible|cystic|nodular|painful|scarring)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:acne|cysts?|pimples|breakouts?)\b",
                r"(?:cystic|nodular|scarring)\s+spots\b",
                rf"acne{gap_affirmative(6)}(?:scar\w*|not\s+(?:helping|working|improving|getting\s+better)|nothing\s+(?:helps|works))\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "minor_burn",
            "self_care",
            "Minor burn or scald (red, painful, no blisters, smaller than the palm) or ordinary sunburn",
            patterns=(
                *BURN,
                r"sunburn\w*|sun\s+burn\w*",
            ),
            source="NHS 111 / NHS.uk conditions",
        ),
        Criterion(
            "impetigo",
            "within_3_days",
            "Crusted, honey-coloured or golden sores (impetigo): needs treatment",
            patterns=(
                r"impetig\w*",
                r"(?:honey|golden|yellow)[\s-]*(?:colou?red\s+|yellow\s+)?(?:crust\w*|scabs?|sores?)",
                r"(?:crusted|crusty|crusting)\s+(?:\w+\s+){0,2}(?:sores?|lesions?|patches|spots|blisters)",
                r"(?:sores?|lesions?)\s+(?:\w+\s+){0,3}(?:crusted|crusty|crusting)\b",
            ),
            source="NICE NG153",
        ),
        Criterion(
            "common_skin_condition",
            "self_care",
            "Eczema flare, acne, dry or itchy skin, athlete's foot, ringworm, warts, heat rash, head lice",
            patterns=(
                r"(?:eczema|excema|ekzema|eczma|dermatitis|psoriasis|acne|pimples?|zits?|rosacea|dandruff)\b",
                r"(?:athlete'?s\s+foot|tinea|ringworm|jock\s+itch|fungal\s+(?:skin\s+)?infection|warts?|verruca\w*|verucca\w*|heat\s+rash|prickly\s+heat|head\s+lice|lice|nits|skin\s+tag|cold\s+sore)\b",
                r"(?:itchy|itching|dry|cracked|flaky|scaly)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?skin\b",
                r"skin\s+(?:is\s+)?(?:itchy|itching|so\s+itchy|dry|cracked|flaky|scaly)\b",
            ),
            source="NICE CKS",
        ),
    ),
    home_care=(
        "Burns: cool under cool running water for 20 minutes, remove rings and clothing near it (not if stuck), cover "
        "loosely with cling film, paracetamol or ibuprofen; no ice, butter or creams. Sunburn: cool showers, after-sun, "
        "fluids, stay out of the sun. Eczema: emollient often and instead of soap, the steroid cream as prescribed for a "
        "flare. Acne: a benzoyl peroxide or adapalene product from the pharmacy. Athlete's foot / ringworm: a "
        "terbinafine or clotrimazole cream, keep dry. Call back today if redness spreads or the skin is hot and swollen, "
        "a burn blisters, or a fever starts; see us within 2 weeks for a changing mole."
    ),
    advice={
        "emergency": "Advise 911 / the emergency department now (systemically unwell cellulitis, necrotising infection, "
        "or a serious burn: cool it with running water for 20 minutes on the way, cover with cling film).",
        "same_day": "Arrange a same-day assessment (cellulitis, a blistering or high-risk burn, an active diabetic foot "
        "problem).",
        "within_3_days": "Offer an appointment within 3 days (abscess, infected eczema, impetigo).",
        "within_2_weeks": "Offer an appointment within 2 weeks (NG12: suspected skin cancer is referred on the 2-week "
        "pathway; examine with dermoscopy).",
    },
)
