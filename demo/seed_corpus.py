"""Build ``seed_corpus.csv``: the labelled seed corpus for the triage classifier.

Run from the repository root (an optional argument writes elsewhere, e.g. to diff)::

    python demo/seed_corpus.py [OUT.csv]

Deterministic (fixed random seed). Two parts:

* ``HAND_WRITTEN``: irregular messages written by hand, one per line as
  ``urgency|intent|text`` (the text may itself contain ``|``).
* Template messages: openers x who x concern x duration x closer, with a little noise
  (lower-casing, dropped apostrophes, a typo, a second unrelated request).

All text is invented; there is no real patient data. Labels follow the nurse-triage
meaning used by clinflow: emergent = needs 911/ED now, urgent = needs a same-day
clinical response, routine = clinical but can wait for normal turnaround,
non_clinical = administrative.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

SEED = 20240611
# The corpus is runtime data (the classifier's seed training set), so it lives with triage.
OUT = Path(__file__).resolve().parents[1] / "triage" / "data" / "seed_corpus.csv"

HAND_WRITTEN = """
emergent|symptom|my husband is having chest pain that goes into his jaw and hes sweating a lot what do we do
emergent|symptom|Pt called, states she has had crushing chest pressure x 30 min, nauseated. Advised 911.
emergent|symptom|i cant breathe good and my lips look kind of blue
emergent|symptom|My mom's face looks droopy on one side and she isn't making sense when she talks. This started about 20 min ago.
emergent|symptom|Hi my son is 5 weeks old and his temp is 100.9 rectally. He's eating ok but I wanted to check
emergent|symptom|I'm 9 weeks pregnant and I'm bleeding a lot and cramping really bad
emergent|symptom|he fell off the ladder and hit his head and now he keeps throwing up and seems confused
emergent|symptom|I feel like my throat is closing up, I just started the amoxicillin today
emergent|symptom|my daughter took a bunch of my sertraline, I don't know how many, she's 16
emergent|symptom|honestly i dont see the point anymore. ive been thinking about ending it. i have my pills saved up
emergent|symptom|cant stop throwing up blood. its dark red. please call
emergent|symptom|my dad passed out at dinner and he's still really out of it
emergent|symptom|worst headache of my life came on all of a sudden while i was lifting weights. vomited twice
emergent|symptom|Sudden loss of vision in my left eye about an hour ago, like a curtain came down
emergent|symptom|my wife had a seizure for like 5 min, she's never had one before, she's very sleepy now
emergent|symptom|pain in my belly is unbearable, cant stand up straight, started on the right side
emergent|symptom|caller reports 2 y/o swallowed a button battery from a remote approx 1 hr ago
emergent|symptom|my grandmother has a fever of 102 and shes confused and not making sense, she lives with us
emergent|symptom|SOB at rest, cant finish a sentence, my inhaler isnt doing anything
emergent|symptom|i cut my leg on a saw and its bleeding through everything, I've been holding pressure 20 min
emergent|symptom|my baby is 7 weeks and feels really hot, 101.2 on the forehead thermometer and hes not eating
emergent|symptom|I'm having thoughts of hurting myself and I don't feel safe tonight
emergent|symptom|He says he wants to kill his brother and he has a gun in the house. I'm scared
emergent|symptom|my face and lips swelled up after the bee sting and I'm wheezing
emergent|symptom|my chest feels tight and heavy and my left arm is numb. Im 58 and diabetic
emergent|symptom|Chest pain and shortness of breath since I got off the plane yesterday, my calf is swollen too
emergent|symptom|hubby collapsed in the garage, he's breathing but won't answer me
emergent|symptom|my speech is slurred and my right hand wont work right. started 10 min ago
emergent|symptom|im 30 wks pregnant and have a bad headache, seeing spots and my bp was 165/110 at home
emergent|symptom|vomiting blood and feel dizzy, I'm on warfarin
emergent|symptom|my daughter is 3 and had a febrile seizure, it stopped but she's still not acting like herself
emergent|symptom|the baby is 10 days old and has a fever of 100.5. Do we need to come in?
emergent|symptom|I took all my husbands oxycodone on purpose. I'm sorry
emergent|symptom|my son drank something from under the sink, I think it was drain cleaner, he's crying and drooling
emergent|symptom|i have severe pain in my stomach and my stomach is hard as a rock and i have a fever
emergent|symptom|cant feel the left side of my face and my arm feels heavy. is this a stroke?
emergent|symptom|I passed out in the shower and hit my head on the tub. theres a lot of blood
emergent|symptom|my 2 yr old is breathing really fast and his ribs are sucking in with each breath
emergent|symptom|nurse note: wife called, pt is unresponsive, 911 called by family
emergent|symptom|Hi. My chest has been hurting on and off since last night, now it's constant and I feel sweaty and sick
emergent|symptom|my heart is racing over 180 and I feel like I'm going to faint
emergent|symptom|i have a really bad allergic reaction, hives everywhere and my tongue feels thick
emergent|symptom|been coughing up blood since this morning, a lot more than streaks
emergent|symptom|my mom is on blood thinners and she fell and hit her head, now she has a bad headache
emergent|symptom|pt's mother reports infant 6 wks old w/ temp 100.8 and poor feeding
emergent|symptom|18 weeks pregnant, gush of fluid and now bleeding, I'm alone at home
emergent|symptom|sudden confusion, my husband doesnt know where he is and his words are jumbled
emergent|symptom|i want to die. i dont want to be here anymore
emergent|medication|I accidentally took my insulin twice tonight, 40 units each, and now I feel shaky and sweaty
emergent|medication|started the new blood pressure med and my tongue and lips are swelling up
emergent|medication|my toddler got into my grandma's heart pills, maybe 4 missing
emergent|test_results|the lab just called saying my potassium is 7.1 and to go to the ER?? is that right
emergent|test_results|Got a call that my hemoglobin was 5.8 and I should go to the emergency room, I feel very weak and dizzy
emergent|symptom|baby won't wake up for feeds and is really floppy, she's 3 weeks old
emergent|symptom|my belly is swollen and rigid and I can't stop vomiting, had surgery last week
emergent|symptom|pain in chest when breathing, coughing up pink frothy stuff
emergent|symptom|my son says he's going to hurt someone at school tomorrow, what do I do
emergent|other|Not sure who to message. my roommate is texting me goodbye messages and isnt answering, she's your patient
emergent|symptom|I have the worst stomach pain ever, 10/10, and I threw up green stuff
emergent|symptom|Dad is sweating, pale, says his chest feels like someone is standing on it
urgent|symptom|fever of 103.2 since last night, body aches, chills. Took tylenol, it came down a little
urgent|symptom|burning when i pee and now my back hurts on the right side and i have a fever
urgent|symptom|my son has had diarrhea and vomiting since yesterday and hasn't peed since this morning
urgent|symptom|I noticed blood in my stool twice today, bright red, no pain
urgent|symptom|The redness around my incision is spreading and it's warm and draining yellow stuff
urgent|symptom|my ankle is really swollen and I can't put weight on it after I twisted it
urgent|symptom|earache and fever 102 in my 4 year old, she was up all night crying
urgent|symptom|my bp has been 182/104 the last two mornings. no headache or anything
urgent|symptom|sugar readings have been over 400 for two days even with my insulin
urgent|symptom|i'm 34 weeks and I havent felt the baby move much today
urgent|symptom|can't keep anything down since last night, even water. feeling lightheaded
urgent|symptom|red streaks going up my arm from a cat bite on my hand
urgent|symptom|pink eye in both eyes and now my eye is swollen shut and painful
urgent|symptom|I think I have a UTI, burning and going every 10 minutes. Can someone send something in today?
urgent|symptom|asthma is flaring, using my albuterol every 3 hours, still able to talk fine
urgent|symptom|My daughter has a rash that started on her legs and it looks like little purple dots, she's otherwise ok
urgent|symptom|severe pain in my lower back going into my groin, I've had kidney stones before
urgent|symptom|swollen painful calf on one side, no trouble breathing
urgent|symptom|my gout is back in my big toe, can barely walk, need something today
urgent|symptom|been having diarrhea 8-10 times a day for 3 days, feeling weak
urgent|symptom|my dog bit my hand and it's swollen and throbbing, it happened yesterday
urgent|symptom|shingles rash on my forehead near my eye, started this morning
urgent|symptom|my son has a fever of 104 but he's drinking and playing when the motrin kicks in
urgent|symptom|I can't pee, been trying since 6 am and my lower belly hurts
emergent|symptom|I'm 26 weeks pregnant with a headache that won't go away and my feet are swelling more
urgent|symptom|nosebleed for 20 minutes that finally slowed down, this is the third one today
urgent|symptom|dizzy and lightheaded every time I stand up since starting the new water pill
urgent|symptom|tooth abscess, my jaw and cheek are swelling up, cant open mouth all the way
urgent|symptom|painful swollen testicle since this afternoon
urgent|symptom|postpartum 10 days, fever 101.5 and my incision is red
urgent|symptom|black stool since yesterday, I take ibuprofen daily for my knees
urgent|symptom|migraine for 3 days that nothing is touching, same as my usual just won't quit
urgent|symptom|I was exposed to covid and now have fever and cough, I'm on chemo
urgent|symptom|elderly mom is more confused than usual the past 2 days, smells like a UTI
urgent|medication|I ran out of my insulin and the pharmacy says it needs a new rx, I have none left for tonight
urgent|medication|out of my seizure medicine (keppra) since yesterday, pharmacy needs authorization
urgent|medication|broke out in an itchy rash all over after starting bactrim, no trouble breathing or swelling
urgent|medication|missed 3 days of my transplant meds because of a mixup at the pharmacy
urgent|medication|The pharmacy gave me 50 mg tablets instead of 5 mg and I took one this morning. I feel ok but worried
urgent|medication|I'm vomiting and can't keep my lithium down, what do I do about my dose
urgent|medication|ran out of my blood thinner (eliquis) 2 days ago, need refill asap
urgent|medication|Since starting lisinopril my lips feel a little puffy, not my tongue or throat
urgent|test_results|they called me about a critical result on my blood work, can someone explain? I can't reach anyone
urgent|test_results|my INR came back 5.2 this morning, what should I do with my warfarin tonight
urgent|test_results|The urgent care said my chest xray showed pneumonia and to follow up with you within 24 hours
urgent|test_results|my sodium was 124 on the labs from yesterday, the portal flagged it red. I feel kind of off
urgent|appointment|need to be seen today, my cough is worse and I'm running a fever of 102.8
urgent|appointment|Can I get a same day appt? I think my ear infection is back, fever and drainage
urgent|appointment|My son's cast is too tight, his toes are cold and tingly. Can we come in today?
urgent|symptom|vaginal discharge with fever and pelvic pain, started 2 days ago
urgent|symptom|hives all over after eating shellfish, took benadryl, breathing ok
urgent|symptom|i'm having a bad panic attack and cant calm down, i dont want to hurt myself i just need help calming down
urgent|symptom|my husband's leg wound from surgery is opening up and oozing
urgent|symptom|high fever on and off for 4 days in my 2 year old, 103.5 tonight
routine|symptom|had a cold for about a week now, mostly stuffy nose and a cough. no fever. anything I can take?
routine|symptom|My knee has been hurting for a couple months, worse on stairs. Should I make an appointment?
routine|symptom|I've had heartburn most nights after dinner. Tums help a little. Is there something better?
routine|symptom|small itchy rash on my arm for a week, not spreading, no fever
routine|symptom|hi doc, my back is sore from gardening this weekend. tylenol helps. just fyi
routine|symptom|I've been more tired than usual lately. Could we check my thyroid at my next visit?
routine|symptom|my son has a mild sore throat and runny nose, no fever, eating fine
routine|symptom|I get a little dizzy when I stand up too fast sometimes, it passes in a few seconds
routine|symptom|I've noticed some hair loss over the past few months, is that a side effect of anything?
routine|symptom|i have a wart on my finger that won't go away, can you freeze it?
routine|symptom|Constipation on and off for a few weeks. Eating more fiber. Any other tips?
routine|symptom|my toenail looks yellow and thick, think its fungus
routine|symptom|mild headache in the afternoons, I think it's from my screen time at work
routine|symptom|my daughter has had a cough at night for 2 weeks, no fever, otherwise fine
routine|symptom|occasional ringing in my left ear, been going on a month
routine|symptom|I've been having trouble sleeping since my job changed. Not depressed, just can't fall asleep
routine|symptom|allergies acting up this spring, itchy eyes and sneezing. Can I take zyrtec and flonase together?
routine|symptom|mole on my back looks a little bigger, my wife noticed. can I get it checked
routine|symptom|I have a dry cough lingering after covid 3 weeks ago. otherwise feeling better
routine|symptom|Hi, I have been having some mild knee swelling after running. Ice helps
routine|symptom|the eczema on my son's hands is back, the cream ran out
routine|symptom|my periods have been heavier the last few months, no pain. Wanted to mention it before my physical
routine|symptom|pain in my wrist when I type a lot, some tingling in my fingers at night
routine|symptom|feeling a bit down since the holidays. not thinking of hurting myself. would like to talk to someone
routine|symptom|denies chest pain, just some muscle soreness after lifting, wanted to let you know
routine|symptom|I had some chest pain last year and the stress test was normal. No chest pain now, just asking if I need a follow up
routine|symptom|my mother had a stroke years ago and I want to know if I should be screened
routine|symptom|my friend fainted at the gym and now I'm worried about my own heart, can we talk about it at my physical?
routine|symptom|no fever, no vomiting, just a little nausea in the morning. I'm 7 weeks pregnant, is this normal?
routine|symptom|Baby is 4 months, has a bit of a runny nose, no fever, feeding fine
routine|symptom|I have had diarrhea once or twice a day for 3 days, drinking fine, no blood
routine|symptom|Hi, my feet are always cold. Is that something to worry about?
routine|symptom|sore shoulder when I reach overhead, been a few weeks
routine|medication|Can I please get a refill on my lisinopril 20mg? I have about a week left.
routine|medication|need refill of atorvastatin sent to the CVS on Main st please
routine|medication|is it ok to take ibuprofen with my blood pressure medicine?
routine|medication|the metformin is upsetting my stomach a little. is there an extended release version?
routine|medication|I'd like to try coming off my sertraline, can we discuss a taper plan?
routine|medication|my levothyroxine refill was denied, says I need labs first. ok to order them?
routine|medication|can i take my vitamin d at the same time as my thyroid pill
routine|medication|pharmacy says my inhaler isn't covered anymore, is there an alternative?
routine|medication|I forgot to take my statin last night, should I take two today?
routine|medication|refill request: omeprazole 20 mg, 90 day supply, express scripts
routine|medication|Can my prescription for birth control be sent to the new pharmacy on 5th?
routine|medication|i need my adderall refilled, i know it has to be sent every month
routine|medication|what time of day is best to take amlodipine? I've been taking it at night
routine|medication|The new allergy medicine makes me a little drowsy. is there one that doesn't?
routine|medication|I stopped the antibiotic a day early because I felt better, is that ok?
routine|medication|do I need to keep taking the iron pills after this bottle is done?
routine|medication|Please renew my epipen prescription, the one I have expires next month
routine|medication|refill on my seizure medication please, 3 refills left on my other one
routine|test_results|I saw my cholesterol results on the portal, LDL 162. What does that mean for me?
routine|test_results|Could you explain my A1c result? It says 6.1.
routine|test_results|Got my mammogram results, it says BIRADS 1? is that good
routine|test_results|my vitamin D was low, should I take a supplement?
routine|test_results|the xray report on my knee says mild degenerative changes, what does that mean?
routine|test_results|Any update on my blood work from last Tuesday? I haven't seen anything in the portal yet
routine|test_results|my TSH came back slightly high, do I need to change my dose?
routine|test_results|I'm looking at my urine test and it says trace protein. should I be worried?
routine|test_results|the echo results say normal ejection fraction. does that mean my heart is ok?
routine|test_results|when will my biopsy results be back? it's been a week
routine|test_results|Thank you for calling about my labs. Can you remind me which ones were off?
routine|test_results|i got my covid test result, negative. can I go back to work?
routine|test_results|My pap came back ASCUS HPV negative, what's the next step?
routine|test_results|sleep study results posted, can someone go over them with me
routine|test_results|potassium 5.3 flagged high on my labs, I feel totally fine
routine|appointment|I need to schedule my annual physical, any openings in the next month?
routine|appointment|can I get an appointment for my knee pain sometime next week
routine|appointment|I'd like to see someone about my acne, is Dr. Nguyen taking new patients?
routine|appointment|Need a follow up visit for my blood pressure, dr said 3 months
routine|appointment|my son needs his 4 year old checkup and shots
routine|appointment|can I do a video visit about my anxiety meds instead of coming in
routine|appointment|I need a referral to dermatology for a mole check
routine|appointment|Need to schedule a pap smear, it's been 3 years
routine|appointment|can I get in for a sinus infection this week? it's been 10 days, getting worse slowly
routine|appointment|I'd like to schedule a consultation about weight loss options
routine|other|Thank you so much for taking care of my mom last week, she's doing great
routine|other|Is it safe to get the flu shot and covid booster on the same day?
routine|other|what vaccines do I need before traveling to Kenya in June?
routine|other|Just an update, the rash cleared up with the cream. Thanks!
routine|other|are there any diet changes you recommend for high cholesterol
routine|other|my daughter starts college and needs her immunization record, does she need a meningitis booster?
routine|other|question about whether I can exercise after my hernia repair, it's been 6 weeks
routine|other|FYI I'm going to be traveling for 2 months, how do I handle my refills?
non_clinical|billing_admin|I got a bill for $240 but my insurance said it should be covered. Can someone look into it?
non_clinical|billing_admin|How do I update my insurance info? I switched to Aetna in January
non_clinical|billing_admin|can you fax my records to Dr. Patel's office? fax 555-0143
non_clinical|billing_admin|I need a copy of my immunization records for work
non_clinical|billing_admin|my portal login isn't working, it says account locked
non_clinical|billing_admin|Can I set up a payment plan for my balance?
non_clinical|billing_admin|Please update my address, I moved to 14 Oak Lane
non_clinical|billing_admin|need FMLA paperwork filled out for my surgery next month, who do I send it to
non_clinical|billing_admin|why was I charged a no show fee? I called to cancel
non_clinical|billing_admin|The pharmacy says the prior auth for my humira is still pending. can you check on it?
non_clinical|billing_admin|i need a letter for my landlord about my emotional support animal
non_clinical|billing_admin|my statement shows two charges for the same visit on 3/14
non_clinical|billing_admin|Can you send me an itemized bill for my HSA?
non_clinical|billing_admin|Do you accept Medicaid? My sister wants to switch to your practice
non_clinical|billing_admin|need a work note for the days I was out, Monday through Wednesday
non_clinical|billing_admin|how do I give my husband proxy access to my portal
non_clinical|billing_admin|The school needs a form signed for my sons sports physical, can I drop it off?
non_clinical|billing_admin|Please change my preferred pharmacy to Walgreens on Elm
non_clinical|billing_admin|Why did my insurance deny the claim for my MRI? They said missing referral
non_clinical|billing_admin|i want to request my medical records from 2019 to 2022
non_clinical|appointment|I need to reschedule my appointment on Tuesday to later in the week
non_clinical|appointment|please cancel my appt tomorrow at 2, something came up
non_clinical|appointment|What time is my appointment on the 12th? I can't find the reminder
non_clinical|appointment|Running 15 minutes late for my 10:30, sorry!
non_clinical|appointment|Can I move my physical from March to April?
non_clinical|appointment|confirming my appointment for friday at 9am
non_clinical|appointment|is there parking at the new clinic location for my appointment?
non_clinical|appointment|do I need to fast before my appointment next week? its just a checkup
non_clinical|appointment|Got a text reminder for an appointment I didn't make, can you check?
non_clinical|other|What are your hours on Saturday?
non_clinical|other|thank you!
non_clinical|other|ok sounds good
non_clinical|other|who is my primary care doctor now that Dr. Adams left?
non_clinical|other|Is the clinic open on Memorial Day?
non_clinical|other|Hi, I left a voicemail yesterday and haven't heard back, just checking
non_clinical|other|Do you have a Spanish speaking interpreter available?
non_clinical|other|got it, thanks for the info
non_clinical|other|Can I bring my service dog to my appointment?
non_clinical|other|I'd like to leave a compliment for the front desk staff, they were wonderful
non_clinical|other|is there a way to turn off the text message reminders
emergent|symptom|so this is probably nothing but i've had this pressure in my chest since i woke up and now my jaw aches too. my wife says call so im calling
emergent|symptom|Good afternoon, my father (your patient, DOB on file) is slurring and dragging his left leg since lunch. We are heading to the ER but wanted you to know.
emergent|symptom|cant get air in. tried nebulizer twice. help
emergent|symptom|front desk note: pt walked in c/o chest pain 8/10, pale and diaphoretic. RN notified
emergent|symptom|i'm scared. i took like 20 tylenol a few hours ago and now i regret it
emergent|symptom|my 4 week old daughter has a temp of 38.4 and is really sleepy, do i wait for the office to open?
emergent|symptom|My wife is 36 weeks and suddenly bleeding bright red, soaked a pad in 10 minutes
emergent|symptom|My son's lips are swelling and he's coughing after eating a cookie with peanuts, we have no epipen
emergent|symptom|hi i fell down the stairs and my head is bleeding and ive thrown up twice and i feel really sleepy
emergent|symptom|grandpa is breathing weird and we can't wake him up properly
emergent|symptom|husband says the room is spinning and he can't walk straight and his words sound funny
emergent|symptom|so much blood from my nose for over an hour, I'm on blood thinners, it's dripping down my throat
urgent|symptom|Hi there, my daughter (7) has had a fever of 102-103 for 3 days now, she's drinking but really tired. Can she be seen today?
urgent|symptom|the cut on my finger from yesterday is red and swollen and throbbing, and now theres pus
urgent|symptom|I have had a UTI before and this feels the same but now I have chills too. can you call something in today
urgent|symptom|vomiting since 4am, maybe 8 times, can't even keep sips of gatorade down
urgent|symptom|My toddler has a fever of 103 and pulling at his ear, he's miserable
urgent|symptom|yeah so my bp cuff at home says 188/112, took it 3 times. I feel fine otherwise but figured i'd ask
urgent|symptom|my blood sugar has been in the 300s-400s for two days and i'm peeing constantly and super thirsty
urgent|symptom|bright red blood when I wipe after a BM, a fair amount, not pregnant, second time this week
urgent|symptom|Right eye is red and painful and light hurts it, I wear contacts
urgent|medication|i lost my bag with all my meds in it including my insulin pens, I need replacements today
urgent|medication|doc the new antibiotic is giving me bad diarrhea like 10x a day, should I stop it?
urgent|test_results|my pathology report says carcinoma?? nobody has called me, what does this mean
urgent|test_results|ER told me my CT showed a kidney stone 7mm and to follow up with you ASAP, pain is controlled
routine|symptom|long story short, my knee has been clicking for a few months. no swelling. just wondering if I should get it looked at, no rush
routine|symptom|Hello! Quick question - my son (10) keeps getting nosebleeds when the heat is on at night. They stop in a few minutes. Anything we can do?
routine|symptom|since my covid shot my arm has been sore for 2 days, normal right?
routine|symptom|I'm doing a lot better after the antibiotics, cough almost gone. Should I still come to my follow up?
routine|symptom|I've been having some mild anxiety at work, nothing severe, would like to talk about options at my next visit
routine|symptom|my husband snores really loudly and sometimes stops breathing for a second at night (per me, lol). sleep study?
routine|symptom|My toddler has had a low fever of 100.2 since this morning, still playing and eating
routine|symptom|had a little spotting between periods this month, not pregnant, no pain. should I mention it at my annual?
routine|symptom|the bruise on my shin from bumping the coffee table is taking forever to go away
routine|symptom|i've had some chest wall soreness where I got hit with a basketball, hurts when I press on it, breathing fine
routine|medication|hi!! can you pls send my fluoxetine to the new walgreens, the old one closed. thank you!!!
routine|medication|quick q, can i split my 50mg losartan in half? the doc mentioned lowering it
routine|medication|My mother (I'm her caregiver) needs her donepezil refilled, she has 5 days left
routine|medication|is the shingles vaccine covered and do I need it if I'm 52
routine|medication|I've been on prednisone for a week for my rash, do I need to taper when I stop?
routine|test_results|saw the MRI report on my back, lots of big words. herniated disc L4-5? What's the plan?
routine|test_results|my A1c went from 7.8 to 6.9!! does that mean I can lower my metformin?
routine|test_results|results for my husband's stool test? he did it 2 weeks ago
routine|test_results|hi, my kid's lead test came back, what number is normal?
routine|test_results|the bone density scan says osteopenia. what can I do
routine|appointment|I'd like to establish care with a new PCP, I just moved here
routine|appointment|can I bring my son in for his ADHD med check, we're due
routine|appointment|is there a nurse visit for a B12 shot this week?
routine|appointment|need an appt to discuss my mammogram callback
routine|other|do you offer nutrition counseling?
routine|other|I'm training for a marathon, any concerns with my asthma?
routine|other|Do I need a tetanus booster? I can't remember my last one
routine|other|my kids both had chickenpox shots, do they need another before camp?
routine|other|Is there a support group for new diabetics you can recommend?
routine|other|Thank you for the referral, the physical therapy is helping a lot
non_clinical|billing_admin|Hello, I received a statement saying I owe $1,340 from a visit in August but my EOB says $0 patient responsibility. Please advise. Account # on file.
non_clinical|billing_admin|I need my kids shot records for school registration by friday
non_clinical|billing_admin|can you resend the link to pay my bill online, the old one expired
non_clinical|billing_admin|my name changed after I got married, how do I update it in my chart
non_clinical|billing_admin|the insurance card I gave you is wrong, the new member ID is on the card I'm uploading
non_clinical|billing_admin|Do you take Tricare?
non_clinical|billing_admin|I need a letter saying I'm fit to return to work, my employer requires it
non_clinical|billing_admin|who do I talk to about a billing error? I've called 3 times
non_clinical|billing_admin|please remove my old email from my account
non_clinical|billing_admin|hi i need the disability paperwork my doctor filled out resent to my HR, fax 555-0199
non_clinical|billing_admin|How much does a sports physical cost without insurance?
non_clinical|billing_admin|I can't see my daughter's chart anymore in the app now that she turned 12
non_clinical|billing_admin|collections called me about a bill I never got, please help
non_clinical|appointment|my mom has an appointment thursday but she can't make it, can we do next week
non_clinical|appointment|Do you have any evening or weekend appointments?
non_clinical|appointment|Hi I need to cancel tomorrow, car broke down. I'll call to reschedule
non_clinical|appointment|what's the address of the clinic where my appointment is? the new one or the old one
non_clinical|appointment|can I check in online for my appointment?
non_clinical|other|Ok
non_clinical|other|Thanks, that answers my question
non_clinical|other|I think this message was sent to me by mistake, it's for someone else
non_clinical|other|is Dr. Smith still at this office? I haven't seen her in a while
non_clinical|other|Happy holidays to the whole team!
non_clinical|other|how do I send a photo through the portal?
non_clinical|other|can you call my daughter instead of me, she handles my appointments
non_clinical|other|please stop sending me surveys
non_clinical|other|Is there a wheelchair available at the entrance?
non_clinical|other|Do I need to wear a mask in the waiting room?
emergent|symptom|Hi, sorry to message so late but my husband (he's 61, has diabetes) started having this pressure in the middle of his chest about 40 min ago while we were watching tv, now he says it's going into his left shoulder and he's clammy and kind of grey looking. He took an aspirin. Do we wait or go in?
emergent|symptom|so my daughter is 5 weeks old and she was fine this morning but tonight she feels really warm and the thermometer under her arm said 100.9, she's feeding less and more sleepy than normal. our pediatrician's office is closed, what should we do
emergent|symptom|I know this sounds dramatic but I've been feeling like there's no way out for weeks, I stopped taking my meds and tonight I wrote letters to my kids. I don't really want help I just wanted someone to know
emergent|symptom|My mom (82) was talking to me on the phone and all of a sudden her words stopped making sense, she couldn't find the word for cup, and now she says her right hand feels heavy. My brother is with her. Please advise ASAP
emergent|symptom|Hello, I'm 11 weeks pregnant and started bleeding about an hour ago, at first it was spotting but now I've soaked through two pads and the cramps are getting worse, I also feel lightheaded when I stand up. My OB doesn't answer.
emergent|symptom|pt's daughter called, states pt (78 y/o, on eliquis) slipped in the bathroom this am and hit her head on the sink, initially ok but now vomiting x2 and more confused than baseline. Daughter asking if ok to wait for appt tomorrow.
emergent|symptom|my son ate some peanut butter crackers at a party (he's allergic) and now his lips are huge, he has hives on his neck and he keeps clearing his throat and says it feels tight. We used his epipen 5 min ago, what now
emergent|symptom|i've had bad pain in my right lower belly since last night that's gotten way worse, it hurts to walk or even when the car goes over bumps, I threw up twice and have a fever of 101. I still have my appendix
urgent|symptom|Good morning, I've had a UTI kind of feeling for 3 days, burning and going all the time, and I was going to wait for my appointment next week but now I have pain in my right back and I had chills last night. No vomiting. Can something be called in today?
urgent|symptom|hi there my 3 year old has had a fever on and off for 4 days now, highest was 103.4 last night, she's drinking ok and peeing but she's really tired and now she says her ear hurts. Do we need to be seen today or can it wait until Monday?
urgent|symptom|I cut my hand on a can lid yesterday, cleaned it and put a bandaid on, but today it's really red and swollen around the cut and there's a red line going up toward my wrist. No fever that I know of. Should I come in?
urgent|symptom|my blood pressure has been running high all week, this morning it was 184/106 and then 179/104 when I rechecked. I don't have a headache or chest pain or anything, just a little tired. I take amlodipine and lisinopril. What should I do?
urgent|symptom|For the past 2 days I've had diarrhea probably 10+ times a day and I can only keep down small sips of water, I'm getting dizzy when I stand and my mouth is really dry. I'm on metformin and wasn't sure if I should keep taking it.
urgent|medication|Hello, I'm traveling and realized I left my insulin at home. I have maybe one day of my long acting left in the pen. Can you send a prescription to a pharmacy here? I'm in Denver until Sunday. Thank you, sorry for the trouble
urgent|medication|I started the new antibiotic (cephalexin) 3 days ago and today I have an itchy red rash all over my chest and arms. No swelling of my lips or tongue and I'm breathing fine. Should I stop it? I still have 4 days left.
urgent|test_results|I got a call from the lab saying my potassium was high, 6.1, and that the doctor would call me, but nobody has called and the office closes soon. I feel ok, maybe a little weak. Is this something I need to do something about today?
routine|symptom|Hi Dr. Patel, just an update since my visit - the cough is a lot better, only really in the mornings now, and I've been sleeping through the night. I finished the prednisone yesterday. No fever. Do I still need the follow up chest xray you mentioned?
routine|symptom|Hello! My 7 year old has had a runny nose and a mild cough for about 5 days, no fever, eating and playing normally, school says he can come as long as no fever. Anything we should be doing besides fluids and rest? Thanks so much
routine|symptom|I've been getting heartburn a few nights a week, mostly after dinner or if I lie down too soon. Tums work for a bit. No trouble swallowing, no weight loss, no black stools. Would you recommend trying something like omeprazole or should I come in?
routine|symptom|My knees have been achy for months, worse in the morning and after sitting for a long time, better once I get moving. No swelling or redness. Tylenol helps some. I'd like to talk about options at my physical in March, or sooner if you think I should.
routine|symptom|not urgent at all but I've noticed a small mole on my upper back that my wife thinks looks darker than it used to. It doesn't itch or bleed. Could I get a skin check sometime in the next few weeks?
routine|medication|Hi, I'm running low on my levothyroxine 75 mcg (about 10 days left) and my sertraline 50 mg (about 2 weeks). Could you please send refills for both to the Walgreens on Elm St? Also, is it ok to keep taking my calcium at the same time as the thyroid pill?
routine|medication|My doctor started me on atorvastatin last month and I've had some mild muscle aches in my legs, nothing terrible, mostly after work. Is that a known side effect and should I keep taking it until my next appointment?
routine|test_results|I just saw my lab results posted in the portal, my cholesterol total is 232 and LDL 151, HDL 48, triglycerides 165. A1c 5.8. The doctor hasn't commented yet. What do these mean and do I need to start a medication or can I try diet first?
routine|test_results|Hi, the report from my knee MRI came back and it says "complex tear of the posterior horn of the medial meniscus" and "mild chondromalacia". I have no idea what that means. Can someone explain and tell me what the next step is?
routine|appointment|Hello, I'd like to schedule my annual physical and also get my flu shot at the same visit if possible. I'm usually free after 3pm on weekdays or any time Friday. Also I think I'm due for a colonoscopy referral, I'm 46.
routine|other|We're planning a trip to Peru in April and will be hiking at high altitude. Do we need any vaccines or medications before we go? My husband has high blood pressure if that matters. Happy to make an appointment if needed.
non_clinical|billing_admin|Hi, I received a bill for $412.77 for my visit on 2/3 but it looks like it was never sent to my insurance (Blue Cross, member ID on file). Could someone please resubmit the claim? I called the billing number twice and was on hold for 40 minutes both times.
non_clinical|billing_admin|Hello, my employer needs a form filled out confirming my dates of absence for my surgery in January (FMLA). I uploaded it to the portal under documents. Could the doctor sign it and fax it to HR at the number on the form? They need it by the 15th.
non_clinical|billing_admin|I switched jobs and now have Aetna instead of Cigna starting this month. I've uploaded pictures of the front and back of the new card. Please update my account before my appointment next Thursday so I don't get billed the old way again. Thanks!
non_clinical|appointment|Hi, I have an appointment on Tuesday at 10:40 with Dr. Okafor but my daughter's school just scheduled a meeting at the same time. Is there anything later that day or Wednesday morning? If not I can keep the original one. Thank you!
non_clinical|appointment|Can you tell me if my appointment next week is in person or video? The reminder text just said "visit with your care team" and I'm not sure whether to drive in. Also which building is it in, the new one on Park or the old one?
non_clinical|other|I just wanted to say thank you to the nurses on the 3rd floor and to Dr. Lee, everyone was so kind to my dad during his stay last month. He's home and doing well now. Please pass this on to them!
non_clinical|other|Hello, I'm trying to set up the app on my new phone and it keeps saying my date of birth doesn't match. I've tried a few times and now it says to wait 30 minutes. Can someone help me get back in? I don't want to get locked out.
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
DURATIONS = [
    "since this morning",
    "since last night",
    "for 2 days",
    "for about a week",
    "x3 days",
    "since yesterday",
    "for a few hours",
    "on and off for a week",
    "since Sunday",
    "for a month",
    "the past couple days",
    "all day",
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

URGENT_SYMPTOMS = [
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
ROUTINE_SYMPTOMS = [
    "a stuffy nose and mild cough, no fever",
    "a sore knee when running",
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
    "achy joints in the morning",
    "a sore shoulder",
    "occasional mild dizziness when standing fast",
    "some ear fullness, no pain",
    "a canker sore",
    "a little nausea in the morning, no vomiting",
    "feeling more tired than usual",
    "a bump on {poss} wrist that doesn't hurt",
    "dandruff that won't quit",
    "a runny nose and sneezing",
]
ROUTINE_SYMPTOM_ASKS = [
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
MED_ROUTINE = [
    "Can I get a refill of my {med} {dose}? Please send to {pharm}.",
    "refill request {med} {dose} 90 day supply to {pharm}",
    "I need my {med} refilled, I have {n} pills left.",
    "Is it ok to take {otc} with my {med}?",
    "Does {med} need to be taken with food?",
    "my {med} is making me a little {mild}, is that normal?",
    "I forgot my {med} yesterday, should I double up today?",
    "pharmacy says my {med} needs a new prescription, can you send one?",
    "can the {med} prescription be changed to a 90 day supply?",
    "insurance wants me to switch from {med} to a generic, is that ok?",
]
MED_URGENT = [
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
TEST_URGENT = [
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
OTHER_ROUTINE = [
    "Is it ok to get the flu shot while I have a cold?",
    "what vaccines do I need for travel to {country}?",
    "can I exercise after my {proc}?",
    "is it safe to fly at {weeks} weeks pregnant?",
    "any diet tips for my {issue}?",
    "just letting you know the {issue} is better now, thanks",
    "how long should I wait to get a tattoo after my {proc}?",
    "can I drink alcohol while on antibiotics?",
]
COUNTRIES = ["Mexico", "India", "Kenya", "Peru", "Thailand", "Brazil"]
PROCS = ["colonoscopy", "knee scope", "hernia repair", "c-section", "mole removal", "cataract surgery"]

SECOND_ASKS = [
    " Also, I need a refill of my {med}.",
    " Also can I reschedule my appt on {day}?",
    " Also my bill from last month looks wrong.",
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


def _message(rng: random.Random, body: str, *, second_ask: bool = False) -> str:
    text = rng.choice(OPENERS) + body[0].upper() + body[1:]
    if not text.rstrip().endswith(("?", ".", "!")):
        text += rng.choice([".", "", ".", "!"])
    if second_ask and rng.random() < 0.25:
        text = text.rstrip(".!?") + "." + _fill(rng, rng.choice(SECOND_ASKS))
    return _noise(rng, text + rng.choice(CLOSERS)).strip()


def _symptom(
    rng: random.Random, symptoms: list[str], ask: list[str] | None = None, events: list[str] | None = None
) -> str:
    subject, has, poss = rng.choice(WHO_OTHER) if rng.random() < 0.3 else rng.choice(WHO_SELF)
    if events and rng.random() < 0.35:
        body = f"{subject} {rng.choice(events)} {rng.choice(RECENT)}"
    else:
        body = f"{has} {rng.choice(symptoms)} {rng.choice(DURATIONS)}"
    body = body.replace("{poss}", poss)
    if ask:
        body += ". " + rng.choice(ask)
    return body


def templated(rng: random.Random) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []

    def add(n, urgency, intent, make, second_ask=False):
        for _ in range(n):
            rows.append((_message(rng, make(), second_ask=second_ask), urgency, intent))

    add(45, "emergent", "symptom", lambda: _symptom(rng, EMERGENT_SYMPTOMS, events=EMERGENT_EVENTS))
    add(12, "emergent", "symptom", lambda: rng.choice(EMERGENT_SELF_ONLY))
    add(14, "emergent", "symptom", lambda: _fill(rng, rng.choice(EMERGENT_INFANT)))
    add(80, "urgent", "symptom", lambda: _symptom(rng, URGENT_SYMPTOMS), second_ask=True)
    add(30, "urgent", "medication", lambda: _fill(rng, rng.choice(MED_URGENT)))
    add(14, "urgent", "test_results", lambda: _fill(rng, rng.choice(TEST_URGENT)))
    add(8, "urgent", "appointment", lambda: "can I be seen today? " + _symptom(rng, URGENT_SYMPTOMS))
    add(70, "routine", "symptom", lambda: _symptom(rng, ROUTINE_SYMPTOMS, ROUTINE_SYMPTOM_ASKS), second_ask=True)
    add(55, "routine", "medication", lambda: _fill(rng, rng.choice(MED_ROUTINE)))
    add(40, "routine", "test_results", lambda: _fill(rng, rng.choice(TEST_ROUTINE)))
    add(35, "routine", "appointment", lambda: _fill(rng, rng.choice(APPT_ROUTINE)))
    add(20, "routine", "other", lambda: _fill(rng, rng.choice(OTHER_ROUTINE)))
    add(55, "non_clinical", "billing_admin", lambda: _fill(rng, rng.choice(BILLING)))
    add(30, "non_clinical", "appointment", lambda: _fill(rng, rng.choice(APPT_ADMIN)))
    add(25, "non_clinical", "other", lambda: _fill(rng, rng.choice(OTHER_NONCLIN)))
    return rows


def hand_written() -> list[tuple[str, str, str]]:
    rows = []
    for line in HAND_WRITTEN.strip().splitlines():
        urgency, intent, text = line.split("|", 2)
        rows.append((text.strip(), urgency, intent))
    return rows


def build() -> list[tuple[str, str, str]]:
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
        writer.writerow(["text", "urgency", "intent"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
