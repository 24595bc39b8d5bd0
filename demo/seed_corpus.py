"""Build ``seed_corpus.csv``: the labelled seed corpus for the triage classifier.

Run from the repository root (an optional argument writes elsewhere, e.g. to diff)::

    python demo/seed_corpus.py [OUT.csv]

Deterministic (fixed random seed), de-duplicated on lower-cased text. Two parts:

* ``HAND_WRITTEN``: irregular messages written by hand, one per line as
  ``care_level|intent|text`` (the text may itself contain ``|``).
* Template messages: openers x who x concern x duration x closer, with a little noise
  (lower-casing, dropped apostrophes, a typo, a second unrelated request).

Every message carries a **care level**, the nurse-triage disposition:

* ``emergency`` - call 911 / go to the emergency department now;
* ``same_day`` - a clinician must see or call the patient today;
* ``within_3_days`` - an appointment within 1-3 days;
* ``within_2_weeks`` - a routine appointment or routine clinician action (refills,
  results questions with no symptom, screening, vaccines);
* ``self_care`` - home-care advice, no visit needed;
* ``administrative`` - no clinical content (billing, parking, forms, appointment logistics).

The CSV columns are ``text,urgency,intent,care_level,origin``. ``urgency`` follows from the
care level (``URGENCY_OF``): emergency -> emergent, same_day -> urgent, within_3_days /
within_2_weeks / self_care -> routine, administrative -> non_clinical. ``intent`` is one
of symptom, medication, appointment, test_results, billing_admin, other. ``origin`` is
``hand`` for a ``HAND_WRITTEN`` row and ``template`` for a generated one.

All text is invented; there is no real patient data.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

SEED = 20240611
# The corpus is runtime data (the classifier's seed training set), so it lives with triage.
OUT = Path(__file__).resolve().parents[1] / "triage" / "data" / "seed_corpus.csv"
COLUMNS = ["text", "urgency", "intent", "care_level", "origin"]

# care level -> urgency (the classifier's coarser label)
URGENCY_OF = {
    "emergency": "emergent",
    "same_day": "urgent",
    "within_3_days": "routine",
    "within_2_weeks": "routine",
    "self_care": "routine",
    "administrative": "non_clinical",
}
CARE_LEVELS = tuple(URGENCY_OF)
INTENTS = ("symptom", "medication", "appointment", "test_results", "billing_admin", "other")
ORIGINS = ("hand", "template")

HAND_WRITTEN = """
emergency|symptom|my husband is having chest pain that goes into his jaw and hes sweating a lot what do we do
emergency|symptom|Pt called, states she has had crushing chest pressure x 30 min, nauseated. Advised 911.
emergency|symptom|i cant breathe good and my lips look kind of blue
emergency|symptom|My mom's face looks droopy on one side and she isn't making sense when she talks. This started about 20 min ago.
emergency|symptom|Hi my son is 5 weeks old and his temp is 100.9 rectally. He's eating ok but I wanted to check
emergency|symptom|I'm 9 weeks pregnant and I'm bleeding a lot and cramping really bad
emergency|symptom|he fell off the ladder and hit his head and now he keeps throwing up and seems confused
emergency|symptom|I feel like my throat is closing up, I just started the amoxicillin today
emergency|symptom|my daughter took a bunch of my sertraline, I don't know how many, she's 16
emergency|symptom|honestly i dont see the point anymore. ive been thinking about ending it. i have my pills saved up
emergency|symptom|cant stop throwing up blood. its dark red. please call
emergency|symptom|my dad passed out at dinner and he's still really out of it
emergency|symptom|worst headache of my life came on all of a sudden while i was lifting weights. vomited twice
emergency|symptom|Sudden loss of vision in my left eye about an hour ago, like a curtain came down
emergency|symptom|my wife had a seizure for like 5 min, she's never had one before, she's very sleepy now
emergency|symptom|pain in my belly is unbearable, cant stand up straight, started on the right side
emergency|symptom|caller reports 2 y/o swallowed a button battery from a remote approx 1 hr ago
emergency|symptom|my grandmother has a fever of 102 and shes confused and not making sense, she lives with us
emergency|symptom|SOB at rest, cant finish a sentence, my inhaler isnt doing anything
emergency|symptom|i cut my leg on a saw and its bleeding through everything, I've been holding pressure 20 min
emergency|symptom|my baby is 7 weeks and feels really hot, 101.2 on the forehead thermometer and hes not eating
emergency|symptom|I'm having thoughts of hurting myself and I don't feel safe tonight
emergency|symptom|He says he wants to kill his brother and he has a gun in the house. I'm scared
emergency|symptom|my face and lips swelled up after the bee sting and I'm wheezing
emergency|symptom|my chest feels tight and heavy and my left arm is numb. Im 58 and diabetic
emergency|symptom|Chest pain and shortness of breath since I got off the plane yesterday, my calf is swollen too
emergency|symptom|hubby collapsed in the garage, he's breathing but won't answer me
emergency|symptom|my speech is slurred and my right hand wont work right. started 10 min ago
emergency|symptom|im 30 wks pregnant and have a bad headache, seeing spots and my bp was 165/110 at home
emergency|symptom|vomiting blood and feel dizzy, I'm on warfarin
emergency|symptom|my daughter is 3 and had a febrile seizure, it stopped but she's still not acting like herself
emergency|symptom|the baby is 10 days old and has a fever of 100.5. Do we need to come in?
emergency|symptom|I took all my husbands oxycodone on purpose. I'm sorry
emergency|symptom|my son drank something from under the sink, I think it was drain cleaner, he's crying and drooling
emergency|symptom|i have severe pain in my stomach and my stomach is hard as a rock and i have a fever
emergency|symptom|cant feel the left side of my face and my arm feels heavy. is this a stroke?
emergency|symptom|I passed out in the shower and hit my head on the tub. theres a lot of blood
emergency|symptom|my 2 yr old is breathing really fast and his ribs are sucking in with each breath
emergency|symptom|nurse note: wife called, pt is unresponsive, 911 called by family
emergency|symptom|Hi. My chest has been hurting on and off since last night, now it's constant and I feel sweaty and sick
emergency|symptom|my heart is racing over 180 and I feel like I'm going to faint
emergency|symptom|i have a really bad allergic reaction, hives everywhere and my tongue feels thick
emergency|symptom|been coughing up blood since this morning, a lot more than streaks
emergency|symptom|my mom is on blood thinners and she fell and hit her head, now she has a bad headache
emergency|symptom|pt's mother reports infant 6 wks old w/ temp 100.8 and poor feeding
emergency|symptom|18 weeks pregnant, gush of fluid and now bleeding, I'm alone at home
emergency|symptom|sudden confusion, my husband doesnt know where he is and his words are jumbled
emergency|symptom|i want to die. i dont want to be here anymore
emergency|medication|I accidentally took my insulin twice tonight, 40 units each, and now I feel shaky and sweaty
emergency|medication|started the new blood pressure med and my tongue and lips are swelling up
emergency|medication|my toddler got into my grandma's heart pills, maybe 4 missing
emergency|test_results|the lab just called saying my potassium is 7.1 and to go to the ER?? is that right
emergency|test_results|Got a call that my hemoglobin was 5.8 and I should go to the emergency room, I feel very weak and dizzy
emergency|symptom|baby won't wake up for feeds and is really floppy, she's 3 weeks old
emergency|symptom|my belly is swollen and rigid and I can't stop vomiting, had surgery last week
emergency|symptom|pain in chest when breathing, coughing up pink frothy stuff
emergency|symptom|my son says he's going to hurt someone at school tomorrow, what do I do
emergency|other|Not sure who to message. my roommate is texting me goodbye messages and isnt answering, she's your patient
emergency|symptom|I have the worst stomach pain ever, 10/10, and I threw up green stuff
emergency|symptom|Dad is sweating, pale, says his chest feels like someone is standing on it
same_day|symptom|fever of 103.2 since last night, body aches, chills. Took tylenol, it came down a little
same_day|symptom|burning when i pee and now my back hurts on the right side and i have a fever
same_day|symptom|my son has had diarrhea and vomiting since yesterday and hasn't peed since this morning
same_day|symptom|I noticed blood in my stool twice today, bright red, no pain
same_day|symptom|The redness around my incision is spreading and it's warm and draining yellow stuff
same_day|symptom|my ankle is really swollen and I can't put weight on it after I twisted it
same_day|symptom|earache and fever 102 in my 4 year old, she was up all night crying
same_day|symptom|my bp has been 182/104 the last two mornings. no headache or anything
same_day|symptom|sugar readings have been over 400 for two days even with my insulin
same_day|symptom|i'm 34 weeks and I havent felt the baby move much today
same_day|symptom|can't keep anything down since last night, even water. feeling lightheaded
same_day|symptom|red streaks going up my arm from a cat bite on my hand
same_day|symptom|pink eye in both eyes and now my eye is swollen shut and painful
same_day|symptom|I think I have a UTI, burning and going every 10 minutes. Can someone send something in today?
same_day|symptom|asthma is flaring, using my albuterol every 3 hours, still able to talk fine
same_day|symptom|My daughter has a rash that started on her legs and it looks like little purple dots, she's otherwise ok
same_day|symptom|severe pain in my lower back going into my groin, I've had kidney stones before
same_day|symptom|swollen painful calf on one side, no trouble breathing
same_day|symptom|my gout is back in my big toe, can barely walk, need something today
same_day|symptom|been having diarrhea 8-10 times a day for 3 days, feeling weak
same_day|symptom|my dog bit my hand and it's swollen and throbbing, it happened yesterday
same_day|symptom|shingles rash on my forehead near my eye, started this morning
same_day|symptom|my son has a fever of 104 but he's drinking and playing when the motrin kicks in
emergency|symptom|I can't pee, been trying since 6 am and my lower belly hurts
emergency|symptom|I'm 26 weeks pregnant with a headache that won't go away and my feet are swelling more
same_day|symptom|nosebleed for 20 minutes that finally slowed down, this is the third one today
same_day|symptom|dizzy and lightheaded every time I stand up since starting the new water pill
same_day|symptom|tooth abscess, my jaw and cheek are swelling up, cant open mouth all the way
emergency|symptom|painful swollen testicle since this afternoon
same_day|symptom|postpartum 10 days, fever 101.5 and my incision is red
same_day|symptom|black stool since yesterday, I take ibuprofen daily for my knees
same_day|symptom|migraine for 3 days that nothing is touching, same as my usual just won't quit
same_day|symptom|I was exposed to covid and now have fever and cough, I'm on chemo
same_day|symptom|elderly mom is more confused than usual the past 2 days, smells like a UTI
same_day|medication|I ran out of my insulin and the pharmacy says it needs a new rx, I have none left for tonight
same_day|medication|out of my seizure medicine (keppra) since yesterday, pharmacy needs authorization
same_day|medication|broke out in an itchy rash all over after starting bactrim, no trouble breathing or swelling
same_day|medication|missed 3 days of my transplant meds because of a mixup at the pharmacy
same_day|medication|The pharmacy gave me 50 mg tablets instead of 5 mg and I took one this morning. I feel ok but worried
same_day|medication|I'm vomiting and can't keep my lithium down, what do I do about my dose
same_day|medication|ran out of my blood thinner (eliquis) 2 days ago, need refill asap
same_day|medication|Since starting lisinopril my lips feel a little puffy, not my tongue or throat
same_day|test_results|they called me about a critical result on my blood work, can someone explain? I can't reach anyone
same_day|test_results|my INR came back 5.2 this morning, what should I do with my warfarin tonight
same_day|test_results|The urgent care said my chest xray showed pneumonia and to follow up with you within 24 hours
same_day|test_results|my sodium was 124 on the labs from yesterday, the portal flagged it red. I feel kind of off
same_day|appointment|need to be seen today, my cough is worse and I'm running a fever of 102.8
same_day|appointment|Can I get a same day appt? I think my ear infection is back, fever and drainage
emergency|appointment|My son's cast is too tight, his toes are cold and tingly. Can we come in today?
same_day|symptom|vaginal discharge with fever and pelvic pain, started 2 days ago
same_day|symptom|hives all over after eating shellfish, took benadryl, breathing ok
same_day|symptom|i'm having a bad panic attack and cant calm down, i dont want to hurt myself i just need help calming down
same_day|symptom|my husband's leg wound from surgery is opening up and oozing
same_day|symptom|high fever on and off for 4 days in my 2 year old, 103.5 tonight
self_care|symptom|had a cold for about a week now, mostly stuffy nose and a cough. no fever. anything I can take?
within_2_weeks|symptom|My knee has been hurting for a couple months, worse on stairs. Should I make an appointment?
within_2_weeks|symptom|I've had heartburn most nights after dinner. Tums help a little. Is there something better?
self_care|symptom|small itchy rash on my arm for a week, not spreading, no fever
self_care|symptom|hi doc, my back is sore from gardening this weekend. tylenol helps. just fyi
within_2_weeks|symptom|I've been more tired than usual lately. Could we check my thyroid at my next visit?
self_care|symptom|my son has a mild sore throat and runny nose, no fever, eating fine
self_care|symptom|I get a little dizzy when I stand up too fast sometimes, it passes in a few seconds
within_2_weeks|symptom|I've noticed some hair loss over the past few months, is that a side effect of anything?
within_2_weeks|symptom|i have a wart on my finger that won't go away, can you freeze it?
self_care|symptom|Constipation on and off for a few weeks. Eating more fiber. Any other tips?
self_care|symptom|my toenail looks yellow and thick, think its fungus
self_care|symptom|mild headache in the afternoons, I think it's from my screen time at work
self_care|symptom|my daughter has had a cough at night for 2 weeks, no fever, otherwise fine
within_2_weeks|symptom|occasional ringing in my left ear, been going on a month
self_care|symptom|I've been having trouble sleeping since my job changed. Not depressed, just can't fall asleep
self_care|symptom|allergies acting up this spring, itchy eyes and sneezing. Can I take zyrtec and flonase together?
within_2_weeks|symptom|mole on my back looks a little bigger, my wife noticed. can I get it checked
within_2_weeks|symptom|I have a dry cough lingering after covid 3 weeks ago. otherwise feeling better
self_care|symptom|Hi, I have been having some mild knee swelling after running. Ice helps
within_2_weeks|symptom|the eczema on my son's hands is back, the cream ran out
within_2_weeks|symptom|my periods have been heavier the last few months, no pain. Wanted to mention it before my physical
within_2_weeks|symptom|pain in my wrist when I type a lot, some tingling in my fingers at night
within_2_weeks|symptom|feeling a bit down since the holidays. not thinking of hurting myself. would like to talk to someone
self_care|symptom|denies chest pain, just some muscle soreness after lifting, wanted to let you know
within_2_weeks|symptom|I had some chest pain last year and the stress test was normal. No chest pain now, just asking if I need a follow up
within_2_weeks|symptom|my mother had a stroke years ago and I want to know if I should be screened
within_2_weeks|symptom|my friend fainted at the gym and now I'm worried about my own heart, can we talk about it at my physical?
self_care|symptom|no fever, no vomiting, just a little nausea in the morning. I'm 7 weeks pregnant, is this normal?
self_care|symptom|Baby is 4 months, has a bit of a runny nose, no fever, feeding fine
self_care|symptom|I have had diarrhea once or twice a day for 3 days, drinking fine, no blood
within_2_weeks|symptom|Hi, my feet are always cold. Is that something to worry about?
within_2_weeks|symptom|sore shoulder when I reach overhead, been a few weeks
within_2_weeks|medication|Can I please get a refill on my lisinopril 20mg? I have about a week left.
within_2_weeks|medication|need refill of atorvastatin sent to the CVS on Main st please
self_care|medication|is it ok to take ibuprofen with my blood pressure medicine?
within_2_weeks|medication|the metformin is upsetting my stomach a little. is there an extended release version?
within_2_weeks|medication|I'd like to try coming off my sertraline, can we discuss a taper plan?
within_2_weeks|medication|my levothyroxine refill was denied, says I need labs first. ok to order them?
self_care|medication|can i take my vitamin d at the same time as my thyroid pill
within_2_weeks|medication|pharmacy says my inhaler isn't covered anymore, is there an alternative?
self_care|medication|I forgot to take my statin last night, should I take two today?
within_2_weeks|medication|refill request: omeprazole 20 mg, 90 day supply, express scripts
within_2_weeks|medication|Can my prescription for birth control be sent to the new pharmacy on 5th?
within_2_weeks|medication|i need my adderall refilled, i know it has to be sent every month
self_care|medication|what time of day is best to take amlodipine? I've been taking it at night
self_care|medication|The new allergy medicine makes me a little drowsy. is there one that doesn't?
self_care|medication|I stopped the antibiotic a day early because I felt better, is that ok?
within_2_weeks|medication|do I need to keep taking the iron pills after this bottle is done?
within_2_weeks|medication|Please renew my epipen prescription, the one I have expires next month
within_2_weeks|medication|refill on my seizure medication please, 3 refills left on my other one
within_2_weeks|test_results|I saw my cholesterol results on the portal, LDL 162. What does that mean for me?
within_2_weeks|test_results|Could you explain my A1c result? It says 6.1.
within_2_weeks|test_results|Got my mammogram results, it says BIRADS 1? is that good
within_2_weeks|test_results|my vitamin D was low, should I take a supplement?
within_2_weeks|test_results|the xray report on my knee says mild degenerative changes, what does that mean?
within_2_weeks|test_results|Any update on my blood work from last Tuesday? I haven't seen anything in the portal yet
within_2_weeks|test_results|my TSH came back slightly high, do I need to change my dose?
within_2_weeks|test_results|I'm looking at my urine test and it says trace protein. should I be worried?
within_2_weeks|test_results|the echo results say normal ejection fraction. does that mean my heart is ok?
within_2_weeks|test_results|when will my biopsy results be back? it's been a week
within_2_weeks|test_results|Thank you for calling about my labs. Can you remind me which ones were off?
within_2_weeks|test_results|i got my covid test result, negative. can I go back to work?
within_2_weeks|test_results|My pap came back ASCUS HPV negative, what's the next step?
within_2_weeks|test_results|sleep study results posted, can someone go over them with me
within_2_weeks|test_results|potassium 5.3 flagged high on my labs, I feel totally fine
within_2_weeks|appointment|I need to schedule my annual physical, any openings in the next month?
within_2_weeks|appointment|can I get an appointment for my knee pain sometime next week
within_2_weeks|appointment|I'd like to see someone about my acne, is Dr. Nguyen taking new patients?
within_2_weeks|appointment|Need a follow up visit for my blood pressure, dr said 3 months
within_2_weeks|appointment|my son needs his 4 year old checkup and shots
within_2_weeks|appointment|can I do a video visit about my anxiety meds instead of coming in
within_2_weeks|appointment|I need a referral to dermatology for a mole check
within_2_weeks|appointment|Need to schedule a pap smear, it's been 3 years
within_3_days|appointment|can I get in for a sinus infection this week? it's been 10 days, getting worse slowly
within_2_weeks|appointment|I'd like to schedule a consultation about weight loss options
administrative|other|Thank you so much for taking care of my mom last week, she's doing great
within_2_weeks|other|Is it safe to get the flu shot and covid booster on the same day?
within_2_weeks|other|what vaccines do I need before traveling to Kenya in June?
self_care|other|Just an update, the rash cleared up with the cream. Thanks!
self_care|other|are there any diet changes you recommend for high cholesterol
within_2_weeks|other|my daughter starts college and needs her immunization record, does she need a meningitis booster?
self_care|other|question about whether I can exercise after my hernia repair, it's been 6 weeks
within_2_weeks|other|FYI I'm going to be traveling for 2 months, how do I handle my refills?
administrative|billing_admin|I got a bill for $240 but my insurance said it should be covered. Can someone look into it?
administrative|billing_admin|How do I update my insurance info? I switched to Aetna in January
administrative|billing_admin|can you fax my records to Dr. Patel's office? fax 555-0143
administrative|billing_admin|I need a copy of my immunization records for work
administrative|billing_admin|my portal login isn't working, it says account locked
administrative|billing_admin|Can I set up a payment plan for my balance?
administrative|billing_admin|Please update my address, I moved to 14 Oak Lane
administrative|billing_admin|need FMLA paperwork filled out for my surgery next month, who do I send it to
administrative|billing_admin|why was I charged a no show fee? I called to cancel
administrative|billing_admin|The pharmacy says the prior auth for my humira is still pending. can you check on it?
administrative|billing_admin|i need a letter for my landlord about my emotional support animal
administrative|billing_admin|my statement shows two charges for the same visit on 3/14
administrative|billing_admin|Can you send me an itemized bill for my HSA?
administrative|billing_admin|Do you accept Medicaid? My sister wants to switch to your practice
administrative|billing_admin|need a work note for the days I was out, Monday through Wednesday
administrative|billing_admin|how do I give my husband proxy access to my portal
administrative|billing_admin|The school needs a form signed for my sons sports physical, can I drop it off?
administrative|billing_admin|Please change my preferred pharmacy to Walgreens on Elm
administrative|billing_admin|Why did my insurance deny the claim for my MRI? They said missing referral
administrative|billing_admin|i want to request my medical records from 2019 to 2022
administrative|appointment|I need to reschedule my appointment on Tuesday to later in the week
administrative|appointment|please cancel my appt tomorrow at 2, something came up
administrative|appointment|What time is my appointment on the 12th? I can't find the reminder
administrative|appointment|Running 15 minutes late for my 10:30, sorry!
administrative|appointment|Can I move my physical from March to April?
administrative|appointment|confirming my appointment for friday at 9am
administrative|appointment|is there parking at the new clinic location for my appointment?
administrative|appointment|do I need to fast before my appointment next week? its just a checkup
administrative|appointment|Got a text reminder for an appointment I didn't make, can you check?
administrative|other|What are your hours on Saturday?
administrative|other|thank you!
administrative|other|ok sounds good
administrative|other|who is my primary care doctor now that Dr. Adams left?
administrative|other|Is the clinic open on Memorial Day?
administrative|other|Hi, I left a voicemail yesterday and haven't heard back, just checking
administrative|other|Do you have a Spanish speaking interpreter available?
administrative|other|got it, thanks for the info
administrative|other|Can I bring my service dog to my appointment?
administrative|other|I'd like to leave a compliment for the front desk staff, they were wonderful
administrative|other|is there a way to turn off the text message reminders
emergency|symptom|so this is probably nothing but i've had this pressure in my chest since i woke up and now my jaw aches too. my wife says call so im calling
emergency|symptom|Good afternoon, my father (your patient, DOB on file) is slurring and dragging his left leg since lunch. We are heading to the ER but wanted you to know.
emergency|symptom|cant get air in. tried nebulizer twice. help
emergency|symptom|front desk note: pt walked in c/o chest pain 8/10, pale and diaphoretic. RN notified
emergency|symptom|i'm scared. i took like 20 tylenol a few hours ago and now i regret it
emergency|symptom|my 4 week old daughter has a temp of 38.4 and is really sleepy, do i wait for the office to open?
emergency|symptom|My wife is 36 weeks and suddenly bleeding bright red, soaked a pad in 10 minutes
emergency|symptom|My son's lips are swelling and he's coughing after eating a cookie with peanuts, we have no epipen
emergency|symptom|hi i fell down the stairs and my head is bleeding and ive thrown up twice and i feel really sleepy
emergency|symptom|grandpa is breathing weird and we can't wake him up properly
emergency|symptom|husband says the room is spinning and he can't walk straight and his words sound funny
emergency|symptom|so much blood from my nose for over an hour, I'm on blood thinners, it's dripping down my throat
same_day|symptom|Hi there, my daughter (7) has had a fever of 102-103 for 3 days now, she's drinking but really tired. Can she be seen today?
same_day|symptom|the cut on my finger from yesterday is red and swollen and throbbing, and now theres pus
same_day|symptom|I have had a UTI before and this feels the same but now I have chills too. can you call something in today
same_day|symptom|vomiting since 4am, maybe 8 times, can't even keep sips of gatorade down
same_day|symptom|My toddler has a fever of 103 and pulling at his ear, he's miserable
same_day|symptom|yeah so my bp cuff at home says 188/112, took it 3 times. I feel fine otherwise but figured i'd ask
same_day|symptom|my blood sugar has been in the 300s-400s for two days and i'm peeing constantly and super thirsty
same_day|symptom|bright red blood when I wipe after a BM, a fair amount, not pregnant, second time this week
same_day|symptom|Right eye is red and painful and light hurts it, I wear contacts
same_day|medication|i lost my bag with all my meds in it including my insulin pens, I need replacements today
same_day|medication|doc the new antibiotic is giving me bad diarrhea like 10x a day, should I stop it?
same_day|test_results|my pathology report says carcinoma?? nobody has called me, what does this mean
same_day|test_results|ER told me my CT showed a kidney stone 7mm and to follow up with you ASAP, pain is controlled
self_care|symptom|long story short, my knee has been clicking for a few months. no swelling. just wondering if I should get it looked at, no rush
self_care|symptom|Hello! Quick question - my son (10) keeps getting nosebleeds when the heat is on at night. They stop in a few minutes. Anything we can do?
self_care|symptom|since my covid shot my arm has been sore for 2 days, normal right?
within_2_weeks|symptom|I'm doing a lot better after the antibiotics, cough almost gone. Should I still come to my follow up?
within_2_weeks|symptom|I've been having some mild anxiety at work, nothing severe, would like to talk about options at my next visit
within_2_weeks|symptom|my husband snores really loudly and sometimes stops breathing for a second at night (per me, lol). sleep study?
self_care|symptom|My toddler has had a low fever of 100.2 since this morning, still playing and eating
within_2_weeks|symptom|had a little spotting between periods this month, not pregnant, no pain. should I mention it at my annual?
self_care|symptom|the bruise on my shin from bumping the coffee table is taking forever to go away
self_care|symptom|i've had some chest wall soreness where I got hit with a basketball, hurts when I press on it, breathing fine
within_2_weeks|medication|hi!! can you pls send my fluoxetine to the new walgreens, the old one closed. thank you!!!
within_2_weeks|medication|quick q, can i split my 50mg losartan in half? the doc mentioned lowering it
within_2_weeks|medication|My mother (I'm her caregiver) needs her donepezil refilled, she has 5 days left
within_2_weeks|medication|is the shingles vaccine covered and do I need it if I'm 52
self_care|medication|I've been on prednisone for a week for my rash, do I need to taper when I stop?
within_2_weeks|test_results|saw the MRI report on my back, lots of big words. herniated disc L4-5? What's the plan?
within_2_weeks|test_results|my A1c went from 7.8 to 6.9!! does that mean I can lower my metformin?
within_2_weeks|test_results|results for my husband's stool test? he did it 2 weeks ago
within_2_weeks|test_results|hi, my kid's lead test came back, what number is normal?
within_2_weeks|test_results|the bone density scan says osteopenia. what can I do
within_2_weeks|appointment|I'd like to establish care with a new PCP, I just moved here
within_2_weeks|appointment|can I bring my son in for his ADHD med check, we're due
within_2_weeks|appointment|is there a nurse visit for a B12 shot this week?
within_2_weeks|appointment|need an appt to discuss my mammogram callback
within_2_weeks|other|do you offer nutrition counseling?
within_2_weeks|other|I'm training for a marathon, any concerns with my asthma?
within_2_weeks|other|Do I need a tetanus booster? I can't remember my last one
within_2_weeks|other|my kids both had chickenpox shots, do they need another before camp?
self_care|other|Is there a support group for new diabetics you can recommend?
self_care|other|Thank you for the referral, the physical therapy is helping a lot
administrative|billing_admin|Hello, I received a statement saying I owe $1,340 from a visit in August but my EOB says $0 patient responsibility. Please advise. Account # on file.
administrative|billing_admin|I need my kids shot records for school registration by friday
administrative|billing_admin|can you resend the link to pay my bill online, the old one expired
administrative|billing_admin|my name changed after I got married, how do I update it in my chart
administrative|billing_admin|the insurance card I gave you is wrong, the new member ID is on the card I'm uploading
administrative|billing_admin|Do you take Tricare?
administrative|billing_admin|I need a letter saying I'm fit to return to work, my employer requires it
administrative|billing_admin|who do I talk to about a billing error? I've called 3 times
administrative|billing_admin|please remove my old email from my account
administrative|billing_admin|hi i need the disability paperwork my doctor filled out resent to my HR, fax 555-0199
administrative|billing_admin|How much does a sports physical cost without insurance?
administrative|billing_admin|I can't see my daughter's chart anymore in the app now that she turned 12
administrative|billing_admin|collections called me about a bill I never got, please help
administrative|appointment|my mom has an appointment thursday but she can't make it, can we do next week
administrative|appointment|Do you have any evening or weekend appointments?
administrative|appointment|Hi I need to cancel tomorrow, car broke down. I'll call to reschedule
administrative|appointment|what's the address of the clinic where my appointment is? the new one or the old one
administrative|appointment|can I check in online for my appointment?
administrative|other|Ok
administrative|other|Thanks, that answers my question
administrative|other|I think this message was sent to me by mistake, it's for someone else
administrative|other|is Dr. Smith still at this office? I haven't seen her in a while
administrative|other|Happy holidays to the whole team!
administrative|other|how do I send a photo through the portal?
administrative|other|can you call my daughter instead of me, she handles my appointments
administrative|other|please stop sending me surveys
administrative|other|Is there a wheelchair available at the entrance?
administrative|other|Do I need to wear a mask in the waiting room?
emergency|symptom|Hi, sorry to message so late but my husband (he's 61, has diabetes) started having this pressure in the middle of his chest about 40 min ago while we were watching tv, now he says it's going into his left shoulder and he's clammy and kind of grey looking. He took an aspirin. Do we wait or go in?
emergency|symptom|so my daughter is 5 weeks old and she was fine this morning but tonight she feels really warm and the thermometer under her arm said 100.9, she's feeding less and more sleepy than normal. our pediatrician's office is closed, what should we do
emergency|symptom|I know this sounds dramatic but I've been feeling like there's no way out for weeks, I stopped taking my meds and tonight I wrote letters to my kids. I don't really want help I just wanted someone to know
emergency|symptom|My mom (82) was talking to me on the phone and all of a sudden her words stopped making sense, she couldn't find the word for cup, and now she says her right hand feels heavy. My brother is with her. Please advise ASAP
emergency|symptom|Hello, I'm 11 weeks pregnant and started bleeding about an hour ago, at first it was spotting but now I've soaked through two pads and the cramps are getting worse, I also feel lightheaded when I stand up. My OB doesn't answer.
emergency|symptom|pt's daughter called, states pt (78 y/o, on eliquis) slipped in the bathroom this am and hit her head on the sink, initially ok but now vomiting x2 and more confused than baseline. Daughter asking if ok to wait for appt tomorrow.
emergency|symptom|my son ate some peanut butter crackers at a party (he's allergic) and now his lips are huge, he has hives on his neck and he keeps clearing his throat and says it feels tight. We used his epipen 5 min ago, what now
emergency|symptom|i've had bad pain in my right lower belly since last night that's gotten way worse, it hurts to walk or even when the car goes over bumps, I threw up twice and have a fever of 101. I still have my appendix
same_day|symptom|Good morning, I've had a UTI kind of feeling for 3 days, burning and going all the time, and I was going to wait for my appointment next week but now I have pain in my right back and I had chills last night. No vomiting. Can something be called in today?
same_day|symptom|hi there my 3 year old has had a fever on and off for 4 days now, highest was 103.4 last night, she's drinking ok and peeing but she's really tired and now she says her ear hurts. Do we need to be seen today or can it wait until Monday?
same_day|symptom|I cut my hand on a can lid yesterday, cleaned it and put a bandaid on, but today it's really red and swollen around the cut and there's a red line going up toward my wrist. No fever that I know of. Should I come in?
same_day|symptom|my blood pressure has been running high all week, this morning it was 184/106 and then 179/104 when I rechecked. I don't have a headache or chest pain or anything, just a little tired. I take amlodipine and lisinopril. What should I do?
same_day|symptom|For the past 2 days I've had diarrhea probably 10+ times a day and I can only keep down small sips of water, I'm getting dizzy when I stand and my mouth is really dry. I'm on metformin and wasn't sure if I should keep taking it.
same_day|medication|Hello, I'm traveling and realized I left my insulin at home. I have maybe one day of my long acting left in the pen. Can you send a prescription to a pharmacy here? I'm in Denver until Sunday. Thank you, sorry for the trouble
same_day|medication|I started the new antibiotic (cephalexin) 3 days ago and today I have an itchy red rash all over my chest and arms. No swelling of my lips or tongue and I'm breathing fine. Should I stop it? I still have 4 days left.
same_day|test_results|I got a call from the lab saying my potassium was high, 6.1, and that the doctor would call me, but nobody has called and the office closes soon. I feel ok, maybe a little weak. Is this something I need to do something about today?
within_2_weeks|symptom|Hi Dr. Patel, just an update since my visit - the cough is a lot better, only really in the mornings now, and I've been sleeping through the night. I finished the prednisone yesterday. No fever. Do I still need the follow up chest xray you mentioned?
self_care|symptom|Hello! My 7 year old has had a runny nose and a mild cough for about 5 days, no fever, eating and playing normally, school says he can come as long as no fever. Anything we should be doing besides fluids and rest? Thanks so much
self_care|symptom|I've been getting heartburn a few nights a week, mostly after dinner or if I lie down too soon. Tums work for a bit. No trouble swallowing, no weight loss, no black stools. Would you recommend trying something like omeprazole or should I come in?
within_2_weeks|symptom|My knees have been achy for months, worse in the morning and after sitting for a long time, better once I get moving. No swelling or redness. Tylenol helps some. I'd like to talk about options at my physical in March, or sooner if you think I should.
within_2_weeks|symptom|not urgent at all but I've noticed a small mole on my upper back that my wife thinks looks darker than it used to. It doesn't itch or bleed. Could I get a skin check sometime in the next few weeks?
within_2_weeks|medication|Hi, I'm running low on my levothyroxine 75 mcg (about 10 days left) and my sertraline 50 mg (about 2 weeks). Could you please send refills for both to the Walgreens on Elm St? Also, is it ok to keep taking my calcium at the same time as the thyroid pill?
within_2_weeks|medication|My doctor started me on atorvastatin last month and I've had some mild muscle aches in my legs, nothing terrible, mostly after work. Is that a known side effect and should I keep taking it until my next appointment?
within_2_weeks|test_results|I just saw my lab results posted in the portal, my cholesterol total is 232 and LDL 151, HDL 48, triglycerides 165. A1c 5.8. The doctor hasn't commented yet. What do these mean and do I need to start a medication or can I try diet first?
within_2_weeks|test_results|Hi, the report from my knee MRI came back and it says "complex tear of the posterior horn of the medial meniscus" and "mild chondromalacia". I have no idea what that means. Can someone explain and tell me what the next step is?
within_2_weeks|appointment|Hello, I'd like to schedule my annual physical and also get my flu shot at the same visit if possible. I'm usually free after 3pm on weekdays or any time Friday. Also I think I'm due for a colonoscopy referral, I'm 46.
within_2_weeks|other|We're planning a trip to Peru in April and will be hiking at high altitude. Do we need any vaccines or medications before we go? My husband has high blood pressure if that matters. Happy to make an appointment if needed.
administrative|billing_admin|Hi, I received a bill for $412.77 for my visit on 2/3 but it looks like it was never sent to my insurance (Blue Cross, member ID on file). Could someone please resubmit the claim? I called the billing number twice and was on hold for 40 minutes both times.
administrative|billing_admin|Hello, my employer needs a form filled out confirming my dates of absence for my surgery in January (FMLA). I uploaded it to the portal under documents. Could the doctor sign it and fax it to HR at the number on the form? They need it by the 15th.
administrative|billing_admin|I switched jobs and now have Aetna instead of Cigna starting this month. I've uploaded pictures of the front and back of the new card. Please update my account before my appointment next Thursday so I don't get billed the old way again. Thanks!
administrative|appointment|Hi, I have an appointment on Tuesday at 10:40 with Dr. Okafor but my daughter's school just scheduled a meeting at the same time. Is there anything later that day or Wednesday morning? If not I can keep the original one. Thank you!
administrative|appointment|Can you tell me if my appointment next week is in person or video? The reminder text just said "visit with your care team" and I'm not sure whether to drive in. Also which building is it in, the new one on Park or the old one?
administrative|other|I just wanted to say thank you to the nurses on the 3rd floor and to Dr. Lee, everyone was so kind to my dad during his stay last month. He's home and doing well now. Please pass this on to them!
administrative|other|Hello, I'm trying to set up the app on my new phone and it keeps saying my date of birth doesn't match. I've tried a few times and now it says to wait 30 minutes. Can someone help me get back in? I don't want to get locked out.
emergency|symptom|chest pain 2 hrs now goin thru to my back like something tearing pls help
emergency|symptom|my dad 74 cant lift his left arm and his mouth is droopy, started like 15 min ago
emergency|symptom|o2 89% on the finger thing and i cant catch my breath just walking to the bathroom
emergency|symptom|bp 220/130 worst headache ive ever had and my vision is blurry
emergency|symptom|sugar 38 and my husband is sweaty and talking nonsense, he wont drink the juice i gave him
emergency|symptom|my coworker just passed out at her desk and shes not waking up properly what do we do
emergency|symptom|baby 6 wks temp 38.2 and hes not feeding pls advise
emergency|symptom|my 8 month old is floppy and hard to wake and has a rash that doesnt go away when i press a glass on it
emergency|symptom|son 14 fever 39.8 stiff neck and says the light hurts his eyes, hes really drowsy
emergency|symptom|seizure still going its been over 5 mins, my son has epilepsy and the rescue med didnt work
emergency|symptom|i took 30 of my paracetamol about an hour ago and now i dont want to die
emergency|symptom|i have a plan to kill myself tonight and i have what i need to do it. just wanted someone to know
emergency|symptom|mom swallowed a handful of her sleeping pills and her bp pills, shes really drowsy and hard to rouse
emergency|symptom|toddler drank some of my vape liquid, hes vomiting and sweaty and pale
emergency|symptom|stung by a wasp 10 min ago, throat feels tight and my voice is going hoarse, no epipen
emergency|symptom|face swelling up fast after eating shrimp and i feel like im going to pass out
emergency|symptom|sob 2day really bad cant talk in full sentences, i have copd and my lips r bluish
emergency|symptom|vomiting coffee ground looking stuff and my poop is black and sticky, i feel faint
emergency|symptom|passing loads of blood from my bottom, big clots, and i feel dizzy and cold
emergency|symptom|7 wks pregnant sharp pain low on the left and pain in my shoulder tip and i nearly fainted in the shower
emergency|symptom|my waters broke at 32 weeks and the fluid is green and im getting cramps every 5 min
emergency|symptom|my 15 yo son woke up with really bad pain in his testicle and hes throwing up
emergency|symptom|got oven cleaner splashed in my eye at work its burning and i cant open it
emergency|symptom|sudden really painful red eye with blurry vision and halos round lights, throwing up
emergency|symptom|my son fell off his bike no helmet, knocked out for about a minute, now keeps asking the same questions over and over
emergency|symptom|my daughter fell off the trampoline and her leg is bent the wrong way, bone poking through the skin
emergency|symptom|dog bit my little girls face, deep cut bleeding a lot and it wont stop with pressure
emergency|symptom|splashed boiling oil on my arm, big white patch with skin peeling off, bigger than my hand, weirdly doesnt hurt much
emergency|symptom|husband type 1, meter just says HI, hes breathing fast and deep and vomiting and confused
emergency|symptom|back pain for a week and now my legs feel numb, cant feel it when i wipe and i wet myself
emergency|symptom|grandma is 88, suddenly cant stand up, very confused, temp 35.1 and breathing really fast
emergency|symptom|heart pounding 190 on my watch, chest hurts and i feel faint, im 45
emergency|symptom|my 3 month old is grunting with each breath and her tummy is sucking in under the ribs, not feeding
emergency|symptom|my kid swallowed 2 little magnets from his sisters toy about an hour ago and now his tummy hurts
emergency|symptom|mom had a stroke in 2019 and since this morning her speech is slurred again and her face looks lopsided
emergency|symptom|wife says sudden headache like being hit with a bat, then stiff neck and vomiting, she never gets headaches
emergency|symptom|11 days after my knee replacement, now sharp chest pain when i breathe in and coughing up a bit of blood
emergency|medication|ive been taking my methotrexate every day this week instead of once a week, now mouth sores and bruises everywhere
emergency|medication|started the new antibiotic and 20 min later hives all over, lips swelling and i feel faint
emergency|symptom|my friend took something at a party and hes not breathing right and we cant wake him
emergency|symptom|belly pain 10/10 and swollen, havent pooped or passed gas in 3 days and i keep vomiting
emergency|symptom|28 weeks pregnant, really bad pain under my ribs on the right, headache and flashing lights
emergency|symptom|after the bee sting my son is wheezing and his tongue looks big, we used the epipen already
emergency|symptom|my daughter 15 says she wants to die and shes locked in the bathroom with razor blades
emergency|symptom|my son had a seizure in the bath and went under the water for a bit, breathing now but very drowsy
emergency|symptom|sudden weakness in both legs, cant walk, numb from the belly button down
emergency|symptom|hypothetically if someone took a whole bottle of tylenol yesterday but feels fine today do they still need to go in? its me
emergency|symptom|dad 91 on blood thinners banged his head on the door frame earlier, now more sleepy than normal and talking nonsense
emergency|symptom|no sob no sweating but my chest feels heavy and my left arm is dead weight, 62 yo smoker
emergency|symptom|bp 80/40 on my home cuff and i feel like im gonna pass out, been vomiting all day
emergency|symptom|temp 40.1 shaking chills confused and heart racing, im on chemo, last dose 8 days ago
emergency|symptom|carbon monoxide alarm went off and we all have headaches and feel sick, my son threw up
emergency|symptom|something flew in my eye while i was grinding metal, still feels like its in there and my vision is blurry
emergency|symptom|toothache and now the swelling is going up to my eye and down my neck, fever and its hard to swallow
emergency|symptom|my eyelid is really swollen red and painful, the eye is pushed out a bit and it hurts to move it, temp 38.9
emergency|symptom|mum 80 fell yesterday, didnt hit her head but today she cant put weight on her right leg and it looks shorter and turned out
emergency|symptom|cant pee at all since last night, belly is tight and bulging and its agony, im 70
emergency|symptom|no fever but my 2 week old is really yellow, sleepy all the time and wont feed
emergency|other|not me but the man next door collapsed in his garden and isnt breathing right, im with him now
emergency|symptom|pls help my wife cant get her words out and her right side is weak, started at breakfast
emergency|symptom|was going to ask about my refill but my chest has been tight for an hour and my left arm is tingling
emergency|symptom|sorry i dont know if this is the right place, my dad (hes 67, diabetic, had a stent 2 years ago) has been saying since dinner that it feels like indigestion but its not going away with the gaviscon, now hes gone pale and sweaty and says the pressure is going into his neck, he doesnt want a fuss and said to just message you instead of calling anyone
emergency|symptom|no chest pain but i cant breathe properly and my lips look blue, o2 says 86
emergency|symptom|my 2 yo pulled a cup of hot tea over himself, big blisters on his chest and arm
emergency|symptom|threw up blood 3 times tonight, bright red, i drink a lot
same_day|symptom|temp 39.8 since last nite, body aches, tylenol barely touching it, im 72 and have copd
same_day|symptom|burning when i pee + fever 38.6 + pain in my right side, pls call
same_day|symptom|my 2 yr old has had d and v since yest and only 1 wet nappy today
same_day|symptom|cat bit my hand last night, now its swollen red hot and hurts to bend my fingers
same_day|symptom|pus coming out of my sons ear, temp 39.2 and he says it really hurts
same_day|symptom|bp 188/115 this am and 185/112 now, bit of a headache, no chest pain no vision changes
same_day|symptom|sugars 350-420 all day even with correction doses, small ketones, drinking loads of water
same_day|symptom|sugar 45 again this morning, 3rd low this week. had juice and im ok now but why does this keep happening
same_day|symptom|calf below my knee swollen red and painful, warm to touch, no sob, long flight home 3 days ago
same_day|symptom|pink eye and now the vision is blurry in that eye and it hurts to look at light
same_day|symptom|think i broke my wrist, fell on it at the skate park, swollen and hurts to move, fingers ok
same_day|symptom|stepped on a rusty nail through my shoe yesterday, now my foot is red and swollen round it and no idea when my last tetanus was
same_day|symptom|throat so sore i can barely swallow my own spit, one side way more swollen, fever, voice sounds muffled
same_day|symptom|shingles blisters right next to my eye and on the tip of my nose, started yesterday
same_day|symptom|my mum 84 is much more confused today than usual and wetting herself, no fever that i can tell
same_day|symptom|10 weeks pregnant, vomiting for 2 days, cant keep water down and hardly peeing
same_day|symptom|22 weeks pregnant and burning when i pee and my lower back aches
same_day|symptom|32 wks and the baby hasnt moved as much as usual today, ive had cold water and laid on my side
same_day|symptom|diarrhoea 6 days since i got back from mexico, blood in it today and bad cramps
same_day|symptom|back from ghana 10 days ago and now fevers chills and headache, i didnt take the malaria tablets
same_day|symptom|asthma bad tonight, using my blue inhaler every 2-3 hrs, can still talk ok, peak flow about 60% of my best
same_day|symptom|my 4 yo has a barking cough and noisy breathing only when hes crying, temp 38.5
same_day|symptom|red streak going up my leg from the cut on my shin, cut is puffy and hot
same_day|symptom|abscess on my bum cheek getting bigger and so painful i cant sit, now a fever
same_day|symptom|think its a kidney infection, right side back pain, shivering, burns to pee, temp 38.9
same_day|symptom|my toddler scratched my eye with her nail, its really painful, watering nonstop and light hurts
same_day|symptom|new flashes and a shower of floaters in my right eye since this afternoon, no curtain over my vision
same_day|symptom|my 6 yo has had a temp of 39.5 on and off for 5 days now, still drinking but no energy
same_day|symptom|baby 4 mo temp 39.1, bit sleepy but wakes up and feeds ok
same_day|symptom|my daughter 2 is breathing fast with a cough and fever, not struggling but off her food, wet nappies ok
same_day|symptom|bleeding after sex and pelvic pain, had my coil put in last week, temp 38
same_day|symptom|positive pregnancy test, about 6 wks, some spotting and mild cramps on one side, no dizziness
same_day|symptom|gout in my knee this time, swollen and hot, can barely walk, temp 37.9
same_day|medication|ran out of my epilepsy meds yesterday, pharmacy shut at 6 and ive got none for tonight
same_day|medication|2 days into amoxicillin and now an itchy rash all over, no swelling, breathing fine
same_day|medication|on prednisone 40mg for my chest and my sugars are in the 380s, type 2 on metformin only
same_day|medication|took my moms blood pressure pill by mistake this morning instead of mine, feel a bit lightheaded
same_day|medication|my 3 yo got into the kids ibuprofen, maybe 3 spoons extra, seems fine rn
same_day|medication|on lithium and had a stomach bug since yesterday, can barely keep anything down, what do i do with my dose
same_day|medication|new bp pill and i keep almost fainting when i stand, bp 92/58
same_day|medication|on warfarin, gums bleeding and big bruises on my arms this week, inr not checked in 6 wks
same_day|medication|condom broke last night, need the morning after pill asap
same_day|test_results|portal says my inr is 6.8 and nobody has called me, no bleeding so far
same_day|test_results|walk in clinic said my ecg was abnormal and to get seen by my own doctor today, i feel ok
same_day|test_results|lab flagged my fasting glucose as 480, ive been really thirsty, peeing loads and lost weight
same_day|appointment|can i be seen today?? cough worse, temp 39, green stuff coming up and it hurts to breathe in deep
same_day|symptom|panic attacks all day today cant stop shaking, no thoughts of hurting myself but i cant cope
same_day|symptom|my son 17 keeps saying hes worthless and thinks about dying sometimes, he says he has no plan, hes home with us
same_day|symptom|cant stop feeling low for weeks, hardly sleeping, had a few dark thoughts about not being here but no plan and i wouldnt act on them
same_day|symptom|havent slept in 4 days, thoughts racing, spending money like crazy, my wife says im not myself
same_day|symptom|hearing went in my right ear suddenly this morning, no pain, no cold
same_day|symptom|woke up with one side of my face drooping, cant close that eye or raise my eyebrow, arms and legs fine, talking fine
same_day|symptom|d and v in my 78 yo dad since yesterday, hes weak and dizzy and hardly peeing, hes on water pills
same_day|symptom|husbands wound from his hernia op is red and angry and leaking smelly stuff, temp 38.3
same_day|symptom|my daughter 5 has tiny red dots that dont fade when i press a glass, no fever, shes playing normally
same_day|symptom|scrotum swollen and sore for 2 days, burns when i pee, temp 38
same_day|symptom|my 10 yo fell off the monkey bars, elbow really swollen and he wont move his arm, fingers pink and he can feel them
same_day|symptom|more sob walking and my ankles are more swollen than usual, put on 4 lbs in 2 days, i have heart failure
same_day|symptom|3rd nosebleed today each about 15 min, stopped now, im on aspirin
same_day|symptom|hurts to take a deep breath, fever and cough, 3 days into a cold
same_day|symptom|sharp pain low on the right of my belly since this morning, slowly getting worse, no fever, can walk ok
same_day|symptom|pain under my ribs on the right after a greasy meal, 6 hrs now and not easing, temp 38
same_day|symptom|bat in the cabin last night and i think it bit my arm, tiny mark, feel fine
same_day|symptom|spider bite? its turning black in the middle and the redness is spreading
same_day|symptom|im 20 wks pregnant and was with my nephew who came out in chickenpox yesterday, ive never had it
same_day|symptom|my 9 yo is wheezy with his cold, using his blue inhaler every 4 hrs, talking and playing fine
same_day|symptom|jaw aches when i chew and a new headache on my temple, scalp sore when i brush my hair, im 71
same_day|symptom|cut my thumb on a knife, its gaping open a bit, bleeding stopped with pressure, think it needs stitches
same_day|symptom|gash on my sons knee from a fall on gravel, stopped bleeding but its deep and theres grit stuck in it
same_day|symptom|had breast cancer in 2018, all clear since, but my back has ached for 6 weeks and its getting worse, no numbness or weakness
same_day|symptom|hi can u check my bill, also ive got a fever 39 and my pee burns and my side hurts since last night
same_day|symptom|so my daughter is 3 and shes had a cough for a week which we thought was just a cold but since last night shes had a temp of 39.4 and shes breathing a lot faster than normal, not struggling exactly, shes drinking some juice and had 2 wet nappies today, shes just really quiet which isnt like her at all, should we come in today
same_day|symptom|sob when i lie flat and my legs are swelling up, new this week, im 70
same_day|symptom|my mum 90 in the care home has stopped eating and drinking much the last 2 days and is sleepier, temp 37.9
within_3_days|symptom|earache 3 days, no fever, paracetamol helps a bit but its not going away
within_3_days|symptom|sore throat 5 days white spots on my tonsils, temp 38, can still swallow ok
within_3_days|symptom|mild burning when i pee since yesterday, no fever no back pain, drinking loads of water
within_3_days|symptom|cough 4 wks and today some streaks of blood in the phlegm, im 58 and smoke, breathing fine
within_3_days|symptom|saw blood in my pee today, bright red, no pain, no burning, im 66
within_3_days|symptom|tick bite 10 days ago and now a big red ring rash round it, feel a bit flu ish
within_3_days|symptom|ingrown toenail red and sore with a bit of pus, redness not spreading
within_3_days|symptom|boil on my thigh for a week, warm compresses not working, no fever
within_3_days|symptom|crusty golden yellow patches round my sons mouth and nose, spreading a bit, hes fine otherwise
within_3_days|symptom|eczema on my daughters arms is weeping and crusty now, not her usual, no fever
within_3_days|symptom|my 3 yo still has ear pain and a temp of 38 after 3 days of calpol, eating ok
within_3_days|symptom|white patches in my 6 week olds mouth that dont wipe off, shes feeding fine
within_3_days|symptom|nappy rash a week now, bright red with little spots round the edges, cream isnt helping
within_3_days|symptom|20 wks pregnant and i think i have thrush, itchy and thick white discharge
within_3_days|symptom|partner just told me he tested positive for chlamydia, i have no symptoms
within_3_days|symptom|shooting pain down the back of my leg for a week, no numbness, peeing and pooping normal, painkillers not enough
within_3_days|symptom|sprained my ankle 5 days ago, can walk on it but its still swollen and bruised and not really better
within_3_days|symptom|fell on my hand a week ago, still sore at the base of my thumb when i grip things
within_3_days|symptom|burn on my hand from the kettle 2 days ago, blister the size of a coin, skin round it getting a bit red
within_3_days|symptom|stitches in my leg from last week look a little red at the edges, no pus no fever
within_3_days|symptom|dad 82 on morphine patches, no poo for 5 days, uncomfortable but passing wind and eating
within_3_days|symptom|painful lump at my bum, think its piles, bleeding a little on the paper, really sore to sit
within_3_days|symptom|room spins when i roll over in bed or look up, 3 days now, fine otherwise, no headache
within_3_days|symptom|6 yo limping for 2 days, no fall that we know of, no fever, still walking and playing
within_3_days|symptom|swimmers ear? itchy and sore ear canal, some gunk coming out, no fever
within_3_days|symptom|12 weeks pregnant, sick 3 times a day but keeping fluids down and peeing ok, cant work like this
within_3_days|symptom|painful blisters down there, first time ever, burns when i pee
within_3_days|symptom|sinuses killing me, 12 days now, was getting better then got worse again, green snot, temp 37.9
within_3_days|symptom|tonsillitis 4 days getting worse, can swallow drinks but food hurts
within_3_days|symptom|band of blisters on one side of my back since this morning, im 56, nowhere near my eyes
within_3_days|symptom|diarrhoea 10 days after my trip to india, no blood no fever, still 4 times a day
within_3_days|symptom|my sugars have been in the 250s-280s for a week, type 2, feel ok, no ketones
within_3_days|symptom|home bp 172/108 most mornings this week, no headache no symptoms
within_3_days|medication|started sertraline 5 days ago and im jittery and more anxious than before, no thoughts of harming myself
within_3_days|medication|on day 3 of antibiotics for my uti and still burning just as bad, no fever
within_3_days|medication|the new water pill has me cramping in my legs at night, pretty bad
within_3_days|symptom|smelly grey discharge for a week, not itchy, tried the thrush cream and it didnt help
within_3_days|symptom|my son 8 has had a cough with green phlegm for 10 days and a temp of 38 again today after being better
within_3_days|symptom|tender lump in my armpit, came up 4 days ago, no fever
within_3_days|symptom|burning in my chest after eating every day this week, worse lying down, and now bread sticks when i swallow
within_3_days|symptom|my knee swelled up after football 2 days ago, can walk but it gives way sometimes
within_3_days|symptom|had diverticulitis before, mild pain low on the left on and off 3 days, no fever, eating ok
within_3_days|symptom|sore red wedge on my breast, im breastfeeding, no fever, been feeding through it for a day and no better
within_3_days|symptom|toenail gone black and throbbing after i dropped a weight on it yesterday
within_3_days|appointment|can i get an appt in the next day or two, my chest infection isnt clearing, still coughing up green, no fever
within_3_days|symptom|uti again, 3rd time this year, mild burning, no fever, can someone see me this week
within_3_days|symptom|bad acid pain in my upper tummy for a week, ive been taking ibuprofen for my back, no black poo no vomiting
within_3_days|appointment|can i change my physical to an earlier slot, this week if poss, i have a painful ear since sunday, no fever
within_3_days|symptom|long story but i went to the walk in last week for my sore ear, they said outer ear infection and gave me drops, ive been using them 5 days and its a bit better but still sore and now the other ear feels itchy too, no fever, hearing a bit muffled, do i need to be seen again or keep going with the drops, i dont want to waste anyones time
within_3_days|symptom|my 4 yo has had a temp on and off for 3 days, 38.5 today, drinking and playing between doses, no rash, hasnt got better
within_3_days|symptom|grandad 85 has a sore red patch on his heel from lying in bed, skin not broken yet
within_3_days|symptom|got a dog bite on my leg 2 days ago, small puncture, cleaned it, a bit sore but not red, do i need antibiotics
within_3_days|symptom|eye has been red and sore with gunk for 5 days now and the drops from the chemist havent helped
within_3_days|symptom|itchy rash spreading over my tummy and back for 3 days, no fever, feel fine, no new products
within_3_days|symptom|bad cold sores inside my toddlers mouth, wont eat much but drinking milk and water ok, wet nappies
within_3_days|symptom|pain in my lower belly and pain during sex for a couple of weeks, no fever, new partner
within_3_days|medication|bp pills making my ankles swell up since the dose went up, no sob
within_3_days|symptom|swelling under my jaw on one side when i eat, comes and goes, 4 days now
within_2_weeks|medication|had a stroke in 2019, need my clopidogrel and atorvastatin refilled pls, about 10 days left
within_2_weeks|medication|pls refill my metformin 500 2x a day, 2 wks left
within_2_weeks|medication|need more of my ventolin and the brown preventer, running low
within_2_weeks|medication|can u send my levo to the new pharmacy on 3rd st, thx
within_2_weeks|medication|my mom 86 has dementia and i do her meds, she needs her donepezil and memantine renewed before the end of the month
within_2_weeks|medication|been on omeprazole 3 years, do i still need it? heartburn gone
within_2_weeks|medication|lisinopril giving me a tickly dry cough for weeks, can i switch to something else
within_2_weeks|medication|the metformin gives me the runs every morning, been 2 months, is there another option
within_2_weeks|medication|what should i do if my inhaler stops working? i dont have an asthma plan
within_2_weeks|medication|i want to come off my citalopram, been feeling good for a year now, how do i do it safely
within_2_weeks|medication|epipen expires next month and we go on holiday in 3 weeks, can i get a new one
within_2_weeks|medication|need my birth control pill renewed, no problems on it
within_2_weeks|medication|adhd meds for my son need renewing, hes got a week left
within_2_weeks|medication|statin making my legs ache a bit, not bad, can we talk about it
within_2_weeks|medication|2 things: can u refill my losartan and also my bill from march looks wrong
within_2_weeks|medication|my husband had a heart attack 3 yrs ago, he needs his bisoprolol, ramipril and aspirin refilled
within_2_weeks|medication|had a heart attack in 2021 and a bypass, all good now, need my yearly bloods and my statin refill
within_2_weeks|medication|what do i do if my sugar goes low when im driving? just started insulin last month
within_2_weeks|test_results|my a1c is 7.4 up from 6.8, what now
within_2_weeks|test_results|cholesterol 6.8 on the portal, is that bad? i feel fine
within_2_weeks|test_results|got my xray results for my back, it says wear and tear, what does that mean
within_2_weeks|test_results|any news on my smear result? its been 4 weeks
within_2_weeks|test_results|my ferritin was 8 and it says low, should i take iron
within_2_weeks|test_results|thyroid results came back a bit low?? tsh 0.2, i feel normal
within_2_weeks|test_results|liver tests slightly up, i do have a few beers on weekends, do i need to repeat them
within_2_weeks|test_results|ultrasound says small gallstones, no pain right now, what next
within_2_weeks|test_results|my psa was 4.8, whats the next step
within_2_weeks|test_results|kidney function egfr 55, is that something to worry about
within_2_weeks|test_results|are my blood results back and can i also get a repeat of my thyroid pills
within_2_weeks|test_results|my coworker found out she has high cholesterol and now im worried, can i get mine checked
within_2_weeks|symptom|my knee aches on stairs for about 3 months now, no swelling, tried ibuprofen gel
within_2_weeks|symptom|painless lump in my testicle i noticed in the shower, about pea size, been there a couple of weeks
within_2_weeks|symptom|found a lump in my left breast, doesnt hurt, not sure how long its been there
within_2_weeks|symptom|lost about a stone without trying over 3 months, eating normally, just tired
within_2_weeks|symptom|getting up 4 times a night to pee and the stream is slow, im 68
within_2_weeks|symptom|heartburn most days for over a month, the chemist stuff helps a bit
within_2_weeks|symptom|feeling low for a few weeks, not sleeping great, no thoughts of hurting myself, would like to talk to someone
within_2_weeks|symptom|my periods are really heavy, flooding through pads, been like this 6 months
within_2_weeks|symptom|my son 6 still wets the bed most nights, is that normal
within_2_weeks|symptom|heel pain every morning for 3 wks, worst for the first few steps
within_2_weeks|symptom|ulcer on the side of my tongue not healing after 3 weeks, doesnt hurt much, i smoke
within_2_weeks|symptom|tinnitus in one ear for 2 months, hearing seems ok
within_2_weeks|symptom|ear feels blocked with wax, used olive oil drops for 2 weeks and still muffled
within_2_weeks|symptom|stye on my eyelid 4 weeks now, not red or sore but a hard lump that wont go
within_2_weeks|symptom|cough for 5 weeks after a cold, no fever no blood, breathing fine, dont smoke
within_2_weeks|symptom|my 2 yr old isnt saying many words yet, hearing seems fine, should we get her checked
within_2_weeks|symptom|forgetting things a lot more, my husband noticed, im 69
within_2_weeks|symptom|snoring so loud and im falling asleep at my desk every afternoon
within_2_weeks|symptom|mole on my arm changed shape and has 2 colours now, not bleeding
within_2_weeks|symptom|acne getting worse, tried everything from the pharmacy for 3 months
within_2_weeks|symptom|itchy scaly silvery patches on my elbows and knees, had them for months
within_2_weeks|symptom|back pain 6 weeks not getting better, no numbness no bladder problems, cant work properly
within_2_weeks|symptom|rash again on my hands, same as b4, the steroid cream ran out
within_2_weeks|symptom|my mom had a stroke in 2019 and her walking has been slowly getting worse over months, shes otherwise the same
within_2_weeks|symptom|hi there, not urgent at all, my mum (shes 81) has been getting more forgetful over the last 6 months or so, leaving the cooker on, repeating stories, missing her tablets, shes otherwise well and happy and still walks the dog every day, we just wondered if she should have a memory check, she says shes fine but we are worried
within_2_weeks|symptom|lost my sense of smell with covid 2 months ago and its still not back
within_2_weeks|appointment|need a diabetes check up and my feet checked, its been over a year
within_2_weeks|appointment|can i book a smear, got the letter
within_2_weeks|appointment|would like a med review, im on 9 different pills now and not sure i need them all
within_2_weeks|appointment|my dad 78 needs his annual bp check and bloods, can we book something
within_2_weeks|appointment|can i get a referral to physio for my shoulder, been sore on and off for 2 months
within_2_weeks|appointment|need to talk about starting a family, im on epilepsy meds, is it safe
within_2_weeks|other|what vaccines does my baby need at 12 months and can we book them
within_2_weeks|other|going to vietnam in 6 weeks, do i need jabs or malaria tablets
within_2_weeks|other|im 50 now, what screening should i be having
within_2_weeks|other|want to quit smoking, can i get patches or something
within_2_weeks|other|can i still get the shingles jab if im 71
self_care|symptom|no fever no chest pain just a cough and a runny nose for 3 days, whats best to take
self_care|symptom|cold 2day, sneezing, blocked nose, temp 37.6, feel meh
self_care|symptom|rash again lol same as last summer, the heat one, calamine helps
self_care|symptom|sore throat since yesterday, can eat and drink fine, no fever, just scratchy
self_care|symptom|my 5 yo has a cold, snotty nose and a bit of a cough, temp 37.9, still running round
self_care|symptom|baby 7 months has a runny nose and is sneezy, feeding well, lots of wet nappies, no temp
self_care|symptom|cut my finger chopping onions, small cut, stopped bleeding after 5 mins, do i need anything
self_care|symptom|bruised my shin on the coffee table, purple and a bit swollen, walking fine
self_care|symptom|bit sunburnt on my shoulders from the beach, pink and sore, no blisters
self_care|symptom|mozzie bites on my legs from camping, itchy and a bit swollen round each one, nothing spreading
self_care|symptom|bee stung my daughter on the hand, a bit of swelling round it, shes breathing fine and playing
self_care|symptom|diarrhoea since last night, 4 times, drinking plenty, no blood, no fever, prob that takeaway
self_care|symptom|hay fever is terrible this week, sneezing and itchy eyes, what can i take with my bp meds
self_care|symptom|havent pooped in 3 days, bit bloated, eating ok, no pain
self_care|symptom|mouth ulcer on my gum, really sore for 4 days
self_care|symptom|got a stye on my eyelid, red bump, the eye itself is fine
self_care|symptom|pulled my back lifting a box yesterday, sore when i bend, no numbness, peeing fine
self_care|symptom|tension headache again after a long week at the computer, paracetamol helps
self_care|symptom|cold sore on my lip again, what cream is best
self_care|symptom|my 2 yo has a temp of 38.3, had calpol, now drinking and playing, wet nappies
self_care|symptom|my 10 month old temp 38.4 since this morning, taking her bottles, wet nappies, smiling and playing
self_care|symptom|teething?? my 8 month old is drooling loads, chewing everything and grumpy, temp 37.5
self_care|symptom|nits again!! found lice in my daughters hair, what works best
self_care|symptom|my son keeps scratching his bum at night, i think its threadworms
self_care|symptom|nappy rash, red skin but no spots, baby fine otherwise
self_care|symptom|both my kids have chickenpox, spots everywhere, itchy, otherwise well and drinking
self_care|symptom|heartburn after pizza last night. chest pain? no. sob? no. just the burning
self_care|symptom|period pain really bad this month, same as usual just worse, ibuprofen helps
self_care|symptom|got a blister on my heel from new shoes, should i pop it
self_care|symptom|athletes foot between my toes, itchy and peeling
self_care|symptom|splinter in my finger i cant get out, not red
self_care|symptom|stubbed my toe on the bed, bruised and sore but i can walk on it
self_care|symptom|twisted my ankle stepping off the kerb this morning, bit swollen, can walk on it ok
self_care|symptom|arm sore and a bit red where i had my flu jab yesterday
self_care|symptom|my 4 month old had her jabs today and has a temp of 37.9, bit grizzly, feeding fine
self_care|other|what do i do if my baby gets a fever after her jabs next week
self_care|symptom|bit of a chesty cough 5 days, bringing up clear stuff, no temp, breathing fine
self_care|symptom|o2 97% and temp 37.4, just bunged up and tired, think its a cold, do i need to come in
self_care|symptom|dry lips cracking at the corners, bit sore
self_care|symptom|dandruff really bad, itchy scalp
self_care|other|i get sick on boats and we have a ferry trip next month, what can i take
self_care|symptom|jet lag is killing me after flying back from japan, not sleeping
self_care|symptom|runny tummy on holiday in spain 2 days, drinking loads, no blood, feel ok
self_care|other|flying long haul next week, how do i avoid blood clots, no history of any
self_care|symptom|small burn on my finger from the iron, red and sore, ran it under cold water
self_care|symptom|nosebleed 5 min then stopped, first one in ages, heating is on
self_care|symptom|my eyes are dry and tired by the end of the day, no pain, vision fine
self_care|symptom|toddler has sticky eyes with yellow gunk, no fever, hes fine otherwise
self_care|symptom|acne flared up on my chin, just a few spots
self_care|symptom|muscle cramps in my calves at night sometimes, no swelling
self_care|symptom|had hiccups for an hour lol, any tricks
self_care|symptom|sprained my wrist playing netball, swollen a bit but i can move it fully and grip fine
self_care|symptom|my 6 yo bumped his head on the table, cried straight away, little lump, playing normally now
self_care|symptom|neighbours kid fell off the swing and grazed both knees, cleaned them up, anything else we should do
self_care|symptom|loose stools for 2 days, drinking fine, no blood, no vomiting, just a bit crampy
self_care|symptom|constipated since starting iron tablets, any tips
self_care|symptom|my 18 month old has been constipated, pooing every 3 days, hard, eating and happy
self_care|symptom|cough at night 10 days after a cold, no wheeze, not short of breath, sleeping ok otherwise
self_care|symptom|blocked nose and pressure in my cheeks for 4 days, no fever, getting a bit better
self_care|symptom|lost my voice, had a cold, throat a bit sore, no trouble breathing
self_care|symptom|bit of a sore back from sleeping funny, no injury, moving ok
self_care|symptom|stiff neck from sleeping wrong, no fever, can move it, just sore
self_care|symptom|headache since this afternoon, think im dehydrated, forgot to drink all day, no other symptoms
self_care|symptom|my daughter has a wobbly tooth that hurts a bit when she eats
self_care|symptom|ears popping and a bit muffled since my flight yesterday, no pain
self_care|symptom|got a mouth ulcer from biting my cheek, painful to eat spicy stuff
self_care|symptom|insect bite on my arm from the garden, raised itchy lump about 2cm, no redness spreading
self_care|symptom|think i have a cold sore coming, tingling on my lip
self_care|symptom|peeing more often since i started drinking 3 litres a day for my diet, no burning, no fever
self_care|symptom|mild thrush again, itchy and white discharge, same as i usually get, not pregnant
self_care|symptom|sugar 250 after birthday cake, normally 130s, feel fine
self_care|symptom|bp 128/82 today at the pharmacy machine, is that ok
self_care|symptom|heart rate 105 after 3 coffees and i feel a bit jittery, no chest pain, no dizziness
self_care|symptom|bad hangover, threw up once this morning, keeping water down now
self_care|symptom|bit dizzy when i get up fast, goes in seconds, had a tummy bug last week
self_care|symptom|itchy scalp and little bumps since i changed shampoo
self_care|symptom|my husband has a cold and is being dramatic, temp 37.8, he wants antibiotics lol
self_care|symptom|sore throat and earache on the same side, no fever, 2 days, swallowing ok
self_care|symptom|dry itchy patches on my shins every winter
self_care|symptom|my mum 83 has a cold, bit of a cough and runny nose, eating and drinking, no fever, her usual self
self_care|symptom|dad 79 has a bruise on his arm from walking into the door, hes not on blood thinners, no pain
self_care|symptom|jellyfish sting at the beach on my leg, red lines and stings a bit, no trouble breathing
self_care|medication|hay fever in my 8 yo, sneezing and itchy eyes, can he have the same tablets as me
self_care|symptom|poison ivy rash on my arms after weeding, itchy blisters in lines, not on my face
self_care|symptom|mild diarrhoea since starting the antibiotics, twice a day, drinking ok
self_care|symptom|bloated and windy after meals this week, no pain, normal poos
self_care|symptom|warts on my sons hands, not bothering him
self_care|other|verruca on my foot, can i still go swimming
self_care|symptom|my baby has cradle cap, yellow flaky scalp
self_care|symptom|baby 3 wks has little white spots on her nose and cheeks, feeding great
self_care|symptom|newborn gets hiccups loads after feeds, is it normal
self_care|symptom|my baby spits up a little after every feed but shes gaining weight and happy
self_care|symptom|my teen has a sore throat and a cold, no fever, wants to skip school lol
self_care|symptom|paper cut under my nail, stings, not bleeding now
self_care|symptom|bit my tongue, bleeding stopped, just sore
self_care|medication|what can i take for a cold while breastfeeding
self_care|medication|can i take ibuprofen and paracetamol together for my back
self_care|medication|forgot my blood pressure pill this morning, its 8pm now, take it or skip
self_care|medication|is it ok to have a glass of wine on amoxicillin
self_care|medication|can i give my 3 yo calpol and nurofen at the same time, she has a temp of 38
self_care|medication|whats the max tylenol i can take in a day for my headache
self_care|medication|left my sertraline at home for the weekend, will missing 2 days hurt
self_care|other|is it ok to go to the gym with a cold if i feel ok
self_care|other|my coworker has shingles, can i catch it? im 40 and had chickenpox as a kid
self_care|other|my sister has norovirus and is staying with us, how do we not catch it
self_care|other|how long should my son stay off school with a tummy bug
self_care|other|can my kids go swimming with a cold
self_care|symptom|scratched by our cat on my arm, just surface scratches, cleaned them, not red
self_care|symptom|just a cough, no fever, no sob, no chest pain, 4 days, annoying at night
self_care|symptom|temp 37.8 and achy, think its the flu going round, im 30 and healthy, drinking loads
self_care|symptom|keep getting a headache at the end of work like a band round my head, no vomiting, vision fine
self_care|symptom|pulled a muscle in my thigh at football, sore to run but walking fine
self_care|symptom|shaving rash on my neck, red bumps, itchy
self_care|symptom|mild sunburn on my toddlers cheeks, pink, shes drinking and fine, is aloe ok?
self_care|symptom|ur nurse said to msg if the cold got worse, its not worse, just still snotty on day 8
self_care|symptom|sob? no. wheezing? no. just a tickly cough since my cold last week
self_care|other|what should i do if my son gets stung by a bee at the picnic, hes never been stung before
self_care|other|my coworker passed out at work yesterday from the heat (shes fine), how do i stop that happening to me, same warehouse
self_care|symptom|had a skin cancer removed 5 yrs ago, now a little sunburn from the weekend, just pink, anything special i should do
self_care|symptom|need to move my appt to next week and also quick q, whats good for a stuffy nose, no fever
self_care|symptom|ok so this is prob nothing and i feel silly messaging but ive had this cold for about 5 days now, started with a scratchy throat then the runny nose and now its mostly a cough, no fever (37.2 this morning), breathing fine, eating fine, sleeping ok apart from coughing a bit at night, my boss says i should get antibiotics but i read they dont work for colds? is there anything i should be taking or just wait it out. sorry for the long msg
self_care|symptom|rash on my sons body after his cold, not itchy, fades when i press the glass, no fever now, hes fine
self_care|symptom|hives again on my arms and belly, had them before, zyrtec helps, no swelling, breathing fine
self_care|symptom|constipation on holiday, not been for 4 days, eating loads of bread lol, no pain
self_care|symptom|gum bleeds a bit when i brush, no pain
administrative|billing_admin|got a bill 4 $95 but i paid at the desk, pls check
administrative|billing_admin|pls update my address, moved to 22 birch rd
administrative|billing_admin|need a sick note for work for last mon to wed
administrative|billing_admin|can u fill out my kids school medication form, ill drop it off fri
administrative|billing_admin|where do i send a pic of my new insurance card
administrative|billing_admin|portal keeps logging me out, cant see my messages
administrative|billing_admin|hi i need proxy access to my dads account, hes 89 and cant use the app
administrative|billing_admin|why did i get charged for a phone call with the nurse
administrative|billing_admin|need my vaccine record for my new job asap, they want it by thursday
administrative|billing_admin|can u send my records to my new doc in ohio
administrative|billing_admin|dvla form for my licence needs signing, how long does it take
administrative|billing_admin|is there a fee for filling out my life insurance form
administrative|billing_admin|my daughter is 18 now and wants her own portal login
administrative|billing_admin|the payment link says error 500 every time
administrative|billing_admin|pls stop sending my bills to my old address i moved last year!!!
administrative|billing_admin|Hello I am writing because I have now received three separate letters about an outstanding balance of $58 which I already paid over the phone in January, I have the confirmation number, and I also keep getting reminders for an appointment I cancelled, could someone please look into both and update my account, thank you for your patience
administrative|appointment|cant make my appt 2moro, car broke down, can i move it
administrative|appointment|running 10 min late sorry traffic
administrative|appointment|what time is my sons appt on wed
administrative|appointment|is my appt in person or on video, the text didnt say
administrative|appointment|can i bring my mum into my appt with me, she doesnt drive
administrative|appointment|my mum needs wheelchair access for her appt next week, is there a ramp
administrative|appointment|can i book my husbands appt for him, he works nights
administrative|appointment|cancel my appt on the 3rd pls
administrative|other|where do i park, the lot by the main door was full last time
administrative|other|is the parking free or do i need coins
administrative|other|what bus goes to the new clinic
administrative|other|thx so much ur the best
administrative|other|ok ty
administrative|other|do u have a vietnamese interpreter for my moms appt
administrative|other|is dr khan in on fridays
administrative|other|can i see my husbands test results? he said its ok
administrative|other|wrong person? i got a message for someone called dave
administrative|other|how do i attach a photo here
administrative|other|can i drop off a card for the nurses
administrative|other|sorry ignore my last msg, sent it to the wrong place
administrative|other|are you open on xmas eve
"""

# ----------------------------------------------------------------------------------------
# Template parts
# ----------------------------------------------------------------------------------------

OPENERS = [
    "",
    "",
    "",
    "Hi, ",
    "Hello, ",
    "hi ",
    "Good morning, ",
    "Hi Dr. Smith, ",
    "Hello nurse, ",
    "To the nurse: ",
    "hey ",
    "Hi there. ",
    "Dear Dr. Okafor, ",
    "Sorry to bother you, ",
    "Good evening. ",
    "hello this is Maria, ",
]
CLOSERS = [
    "",
    "",
    "",
    " Thank you.",
    " Thanks!",
    " thx",
    " Please call me back.",
    " pls advise",
    " Thank you so much.",
    " Sent from my iPhone",
    " What should I do?",
    " Any advice?",
    " my number is on file.",
    " Thanks in advance!",
]
# (subject, "has" form, possessive)
WHO_SELF = [
    ("I", "I have", "my"),
    ("I", "I've had", "my"),
    ("I", "ive had", "my"),
    ("I", "I have had", "my"),
    ("I", "I've been having", "my"),
    ("I", "having", "my"),
]
WHO_OTHER = [
    ("my husband", "my husband has", "his"),
    ("my wife", "my wife has", "her"),
    ("my son", "my son has", "his"),
    ("my daughter", "my daughter has", "her"),
    ("my mom", "my mom has had", "her"),
    ("my dad", "my dad has", "his"),
    ("my 6 yo", "my 6 yo has", "his"),
    ("my partner", "my partner has", "their"),
]
# Durations fit the care level: an emergency or same-day complaint is acute, a self-care one
# is short-lived, a within-3-days one has lasted a few days, a within-2-weeks one for weeks.
ACUTE_DURATIONS = [
    "since this morning",
    "since last night",
    "for 2 days",
    "x3 days",
    "since yesterday",
    "for a few hours",
    "since Sunday",
    "the past couple days",
    "all day",
]
SHORT_DURATIONS = [
    "since this morning",
    "since last night",
    "for 2 days",
    "x3 days",
    "since yesterday",
    "the past couple days",
    "all day",
    "for about 4 days",
    "since the weekend",
]
FEW_DAYS_DURATIONS = [
    "for 3 days",
    "x4 days",
    "since the weekend",
    "for about 5 days",
    "since Monday",
    "the past few days",
    "for almost a week",
]
LONG_DURATIONS = [
    "for a month",
    "for a few weeks",
    "for a couple of months",
    "on and off for a month",
    "for about 6 weeks",
    "since the spring",
    "for ages now",
]
RECENT = ["this morning", "an hour ago", "last night", "just now", "about 20 minutes ago", "at lunch", "tonight"]

# Noun phrases: "<who has> <symptom> <duration>"; {poss} is the subject's possessive.
EMERGENT_SYMPTOMS = [
    "chest pain that goes down {poss} left arm",
    "crushing chest pressure and sweating",
    "chest tightness and trouble breathing",
    "really bad shortness of breath",
    "trouble breathing and {poss} lips look blue",
    "slurred speech and weakness on one side",
    "numbness on the right side of {poss} face and arm",
    "heavy bleeding that won't stop",
    "the worst headache of {poss} life",
    "a sudden severe headache and a stiff neck",
    "throat swelling after eating nuts",
    "severe stomach pain, 10/10",
    "unbearable abdominal pain and vomiting",
    "sudden vision loss in one eye",
    "a fever of 102 and confusion",
    "chest pain and feeling faint",
    "a racing heart and chest pain",
    "hives and trouble breathing after a bee sting",
]
# Events: "<subject> <event> <when>".
EMERGENT_EVENTS = [
    "passed out twice",
    "fainted and hit {poss} head",
    "had a seizure that lasted several minutes",
    "started vomiting blood",
    "is coughing up blood",
    "can't catch {poss} breath",
    "collapsed in the kitchen",
    "suddenly can't move {poss} right arm",
    "is throwing up and confused after hitting {poss} head",
    "took way too many sleeping pills",
    "can't stop the bleeding from a cut",
]
EMERGENT_SELF_ONLY = [
    "I'm having thoughts of killing myself",
    "I want to end my life",
    "I don't want to live anymore",
    "I took too many of my pills on purpose",
    "I'm 10 weeks pregnant and bleeding heavily",
    "I'm 8 weeks pregnant with heavy bleeding and bad cramps",
]
EMERGENT_INFANT = [
    "my {age} old has a fever of {temp}",
    "my baby is {age} old and has a temp of {temp}",
    "newborn ({age}) with temp {temp} and not feeding well",
    "my {age} old feels hot, thermometer says {temp}",
]
INFANT_AGES = ["2 week", "3 week", "5 week", "6 week", "7 week", "8 week", "10 day", "1 month", "2 month"]
INFANT_TEMPS = ["100.5", "100.6", "100.8", "101", "101.2", "101.8", "102", "38.3 C", "38.5C"]

# Same day: a clinician must see or call today.
SAME_DAY_SYMPTOMS = [
    "a fever of 103",
    "fever of 103.5 with chills",
    "burning with urination and a fever",
    "pain in {poss} side and burning when peeing",
    "vomiting, can't keep fluids down",
    "blood in {poss} stool",
    "black stools",
    "a red, hot, swollen spot on {poss} leg that's spreading",
    "red streaks spreading from a cut on {poss} hand",
    "an ear infection with fever and drainage",
    "a really swollen ankle, can't walk on it",
    "bad diarrhea 10 times a day",
    "pink eye with lots of pus and eye pain",
    "a painful tooth with swelling in {poss} jaw",
    "kidney stone pain, really bad",
    "a migraine that won't break after 3 days",
    "an asthma flare, using the inhaler every few hours",
    "a rash with fever",
    "a surgical wound that is red and draining",
    "a swollen painful calf",
    "blood pressure of 185/105 at home",
    "blood sugar over 400 all day",
    "sugar readings in the 40s",
    "shingles near {poss} eye",
    "a bad UTI that isn't better on the antibiotic",
    "painful swelling in the groin",
    "bad dizziness, the room spins when standing up",
]
# Self care: mild and self-limiting, home-care advice is enough.
SELF_CARE_SYMPTOMS = [
    "a stuffy nose and mild cough, no fever",
    "a sore knee after running, walking fine",
    "mild heartburn after meals",
    "an itchy rash on {poss} arm, not spreading",
    "trouble sleeping",
    "a mild headache in the evenings",
    "lower back pain from lifting, getting better",
    "seasonal allergies, itchy eyes",
    "some constipation",
    "dry skin on {poss} hands",
    "a wart on {poss} foot",
    "mild ankle pain after a hike",
    "a lingering cough after a cold, no fever",
    "a little acid reflux at night",
    "occasional mild dizziness when standing fast",
    "some ear fullness, no pain",
    "a canker sore",
    "dandruff and an itchy scalp",
    "a runny nose and sneezing",
    "a mild sore throat, eating and drinking fine",
    "a small cut on {poss} finger that's healing",
    "mild sunburn on {poss} shoulders",
    "an itchy mosquito bite, a little swollen, not spreading",
    "a cold sore on {poss} lip",
    "a stye on {poss} eyelid",
    "loose stools but drinking fine, no blood",
    "a tension headache after long days at the computer",
    "a bruise on {poss} leg from bumping the table",
    "athlete's foot between {poss} toes",
    "a mild back strain from gardening",
]
# Within 2 weeks: not self-limiting or needing a look, but no hurry.
WITHIN_2_WEEKS_SYMPTOMS = [
    "achy, stiff joints every morning",
    "been more tired than usual",
    "a bump on {poss} wrist that doesn't hurt",
    "a mole that seems to be getting bigger",
    "heavier periods than usual",
    "tingling in {poss} fingers at night",
    "knee pain on stairs that isn't getting better",
    "ringing in one ear",
    "hair thinning",
    "heartburn most days even with tums",
    "a cough that won't go away, no fever, breathing fine",
    "a wart that won't go away with OTC treatment",
    "getting up 3 times a night to pee",
    "low mood, no thoughts of self-harm",
    "a sore shoulder that isn't getting better",
    "heel pain first thing in the morning",
]
# Within 3 days: needs an appointment soon, not today.
WITHIN_3_DAYS_SYMPTOMS = [
    "an earache that isn't better with painkillers, no fever",
    "a sore throat with white spots on {poss} tonsils",
    "sinus pain that's getting worse after a cold",
    "mild burning when peeing, no fever or back pain",
    "an ingrown toenail that's red and sore",
    "a boil that isn't going away",
    "a sprained ankle that's still swollen, can walk on it",
    "crusty yellow sores around {poss} mouth",
    "a sore itchy ear after swimming, some discharge",
    "spinning dizziness when turning over in bed",
    "a patch of eczema that's weeping and crusty",
    "a painful lump near {poss} bottom",
    "a chest cold that isn't clearing, green phlegm, no fever",
    "pain down the back of {poss} leg, no numbness",
]
SYMPTOM_ASKS = [
    "Should I make an appointment?",
    "Is there anything OTC I can try?",
    "Is this something to worry about?",
    "Can I just mention it at my next visit?",
    "What do you recommend?",
    "Do I need to be seen?",
    "is this normal?",
]

MEDS = [
    "lisinopril",
    "metformin",
    "atorvastatin",
    "levothyroxine",
    "amlodipine",
    "sertraline",
    "omeprazole",
    "losartan",
    "albuterol inhaler",
    "escitalopram",
    "gabapentin",
    "montelukast",
    "hydrochlorothiazide",
    "metoprolol",
    "pantoprazole",
    "fluoxetine",
    "rosuvastatin",
    "bupropion",
]
DOSES = ["10 mg", "20mg", "25 mg", "50mg", "100 mcg", "500 mg", "40mg", "5 mg", ""]
PHARMACIES = [
    "CVS on Main",
    "the Walgreens on Elm",
    "Rite Aid",
    "Costco pharmacy",
    "my mail order pharmacy",
    "Kroger pharmacy",
    "the pharmacy on file",
]
# Within 2 weeks: a routine clinician action (refill, new prescription, side-effect review).
MED_ROUTINE = [
    "Can I get a refill of my {med} {dose}? Please send to {pharm}.",
    "refill request {med} {dose} 90 day supply to {pharm}",
    "I need my {med} refilled, I have {n} pills left.",
    "my {med} is making me a little {mild}, is that normal?",
    "pharmacy says my {med} needs a new prescription, can you send one?",
    "can the {med} prescription be changed to a 90 day supply?",
    "insurance wants me to switch from {med} to a generic, is that ok?",
]
# Self care: a question that advice answers.
MED_ADVICE = [
    "Is it ok to take {otc} with my {med}?",
    "Does {med} need to be taken with food?",
    "I forgot my {med} yesterday, should I double up today?",
    "what time of day should I take my {med}?",
    "can I take {otc} for a cold while I'm on {med}?",
]
# Same day.
MED_SAME_DAY = [
    "I ran out of my {critical} and can't get a refill until Monday, I need it today",
    "I've been out of my {critical} for 2 days, pharmacy says they need a new rx",
    "started {med} and broke out in an itchy rash everywhere, no swelling, breathing ok",
    "I think the pharmacy gave me the wrong dose of {med}, I already took 2",
    "since starting {med} I've been really dizzy and nearly fell twice",
    "vomiting and can't keep my {critical} down",
]
CRITICAL_MEDS = [
    "insulin",
    "Keppra",
    "seizure medicine",
    "Eliquis",
    "prednisone",
    "transplant meds",
    "tacrolimus",
    "lamotrigine",
    "warfarin",
]
OTC = ["ibuprofen", "tylenol", "benadryl", "sudafed", "melatonin", "a multivitamin", "aleve", "zyrtec"]
MILD = ["nauseous", "tired", "dizzy", "constipated", "gassy", "headachy"]

TESTS = [
    "cholesterol",
    "A1c",
    "thyroid",
    "CBC",
    "vitamin D",
    "metabolic panel",
    "urine test",
    "liver enzymes",
    "iron",
    "PSA",
    "lipid panel",
    "xray",
    "ultrasound",
    "MRI",
    "kidney function",
]
TEST_ROUTINE = [
    "I saw my {test} results in the portal, can someone explain them?",
    "are my {test} results back yet? it's been a week",
    "my {test} came back a little {hilo}, do I need to do anything?",
    "what does it mean that my {test} was flagged?",
    "Can you call me to go over my {test} results?",
    "Got my {test} results, looks normal? just want to confirm",
    "do I need to repeat the {test} before my next visit?",
]
TEST_SAME_DAY = [
    "The lab called and said my {crit} was critical and I should call you right away",
    "my {crit} result was flagged as critical in the portal and I can't reach anyone",
    "urgent care said my {test} was abnormal and to see my doctor within 24 hours",
]
CRIT_TESTS = ["potassium", "sodium", "INR", "hemoglobin", "platelet count", "calcium", "glucose"]

APPT_ROUTINE = [
    "I'd like to schedule a visit about my {issue}.",
    "can I get an appointment next week for {issue}?",
    "Need a follow up appointment for my {issue}, doctor said {months} months",
    "is there an opening for a physical in {month}?",
    "can I do a telehealth visit for my {issue}?",
    "I need a referral to {spec} for my {issue}",
]
APPT_ADMIN = [
    "I need to reschedule my appointment on {day}.",
    "please cancel my appt on {day}, something came up",
    "can I move my {day} appointment to the afternoon?",
    "what time is my appointment on {day}?",
    "running late for my appointment, be there in 15 min",
    "confirming my appt {day} at {time}",
    "can my appointment on {day} be changed to a video visit? I don't have a ride",
    "I got a reminder for {day} but I thought it was next week, can you check?",
]
ISSUES = [
    "knee pain",
    "blood pressure",
    "diabetes",
    "anxiety",
    "back pain",
    "acne",
    "weight",
    "cholesterol",
    "thyroid",
    "allergies",
    "sleep",
    "migraines",
    "eczema",
    "asthma",
]
SPECS = ["dermatology", "cardiology", "physical therapy", "orthopedics", "GI", "an allergist", "ENT"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the 14th", "next Tuesday", "3/22", "tomorrow"]
TIMES = ["9am", "10:30", "2:15", "3pm", "8:45", "1pm"]
MONTHS = ["March", "April", "June", "September", "the fall"]

BILLING = [
    "I got a bill for ${amt} that should have gone to insurance.",
    "can I set up a payment plan for my ${amt} balance?",
    "why was I charged ${amt} for my last visit?",
    "please update my insurance, I have {ins} now",
    "I need a copy of my medical records sent to {where}",
    "can you fill out a {form} form for me?",
    "my portal password reset isn't working",
    "I need an itemized statement for my taxes",
    "the prior authorization for my {med} is still pending with {ins}, can you check?",
    "please update my phone number to 555-01{n2}",
    "need a work note for {day}",
    "my insurance denied the claim, they say the code was wrong",
    "I was charged a copay twice for the same visit",
]
INSURERS = ["Aetna", "Blue Cross", "Medicare", "Medicaid", "Cigna", "United", "Humana", "Kaiser"]
FORMS = ["FMLA", "disability", "school", "DMV", "sports physical", "daycare", "jury duty excuse"]
WHERE = ["my new doctor", "Dr. Lee's office", "the specialist", "my lawyer", "my new address"]
OTHER_NONCLIN = [
    "what are your hours on {day}?",
    "thank you for your help!",
    "ok, thanks",
    "is the clinic open on the holiday?",
    "who is my new PCP now that my doctor left?",
    "do you have an interpreter for {lang}?",
    "how do I turn off text reminders?",
    "where do I park at the new building?",
    "I'd like to thank the nurse who helped me last week",
    "got it, thank you",
]
LANGS = ["Spanish", "Vietnamese", "Mandarin", "Arabic", "ASL", "Somali"]
# Self care: general health questions that advice answers.
OTHER_ADVICE = [
    "Is it ok to get the flu shot while I have a cold?",
    "can I exercise after my {proc}?",
    "is it safe to fly at {weeks} weeks pregnant?",
    "any diet tips for my {issue}?",
    "just letting you know the {issue} is better now, thanks",
    "how long should I wait to get a tattoo after my {proc}?",
    "can I drink alcohol while on antibiotics?",
]
# Within 2 weeks: vaccines and screening to arrange.
OTHER_ROUTINE = [
    "what vaccines do I need for travel to {country}?",
    "am I due for a tetanus booster?",
    "do I need malaria tablets for my trip to {country}?",
    "am I due for any screening tests this year?",
]
COUNTRIES = ["Mexico", "India", "Kenya", "Peru", "Thailand", "Brazil"]
PROCS = ["colonoscopy", "knee scope", "hernia repair", "c-section", "mole removal", "cataract surgery"]

# A second, unrelated request appended to a message. A clinical one (refill, results) needs
# routine clinician action, so it is only added where the care level is already that or higher.
ADMIN_SECOND_ASKS = [
    " Also can I reschedule my appt on {day}?",
    " Also my bill from last month looks wrong.",
]
SECOND_ASKS = ADMIN_SECOND_ASKS + [
    " Also, I need a refill of my {med}.",
    " also when are my lab results back?",
]


def _noise(rng: random.Random, text: str) -> str:
    """Patient-style noise: lower-case, dropped apostrophes, a swapped letter pair."""
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.replace("'", "")
    if rng.random() < 0.15:
        words = text.split(" ")
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        text = " ".join(words)
    if rng.random() < 0.1:
        text = text.rstrip(".!") + "!!"
    return text


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        med=rng.choice(MEDS),
        dose=rng.choice(DOSES),
        pharm=rng.choice(PHARMACIES),
        n=rng.randint(1, 6),
        otc=rng.choice(OTC),
        mild=rng.choice(MILD),
        critical=rng.choice(CRITICAL_MEDS),
        test=rng.choice(TESTS),
        hilo=rng.choice(["high", "low"]),
        crit=rng.choice(CRIT_TESTS),
        issue=rng.choice(ISSUES),
        spec=rng.choice(SPECS),
        day=rng.choice(DAYS),
        time=rng.choice(TIMES),
        month=rng.choice(MONTHS),
        months=rng.choice(["3", "6", "2"]),
        amt=rng.choice(["85", "120", "240.50", "1,200", "64", "310"]),
        ins=rng.choice(INSURERS),
        where=rng.choice(WHERE),
        form=rng.choice(FORMS),
        n2=rng.randint(10, 99),
        lang=rng.choice(LANGS),
        country=rng.choice(COUNTRIES),
        proc=rng.choice(PROCS),
        weeks=rng.choice(["20", "28", "32"]),
        age=rng.choice(INFANT_AGES),
        temp=rng.choice(INFANT_TEMPS),
    )


def _message(rng: random.Random, body: str, *, second_ask: list[str] | None = None) -> str:
    text = rng.choice(OPENERS) + body[0].upper() + body[1:]
    if not text.rstrip().endswith(("?", ".", "!")):
        text += rng.choice([".", "", ".", "!"])
    if second_ask and rng.random() < 0.25:
        text = text.rstrip(".!?") + "." + _fill(rng, rng.choice(second_ask))
    return _noise(rng, text + rng.choice(CLOSERS)).strip()


def _symptom(
    rng: random.Random,
    symptoms: list[str],
    durations: list[str],
    ask: list[str] | None = None,
    events: list[str] | None = None,
) -> str:
    subject, has, poss = rng.choice(WHO_OTHER) if rng.random() < 0.3 else rng.choice(WHO_SELF)
    if events and rng.random() < 0.35:
        body = f"{subject} {rng.choice(events)} {rng.choice(RECENT)}"
    else:
        body = f"{has} {rng.choice(symptoms)} {rng.choice(durations)}"
    body = body.replace("{poss}", poss)
    if ask:
        body += ". " + rng.choice(ask)
    return body


Row = tuple[str, str, str, str, str]  # (text, urgency, intent, care_level, origin)


def _row(text: str, care_level: str, intent: str, origin: str) -> Row:
    if care_level not in URGENCY_OF or intent not in INTENTS:
        raise ValueError(f"bad labels ({care_level!r}, {intent!r}) for {text[:60]!r}")
    return (text, URGENCY_OF[care_level], intent, care_level, origin)


def templated(rng: random.Random) -> list[Row]:
    rows: list[Row] = []

    def add(n, care_level, intent, make, second_ask=None):
        for _ in range(n):
            rows.append(_row(_message(rng, make(), second_ask=second_ask), care_level, intent, "template"))

    acute, short, few, long_ = ACUTE_DURATIONS, SHORT_DURATIONS, FEW_DAYS_DURATIONS, LONG_DURATIONS
    add(45, "emergency", "symptom", lambda: _symptom(rng, EMERGENT_SYMPTOMS, acute, events=EMERGENT_EVENTS))
    add(12, "emergency", "symptom", lambda: rng.choice(EMERGENT_SELF_ONLY))
    add(14, "emergency", "symptom", lambda: _fill(rng, rng.choice(EMERGENT_INFANT)))
    add(80, "same_day", "symptom", lambda: _symptom(rng, SAME_DAY_SYMPTOMS, acute), second_ask=SECOND_ASKS)
    add(30, "same_day", "medication", lambda: _fill(rng, rng.choice(MED_SAME_DAY)))
    add(14, "same_day", "test_results", lambda: _fill(rng, rng.choice(TEST_SAME_DAY)))
    add(8, "same_day", "appointment", lambda: "can I be seen today? " + _symptom(rng, SAME_DAY_SYMPTOMS, acute))
    add(
        30,
        "within_3_days",
        "symptom",
        lambda: _symptom(rng, WITHIN_3_DAYS_SYMPTOMS, few, SYMPTOM_ASKS),
        second_ask=SECOND_ASKS,
    )
    add(
        6,
        "within_3_days",
        "appointment",
        lambda: "can I get an appointment this week? " + _symptom(rng, WITHIN_3_DAYS_SYMPTOMS, few),
    )
    add(
        25,
        "within_2_weeks",
        "symptom",
        lambda: _symptom(rng, WITHIN_2_WEEKS_SYMPTOMS, long_, SYMPTOM_ASKS),
        second_ask=SECOND_ASKS,
    )
    add(
        45,
        "self_care",
        "symptom",
        lambda: _symptom(rng, SELF_CARE_SYMPTOMS, short, SYMPTOM_ASKS),
        second_ask=ADMIN_SECOND_ASKS,
    )
    add(40, "within_2_weeks", "medication", lambda: _fill(rng, rng.choice(MED_ROUTINE)))
    add(15, "self_care", "medication", lambda: _fill(rng, rng.choice(MED_ADVICE)))
    add(40, "within_2_weeks", "test_results", lambda: _fill(rng, rng.choice(TEST_ROUTINE)))
    add(35, "within_2_weeks", "appointment", lambda: _fill(rng, rng.choice(APPT_ROUTINE)))
    add(8, "within_2_weeks", "other", lambda: _fill(rng, rng.choice(OTHER_ROUTINE)))
    add(14, "self_care", "other", lambda: _fill(rng, rng.choice(OTHER_ADVICE)))
    add(55, "administrative", "billing_admin", lambda: _fill(rng, rng.choice(BILLING)))
    add(30, "administrative", "appointment", lambda: _fill(rng, rng.choice(APPT_ADMIN)))
    add(25, "administrative", "other", lambda: _fill(rng, rng.choice(OTHER_NONCLIN)))
    return rows


def hand_written() -> list[Row]:
    rows = []
    for line in HAND_WRITTEN.strip().splitlines():
        care_level, intent, text = line.split("|", 2)
        rows.append(_row(text.strip(), care_level, intent, "hand"))
    return rows


def build() -> list[Row]:
    rng = random.Random(SEED)
    rows = hand_written() + templated(rng)
    seen: set[str] = set()
    unique = []
    for row in rows:
        key = row[0].lower()
        if key not in seen:
            seen.add(key)
            unique.append(row)
    rng.shuffle(unique)
    return unique


def main(out: Path = OUT) -> None:
    rows = build()
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
