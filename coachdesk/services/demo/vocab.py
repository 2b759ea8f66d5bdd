"""Made-up organisations, job titles and the plain hub English the demo data is written in."""

from __future__ import annotations

HUB_NAME = "Fenland and Broads Coaching and Mentoring Hub"
REGION = "East of England"

#: (organisation, e-mail domain, region, weight). Every name and domain is invented.
ORGANISATIONS: tuple[tuple[str, str, str, int], ...] = (
    ("Fenland Acute Hospitals NHS Foundation Trust", "fenland-acute.nhs.example", REGION, 30),
    ("Broads Community Health NHS Trust", "broads-community.nhs.example", REGION, 18),
    ("Ouse Valley Mental Health NHS Foundation Trust", "ousevalley-mh.nhs.example", REGION, 16),
    ("Wash Coast University Hospitals NHS Trust", "washcoast-hospitals.nhs.example", REGION, 16),
    (
        "East Anglian Plains Ambulance Service NHS Trust",
        "eaplains-ambulance.nhs.example",
        REGION,
        8,
    ),
    ("Breckland and Waveney Integrated Care Board", "breckland-waveney-icb.nhs.example", REGION, 6),
    ("Nene Meadows Primary Care Network", "nene-meadows-pcn.nhs.example", REGION, 4),
    (
        "Wolds and Witham Community Health NHS Trust",
        "wolds-witham.nhs.example",
        "East Midlands",
        2,
    ),
)
ORGS_IN_REGION = tuple(o for o in ORGANISATIONS if o[2] == REGION)
ORGS_ELSEWHERE = tuple(o for o in ORGANISATIONS if o[2] != REGION)

#: Plausible job titles for each Agenda for Change band ("Other": medical and dental staff).
JOB_TITLES: dict[str, tuple[str, ...]] = {
    "2": ("Domestic Assistant", "Porter"),
    "3": ("Healthcare Assistant", "Ward Clerk", "Senior Administrator", "Clinical Coder"),
    "4": ("Assistant Practitioner", "Pharmacy Technician", "Team Secretary", "Rota Coordinator"),
    "5": (
        "Staff Nurse",
        "Physiotherapist",
        "Occupational Therapist",
        "Diagnostic Radiographer",
        "Paramedic",
        "HR Advisor",
        "Registered Midwife",
    ),
    "6": (
        "Ward Sister",
        "Charge Nurse",
        "Senior Physiotherapist",
        "Specialist Paramedic",
        "Community Mental Health Nurse",
        "Senior HR Advisor",
        "Health Visitor",
    ),
    "7": (
        "Ward Manager",
        "Advanced Clinical Practitioner",
        "Finance Business Partner",
        "Clinical Psychologist",
        "Team Leader, District Nursing",
        "Organisational Development Practitioner",
        "Practice Development Nurse",
    ),
    "8a": (
        "Matron",
        "Service Manager",
        "Principal Pharmacist",
        "Head of Workforce Planning",
        "Senior Organisational Development Consultant",
    ),
    "8b": ("Head of Nursing", "General Manager", "Consultant Clinical Psychologist"),
    "8c": ("Deputy Director of Operations", "Head of Organisational Development"),
    "8d": ("Associate Director of Nursing", "Associate Director of People"),
    "9": ("Director of Workforce",),
    "VSM": ("Chief Nurse", "Chief People Officer"),
    "Other": ("Consultant Physician", "Specialty Doctor", "GP Partner", "Consultant Anaesthetist"),
}

#: Bands drawn for clients and practitioners (value, weight).
CLIENT_BANDS = (("4", 8), ("5", 20), ("6", 24), ("7", 22), ("8a", 12), ("8b", 5), ("Other", 4))
PRACTITIONER_BANDS = (
    ("7", 20),
    ("8a", 30),
    ("8b", 20),
    ("8c", 10),
    ("8d", 5),
    ("9", 2),
    ("VSM", 1),
    ("Other", 8),
)

#: What clients want to work on; practitioners' specialisms come from the same words.
DEVELOPMENT_AREAS = (
    "new leaders",
    "career transition",
    "leading change",
    "confidence in a new role",
    "managing conflict",
    "resilience and wellbeing",
    "influencing senior colleagues",
    "difficult conversations",
    "team culture",
    "inclusive leadership",
    "returning from leave",
    "time and priorities",
    "clinical to management",
    "organisational development",
)

#: Individual objectives, by development area.
OBJECTIVES: dict[str, tuple[str, ...]] = {
    "new leaders": (
        "Settle into leading a team of twelve without doing every task myself",
        "Hold regular one-to-ones with each of my direct reports",
    ),
    "career transition": (
        "Decide whether to apply for a band 8a role this year",
        "Build a development plan for a move into education",
    ),
    "leading change": (
        "Lead my ward through the move to the new unit with the team on board",
        "Bring the team with me through the rota redesign",
    ),
    "confidence in a new role": (
        "Speak up with confidence at the divisional governance meeting",
        "Own the budget for my service rather than deferring to finance",
    ),
    "managing conflict": (
        "Address a long-running disagreement between two senior staff",
        "Stay calm and curious when challenged in meetings",
    ),
    "resilience and wellbeing": (
        "Protect one afternoon a week for planning and recovery",
        "Notice the early signs of overload and act on them",
    ),
    "influencing senior colleagues": (
        "Make the case for a new post to the executive team",
        "Build working relationships with the medical leads",
    ),
    "difficult conversations": (
        "Hold a clear conversation about sickness absence",
        "Give honest feedback without losing the relationship",
    ),
    "team culture": (
        "Build a team where staff raise concerns early",
        "Improve the team's staff survey scores on involvement",
    ),
    "inclusive leadership": (
        "Make sure international nurses on my ward are heard and developed",
        "Run shortlisting and interviews fairly and openly",
    ),
    "returning from leave": (
        "Return from maternity leave at a pace that works for me",
        "Re-establish my place in the team after a long absence",
    ),
    "time and priorities": (
        "Delegate rota decisions to my deputy",
        "Cut the hours I spend on e-mail after work",
    ),
    "clinical to management": (
        "Balance clinical sessions with the new management role",
        "Learn to read and use the service's performance data",
    ),
    "organisational development": (
        "Design a coaching offer for my directorate",
        "Lead a listening exercise with the estates team",
    ),
}

ORGANISATIONAL_OBJECTIVES = (
    "Retain experienced nursing staff through the ward move",
    "Reduce agency spend in the division",
    "Improve staff survey scores on health and wellbeing",
    "Grow the pipeline of ward managers from within",
    "Support the merger of the two community teams",
    "Improve patient flow from the emergency department",
    "Increase the number of staff from ethnic minorities in band 7 and above",
)

ACCREDITATIONS = (
    "EMCC Coach Practitioner",
    "EMCC Senior Practitioner",
    "ILM Level 5 Certificate in Coaching and Mentoring",
    "ILM Level 7 Diploma in Executive Coaching",
    "ICF Associate Certified Coach",
    "NHS Leadership Academy Coaching for Inclusion",
)

MENTOR_EXPERIENCE = (
    "Fifteen years as a ward manager and matron; informal mentor to newly qualified nurses.",
    "Led the trust's preceptorship programme for six years.",
    "Mentored finance trainees through their CIMA qualifications.",
)

END_REASONS = ("completed", "objectives met", "planned sessions used")
WITHDRAW_REASONS = (
    "Client moved to a post in another region",
    "Client withdrew: workload on the ward",
    "Client started long-term sick leave",
    "Practitioner and client agreed the match was not working",
)

SUPERVISORS = (
    ("Morgan Ellery", "EMCC Accredited Supervisor"),
    ("Dr Helen Achterberg", "Diploma in Coaching Supervision (Oxford Brookes)"),
    ("Rukhsana Qureshi", "EMCC Accredited Supervisor"),
    ("Peter Lindqvist", "ICF Professional Certified Coach, supervision trained"),
)
SUPERVISION_THEMES = (
    "Contracting with senior clients",
    "Working with a client in the same directorate",
    "Boundaries between coaching and counselling",
    "Ending well when a client wants to carry on",
    "Noticing my own reaction to a client's frustration",
    "Using the evaluation data with clients",
    "Ethics: a client disclosed a concern about patient safety",
    "Coaching across cultures and first languages",
)
SUPERVISION_REFLECTIONS = (
    "Clearer on where coaching stops and a referral to occupational health starts.",
    "I realised I was working harder than my client.",
    "Useful to hear how others handle a late cancellation.",
    "",
)

#: (kind, title, provider, hours) - every CPD kind of SPEC 3.
CPD_OFFERS: tuple[tuple[str, str, str, float], ...] = (
    ("course", "Coaching supervision foundations", "Fenland Acute Learning and Development", 7.0),
    ("course", "Mental health first aid", "Ouse Valley Training Academy", 7.0),
    ("workshop", "Team coaching in practice", "Regional coaching network", 3.0),
    ("workshop", "Coaching for inclusion", "NHS leadership network (East)", 3.5),
    ("webinar", "Trauma-informed coaching conversations", "EMCC UK", 1.5),
    ("webinar", "Using psychometrics well", "Coaching network webinar series", 1.0),
    ("reading", "Coaching across cultures (book and reflection)", "Self-directed", 2.0),
    ("reading", "The coaching habit, chapters 1-4", "Self-directed", 1.5),
    ("conference", "EMCC UK annual conference", "EMCC UK", 6.0),
    ("conference", "East of England OD and coaching conference", "Regional OD network", 5.0),
    ("hub CPD offer", "Working with resistance in coaching", "Regional hub CPD offer", 3.5),
    ("hub CPD offer", "Contracting for three-way coaching", "Regional hub CPD offer", 2.0),
    ("other", "Reverse mentoring pilot: peer learning set", "Trust OD team", 2.0),
)
CPD_REFLECTIONS = (
    "Noticed how I rush to solutions when a client stalls.",
    "A useful model for three-way contracting with managers.",
    "I will ask more about what the client already tried.",
    "Good reminder about recognising distress and signposting.",
    "",
)

LOG_ENTRIES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Holding silence",
        "The client went quiet after naming the move.",
        "Silence gave space for the real issue.",
        "Wait longer before offering a question.",
        ("Enabling Insight and Learning", "Building the Relationship"),
    ),
    (
        "Re-contracting mid-way",
        "The client's objectives changed after a restructure.",
        "Returning to the contract kept us both honest.",
        "Check the objectives every third session.",
        ("Managing the Contract",),
    ),
    (
        "When I wanted to advise",
        "I caught myself telling the client how I ran my own ward.",
        "My experience can crowd out the client's thinking.",
        "Notice the urge and ask a question instead.",
        ("Understanding Self", "Enabling Insight and Learning"),
    ),
    (
        "Action planning that stuck",
        "We agreed small steps with dates and the client did them all.",
        "Specific, owned actions work better than big goals.",
        "End each session with one action the client names.",
        ("Outcome and Action Orientation",),
    ),
    (
        "Trying the GROW model",
        "Used GROW to structure a session on a job application.",
        "The options stage opened up more than I expected.",
        "Use models lightly and drop them when they get in the way.",
        ("Use of Models and Techniques",),
    ),
    (
        "Reviewing the pre evaluation",
        "Looked at the client's pre evaluation scores together.",
        "The scores started a conversation about stress.",
        "Bring the evaluation into the final session too.",
        ("Evaluation", "Outcome and Action Orientation"),
    ),
    (
        "A session on the phone",
        "The client could only talk from her car between visits.",
        "Phone sessions need more checking in about how things land.",
        "Agree at contracting what happens if we are interrupted.",
        ("Building the Relationship", "Managing the Contract"),
    ),
    (
        "Supervision on my own stress",
        "I brought my own workload to supervision.",
        "I cannot hold space for clients when I am depleted.",
        "Keep a gap between clinical work and coaching sessions.",
        ("Understanding Self", "Commitment to Self-Development"),
    ),
    (
        "Working across cultures",
        "The client described feeling unseen as an international nurse.",
        "I needed to listen without rushing to reassure.",
        "Read more about coaching for inclusion and take it to supervision.",
        ("Commitment to Self-Development", "Building the Relationship"),
    ),
    (
        "Ending the relationship",
        "Our final session looked back at the objectives.",
        "Endings deserve as much care as beginnings.",
        "Plan the ending from the second-to-last session.",
        ("Managing the Contract", "Evaluation"),
    ),
)

SESSION_NOTES = (
    "Agreed confidentiality, the number of sessions and the objectives.",
    "Explored the team move; client to talk to the deputy before next time.",
    "Client more settled; reviewed progress against the first objective.",
    "Short session; client on call.",
    "",
    "",
    "",
)

CLIENT_COMMENTS = (
    "Helped me hand over the rota with confidence.",
    "I feel clearer about what I want from my career.",
    "Having protected time to think made a real difference.",
    "I now prepare for difficult conversations rather than avoiding them.",
    "",
)
PRACTITIONER_COMMENTS = (
    "A committed client who acted between sessions.",
    "We re-contracted half-way; it helped.",
    "The match worked well across organisations.",
    "",
)

PERSON_NOTES = (
    "Works nights on alternate weeks; prefers sessions after 2 pm.",
    "Part-time: Monday to Wednesday.",
    "Asked to be contacted on her personal mobile only for rearranging sessions.",
    "Based at the community hospital; video sessions work best.",
    "Returning from a secondment in March.",
)
