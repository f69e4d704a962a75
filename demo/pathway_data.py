"""The demo region's career pathways as data: clusters, sectors, occupations, providers,
programs, credentials and pathways (demo figures, not real data). Seeded by demo/pathways.py."""

from dataclasses import dataclass

from partners.models import SectorType
from pathways.models import (
    Audience,
    AwardLevel,
    CredentialKind,
    Education,
    LinkKind,
    Modality,
    Schedule,
    Stage,
    StepKind,
)


@dataclass(frozen=True)
class OccupationSpec:
    soc_code: str
    title: str  # the SOC 2018 title
    sectors: tuple[str, ...]
    median_wage: int
    annual_openings: int
    projected_growth: str
    entry_education: str


Y, A, B = Audience.YOUTH, Audience.ADULT, Audience.BOTH
L, C, D = AwardLevel, CredentialKind, Modality


@dataclass(frozen=True)
class StepSpec:
    key: str
    stage: str
    kind: str
    title: str
    provider: str | None
    audience: str
    description: str = ""
    program: str | None = None
    credential: str | None = None
    occupation: str | None = None
    entry: bool = False
    exit: bool = False
    grades: tuple[int, int] | None = None
    ages: tuple[int | None, int | None] | None = None


@dataclass(frozen=True)
class PathwaySpec:
    slug: str
    title: str
    summary: str
    sector: str
    cluster: str
    occupations: tuple[str, ...]
    steps: tuple[StepSpec, ...]
    links: tuple[tuple[str, str, str], ...]  # from, to, kind


S, K = Stage, StepKind
P, R = LinkKind.PRECEDES, LinkKind.PREREQUISITE

DEMO_SOURCE = "Demo figures (not real data)"


# Advance CTE, National Career Clusters Framework (modernized, October 2024).
CLUSTERS = [
    ("advanced-manufacturing", "Advanced Manufacturing"),
    ("agriculture", "Agriculture"),
    ("arts-entertainment-design", "Arts, Entertainment & Design"),
    ("construction", "Construction"),
    ("digital-technology", "Digital Technology"),
    ("education", "Education"),
    ("energy-natural-resources", "Energy & Natural Resources"),
    ("financial-services", "Financial Services"),
    ("healthcare-human-services", "Healthcare & Human Services"),
    ("hospitality-events-tourism", "Hospitality, Events & Tourism"),
    ("management-entrepreneurship", "Management & Entrepreneurship"),
    ("marketing-sales", "Marketing & Sales"),
    ("public-service-safety", "Public Service & Safety"),
    ("supply-chain-transportation", "Supply Chain & Transportation"),
]


# slug, name, NAICS (2022) codes, description
SECTORS = [
    (
        "life-sciences",
        "Life sciences and biomanufacturing",
        "3254, 5417",
        "Pharmaceutical and medicine manufacturing (3254) and scientific research and "
        "development (5417): the Research Triangle's biomanufacturing plants and labs.",
    ),
    (
        "healthcare",
        "Healthcare",
        "62",
        "Health care and social assistance (62): hospitals, clinics and long-term care.",
    ),
    (
        "information-technology",
        "Information technology",
        "5132, 5415, 518",
        "Software publishers (5132; 5112 before NAICS 2022), computer systems design (5415), "
        "and computing infrastructure, data processing and hosting (518).",
    ),
    (
        "advanced-manufacturing",
        "Advanced manufacturing",
        "31, 32, 33",
        "Manufacturing (NAICS 31–33): machining, production and maintenance in the region's "
        "plants.",
    ),
]


E = Education


OCCUPATIONS = [
    OccupationSpec(
        "19-4021", "Biological Technicians", ("life-sciences",), 54980, 210, "5.8", E.BACHELOR
    ),
    OccupationSpec(
        "19-4031", "Chemical Technicians", ("life-sciences",), 61240, 70, "4.1", E.ASSOCIATE
    ),
    OccupationSpec(
        "19-1029",
        "Biological Scientists, All Other",
        ("life-sciences",),
        98500,
        40,
        "6.2",
        E.BACHELOR,
    ),
    OccupationSpec(
        "51-9011",
        "Chemical Equipment Operators and Tenders",
        ("life-sciences", "advanced-manufacturing"),
        56420,
        120,
        "3.5",
        E.HIGH_SCHOOL,
    ),
    OccupationSpec("29-1141", "Registered Nurses", ("healthcare",), 86390, 1150, "7.9", E.BACHELOR),
    OccupationSpec(
        "29-2061",
        "Licensed Practical and Licensed Vocational Nurses",
        ("healthcare",),
        58720,
        130,
        "4.6",
        E.POSTSECONDARY,
    ),
    OccupationSpec(
        "31-1131", "Nursing Assistants", ("healthcare",), 37560, 560, "5.2", E.POSTSECONDARY
    ),
    OccupationSpec(
        "31-9092", "Medical Assistants", ("healthcare",), 42180, 480, "13.5", E.POSTSECONDARY
    ),
    OccupationSpec(
        "15-1252",
        "Software Developers",
        ("information-technology",),
        138920,
        780,
        "17.4",
        E.BACHELOR,
    ),
    OccupationSpec(
        "15-1232",
        "Computer User Support Specialists",
        ("information-technology",),
        59870,
        230,
        "5.7",
        E.SOME_COLLEGE,
    ),
    OccupationSpec(
        "15-1231",
        "Computer Network Support Specialists",
        ("information-technology",),
        72450,
        60,
        "6.8",
        E.ASSOCIATE,
    ),
    OccupationSpec(
        "15-1212",
        "Information Security Analysts",
        ("information-technology",),
        124310,
        90,
        "29.5",
        E.BACHELOR,
    ),
    OccupationSpec(
        "51-4041", "Machinists", ("advanced-manufacturing",), 51830, 70, "2.1", E.HIGH_SCHOOL
    ),
    OccupationSpec(
        "51-9161",
        "Computer Numerically Controlled Tool Operators",
        ("advanced-manufacturing",),
        46970,
        60,
        "3.0",
        E.HIGH_SCHOOL,
    ),
    OccupationSpec(
        "51-1011",
        "First-Line Supervisors of Production and Operating Workers",
        ("advanced-manufacturing", "life-sciences"),
        71200,
        110,
        "2.4",
        E.HIGH_SCHOOL,
    ),
]


# Organizations the pathways name, as demo/region.py's PARTNERS has them (used when the
# caller does not pass them in).
PROVIDERS = {
    "durham-public-schools": ("Durham Public Schools", SectorType.K12),
    "durham-tech": ("Durham Technical Community College", SectorType.COLLEGE),
    "nccu": ("North Carolina Central University", SectorType.UNIVERSITY),
    "durham-workforce-board": ("Durham County Workforce Development Board", SectorType.WORKFORCE),
    "duke-health": ("Duke Health", SectorType.EMPLOYER),
    "durham-chamber": ("Greater Durham Chamber of Commerce", SectorType.EMPLOYER),
    "ncbiotech": ("North Carolina Biotechnology Center", SectorType.NONPROFIT),
}


# key: provider, CIP 2020 code, title, award level, months, cost, modality, audience
PROGRAMS = {
    "dps-biotech": (
        "durham-public-schools",
        "41.0101",
        "Biotechnology and Agriscience Research CTE courses",
        L.NONE,
        36,
        0,
        D.IN_PERSON,
        Y,
    ),
    "dps-health": (
        "durham-public-schools",
        "51.0000",
        "Health Science CTE courses",
        L.NONE,
        36,
        0,
        D.IN_PERSON,
        Y,
    ),
    "dps-computing": (
        "durham-public-schools",
        "11.0101",
        "Computer Science and Information Technology CTE courses",
        L.NONE,
        36,
        0,
        D.IN_PERSON,
        Y,
    ),
    "dps-manufacturing": (
        "durham-public-schools",
        "15.0613",
        "Advanced Manufacturing CTE courses",
        L.NONE,
        36,
        0,
        D.IN_PERSON,
        Y,
    ),
    "dtcc-biowork": (
        "durham-tech",
        "41.0101",
        "BioWork Process Technician",
        L.CERTIFICATE,
        4,
        180,
        D.HYBRID,
        B,
    ),
    "dtcc-biotech": (
        "durham-tech",
        "26.1201",
        "Biotechnology (A.A.S.)",
        L.ASSOCIATE,
        24,
        5400,
        D.IN_PERSON,
        A,
    ),
    "dtcc-nurse-aide": (
        "durham-tech",
        "51.3902",
        "Nurse Aide I",
        L.CERTIFICATE,
        3,
        250,
        D.IN_PERSON,
        B,
    ),
    "dtcc-practical-nursing": (
        "durham-tech",
        "51.3901",
        "Practical Nursing (diploma)",
        L.DIPLOMA,
        12,
        3600,
        D.IN_PERSON,
        A,
    ),
    "dtcc-adn": (
        "durham-tech",
        "51.3801",
        "Associate Degree Nursing (A.A.S.)",
        L.ASSOCIATE,
        24,
        5800,
        D.IN_PERSON,
        A,
    ),
    "dtcc-medical-assisting": (
        "durham-tech",
        "51.0801",
        "Medical Assisting (diploma)",
        L.DIPLOMA,
        12,
        3400,
        D.HYBRID,
        A,
    ),
    "dtcc-it-support": (
        "durham-tech",
        "11.1006",
        "IT Support Technician (certificate)",
        L.CERTIFICATE,
        6,
        1200,
        D.HYBRID,
        B,
    ),
    "dtcc-it": (
        "durham-tech",
        "11.0103",
        "Information Technology (A.A.S.)",
        L.ASSOCIATE,
        24,
        5400,
        D.HYBRID,
        A,
    ),
    "dtcc-machining": (
        "durham-tech",
        "48.0501",
        "Machining Technology (diploma)",
        L.DIPLOMA,
        12,
        3000,
        D.IN_PERSON,
        B,
    ),
    "dtcc-machinist-apprenticeship": (
        "durham-tech",
        "48.0501",
        "Machinist registered apprenticeship",
        L.APPRENTICESHIP,
        48,
        0,
        D.IN_PERSON,
        B,
    ),
    "nccu-pharm-sciences": (
        "nccu",
        "51.2010",
        "Pharmaceutical Sciences (B.S.)",
        L.BACHELOR,
        48,
        28000,
        D.IN_PERSON,
        B,
    ),
    "nccu-bsn": ("nccu", "51.3801", "RN to BSN (B.S.N.)", L.BACHELOR, 12, 9000, D.ONLINE, A),
    "nccu-computer-science": (
        "nccu",
        "11.0701",
        "Computer Science (B.S.)",
        L.BACHELOR,
        48,
        28000,
        D.IN_PERSON,
        B,
    ),
    "dwdb-nextgen": (
        "durham-workforce-board",
        "32.0107",
        "NCWorks NextGen youth program (WIOA)",
        L.NONE,
        12,
        0,
        D.IN_PERSON,
        Y,
    ),
    "dwdb-adult": (
        "durham-workforce-board",
        "32.0107",
        "Career services and training accounts for adults (WIOA)",
        L.NONE,
        6,
        0,
        D.HYBRID,
        A,
    ),
}


# How a student reaches each provider's programs: where they are taught, how to enrol (demo
# text, not the provider's own) and the provider's web site; a program's schedule is its
# provider's unless PROGRAM_SCHEDULES says otherwise.
ENROLMENT = {
    "durham-public-schools": (
        Schedule.SCHOOL_DAY,
        "Durham public high schools",
        "Ask your school counselor to add the course when you choose next year's classes "
        "(usually in February). There is no cost and no test.",
        "https://www.dpsnc.net/",
    ),
    "durham-tech": (
        Schedule.PART_TIME,
        "Main campus, 1637 E. Lawson St., Durham",
        "Apply online to the college (free), then meet an advisor to choose your first classes. "
        "Financial aid and Career and College Promise (free classes for high school students) "
        "are explained at the advising center.",
        "https://www.durhamtech.edu/",
    ),
    "nccu": (
        Schedule.FULL_TIME,
        "NCCU campus, 1801 Fayetteville St., Durham",
        "Apply through the university's admissions office; transfer students from Durham Tech "
        "send their transcripts and meet a transfer counselor.",
        "https://www.nccu.edu/",
    ),
    "durham-workforce-board": (
        Schedule.PART_TIME,
        "NCWorks Career Center, Durham",
        "Visit or call the NCWorks Career Center: a career advisor checks whether you qualify "
        "(WIOA) and helps you choose training. There is no cost to you.",
        "https://www.ncworks.gov/",
    ),
}
PROGRAM_SCHEDULES = {
    "dtcc-nurse-aide": Schedule.EVENINGS,
    "dtcc-practical-nursing": Schedule.FULL_TIME,
    "dtcc-adn": Schedule.FULL_TIME,
    "dtcc-machinist-apprenticeship": Schedule.FULL_TIME,
    "nccu-bsn": Schedule.SELF_PACED,
}

# key: name, kind, issuer
CREDENTIALS = {
    "crc": ("NCWorks Career Readiness Certificate", C.CERTIFICATION, "NCWorks (ACT WorkKeys)"),
    "biowork": (
        "BioWork Process Technician certificate",
        C.CERTIFICATE,
        "North Carolina Community College System",
    ),
    "aas-biotech": (
        "Associate in Applied Science, Biotechnology",
        C.ASSOCIATE,
        "Durham Technical Community College",
    ),
    "bs-pharm": (
        "Bachelor of Science, Pharmaceutical Sciences",
        C.BACHELOR,
        "North Carolina Central University",
    ),
    "cna": ("Nurse Aide I (CNA)", C.CERTIFICATION, "North Carolina Nurse Aide I Registry"),
    "lpn": ("Licensed Practical Nurse (LPN)", C.LICENSE, "North Carolina Board of Nursing"),
    "adn": ("Associate Degree in Nursing (ADN)", C.ASSOCIATE, "Durham Technical Community College"),
    "rn": ("Registered Nurse (RN)", C.LICENSE, "North Carolina Board of Nursing"),
    "bsn": (
        "Bachelor of Science in Nursing (BSN)",
        C.BACHELOR,
        "North Carolina Central University",
    ),
    "ccma": (
        "Certified Clinical Medical Assistant (CCMA)",
        C.CERTIFICATION,
        "National Healthcareer Association",
    ),
    "a-plus": ("CompTIA A+", C.CERTIFICATION, "CompTIA"),
    "network-plus": ("CompTIA Network+", C.CERTIFICATION, "CompTIA"),
    "aas-it": (
        "Associate in Applied Science, Information Technology",
        C.ASSOCIATE,
        "Durham Technical Community College",
    ),
    "bs-cs": (
        "Bachelor of Science, Computer Science",
        C.BACHELOR,
        "North Carolina Central University",
    ),
    "nims": (
        "NIMS Machining Level I",
        C.CERTIFICATION,
        "National Institute for Metalworking Skills",
    ),
    "machining-diploma": (
        "Diploma, Machining Technology",
        C.CERTIFICATE,
        "Durham Technical Community College",
    ),
    "journeyworker": ("Journeyworker certificate, Machinist", C.APPRENTICESHIP, "ApprenticeshipNC"),
}


# Each credential and the ones it stacks into (counts toward).
STACKING = [
    ("biowork", "aas-biotech"),
    ("aas-biotech", "bs-pharm"),
    ("cna", "lpn"),
    ("lpn", "rn"),
    ("adn", "rn"),
    ("rn", "bsn"),
    ("a-plus", "aas-it"),
    ("network-plus", "aas-it"),
    ("aas-it", "bs-cs"),
    ("nims", "machining-diploma"),
    ("machining-diploma", "journeyworker"),
]


PATHWAYS = [
    PathwaySpec(
        "biomanufacturing",
        "Biomanufacturing",
        "From a first lab visit to process, lab and scientist jobs in the region's "
        "biomanufacturing plants; short BioWork training stacks into a degree. (Demo pathway.)",
        "life-sciences",
        "advanced-manufacturing",
        ("51-9011", "19-4021", "19-4031", "19-1029"),
        (
            StepSpec(
                "explore",
                S.EXPLORE,
                K.COURSE,
                "Biotech lab visits and summer camp",
                "ncbiotech",
                Y,
                "Hands-on lab days and plant tours for middle and high school students.",
                entry=True,
                grades=(7, 12),
            ),
            StepSpec(
                "hs",
                S.PREPARE,
                K.PROGRAM,
                "Biotechnology CTE courses in high school",
                "durham-public-schools",
                Y,
                program="dps-biotech",
                entry=True,
                grades=(9, 12),
            ),
            StepSpec(
                "adult",
                S.PREPARE,
                K.CREDENTIAL,
                "Career Readiness Certificate and career coaching",
                "durham-workforce-board",
                A,
                "Career coaching at NCWorks and the WorkKeys-based Career Readiness Certificate.",
                credential="crc",
                entry=True,
                ages=(18, None),
            ),
            StepSpec(
                "biowork",
                S.TRAIN,
                K.PROGRAM,
                "BioWork Process Technician",
                "durham-tech",
                B,
                "A short course in good manufacturing practice, process operations and safety.",
                program="dtcc-biowork",
                entry=True,
                exit=True,
                ages=(16, None),
            ),
            StepSpec(
                "operator",
                S.LAUNCH,
                K.JOB,
                "Process technician",
                "durham-chamber",
                A,
                "Entry-level production jobs with the chamber's biomanufacturing employers.",
                occupation="51-9011",
                exit=True,
                ages=(18, None),
            ),
            StepSpec(
                "aas",
                S.TRAIN,
                K.PROGRAM,
                "Biotechnology associate degree",
                "durham-tech",
                A,
                "BioWork counts toward the degree.",
                program="dtcc-biotech",
                exit=True,
            ),
            StepSpec(
                "technician",
                S.LAUNCH,
                K.JOB,
                "Biological technician",
                "durham-chamber",
                A,
                occupation="19-4021",
                exit=True,
            ),
            StepSpec(
                "bs",
                S.ADVANCE,
                K.PROGRAM,
                "Pharmaceutical Sciences bachelor's degree",
                "nccu",
                B,
                program="nccu-pharm-sciences",
                exit=True,
            ),
            StepSpec(
                "scientist",
                S.ADVANCE,
                K.JOB,
                "Research and quality scientist",
                "durham-chamber",
                A,
                occupation="19-1029",
                exit=True,
            ),
        ),
        (
            ("explore", "hs", P),
            ("hs", "biowork", P),
            ("adult", "biowork", P),
            ("biowork", "operator", P),
            ("biowork", "aas", P),
            ("operator", "aas", P),
            ("hs", "aas", P),
            ("aas", "technician", P),
            ("aas", "bs", P),
            ("technician", "bs", P),
            ("bs", "scientist", P),
        ),
    ),
    PathwaySpec(
        "nursing-health-sciences",
        "Nursing and health sciences",
        "The nursing ladder, from nurse aide to registered nurse and a bachelor's degree, "
        "with a job at every rung. (Demo pathway.)",
        "healthcare",
        "healthcare-human-services",
        ("31-1131", "29-2061", "29-1141"),
        (
            StepSpec(
                "explore",
                S.EXPLORE,
                K.WORK_BASED,
                "Health careers day and job shadowing",
                "duke-health",
                Y,
                "Students shadow nurses and technicians for a day.",
                entry=True,
                grades=(9, 12),
            ),
            StepSpec(
                "hs",
                S.PREPARE,
                K.PROGRAM,
                "Health Science CTE courses in high school",
                "durham-public-schools",
                Y,
                program="dps-health",
                entry=True,
                grades=(9, 12),
            ),
            StepSpec(
                "adult",
                S.PREPARE,
                K.PROGRAM,
                "Career coaching and a training account",
                "durham-workforce-board",
                A,
                "WIOA pays for nurse aide or nursing training for eligible adults.",
                program="dwdb-adult",
                entry=True,
                ages=(18, None),
            ),
            StepSpec(
                "aide",
                S.TRAIN,
                K.PROGRAM,
                "Nurse Aide I",
                "durham-tech",
                B,
                "Leads to listing on the North Carolina Nurse Aide I Registry.",
                program="dtcc-nurse-aide",
                credential="cna",
                entry=True,
                ages=(16, None),
            ),
            StepSpec(
                "aide-job",
                S.LAUNCH,
                K.JOB,
                "Nursing assistant",
                "duke-health",
                A,
                occupation="31-1131",
                exit=True,
                ages=(18, None),
            ),
            StepSpec(
                "pn",
                S.TRAIN,
                K.PROGRAM,
                "Practical Nursing",
                "durham-tech",
                A,
                program="dtcc-practical-nursing",
                credential="lpn",
            ),
            StepSpec(
                "lpn-job",
                S.LAUNCH,
                K.JOB,
                "Licensed practical nurse",
                "duke-health",
                A,
                occupation="29-2061",
                exit=True,
            ),
            StepSpec(
                "adn",
                S.TRAIN,
                K.PROGRAM,
                "Associate Degree Nursing",
                "durham-tech",
                A,
                program="dtcc-adn",
                credential="adn",
            ),
            StepSpec(
                "rn-job",
                S.LAUNCH,
                K.JOB,
                "Registered nurse",
                "duke-health",
                A,
                occupation="29-1141",
                exit=True,
            ),
            StepSpec(
                "bsn",
                S.ADVANCE,
                K.PROGRAM,
                "RN to BSN",
                "nccu",
                A,
                "For working registered nurses.",
                program="nccu-bsn",
                credential="bsn",
                exit=True,
            ),
        ),
        (
            ("explore", "hs", P),
            ("hs", "aide", P),
            ("adult", "aide", P),
            ("aide", "aide-job", P),
            ("aide", "pn", R),
            ("aide", "adn", R),
            ("aide-job", "pn", P),
            ("pn", "lpn-job", P),
            ("lpn-job", "adn", P),
            ("adn", "rn-job", P),
            ("rn-job", "bsn", R),
        ),
    ),
    PathwaySpec(
        "software-it",
        "Software and information technology",
        "From a first coding class to IT support, networking and software development; "
        "industry certifications count toward an IT degree. (Demo pathway.)",
        "information-technology",
        "digital-technology",
        ("15-1232", "15-1231", "15-1212", "15-1252"),
        (
            StepSpec(
                "explore",
                S.EXPLORE,
                K.COURSE,
                "Computer science exploration in middle school",
                "durham-public-schools",
                Y,
                entry=True,
                grades=(6, 8),
            ),
            StepSpec(
                "hs",
                S.PREPARE,
                K.PROGRAM,
                "Computer Science and IT CTE courses in high school",
                "durham-public-schools",
                Y,
                program="dps-computing",
                grades=(9, 12),
            ),
            StepSpec(
                "nextgen",
                S.PREPARE,
                K.PROGRAM,
                "NCWorks NextGen for young adults",
                "durham-workforce-board",
                Y,
                "Coaching, work experience and paid training for 16- to 24-year-olds out of "
                "school or work.",
                program="dwdb-nextgen",
                entry=True,
                ages=(16, 24),
            ),
            StepSpec(
                "it-support",
                S.TRAIN,
                K.PROGRAM,
                "IT Support Technician certificate (CompTIA A+)",
                "durham-tech",
                B,
                program="dtcc-it-support",
                credential="a-plus",
                entry=True,
                ages=(16, None),
            ),
            StepSpec(
                "support-job",
                S.LAUNCH,
                K.JOB,
                "Computer user support specialist",
                "durham-chamber",
                A,
                occupation="15-1232",
                exit=True,
                ages=(18, None),
            ),
            StepSpec(
                "aas",
                S.TRAIN,
                K.PROGRAM,
                "Information Technology associate degree",
                "durham-tech",
                A,
                "A+ and Network+ count toward the degree.",
                program="dtcc-it",
                exit=True,
            ),
            StepSpec(
                "network-job",
                S.LAUNCH,
                K.JOB,
                "Computer network support specialist",
                "durham-chamber",
                A,
                occupation="15-1231",
                exit=True,
            ),
            StepSpec(
                "bs",
                S.ADVANCE,
                K.PROGRAM,
                "Computer Science bachelor's degree",
                "nccu",
                B,
                program="nccu-computer-science",
                exit=True,
            ),
            StepSpec(
                "developer",
                S.ADVANCE,
                K.JOB,
                "Software developer",
                "durham-chamber",
                A,
                occupation="15-1252",
                exit=True,
            ),
        ),
        (
            ("explore", "hs", P),
            ("hs", "it-support", P),
            ("nextgen", "it-support", P),
            ("it-support", "support-job", P),
            ("it-support", "aas", P),
            ("support-job", "aas", P),
            ("aas", "network-job", P),
            ("aas", "bs", P),
            ("hs", "bs", P),
            ("network-job", "bs", P),
            ("bs", "developer", P),
        ),
    ),
    PathwaySpec(
        "advanced-manufacturing-machining",
        "Advanced manufacturing: machining",
        "From a plant tour to CNC operation, a registered apprenticeship and a supervisor's "
        "job. (Demo pathway.)",
        "advanced-manufacturing",
        "advanced-manufacturing",
        ("51-9161", "51-4041", "51-1011"),
        (
            StepSpec(
                "explore",
                S.EXPLORE,
                K.WORK_BASED,
                "Manufacturing Day plant tours",
                "durham-chamber",
                Y,
                "Students tour local plants each October.",
                entry=True,
                grades=(8, 12),
            ),
            StepSpec(
                "hs",
                S.PREPARE,
                K.PROGRAM,
                "Advanced Manufacturing CTE courses in high school",
                "durham-public-schools",
                Y,
                program="dps-manufacturing",
                grades=(9, 12),
            ),
            StepSpec(
                "adult",
                S.PREPARE,
                K.PROGRAM,
                "Career coaching and a training account",
                "durham-workforce-board",
                A,
                program="dwdb-adult",
                entry=True,
                ages=(18, None),
            ),
            StepSpec(
                "machining",
                S.TRAIN,
                K.PROGRAM,
                "Machining Technology",
                "durham-tech",
                B,
                "Prepares for the NIMS machining credentials.",
                program="dtcc-machining",
                credential="machining-diploma",
                entry=True,
                ages=(16, None),
            ),
            StepSpec(
                "cnc-job",
                S.LAUNCH,
                K.JOB,
                "CNC tool operator",
                "durham-chamber",
                A,
                occupation="51-9161",
                exit=True,
                ages=(18, None),
            ),
            StepSpec(
                "apprenticeship",
                S.LAUNCH,
                K.WORK_BASED,
                "Machinist registered apprenticeship",
                "durham-tech",
                A,
                "Paid on-the-job training with an employer and related instruction at the college.",
                program="dtcc-machinist-apprenticeship",
                credential="journeyworker",
                ages=(18, None),
            ),
            StepSpec(
                "machinist",
                S.ADVANCE,
                K.JOB,
                "Machinist",
                "durham-chamber",
                A,
                occupation="51-4041",
                exit=True,
            ),
            StepSpec(
                "supervisor",
                S.ADVANCE,
                K.JOB,
                "Production supervisor",
                "durham-chamber",
                A,
                occupation="51-1011",
                exit=True,
            ),
        ),
        (
            ("explore", "hs", P),
            ("hs", "machining", P),
            ("adult", "machining", P),
            ("machining", "cnc-job", P),
            ("machining", "apprenticeship", P),
            ("cnc-job", "apprenticeship", P),
            ("apprenticeship", "machinist", R),
            ("machinist", "supervisor", P),
        ),
    ),
]
