"""The public guidance the protocols cite (pure data). A protocol lists the sources it draws on; a
criterion names one by its key. Add a source here when a protocol needs a new one."""

from __future__ import annotations

from triage.protocols.schema import Source

NICE_NG143 = Source(
    "NICE NG143",
    "Fever in under 5s: assessment and initial management (traffic-light system)",
    "https://www.nice.org.uk/guidance/ng143",
)
NICE_NG51 = Source(
    "NICE NG51",
    "Suspected sepsis: recognition, diagnosis and early management",
    "https://www.nice.org.uk/guidance/ng51",
)
NEWS2 = Source(
    "RCP NEWS2",
    "Royal College of Physicians: National Early Warning Score (NEWS) 2, 2017",
    "https://www.rcp.ac.uk/improving-care/resources/national-early-warning-score-news-2/",
)
NICE_CG95 = Source(
    "NICE CG95",
    "Recent-onset chest pain of suspected cardiac origin: assessment and diagnosis",
    "https://www.nice.org.uk/guidance/cg95",
)
AHA_CHEST_PAIN = Source(
    "AHA/ACC 2021 chest pain",
    "2021 AHA/ACC guideline for the evaluation and diagnosis of chest pain",
    "https://www.ahajournals.org/doi/10.1161/CIR.0000000000001029",
)
BE_FAST = Source(
    "BE-FAST",
    "BE-FAST stroke recognition (Balance, Eyes, Face, Arm, Speech, Time); NICE NG128 stroke and TIA",
    "https://www.nice.org.uk/guidance/ng128",
)
NICE_CG150 = Source(
    "NICE CG150",
    "Headaches in over 12s: diagnosis and management (red flags for secondary headache)",
    "https://www.nice.org.uk/guidance/cg150",
)
NICE_NG84 = Source(
    "NICE NG84",
    "Sore throat (acute): antimicrobial prescribing (FeverPAIN and Centor)",
    "https://www.nice.org.uk/guidance/ng84",
)
CENTOR = Source(
    "Centor",
    "Centor criteria (McIsaac modification) for streptococcal pharyngitis",
    "https://www.mdcalc.com/calc/104/centor-score-modified-mcisaac-strep-pharyngitis",
)
NICE_CAUDA_EQUINA = Source(
    "NICE CKS back pain / GIRFT cauda equina",
    "NICE CKS Back pain - low (without radiculopathy): red flags, cauda equina syndrome",
    "https://cks.nice.org.uk/topics/back-pain-low-without-radiculopathy/",
)
UKHSA_TETANUS = Source(
    "UKHSA Green Book ch. 30",
    "Tetanus: the Green Book chapter 30 (tetanus-prone wounds and immunisation)",
    "https://www.gov.uk/government/publications/tetanus-the-green-book-chapter-30",
)
CDC_TETANUS = Source(
    "CDC tetanus wound management",
    "CDC: Tetanus, clinical guidance: wound management",
    "https://www.cdc.gov/tetanus/hcp/clinical-guidance/",
)
RESUS_ANAPHYLAXIS = Source(
    "Resus Council UK anaphylaxis 2021",
    "Resuscitation Council UK: Emergency treatment of anaphylaxis (2021); WAO anaphylaxis criteria 2020",
    "https://www.resus.org.uk/library/additional-guidance/guidance-anaphylaxis/emergency-treatment",
)
NICE_NG232 = Source(
    "NICE NG232",
    "Head injury: assessment and early management",
    "https://www.nice.org.uk/guidance/ng232",
)
NHS_111 = Source(
    "NHS 111 / NHS.uk conditions",
    "NHS.uk health A-Z: when to get help (urgent/111, A&E) and self-care advice",
    "https://www.nhs.uk/conditions/",
)
NICE_CKS = Source(
    "NICE CKS",
    "NICE Clinical Knowledge Summaries (primary-care guidance by condition)",
    "https://cks.nice.org.uk/",
)
NICE_NG225 = Source(
    "NICE NG225",
    "Self-harm: assessment, management and preventing recurrence",
    "https://www.nice.org.uk/guidance/ng225",
)
NICE_PARACETAMOL = Source(
    "TOXBASE / MHRA paracetamol",
    "Paracetamol overdose: treatment nomogram, MHRA 2012 (any ingestion of 75 mg/kg or more needs assessment)",
    "https://www.gov.uk/drug-safety-update/treating-paracetamol-overdose-with-intravenous-acetylcysteine-new-guidance",
)
ADA_HYPO = Source(
    "ADA Standards of Care 2024, 6",
    "American Diabetes Association Standards of Care: glycemic goals and hypoglycemia (levels 1-3)",
    "https://diabetesjournals.org/care/issue/47/Supplement_1",
)
JBDS_DKA = Source(
    "JBDS DKA",
    "Joint British Diabetes Societies: management of diabetic ketoacidosis in adults",
    "https://abcd.care/joint-british-diabetes-societies-jbds-inpatient-care-group",
)
ACC_AHA_HTN = Source(
    "ACC/AHA 2017 hypertension",
    "2017 ACC/AHA guideline on high blood pressure: hypertensive emergency and urgency",
    "https://www.ahajournals.org/doi/10.1161/HYP.0000000000000065",
)
RENAL_HYPERK = Source(
    "UK Kidney Association hyperkalaemia",
    "UK Kidney Association: clinical practice guideline, treatment of acute hyperkalaemia in adults",
    "https://ukkidney.org/health-professionals/guidelines/treatment-acute-hyperkalaemia-adults",
)
BSH_WARFARIN = Source(
    "NICE CKS anticoagulation (warfarin)",
    "NICE CKS: anticoagulation - oral; high INR management (BSH guidance)",
    "https://cks.nice.org.uk/topics/anticoagulation-oral/",
)
CDC_TRAVEL = Source(
    "CDC Yellow Book: fever in the returned traveler",
    "CDC Yellow Book: post-travel evaluation, fever in the returned traveler (malaria first)",
    "https://www.cdc.gov/yellow-book/",
)
CDC_TICK = Source(
    "CDC tick-borne diseases",
    "CDC: Rocky Mountain spotted fever and Lyme disease, signs and symptoms",
    "https://www.cdc.gov/ticks/",
)
NICE_NG158 = Source(
    "NICE NG158",
    "Venous thromboembolic diseases: diagnosis, management (Wells score)",
    "https://www.nice.org.uk/guidance/ng158",
)
ACOG = Source(
    "ACOG",
    "American College of Obstetricians and Gynecologists patient and clinical guidance",
    "https://www.acog.org/",
)
AAP = Source(
    "AAP HealthyChildren",
    "American Academy of Pediatrics: symptom checker guidance (HealthyChildren.org)",
    "https://www.healthychildren.org/",
)
NICE_NG12 = Source(
    "NICE NG12",
    "Suspected cancer: recognition and referral",
    "https://www.nice.org.uk/guidance/ng12",
)
MHRA_YELLOW = Source(
    "MHRA Yellow Card / BNF",
    "BNF adverse-effect guidance and MHRA Yellow Card reporting",
    "https://yellowcard.mhra.gov.uk/",
)
BTS_SIGN_ASTHMA = Source(
    "BTS/SIGN asthma",
    "BTS/SIGN British guideline on the management of asthma (SIGN 158): acute asthma severity (moderate, acute severe, life-threatening)",
    "https://www.brit-thoracic.org.uk/quality-improvement/guidelines/asthma/",
)
NICE_NG115 = Source(
    "NICE NG115",
    "Chronic obstructive pulmonary disease in over 16s: diagnosis and management (exacerbations)",
    "https://www.nice.org.uk/guidance/ng115",
)
NICE_NG217 = Source(
    "NICE NG217",
    "Epilepsies in children, young people and adults (first seizure, prolonged or repeated seizures, status epilepticus)",
    "https://www.nice.org.uk/guidance/ng217",
)
NICE_CG109 = Source(
    "NICE CG109",
    "Transient loss of consciousness ('blackouts') in over 16s: initial assessment, red flags and uncomplicated faint",
    "https://www.nice.org.uk/guidance/cg109",
)
POISON_CENTERS = Source(
    "America's Poison Centers",
    "America's Poison Centers / Poison Help line 1-800-222-1222 (UK: NPIS TOXBASE via NHS 111)",
    "https://poisonhelp.hrsa.gov/",
)
LIFELINE_988 = Source(
    "988 Lifeline",
    "988 Suicide & Crisis Lifeline (call or text 988; UK: Samaritans 116 123): suicide risk and safety planning",
    "https://988lifeline.org/",
)
NICE_NG222 = Source(
    "NICE NG222",
    "Depression in adults: treatment and management (and NICE CG113 generalised anxiety and panic disorder)",
    "https://www.nice.org.uk/guidance/ng222",
)
JBDS_HYPO = Source(
    "JBDS hypoglycaemia",
    "Joint British Diabetes Societies: the hospital management of hypoglycaemia in adults with diabetes (rule of 15)",
    "https://abcd.care/resource/current/jbds-01-hospital-management-hypoglycaemia-adults-diabetes-mellitus",
)
ESVS_ALI = Source(
    "ESVS 2020 acute limb ischaemia",
    "European Society for Vascular Surgery 2020 guidelines on acute limb ischaemia (pain, pallor, pulselessness, paraesthesia, paralysis, cold)",
    "https://doi.org/10.1016/j.ejvs.2019.09.006",
)
