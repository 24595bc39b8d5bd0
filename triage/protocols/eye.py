"""Eye problems (NICE CKS red eye; College of Optometrists Clinical Management Guidelines; NHS.uk
eye problems).

911 / eye casualty now: sudden loss of vision, a chemical splashed in the eye (rinse for 15-20
minutes first), a penetrating injury or something stuck in the eye, a severely painful red eye with
haloes, headache, nausea or vomiting (acute angle-closure glaucoma), an eye injury followed by
changed vision, and a swollen red eyelid with fever, a bulging eye or pain moving the eye (orbital
cellulitis). Same day: a painful red eye, light sensitivity, a contact-lens wearer with a red or
painful eye, new floaters or flashing lights, reduced vision, a red sticky eye in a newborn, and a
foreign body still felt after rinsing. Conjunctivitis (sticky, gritty, itchy red eye without pain or
vision change), a stye, and a burst blood vessel on the white of the eye are home care.
"""

from triage.protocols.rash import FEVER_ALSO
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import NHS_111, NICE_CKS
from triage.protocols.words import CANT, PAIN, PRON, SEVERE, S, gap_affirmative, rule_patterns

COLLEGE_OPTOMETRISTS = Source(
    "College of Optometrists CMG",
    "College of Optometrists: Clinical Management Guidelines (urgency of referral for eye conditions)",
    "https://www.college-optometrists.org/clinical-guidance/clinical-management-guidelines",
)
NICE_CKS_RED_EYE = Source(
    "NICE CKS red eye",
    "NICE CKS: red eye, assessment and red flags (same-day ophthalmology referral)",
    "https://cks.nice.org.uk/topics/red-eye/",
)

EYE = r"(?:eye|eyes|eyeball|eyelid|eyelids|eye\s+lid|lid|lids)"
EYE_COMPLAINT = (
    rf"{EYE}\s+(?:is\s+|are\s+|feels?\s+|looks?\s+|has\s+been\s+|have\s+been\s+|keeps?\s+)?(?:very\s+|really\s+|so\s+|a\s+bit\s+)?(?:{PAIN}|painful|pain|sore|red|itchy|itching|burning|swollen|puffy|watering|watery|weeping|sticky|goopy|crusty|crusted|gritty|blurry|blurred|irritated|bloodshot|twitching|stuck\s+shut|glued\s+shut)\b",
    rf"(?:red|sore|painful|itchy|swollen|puffy|sticky|pink|goopy|crusty|watery|bloodshot|irritated|burning|gritty)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{EYE}\b",
    rf"(?:{PAIN}|pain|discharge|gunk|goo|pus|redness|swelling|something|grit|sand|eyelash|dust|metal|chemical|bleach)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?in\s+(?:{PRON}\s+|one\s+|both\s+)?(?:left\s+|right\s+)?{EYE}\b",
    r"(?:pink\s*eye|conjunctivitis|conjuctivitis|stye|styes|sty|chalazion|blepharitis|iritis|uveitis|keratitis|corneal\s+(?:abrasion|ulcer|scratch)|glaucoma)\b",
    r"(?:floaters|flashes\s+of\s+light|flashing\s+lights?|seeing\s+flashes)\b",
    r"(?:blurry|blurred|double|reduced|loss\s+of|lost|changes?\s+in)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:vision|sight|eyesight)\b",
    r"(?:vision|sight|eyesight)\s+(?:is\s+|has\s+)?(?:gone\s+|been\s+|got\s+|getting\s+)?(?:blurry|blurred|worse|cloudy|foggy|dim|hazy)\b",
    rf"(?:poked|scratched|hit|splashed|sprayed|punched)\s+(?:in\s+)?(?:{PRON}\s+|the\s+)?{EYE}\b",
)
SEVERE_EYE_PAIN = (
    rf"{SEVERE}\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eye\s+pain|pain\s+in\s+(?:{PRON}\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?eye|eye\s+ache)\b",
    rf"(?:eye|eyeball)\s+(?:pain\s+)?(?:is\s+)?(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?{SEVERE}\b",
    rf"(?:eye|eyeball){gap_affirmative(2)}(?:{PAIN}|pain|throbbing)\s+(?:so\s+)?(?:badly|bad|terribly|like\s+crazy|so\s+much)\b",
)
HALOS_VOMIT = (
    r"halos?|haloes|rainbows?\s+around|rings\s+around\s+(?:the\s+)?lights|nause\w*|vomit\w*|throwing\s+up|threw\s+up|"
    r"(?:blurry|blurred|cloudy|misty|foggy)\s+vision|headache|(?:cloudy|hazy)\s+(?:cornea|eye)|(?:pupil|pupils)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:dilated|fixed|big)"
)
CHEMICAL = (
    r"chemical\w*|bleach|acid|alkali\w*|lye|oven\s+cleaner|drain\s+cleaner|cleaning\s+(?:product|spray|fluid|solution)|cleaner|ammonia|"
    r"cement|concrete|plaster|lime|pepper\s+spray|mace|battery\s+(?:acid|fluid)|dishwasher\s+(?:detergent|tablet|pod)|"
    r"laundry\s+(?:detergent|pod|liquid)|detergent|disinfectant|hair\s+dye|relaxer|superglue|super\s+glue|glue|solvent|"
    r"weed\s*killer|pesticide|paint\s+thinner"
)
PAINFUL_RED_EYE = (
    rf"(?:red|bloodshot){gap_affirmative(2)}(?:and\s+)?(?:painful|{PAIN}|sore){gap_affirmative(2)}(?:eye|eyes)\b",
    rf"(?:eye|eyes){gap_affirmative(2)}(?:red|bloodshot)\s+(?:and\s+)?(?:painful|{PAIN}|sore|aching)\b",
    rf"(?:eye|eyes){gap_affirmative(2)}(?:painful|{PAIN}|sore|aching)\s+(?:and\s+)?(?:red|bloodshot)\b",
    rf"(?:painful|{PAIN}|sore|aching)\s+(?:and\s+)?(?:red|bloodshot)\s+(?:eye|eyes)\b",
)
FOREIGN = r"(?:something|metal|glass|wood|splinter|stick|shard|fishhook|fish\s+hook|wire|piece\s+of\s+\w+|object|pencil|nail|dart|bb|pellet)"

PROTOCOL = Protocol(
    name="eye",
    title="Eye problems",
    sources=(NICE_CKS_RED_EYE, COLLEGE_OPTOMETRISTS, NHS_111, NICE_CKS),
    complaint=EYE_COMPLAINT,
    default="within_3_days",
    criteria=(
        Criterion(
            "vision_loss",
            "emergency",
            "Sudden loss of vision in one or both eyes, or a curtain or shadow over the vision",
            patterns=(
                *rule_patterns("vision_loss"),
                rf"sudden(?:ly)?{gap_affirmative(2)}(?:blind\w*|(?:lost|loss\s+of|losing)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:vision|sight))\b",
                rf"{CANT}{S}see{S}(?:anything|at\s+all|out\s+of)\b",
            ),
            resolvable=False,
            source="NICE CKS red eye",
        ),
        Criterion(
            "chemical_injury",
            "emergency",
            "Chemical splashed or sprayed in the eye (rinse with water for 15-20 minutes, then emergency)",
            patterns=(
                rf"(?:{CHEMICAL}){gap_affirmative(5)}(?:in|into|on|splash\w*\s+(?:in|into))\s+(?:{PRON}\s+|one\s+|both\s+)?(?:left\s+|right\s+)?(?:eye|eyes)\b",
                rf"(?:eye|eyes){gap_affirmative(4)}(?:splashed|sprayed|burn\w*|squirted)\s+(?:with|by)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:{CHEMICAL})\b",
                r"chemical\s+(?:eye\s+)?(?:burn|injury|splash|exposure)\s+(?:to|in|of)\s+(?:the\s+|his\s+|her\s+|my\s+)?eyes?\b",
                r"(?:chemical|alkali|acid)\s+eye\s+(?:burn|injury)\b",
            ),
            source="College of Optometrists CMG",
        ),
        Criterion(
            "penetrating_injury",
            "emergency",
            "Penetrating eye injury or an object stuck in the eye (high-speed metal, glass, a sharp object)",
            patterns=(
                rf"{FOREIGN}\s+(?:is\s+)?(?:still\s+)?(?:stuck|embedded|lodged|sticking\s+out|went|flew|poked|pierced)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,2}}?(?:in|into|of)\s+(?:{PRON}\s+|the\s+)?(?:eye|eyeball)\b",
                r"(?:penetrating|perforating|open[\s-]globe|ruptured\s+globe)\s+(?:eye\s+)?(?:injury|trauma|wound)?",
                r"(?:eye|eyeball)\s+(?:was\s+|is\s+|got\s+)?(?:cut|punctured|pierced|stabbed|lacerated)\b",
                rf"(?:grinding|hammering|drilling|chiselling|chiseling|welding|sawing|strimming)\b{gap_affirmative(8)}(?:eye|eyes)\b",
                rf"(?:stabbed|impaled|pierced)\s+(?:in|through)\s+(?:the\s+|{PRON}\s+)?eye\b",
            ),
            source="College of Optometrists CMG",
        ),
        Criterion(
            "acute_glaucoma",
            "emergency",
            "Severe eye pain with a red eye and haloes, headache, blurred vision, nausea or vomiting (acute angle-closure glaucoma)",
            patterns=SEVERE_EYE_PAIN,
            also=(HALOS_VOMIT,),
            source="NICE CKS red eye",
        ),
        Criterion(
            "acute_glaucoma_red_eye",
            "emergency",
            "Painful red eye with haloes, nausea or vomiting, or a fixed mid-dilated pupil (acute angle-closure glaucoma)",
            patterns=PAINFUL_RED_EYE,
            also=(
                r"halos?|haloes|rainbows?\s+around|rings\s+around\s+(?:the\s+)?lights|nause\w*|vomit\w*|throwing\s+up|threw\s+up|"
                r"(?:mid[\s-]*dilated|fixed|semi[\s-]*dilated)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?pupils?|(?:cloudy|hazy|steamy)\s+(?:cornea|eye)",
            ),
            source="NICE CKS red eye",
        ),
        Criterion(
            "acute_glaucoma_named",
            "emergency",
            "Haloes around lights with a painful red eye, or acute angle-closure glaucoma named",
            patterns=(
                r"(?:acute\s+)?angle[\s-]*closure\b",
                r"(?:halos?|haloes|rainbows?|rings)\s+around\s+(?:the\s+)?lights?\b",
            ),
            also=(rf"{PAIN}|pain|painful|red|sore",),
            source="NICE CKS red eye",
        ),
        Criterion(
            "injury_vision_change",
            "emergency",
            "Eye injury followed by blurred or double vision, blood in the eye, or an irregular pupil",
            patterns=(
                rf"(?:hit|struck|punched|poked|elbowed|kicked|smacked|whacked)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:in|on)\s+(?:the\s+|{PRON}\s+)?(?:eye|eyes)\b",
                rf"(?:ball|puck|fist|elbow|branch|stick|bungee|cork|toy|firework)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:hit|struck|in|into)\s+(?:the\s+|{PRON}\s+)?(?:eye|eyes)\b",
                r"(?:eye|eyes)\s+(?:injury|trauma)\b",
            ),
            also=(
                r"(?:blurry|blurred|double|lost|losing|dim|reduced|cloudy)\s+vision|vision\s+(?:is\s+|went\s+|now\s+)?(?:blurry|blurred|double|dim|cloudy|gone)|can'?t\s+see|hyphaema|hyphema|blood\s+(?:in|inside)\s+"
                r"(?:the\s+)?(?:front|colou?red\s+part|iris|pupil)|(?:pupil)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:odd|irregular|misshapen|different|bigger)",
            ),
            source="College of Optometrists CMG",
        ),
        Criterion(
            "orbital_cellulitis",
            "emergency",
            "Swollen red eyelid with fever, a bulging eye, double vision or pain moving the eye (orbital cellulitis)",
            patterns=(
                r"(?:eye|eyes|eyeball)\s+(?:is\s+|looks\s+)?(?:bulging|sticking\s+out|pushed\s+(?:out|forward)|protruding)\b",
                rf"(?:pain|{PAIN}|painful)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:to\s+|when\s+(?:i\s+|he\s+|she\s+)?|on\s+)?(?:move|moving|movement\s+of|moves?)\s+(?:{PRON}\s+|the\s+)?(?:eye|eyes)\b",
                rf"{CANT}\s+(?:move|open)\s+(?:{PRON}\s+|the\s+)?(?:eye|eyes)\b",
                r"orbital\s+cellulitis\b",
            ),
            source="NICE CKS red eye",
        ),
        Criterion(
            "swollen_eyelid_fever",
            "emergency",
            "Red swollen eyelid or swelling around the eye with a fever",
            patterns=(
                r"(?:eye|eyes|eyelid|eyelids|lid)\s+(?:is\s+|are\s+|has\s+)?(?:very\s+|really\s+|so\s+)?(?:red\s+and\s+)?(?:swollen|swelling|puffy|swelled)(?:\s+shut)?\b",
                r"(?:swollen|swelling|puffy)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eyelid|eyelids|lid|eye|eyes)\b",
                r"(?:swelling|redness)\s+around\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eye|eyes)\b",
            ),
            also=(FEVER_ALSO,),
            source="NICE CKS red eye",
        ),
        Criterion(
            "painful_red_eye",
            "same_day",
            "Painful red eye, light sensitivity, reduced vision or a cloudy cornea (keratitis, iritis, scleritis)",
            patterns=(
                *SEVERE_EYE_PAIN,
                rf"(?:light|bright\s+light|sunlight|lights)\s+(?:really\s+)?(?:hurts|hurting|bothers|bothering|is\s+painful)\b{gap_affirmative(3)}(?:eye|eyes)?",
                r"(?:light\s+sensitiv\w*|sensitiv\w*\s+to\s+(?:the\s+)?light|photophob\w*)",
                *PAINFUL_RED_EYE,
                r"(?:iritis|uveitis|keratitis|scleritis|corneal\s+ulcer|herpes\s+(?:in|of)\s+(?:the\s+)?eye|dendritic)\b",
            ),
            source="NICE CKS red eye",
        ),
        Criterion(
            "contact_lens_red_eye",
            "same_day",
            "Contact-lens wearer with a red, painful or light-sensitive eye (possible microbial keratitis)",
            patterns=(
                r"(?:contact\s*lens\w*|contacts|lenses|slept\s+in\s+(?:my\s+)?contacts)\b",
                r"(?-i:CL)\s+wearer\b",
            ),
            also=(rf"red|redness|bloodshot|{PAIN}|pain|painful|sore|light|blurr\w*|watering|gritty|burning",),
            source="College of Optometrists CMG",
        ),
        Criterion(
            "floaters_flashes",
            "same_day",
            "New floaters, flashing lights, or a shadow in the vision (possible retinal tear or detachment)",
            patterns=(
                r"(?:new|sudden|lots\s+of|shower\s+of|a\s+bunch\s+of|more|increase\s+in|many)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:floaters|floaties|black\s+(?:spots|dots))\b",
                r"(?:floaters|floaties){gap}(?:and|with|plus)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:flash\w*|lights)".replace(
                    "{gap}", gap_affirmative(3)
                ),
                r"(?:flashes|flashing\s+lights?|flashes\s+of\s+light|seeing\s+flashes|streaks\s+of\s+light|lightning\s+streaks)\b",
                r"(?:spots|cobwebs|specks)\s+(?:floating|in\s+(?:my|his|her)\s+vision)\b",
            ),
            source="College of Optometrists CMG",
        ),
        Criterion(
            "vision_reduced",
            "same_day",
            "New blurred or reduced vision that does not clear with blinking",
            patterns=(
                r"(?:new|suddenly|sudden)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:blurry|blurred|reduced|cloudy|foggy|dim|double)\s+vision\b",
                r"(?:vision|sight|eyesight)\s+(?:is\s+|has\s+|went\s+|has\s+gone\s+)?(?:suddenly\s+)?(?:blurry|blurred|cloudy|foggy|dim|hazy)\b",
                rf"(?:blurry|blurred|cloudy|foggy)\s+vision\b{gap_affirmative(4)}(?:won'?t|doesn'?t|not)\s+(?:clear|go\s+away)",
            ),
            source="NICE CKS red eye",
        ),
        Criterion(
            "newborn_sticky_eye",
            "same_day",
            "Red or sticky eye in a baby under 4 weeks (ophthalmia neonatorum)",
            patterns=EYE_COMPLAINT,
            when=lambda f: f.age_years is not None and f.age_years < 0.08,
            source="NICE CKS",
        ),
        Criterion(
            "foreign_body_persisting",
            "same_day",
            "Something in the eye that is still there or still feels scratchy after rinsing, or a scratched cornea",
            patterns=(
                r"(?:still|keeps)\s+(?:feels?\s+)?(?:like\s+)?(?:something|grit|sand|scratchy)\b",
                rf"{CANT}\s+(?:get|wash|rinse|flush)\s+(?:it|\w+)\s+out\b",
                r"(?:scratched|scratch\s+on|scratch\s+to)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eye|eyeball|cornea)\b",
                r"corneal\s+(?:abrasion|scratch|foreign\s+body)\b",
                r"(?:metal|rust)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:in|into)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?eye\b",
            ),
            also=(r"eye|eyes|eyeball|cornea",),
            source="College of Optometrists CMG",
        ),
        Criterion(
            "burst_vessel_anticoagulated",
            "within_3_days",
            "Blood on the white of the eye in someone on a blood thinner (check INR / blood pressure)",
            patterns=(
                r"(?:burst|broken|popped)\s+(?:a\s+)?blood\s+vessel\b",
                r"subconjunctival\s+(?:ha)?emorrhage\b",
                r"(?:blood|red\s+(?:patch|spot|blotch))\s+(?:spot\s+)?(?:on|in)\s+(?:the\s+)?white\s+(?:part\s+)?of\b",
            ),
            when=lambda f: f.anticoagulated,
            source="College of Optometrists CMG",
        ),
        Criterion(
            "conjunctivitis",
            "self_care",
            "Sticky, gritty, watery or itchy red eye without pain, light sensitivity or vision change (conjunctivitis)",
            patterns=(
                r"(?:pink\s*eye|conjunctivitis|conjuctivitis)\b",
                r"(?:sticky|goopy|gunky|crusty|crusted|itchy|watery|watering)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:eye|eyes)\b",
                r"(?:eye|eyes|eyelids|lashes)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){0,2}?(?:sticky|goopy|crusty|crusted|stuck\s+shut|glued\s+shut|itchy|watering|watery)\b",
                rf"(?:yellow|green|white|sticky)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?(?:discharge|gunk|goo|crust)\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+){{0,3}}?(?:from|in|on|around)\s+(?:{PRON}\s+|the\s+|both\s+)?(?:eye|eyes|eyelids?|lashes)\b",
                r"hay\s*fever\s+(?:(?!(?:not|no|never|nor|[a-z]+n't|dont|doesnt|didnt|isnt|wont|cant|hasnt|havent|wasnt|arent|couldnt)\b)\w+\s+)?eyes\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "stye",
            "self_care",
            "Stye or lump on the eyelid (chalazion), eyelid otherwise normal",
            patterns=(
                r"(?:stye|styes|sty|chalazion|hordeolum)\b",
                rf"(?:bump|lump|pimple|spot|boil)\s+(?:on|in)\s+(?:{PRON}\s+)?(?:upper\s+|lower\s+)?(?:eyelid|eye\s+lid|lid)\b",
                rf"(?:bump|lump|swelling|nodule|pustule)\s+(?:\w+\s+){{0,2}}?(?:on|at|along)\s+(?:the\s+)?(?:edge|margin|rim)\s+of\s+(?:{PRON}\s+)?(?:upper\s+|lower\s+)?(?:eyelid|eye\s+lid|lid)\b",
            ),
            source="NICE CKS",
        ),
        Criterion(
            "burst_blood_vessel",
            "self_care",
            "Painless bright red patch on the white of the eye (subconjunctival haemorrhage)",
            patterns=(
                r"(?:burst|broken|popped)\s+(?:a\s+)?blood\s+vessel\b",
                r"subconjunctival\s+(?:ha)?emorrhage\b",
                r"(?:blood|red\s+(?:patch|spot|blotch))\s+(?:spot\s+)?(?:on|in)\s+(?:the\s+)?white\s+(?:part\s+)?of\b",
            ),
            source="NICE CKS",
        ),
    ),
    home_care=(
        "For sticky or itchy eyes: clean the lids with cooled boiled water and a clean pad from the inside out, do not "
        "share towels, leave contact lenses out, try lubricating drops or an antihistamine for itch; a stye: a warm "
        "compress for 5-10 minutes 3-4 times a day, do not squeeze it. Call back today if the eye becomes painful, "
        "sensitive to light, your vision changes, or it is not better in 7 days; call 911 for sudden loss of vision or "
        "a chemical or sharp injury."
    ),
    advice={
        "emergency": "Advise the emergency department / eye casualty now; for a chemical splash rinse the eye under "
        "running water for 15-20 minutes first; do not press on an eye with a penetrating injury.",
        "same_day": "Arrange a same-day eye assessment (urgent optometrist / eye casualty or GP with slit lamp).",
        "within_3_days": "Offer an appointment within 3 days (or a community optometrist) for the eye problem.",
    },
)
