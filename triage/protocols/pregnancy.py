"""Pregnancy and the weeks after birth (ACOG; NICE NG201 antenatal care, NG133 hypertension in
pregnancy, NG25 preterm labour, NG126 early pregnancy bleeding, NG194 postnatal care; RCOG
Green-top 57 reduced fetal movements and 69 hyperemesis; AWHONN POST-BIRTH warning signs).

911 / the maternity unit now: heavy bleeding, bleeding with pain or faintness, any bleeding from
20 weeks, reduced or absent fetal movements from 24 weeks (RCOG: contact the maternity unit
straight away, do not wait until the next day), waters breaking before 37 weeks, contractions
before 37 weeks, pre-eclampsia signs from 20 weeks or after birth (severe headache, vision
changes, sudden swelling of face or hands, pain under the ribs, BP 160/110 or more), a seizure,
severe abdominal pain, an injury to the bump from 20 weeks; after birth: soaking a pad an hour or
large clots, fever, thoughts of harming the baby. Same day: light bleeding or spotting in early
pregnancy, unable to keep fluids down (hyperemesis), itching of palms and soles (cholestasis),
fever, BP 140/90 or more, waters breaking or labour at term, reduced movements before 24 weeks.
Within 2 weeks: a new pregnancy to book. Coping with nausea, medicine-safety questions: self-care.
"""

import dataclasses

from triage.protocols.abdominal_pain import NOT_PREGNANT
from triage.protocols.schema import Criterion, Protocol, Source
from triage.protocols.sources import ACOG, NHS_111
from triage.protocols.words import (
    FEVER_ANY,
    HEADACHE,
    PRON,
    VOMIT,
    S,
    fever_at_least,
    gap,
    rule,
    rule_patterns,
)

NICE_NG201 = Source("NICE NG201", "Antenatal care", "https://www.nice.org.uk/guidance/ng201")
NICE_NG133 = Source(
    "NICE NG133",
    "Hypertension in pregnancy: diagnosis and management (pre-eclampsia symptoms; 160/110 severe)",
    "https://www.nice.org.uk/guidance/ng133",
)
NICE_NG25 = Source("NICE NG25", "Preterm labour and birth", "https://www.nice.org.uk/guidance/ng25")
NICE_NG126_EP = Source(
    "NICE NG126",
    "Ectopic pregnancy and miscarriage: diagnosis and initial management (bleeding in early pregnancy)",
    "https://www.nice.org.uk/guidance/ng126",
)
NICE_NG194 = Source("NICE NG194", "Postnatal care (red flags after birth)", "https://www.nice.org.uk/guidance/ng194")
RCOG_GTG57 = Source(
    "RCOG GTG 57",
    "RCOG Green-top Guideline 57: Reduced fetal movements (contact the maternity unit immediately)",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/reduced-fetal-movements-green-top-guideline-no-57/",
)
RCOG_GTG69 = Source(
    "RCOG GTG 69",
    "RCOG Green-top Guideline 69: Nausea and vomiting of pregnancy and hyperemesis gravidarum",
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/the-management-of-nausea-and-vomiting-of-pregnancy-and-hyperemesis-gravidarum-green-top-guideline-no-69/",
)
AWHONN = Source(
    "AWHONN POST-BIRTH",
    "AWHONN POST-BIRTH warning signs (call 911 / call your provider after giving birth)",
    "https://www.awhonn.org/education/hospital-products/post-birth-warning-signs-education-program/",
)

PREGNANCY = (
    r"(?:pregnant|pregnancy|pregnent|pregant|pregnat|prenant|preggo|preggers|expecting\s+(?:a\s+baby|twins))\b"
    r"(?!\s+(?:tests?|test\s+results?|results?|forms?|paperwork|insurance|leave|announcement))",
    r"\d{1,2}\s*(?:weeks?|wks?|w)\s*(?:pregnant|along|gestation|pg|preg)\b",
    r"(?:first|second|third|1st|2nd|3rd)\s+trimester\b",
    r"(?:morning\s+sickness|hyperemesis|fetal|foetal|the\s+bump)\b",
)
POSTPARTUM = (
    r"(?:post[\s-]?partum|postnatal|post[\s-]natal|after\s+(?:the\s+|my\s+)?(?:birth|delivery|c[\s-]?section))\b",
    r"(?:gave\s+birth|had\s+(?:my|the|a|our)\s+baby|delivered\s+(?:my|the|a|our)\s+(?:baby|son|daughter)|had\s+a\s+c[\s-]?section)\b",
)
# after birth, in words (the findings' postpartum flag also reads a bare "delivered")
_GAVE_BIRTH = (
    r"(?:post[\s-]?partum|postnatal|post[\s-]natal|gave\s+birth|had\s+(?:my|the|a|our)\s+(?:baby|son|daughter|c[\s-]?section)|"
    r"delivered\s+(?:my|the|a|our|twins|vaginally|by)|(?:since|after)\s+(?:the\s+|my\s+)?(?:birth|delivery|c[\s-]?section)|"
    r"(?:newborn|new\s+baby)|(?:\d+|one|two|three|four|five|six)\s+(?:days?|weeks?)\s+(?:post[\s-]?partum|after\s+(?:birth|delivery)))\b"
)
_BLEEDING = (  # bleeding / spotting / blood on the pad / clots
    *rule("pregnancy_bleeding").patterns,
    r"(?:spoting|spottting|spotin|bleding|bleedin)\b",
    rf"blood{S}(?:\w+{S})?when\s+(?:i|she)\s+wipe\b",
)
_HEAVY = (
    rf"(?:bleeding|bleed|bled){S}(?:very\s+|really\s+|so\s+)?(?:heavily|heavy|a\s+lot|loads|like\s+a\s+period|through)\b",
    r"(?:heavy|lots\s+of|a\s+lot\s+of|so\s+much|bright\s+red)\s+(?:vaginal\s+)?(?:bleeding|blood)\b",
    rf"soak(?:ed|ing){gap(2)}(?:through\s+)?(?:a\s+|one\s+|\d+\s+)?(?:pads?|towels?|sanitary\s+pads?|maxi\s+pads?)\b",
    rf"(?:passing|passed){S}(?:\w+{S})?(?:large|big|huge|golf[\s-]ball|plum|lemon|fist)[\s-]*(?:sized\s+)?clots\b",
    r"(?:large|big|huge|golf[\s-]ball|plum|lemon|fist)[\s-]*(?:sized\s+)?clots\b",
    rf"(?:gushing|pouring|gush\s+of){S}(?:\w+{S})?blood\b",
)
# light bleeding: spotting, a little blood when wiping, brown or pink discharge
_LIGHT = (
    r"spot+ing|spoting|spotted|spots\s+of\s+blood|light\s+(?:bleeding|blood|spotting|pink|brown)|"
    r"(?:a\s+(?:little|tiny|bit\s+of|small\s+amount\s+of)|some|tiny\s+amount\s+of|streaks?\s+of|a\s+trace\s+of|a\s+drop\s+of)\s+(?:bright\s+red\s+|red\s+|brown\s+|pink\s+)?(?:blood|bleeding|spotting)|"
    r"(?:brown|pink|pinkish|brownish)\s+(?:discharge|spotting|blood|bleeding|tinge)|blood\s+when\s+(?:i|she)\s+wipe"
)
_PAIN_OR_CRAMPS = r"pain\w*|cramp\w*|hurts?|hurting|ache|aching|contractions?|tightening"
_FAINT = r"dizz\w*|light[\s-]?headed|faint\w*|passed\s+out|collaps\w*|black(?:ed|ing)\s+out|(?:very\s+)?pale|clammy"
PREECLAMPSIA = rule("preeclampsia_signs").patterns
_VISION_SWELLING = (
    rf"(?:seeing{S}spots|spots{S}(?:in|before){S}(?:{PRON}{S})?(?:vision|eyes)|flashing{S}lights|flashes|blurr(?:y|ed){S}vision|vision{S}(?:changes|is\s+blurry|went\s+blurry)|double{S}vision)\b",
    rf"(?:face|hands|fingers|eyes){S}(?:and{S}(?:hands|face|feet|fingers){S})?(?:are{S}|is{S}|have{S}|has{S}|got{S})?(?:suddenly{S}|really{S}|very{S})?(?:swollen|swelling|swelled|puffy)\b",
    rf"(?:sudden|new)\s+swelling\s+(?:of|in)\s+(?:{PRON}\s+)?(?:face|hands|fingers)\b",
    rf"(?:pain|ache){S}(?:under{S}(?:{PRON}{S})?(?:right{S})?ribs|(?:in|at){S}(?:the{S}|my{S})?(?:top\s+of\s+(?:my\s+)?(?:stomach|belly|tummy)|upper\s+(?:right\s+)?(?:stomach|belly|abdomen)))\b",
    r"(?:epigastric|ruq)\s+pain\b",
    r"(?:pre[\s-]?eclampsia|preeclampsia|pre[\s-]?eclamptic|hellp|toxaemia|toxemia)\b",
)
_PREECLAMPSIA_HEADACHE = (
    rf"(?:severe|bad|terrible|pounding|awful|worst|really\s+bad|intense|splitting){gap(1)}{HEADACHE}",
    rf"{HEADACHE}{gap(3)}(?:won'?t|will\s+not|doesn'?t|not|isn'?t){S}(?:go\s+away|going\s+away|stop|get\s+better|help\w*|budg\w*)",
)
_WATERS = (
    rf"(?:{PRON}\s+)?waters?\s+(?:has\s+|have\s+|just\s+|might\s+have\s+|may\s+have\s+|think\s+)?(?:broke|broken|burst|went|gone|ruptured|breaking)\b",
    r"(?:rupture\s+of\s+(?:the\s+)?membranes|ruptured\s+membranes)\b",
    r"(?-i:PPROM|PROM|SROM)\b",
)
_LEAKING_FLUID = (
    rf"(?:leak\w*|gush\w*|trickl\w*|drip\w*){gap(2)}(?:clear\s+|watery\s+)?(?:fluid|water|liquid)\b",
    r"(?:gush|trickle)\s+of\s+(?:clear\s+)?(?:fluid|water|liquid)\b",
    r"amniotic\s+fluid\b",
)
_CONTRACTIONS = (
    r"contractions?\b",
    r"(?:regular|painful|rhythmic)\s+(?:tightenings?|cramps|cramping)\b",
    r"(?:in\s+labou?r|going\s+into\s+labou?r|labou?r\s+pains?|think\s+(?:i'?m|i\s+am)\s+in\s+labou?r)\b",
)
_TRAUMA = (
    r"(?:fell|fallen)\b(?!\s+(?:asleep|pregnant|ill|sick|behind|apart|out|for))",
    r"(?:had|took)\s+a\s+(?:bad\s+|hard\s+)?fall\b",
    r"(?:slipped|tripped)\s+(?:and|on|over|down)\b",
    r"(?:car|motor|traffic)\s+(?:accident|crash|collision)\b",
    r"(?-i:MVA|MVC|RTC)\b",
    rf"(?:hit|punched|kicked|elbowed|bumped|struck){gap(3)}(?:belly|stomach|bump|abdomen|tummy)\b",
)


def _later(f) -> bool:
    """From 20 weeks, or pregnant with the weeks not given."""
    return f.pregnant and (f.gestation_weeks is None or f.gestation_weeks >= 20)


def _pregnant_or_postpartum(f) -> bool:
    return f.pregnant or f.postpartum


# criteria about the weeks after birth, which a negative pregnancy test does not change
_AFTER_BIRTH = {"postpartum_fever", "thoughts_harming_baby", "mastitis", "caesarean_wound", "new_pregnancy"}


def _unless_test_negative(criteria: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """Every pregnancy criterion stops when the message says the pregnancy test was negative."""
    return tuple(
        c if c.name in _AFTER_BIRTH else dataclasses.replace(c, unless=(*c.unless, NOT_PREGNANT)) for c in criteria
    )


PROTOCOL = Protocol(
    name="pregnancy",
    title="Pregnancy and after birth",
    sources=(
        ACOG,
        NICE_NG201,
        NICE_NG133,
        NICE_NG25,
        NICE_NG126_EP,
        NICE_NG194,
        RCOG_GTG57,
        RCOG_GTG69,
        AWHONN,
        NHS_111,
    ),
    complaint=(*PREGNANCY, *POSTPARTUM),
    default="self_care",
    criteria=_unless_test_negative(
        (
            Criterion(
                "heavy_bleeding",
                "emergency",
                "Heavy bleeding in pregnancy or after birth: soaking a pad an hour, large clots, bleeding like a period or more",
                patterns=_HEAVY,
                when=_pregnant_or_postpartum,
                source="ACOG",
            ),
            Criterion(
                "bleeding_with_pain",
                "emergency",
                "Bleeding in pregnancy with abdominal pain, cramps or contractions",
                patterns=_BLEEDING,
                when=lambda f: f.pregnant,
                also=(_PAIN_OR_CRAMPS,),
                source="NICE NG126",
            ),
            Criterion(
                "bleeding_with_faintness",
                "emergency",
                "Bleeding in pregnancy with dizziness, faintness or pallor",
                patterns=_BLEEDING,
                when=lambda f: f.pregnant,
                also=(_FAINT,),
                source="NICE NG126",
            ),
            Criterion(
                "bleeding_not_light",
                "emergency",
                "Vaginal bleeding in pregnancy that is more than light spotting, or a miscarriage under way",
                patterns=(*_BLEEDING, *rule_patterns("pregnancy_bleeding")),
                when=lambda f: f.pregnant,
                unless=(_LIGHT,),
                source="ACOG",
            ),
            Criterion(
                "miscarriage",
                "emergency",
                "Says a miscarriage is happening (bleeding with cramps is the usual picture)",
                patterns=rule_patterns("pregnancy_bleeding"),
                unless=(_LIGHT,),
                source="NICE NG126",
            ),
            Criterion(
                "bleeding_from_20_weeks",
                "emergency",
                "Any vaginal bleeding from 20 weeks of pregnancy",
                patterns=_BLEEDING,
                when=lambda f: f.pregnant and f.gestation_weeks is not None and f.gestation_weeks >= 20,
                source="ACOG",
            ),
            Criterion(
                "reduced_fetal_movements",
                "emergency",
                "Reduced, changed or no fetal movements from 24 weeks (contact the maternity unit now)",
                patterns=(
                    *rule_patterns("decreased_fetal_movement"),
                    rf"(?:baby|fetus|little\s+one){gap(3)}(?:moving|kicking)\s+(?:less|much\s+less|a\s+lot\s+less|less\s+than\s+usual)\b",
                    r"(?:haven'?t|have\s+not|not)\s+felt\s+(?:any\s+)?(?:kicks|movements?)\b",
                    r"(?:fewer|less|no)\s+kicks\b",
                ),
                # not a child's movements ("my baby isn't moving his arm", a stated age under 16)
                when=lambda f: (
                    (f.gestation_weeks is None or f.gestation_weeks >= 24)
                    and (f.pregnant or f.age_years is None or f.age_years >= 16)
                ),
                exclude_after=r"\s+(?:(?:his|her|its|the|one)\s+)?(?:(?:left|right)\s+)?(?:arm|arms|leg|legs|hand|hands|foot|feet|head|neck|side|fingers|bowels)\b",
                source="RCOG GTG 57",
            ),
            Criterion(
                "preterm_waters",
                "emergency",
                "Waters breaking or leaking fluid before 37 weeks",
                patterns=_WATERS,
                when=lambda f: f.gestation_weeks is None or f.gestation_weeks < 37,
                unless=(r"(?:3[7-9]|4[0-2])\s*(?:weeks?|wks?)|full[\s-]term|\bterm\b|due\s+date|overdue",),
                source="NICE NG25",
            ),
            Criterion(
                "preterm_leaking",
                "emergency",
                "Leaking or a gush of fluid from the vagina in pregnancy before 37 weeks",
                patterns=_LEAKING_FLUID,
                when=lambda f: f.pregnant and (f.gestation_weeks is None or f.gestation_weeks < 37),
                unless=(
                    r"(?:3[7-9]|4[0-2])\s*(?:weeks?|wks?)|full[\s-]term|\bterm\b|due\s+date|overdue|nipples?|breasts?",
                ),
                source="NICE NG25",
            ),
            Criterion(
                "preterm_contractions",
                "emergency",
                "Contractions or labour pains before 37 weeks",
                patterns=_CONTRACTIONS,
                when=lambda f: f.pregnant and f.gestation_weeks is not None and f.gestation_weeks < 37,
                unless=(r"braxton[\s-]hicks|practice\s+contractions",),
                source="NICE NG25",
            ),
            Criterion(
                "preeclampsia_signs",
                "emergency",
                "From 20 weeks or after birth: vision changes, sudden swelling of face or hands, pain under the ribs",
                patterns=(*PREECLAMPSIA, *_VISION_SWELLING),
                when=lambda f: _later(f) or f.postpartum,
                source="NICE NG133",
            ),
            Criterion(
                "preeclampsia_headache",
                "emergency",
                "From 20 weeks or after birth: a severe headache or one that will not go away",
                patterns=_PREECLAMPSIA_HEADACHE,
                when=lambda f: (
                    (f.pregnant and f.gestation_weeks is not None and f.gestation_weeks >= 20) or f.postpartum
                ),
                source="NICE NG133",
            ),
            Criterion(
                "severe_hypertension",
                "emergency",
                "Blood pressure 160/110 or more in pregnancy or after birth",
                when=lambda f: (
                    _pregnant_or_postpartum(f)
                    and (
                        (f.systolic is not None and f.systolic >= 160)
                        or (f.diastolic is not None and f.diastolic >= 110)
                    )
                ),
                shows=("blood_pressure",),
                source="NICE NG133",
            ),
            Criterion(
                "seizure",
                "emergency",
                "A seizure in pregnancy or after birth (eclampsia)",
                patterns=(*rule_patterns("seizure"), r"eclampsia\b"),
                when=_pregnant_or_postpartum,
                source="NICE NG133",
            ),
            Criterion(
                "severe_abdominal_pain",
                "emergency",
                "Severe or constant abdominal pain in pregnancy",
                patterns=(
                    *rule_patterns("severe_abdominal_pain"),
                    rf"(?:constant|non[\s-]?stop|continuous){gap(2)}(?:stomach|belly|tummy|abdominal|bump)\s+(?:pain|cramps?|ache)\b",
                    rf"(?:bump|belly|stomach|uterus){gap(2)}(?:hard\s+and\s+(?:painful|tender)|tender\s+and\s+hard|rigid)\b",
                ),
                when=lambda f: f.pregnant,
                source="ACOG",
            ),
            Criterion(
                "trauma_from_20_weeks",
                "emergency",
                "A fall, blow to the bump or car accident from 20 weeks (fetal monitoring needed)",
                patterns=_TRAUMA,
                when=_later,
                source="ACOG",
            ),
            Criterion(
                "postpartum_fever",
                "emergency",
                "A fever after giving birth (possible sepsis), not from a breastfeeding problem alone",
                patterns=FEVER_ANY,
                check=fever_at_least(100.4),
                when=lambda f: f.postpartum and not f.pregnant,
                also=(_GAVE_BIRTH,),
                unless=(r"breast\w*|nipples?|mastitis|engorge\w*",),
                source="AWHONN POST-BIRTH",
            ),
            Criterion(
                "thoughts_harming_baby",
                "emergency",
                "Thoughts of harming the baby or herself",
                patterns=(
                    rf"(?:thoughts?|thinking|urges?|want(?:ed)?|scared\s+i'?(?:ll|m\s+going\s+to)|afraid\s+i'?(?:ll|m\s+going\s+to)){gap(3)}(?:harm\w*|hurt\w*|kill\w*|shak\w*|smother\w*|drown\w*){S}(?:the{S}|my{S}|our{S})?(?:baby|newborn|son|daughter|infant)\b",
                ),
                source="AWHONN POST-BIRTH",
            ),
            Criterion(
                "mastitis",
                "same_day",
                "A red, hot, painful area of the breast while breastfeeding, with fever or flu-like aches",
                patterns=(
                    rf"breast{gap(3)}(?:red|hot|swollen|hard|lump|painful|sore|tender)\b",
                    r"mastitis\b",
                ),
                when=lambda f: f.postpartum or f.infant,
                also=(r"fever\w*|feverish|chills|aches|flu[\s-]like|shiver\w*|mastitis|hot|red",),
                source="NICE NG194",
            ),
            Criterion(
                "caesarean_wound",
                "same_day",
                "A caesarean or perineal wound that is red, hot, oozing, smelly or opening",
                patterns=(
                    rf"(?:incision|c[\s-]?section\s+(?:scar|wound|cut)|scar|stitches|wound|tear|perineum){gap(3)}(?:red|hot|oozing|pus|leaking|smell\w*|opening|opened|split|gaping|infected)\b",
                ),
                when=lambda f: f.postpartum,
                source="NICE NG194",
            ),
            Criterion(
                "early_bleeding",
                "same_day",
                "Light bleeding or spotting in early pregnancy without pain (early pregnancy unit today)",
                patterns=(*_BLEEDING, *rule_patterns("pregnancy_bleeding")),
                when=lambda f: f.pregnant,
                source="NICE NG126",
            ),
            Criterion(
                "hyperemesis",
                "same_day",
                "Vomiting in pregnancy: cannot keep fluids down, vomiting many times a day, little or dark urine",
                patterns=(
                    *rule_patterns("persistent_vomiting"),
                    r"hyperemesis(?:\s+gravidarum)?\b",
                    rf"(?:{VOMIT}|sick)\s+(?:\w+\s+)?(?:\d{{1,2}}|ten|twenty|many|several)\s+times\s+(?:a|per|each)\s+day\b",
                    r"(?:can'?t|cannot|unable\s+to)\s+(?:even\s+)?keep\s+(?:water|fluids|anything|liquids|my\s+vitamins)\s+down\b",
                ),
                when=lambda f: f.pregnant,
                source="RCOG GTG 69",
            ),
            Criterion(
                "headache_pregnancy",
                "same_day",
                "A bad headache in pregnancy (weeks not given), without vision change or swelling",
                patterns=_PREECLAMPSIA_HEADACHE,
                when=lambda f: f.pregnant and f.gestation_weeks is None,
                source="NICE NG133",
            ),
            Criterion(
                "raised_bp",
                "same_day",
                "Blood pressure 140/90 or more in pregnancy or after birth",
                when=lambda f: (
                    _pregnant_or_postpartum(f)
                    and (
                        (f.systolic is not None and f.systolic >= 140)
                        or (f.diastolic is not None and f.diastolic >= 90)
                    )
                ),
                shows=("blood_pressure",),
                source="NICE NG133",
            ),
            Criterion(
                "cholestasis_itch",
                "same_day",
                "Itching in pregnancy, especially of the palms and soles, without a rash (obstetric cholestasis)",
                patterns=(
                    rf"itch\w*{gap(4)}(?:palms|soles|hands\s+and\s+feet|feet\s+and\s+hands|all\s+over)\b",
                    rf"(?:palms|soles|hands\s+and\s+feet|feet\s+and\s+hands){gap(3)}(?:itch\w*)\b",
                    r"(?:obstetric\s+)?cholestasis\b",
                    r"(?-i:ICP)\b",
                ),
                when=lambda f: f.pregnant,
                source="NICE NG201",
            ),
            Criterion(
                "fever_in_pregnancy",
                "same_day",
                "A fever of 38 C / 100.4 F or more in pregnancy",
                patterns=FEVER_ANY,
                check=fever_at_least(100.4),
                when=lambda f: f.pregnant,
                source="ACOG",
            ),
            Criterion(
                "waters_at_term",
                "same_day",
                "Waters breaking or labour at term (contact the labour ward now)",
                patterns=(*_WATERS, *_CONTRACTIONS),
                when=lambda f: f.pregnant or f.gestation_weeks is not None,
                unless=(r"braxton[\s-]hicks|practice\s+contractions",),
                source="NICE NG201",
            ),
            Criterion(
                "reduced_movements_early",
                "same_day",
                "Worried about the baby's movements before 24 weeks (contact the midwife today)",
                patterns=rule_patterns("decreased_fetal_movement"),
                when=lambda f: f.gestation_weeks is not None and f.gestation_weeks < 24,
                source="RCOG GTG 57",
            ),
            Criterion(
                "trauma_early",
                "same_day",
                "A fall or blow to the abdomen before 20 weeks",
                patterns=_TRAUMA,
                when=lambda f: f.pregnant and f.gestation_weeks is not None and f.gestation_weeks < 20,
                source="ACOG",
            ),
            Criterion(
                "new_pregnancy",
                "within_2_weeks",
                "A new pregnancy to book (first antenatal appointment before 10 weeks)",
                patterns=(
                    r"positive\s+(?:home\s+|urine\s+)?(?:pregnancy|preg|hcg)\s+tests?\b",
                    r"(?:pregnancy|preg|hcg)\s+tests?\s+(?:was\s+|is\s+|came\s+(?:back\s+|out\s+)?)?positive\b",
                    r"(?:just\s+)?found\s+out\s+(?:i'?m|i\s+am|we'?re|she'?s)\s+pregnant\b",
                    r"(?:first|booking|initial|new)\s+(?:ante[\s-]?natal|pre[\s-]?natal|ob|pregnancy|midwife)\s+(?:appointment|appt|visit|check)\b",
                    r"(?:book|schedule|start|set\s+up)\s+(?:my\s+|an?\s+)?(?:ante[\s-]?natal|pre[\s-]?natal|ob|pregnancy|midwife)\s+(?:care|appointment|appt|visit)\b",
                ),
                source="NICE NG201",
            ),
            Criterion(
                "nausea_coping",
                "self_care",
                "Nausea or vomiting of pregnancy, keeping fluids down and coping",
                patterns=(
                    r"morning\s+sickness\b",
                    r"(?:nause\w*|queasy|feel(?:ing)?\s+sick)\b",
                    rf"(?:{VOMIT}|being\s+sick)\s+(?:in|every|most|some)\s+(?:the\s+)?(?:morning|mornings|day|days)\b",
                ),
                when=lambda f: f.pregnant,
                source="RCOG GTG 69",
            ),
            Criterion(
                "medicine_question",
                "self_care",
                "A question about what is safe in pregnancy or while breastfeeding (medicine, food, activity)",
                patterns=(
                    r"(?:can|could|may|should)\s+(?:i|she)\s+(?:still\s+)?(?:take|use|have|eat|drink|get|go|fly|travel|dye|exercise|run)\b",
                    r"(?:is|are)\s+(?:it|they|this|that|\w+)\s+(?:ok|okay|safe|alright|fine)\s+(?:to\s+(?:take|use|eat|have|drink)|while|when|during|in)\b",
                    r"safe\s+(?:to\s+(?:take|use|eat)\s+)?(?:while|during|in)\s+(?:pregnancy|breast\s*feeding|nursing)\b",
                ),
                when=lambda f: f.pregnant or f.postpartum,
                source="ACOG",
            ),
        )
    ),
    home_care=(
        "For nausea: small frequent plain meals, ginger, sips of fluid through the day, rest; call back the same day if "
        "you cannot keep fluids down for 12-24 hours or pass little dark urine. Paracetamol (acetaminophen) is the usual "
        "pain or fever medicine in pregnancy; avoid ibuprofen and aspirin unless prescribed. Call the maternity unit at "
        "once for bleeding, waters breaking, reduced baby movements, a severe headache or vision changes, or pain."
    ),
    advice={
        "emergency": "Advise 911 or the maternity unit / labour and delivery now (do not wait until tomorrow).",
        "same_day": "Arrange same-day assessment today (early pregnancy unit, maternity triage or midwife as fits the weeks).",
        "within_2_weeks": "Offer a booking / first antenatal appointment within 2 weeks; start folic acid 400 mcg daily.",
    },
)
