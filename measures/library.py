"""The starter indicator library: published indicators a partnership can adopt in one step.

Plain data, no models. Definitions paraphrase the statute, regulation or framework named in
``source``; where a framework leaves a choice to the state or community (cohort, test, time
window), the definition says so rather than guessing a local rule.

Units follow measures.models.Unit: "percent" is numerator / denominator x 100, "rate" is per
1,000, "currency" is an amount of money. Every share (percent, rate, ratio) names who is counted
on top and below.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryIndicator:
    code: str
    name: str
    definition: str
    source: str
    unit: str
    level: str
    period_type: str
    direction: str = "up"
    numerator: str = ""
    denominator: str = ""
    counts_people: bool = True
    stock: bool = False
    dimensions: tuple[str, ...] = ()
    reporters: tuple[str, ...] = ()


UNITS = frozenset({"count", "percent", "rate", "currency", "ratio", "score"})
SHARE_UNITS = frozenset({"percent", "rate", "ratio"})
LEVELS = frozenset({"output", "outcome", "systems"})
PERIOD_TYPES = frozenset({"month", "quarter", "year", "school", "federal", "program"})
DIRECTIONS = frozenset({"up", "down"})
DIMENSIONS = frozenset(
    {
        "race-ethnicity",
        "sex",
        "age-band",
        "county",
        "econ-disadvantage",
        "disability",
        "english-learner",
    }
)
REPORTERS = frozenset(
    {"k12", "college", "university", "workforce", "employer", "nonprofit", "government"}
)

_WIOA_DIMS = ("race-ethnicity", "sex", "age-band", "econ-disadvantage", "disability")
_SCHOOL_DIMS = ("race-ethnicity", "sex", "econ-disadvantage", "disability", "english-learner")
_TEGL = "TEGL 10-16, Change 3 (June 2024)"
_EXITERS = (
    "Participants who exited during the reporting period (leaving out exits WIOA guidance "
    "excludes, such as institutionalization, health or medical reasons, or death)"
)

LIBRARY: tuple[LibraryIndicator, ...] = (
    # --- WIOA primary indicators of performance, sec. 116(b)(2)(A) --------------------------
    LibraryIndicator(
        code="wioa-employment-q2",
        name="Employment rate, 2nd quarter after exit (WIOA)",
        definition=(
            "Percentage of participants who exited and were in unsubsidized employment during "
            "the second quarter after the quarter of exit; for WIOA Youth, participants in "
            "education or training activities also count. Measured mainly from state "
            "unemployment-insurance wage records, for the lagged exit cohort the federal "
            "reporting schedule assigns to the program year."
        ),
        source=(f"WIOA sec. 116(b)(2)(A)(i)(I) and (ii)(I); 20 CFR 677.155(a)(1)(i); {_TEGL}"),
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Exiters in the denominator who were in unsubsidized employment (Youth: or in "
            "education or training activities) during the second quarter after exit"
        ),
        denominator=_EXITERS,
        dimensions=_WIOA_DIMS,
        reporters=("workforce",),
    ),
    LibraryIndicator(
        code="wioa-employment-q4",
        name="Employment rate, 4th quarter after exit (WIOA)",
        definition=(
            "Percentage of participants who exited and were in unsubsidized employment during "
            "the fourth quarter after the quarter of exit; for WIOA Youth, participants in "
            "education or training activities also count. Measured mainly from state "
            "unemployment-insurance wage records, for the lagged exit cohort the federal "
            "reporting schedule assigns to the program year."
        ),
        source=(f"WIOA sec. 116(b)(2)(A)(i)(II) and (ii)(II); 20 CFR 677.155(a)(1)(ii); {_TEGL}"),
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Exiters in the denominator who were in unsubsidized employment (Youth: or in "
            "education or training activities) during the fourth quarter after exit"
        ),
        denominator=_EXITERS,
        dimensions=_WIOA_DIMS,
        reporters=("workforce",),
    ),
    LibraryIndicator(
        code="wioa-median-earnings-q2",
        name="Median earnings, 2nd quarter after exit (WIOA)",
        definition=(
            "The median of quarterly earnings in the second quarter after exit among "
            "participants who exited and were in unsubsidized employment in that quarter. "
            "Because it is a median, it cannot be rolled up exactly across providers: the "
            "region's figure is the mean of provider medians weighted by each provider's "
            "number of employed exiters, and is labelled as an approximation."
        ),
        source=f"WIOA sec. 116(b)(2)(A)(i)(III); 20 CFR 677.155(a)(1)(iii); {_TEGL}",
        # Entered as the provider's median (dollars) and its number of employed exiters,
        # so that the region's figure is the weighted mean the definition describes.
        unit="score",
        level="outcome",
        period_type="program",
        counts_people=False,
        dimensions=_WIOA_DIMS,
        reporters=("workforce",),
    ),
    LibraryIndicator(
        code="wioa-credential-attainment",
        name="Credential attainment rate (WIOA)",
        definition=(
            "Percentage of participants enrolled in an education or training program (other "
            "than on-the-job or customized training) who attained a recognized postsecondary "
            "credential, or a secondary school diploma or its recognized equivalent, during "
            "participation or within one year after exit. A secondary diploma or equivalent "
            "counts only if the participant was also employed, or in education or training "
            "leading to a recognized postsecondary credential, within one year after exit."
        ),
        source=(f"WIOA sec. 116(b)(2)(A)(i)(IV) and (iii); 20 CFR 677.155(a)(1)(iv); {_TEGL}"),
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Exiters in the denominator who attained a recognized postsecondary credential, or "
            "a secondary school diploma or recognized equivalent (counted only with employment "
            "or postsecondary education or training within one year after exit), during "
            "participation or within one year after exit"
        ),
        denominator=(
            "Participants who exited during the reporting period and were in an education or "
            "training program during participation, excluding those only in on-the-job "
            "training or customized training"
        ),
        dimensions=_WIOA_DIMS,
        reporters=("workforce", "college"),
    ),
    LibraryIndicator(
        code="wioa-measurable-skill-gains",
        name="Measurable skill gains rate (WIOA)",
        definition=(
            "Percentage of participants in an education or training program leading to a "
            "recognized postsecondary credential or employment who achieved at least one "
            "measurable skill gain during the program year: an educational functioning level "
            "gain, a secondary diploma or equivalent, a transcript or report card meeting "
            "academic standards, a satisfactory progress report toward training milestones "
            "(such as on-the-job training or a year of apprenticeship), or a passed "
            "occupational exam or documented technical-skill progress. Unlike the exit-based "
            "indicators, it counts participants while they are still enrolled."
        ),
        source=f"WIOA sec. 116(b)(2)(A)(i)(V); 20 CFR 677.155(a)(1)(v); {_TEGL}",
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Participants in the denominator who achieved at least one measurable skill gain "
            "during the program year"
        ),
        denominator=(
            "Participants who, during the program year, were in an education or training "
            "program that leads to a recognized postsecondary credential or employment"
        ),
        dimensions=_WIOA_DIMS,
        reporters=("workforce", "college"),
    ),
    LibraryIndicator(
        code="wioa-ese-retention-same-employer",
        name="Effectiveness in serving employers: retention with the same employer (WIOA)",
        definition=(
            "The WIOA effectiveness-in-serving-employers indicator as defined by the 2024 "
            "final rule: of participants employed in the second quarter after exit, the "
            "percentage employed by the same employer in both the second and the fourth "
            "quarter after exit. The state reports one figure shared by all six WIOA core "
            "programs; the same employer means the same employer identifier (such as FEIN or "
            "state UI account) in both quarters."
        ),
        source=(
            "WIOA sec. 116(b)(2)(A)(i)(VI); 20 CFR 677.155(a)(1)(vi) as amended by "
            f"89 FR 13814 (Feb. 23, 2024); {_TEGL}"
        ),
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Exiters in the denominator who were in unsubsidized employment with the same "
            "employer in both the second and the fourth quarter after exit"
        ),
        denominator=(
            "Participants who exited during the reporting period and were in unsubsidized "
            "employment in the second quarter after exit"
        ),
        dimensions=_WIOA_DIMS,
        reporters=("workforce",),
    ),
    LibraryIndicator(
        code="wioa-ese-repeat-business",
        name="Repeat business customers (WIOA employer pilot measure)",
        definition=(
            "One of the three pilot approaches to effectiveness in serving employers: of the "
            "establishments the core programs served in the previous three years, the "
            "percentage that received a service again in the reporting period. Kept for local "
            "use; since the 2024 final rule the federal indicator is retention with the same "
            "employer."
        ),
        source=(
            "WIOA sec. 116(b)(2)(A)(iv) pilot approach; TEGL 10-16, Change 1 (superseded for "
            "federal reporting by 89 FR 13814, Feb. 23, 2024)"
        ),
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Establishments that received a service, or continued to receive an ongoing "
            "service, during the reporting period and had also received a service within the "
            "previous three years"
        ),
        denominator=(
            "Establishments that received a service, or an ongoing service, at any time within "
            "the previous three years"
        ),
        counts_people=False,
        reporters=("workforce",),
    ),
    LibraryIndicator(
        code="wioa-ese-employer-penetration",
        name="Employer penetration rate (WIOA employer pilot measure)",
        definition=(
            "One of the three pilot approaches to effectiveness in serving employers: the "
            "percentage of all establishments in the area that received a service from the "
            "core programs during the reporting period, with establishments as counted in the "
            "BLS Quarterly Census of Employment and Wages. Kept for local use; since the 2024 "
            "final rule the federal indicator is retention with the same employer."
        ),
        source=(
            "WIOA sec. 116(b)(2)(A)(iv) pilot approach; TEGL 10-16, Change 1 (superseded for "
            "federal reporting by 89 FR 13814, Feb. 23, 2024)"
        ),
        unit="percent",
        level="outcome",
        period_type="program",
        numerator=(
            "Establishments (as defined by the BLS QCEW) that received a service, or continued "
            "to receive an ongoing service, from a core program during the reporting period"
        ),
        denominator=(
            "All establishments located in the reporter's service area, as counted in the "
            "QCEW for the last month or quarter of the reporting period"
        ),
        counts_people=False,
        reporters=("workforce",),
    ),
    # --- Perkins V secondary core indicators, sec. 113(b)(2)(A) ------------------------------
    LibraryIndicator(
        code="perkins-1s1-grad-4yr",
        name="1S1 Four-year graduation rate of CTE concentrators (Perkins V)",
        definition=(
            "Percentage of CTE concentrators who graduate high school, as measured by the "
            "four-year adjusted cohort graduation rate defined in ESEA sec. 8101. A secondary "
            "CTE concentrator is a student who has completed at least two courses in a single "
            "CTE program or program of study."
        ),
        source="Perkins V sec. 113(b)(2)(A)(i)(I) (indicator 1S1); ESEA sec. 8101",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the four-year adjusted cohort who graduated with a regular "
            "high school diploma within four years"
        ),
        denominator=(
            "CTE concentrators in the four-year adjusted cohort: students who entered grade 9 "
            "four years earlier, plus transfers in, minus documented transfers out, "
            "emigrations and deaths"
        ),
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-1s2-grad-extended",
        name="1S2 Extended graduation rate of CTE concentrators (Perkins V)",
        definition=(
            "At the state's discretion, the percentage of CTE concentrators who graduate high "
            "school as measured by the extended-year adjusted cohort graduation rate defined "
            "in ESEA sec. 8101 (five or more years, as the state sets)."
        ),
        source="Perkins V sec. 113(b)(2)(A)(i)(II) (indicator 1S2); ESEA sec. 8101",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the extended-year adjusted cohort who graduated with a "
            "regular high school diploma within the state's extended period"
        ),
        denominator="CTE concentrators in the extended-year adjusted cohort",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-2s1-reading-proficiency",
        name="2S1 Academic proficiency in reading/language arts of CTE concentrators (Perkins V)",
        definition=(
            "CTE concentrator proficiency in the state's challenging academic standards for "
            "reading/language arts, as measured by the high school assessment under ESEA sec. "
            "1111(b)(2): the percentage of tested concentrators scoring proficient or above. "
            "The state defines which concentrators form the cohort and which test "
            "administration counts."
        ),
        source="Perkins V sec. 113(b)(2)(A)(ii) (indicator 2S1); ESEA sec. 1111(b)(2)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who scored proficient or above on the state "
            "reading/language arts assessment"
        ),
        denominator=(
            "CTE concentrators in the state-defined cohort who took the state high school "
            "reading/language arts assessment"
        ),
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-2s2-math-proficiency",
        name="2S2 Academic proficiency in mathematics of CTE concentrators (Perkins V)",
        definition=(
            "CTE concentrator proficiency in the state's challenging academic standards for "
            "mathematics, as measured by the high school assessment under ESEA sec. "
            "1111(b)(2): the percentage of tested concentrators scoring proficient or above. "
            "The state defines which concentrators form the cohort and which test "
            "administration counts."
        ),
        source="Perkins V sec. 113(b)(2)(A)(ii) (indicator 2S2); ESEA sec. 1111(b)(2)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who scored proficient or above on the state "
            "mathematics assessment"
        ),
        denominator=(
            "CTE concentrators in the state-defined cohort who took the state high school "
            "mathematics assessment"
        ),
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-2s3-science-proficiency",
        name="2S3 Academic proficiency in science of CTE concentrators (Perkins V)",
        definition=(
            "CTE concentrator proficiency in the state's challenging academic standards for "
            "science, as measured by the high school assessment under ESEA sec. 1111(b)(2): "
            "the percentage of tested concentrators scoring proficient or above. The state "
            "defines which concentrators form the cohort and which test administration counts."
        ),
        source="Perkins V sec. 113(b)(2)(A)(ii) (indicator 2S3); ESEA sec. 1111(b)(2)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who scored proficient or above on the state "
            "science assessment"
        ),
        denominator=(
            "CTE concentrators in the state-defined cohort who took the state high school "
            "science assessment"
        ),
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-3s1-placement",
        name="3S1 Post-program placement of CTE concentrators (Perkins V)",
        definition=(
            "Percentage of CTE concentrators who, in the second quarter after exiting "
            "secondary education, are in postsecondary education or advanced training, "
            "military service, a service program under title I of the National and Community "
            "Service Act of 1990, the Peace Corps, or employment. States usually match wage "
            "records, National Student Clearinghouse and military data, sometimes with "
            "follow-up surveys."
        ),
        source="Perkins V sec. 113(b)(2)(A)(iii) (indicator 3S1)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who, in the second quarter after exit, were "
            "in postsecondary education or advanced training, military service, a national or "
            "community service program, the Peace Corps, or employment"
        ),
        denominator=(
            "CTE concentrators who exited secondary education in the cohort year the state "
            "assigns to this report"
        ),
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-4s1-nontraditional",
        name="4S1 Non-traditional program concentration (Perkins V)",
        definition=(
            "Percentage of CTE concentrators in programs and programs of study leading to "
            "non-traditional fields (fields in which one gender makes up less than 25 percent "
            "of the people employed, Perkins V sec. 3(33)) who are of the under-represented "
            "gender. Not broken down by sex, because sex defines the numerator."
        ),
        source="Perkins V sec. 113(b)(2)(A)(iv) (indicator 4S1); sec. 3(33)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in programs and programs of study leading to non-traditional "
            "fields who are of the gender under-represented in that field"
        ),
        denominator=(
            "CTE concentrators in programs and programs of study leading to non-traditional fields"
        ),
        dimensions=("race-ethnicity", "econ-disadvantage", "disability", "english-learner"),
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-5s1-credential",
        name="5S1 Program quality: recognized postsecondary credential (Perkins V)",
        definition=(
            "Percentage of CTE concentrators graduating from high school having attained a "
            "recognized postsecondary credential (as defined in WIOA sec. 3(52)), such as an "
            "industry-recognized certification or a license. One of the program-quality "
            "indicators of which each state reports at least one."
        ),
        source="Perkins V sec. 113(b)(2)(A)(v)(I) (indicator 5S1); WIOA sec. 3(52)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who attained a recognized postsecondary "
            "credential before leaving high school"
        ),
        denominator="CTE concentrators who graduated from high school in the reporting year",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-5s2-postsecondary-credit",
        name="5S2 Program quality: postsecondary credits (Perkins V)",
        definition=(
            "Percentage of CTE concentrators graduating from high school having attained "
            "postsecondary credits in the relevant CTE program or program of study through "
            "dual or concurrent enrollment or another credit transfer agreement."
        ),
        source="Perkins V sec. 113(b)(2)(A)(v)(II) (indicator 5S2)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who earned postsecondary credit in their CTE "
            "program or program of study through dual or concurrent enrollment or another "
            "credit transfer agreement"
        ),
        denominator="CTE concentrators who graduated from high school in the reporting year",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="perkins-5s3-work-based-learning",
        name="5S3 Program quality: participated in work-based learning (Perkins V)",
        definition=(
            "Percentage of CTE concentrators graduating from high school having participated "
            "in work-based learning: sustained interactions with industry or community "
            "professionals in real workplace settings, or simulated environments at school, "
            "that foster first-hand engagement with the tasks of a career field and are "
            "aligned to curriculum and instruction (Perkins V sec. 3(55))."
        ),
        source="Perkins V sec. 113(b)(2)(A)(v)(III) (indicator 5S3); sec. 3(55)",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "CTE concentrators in the denominator who participated in work-based learning "
            "during high school"
        ),
        denominator="CTE concentrators who graduated from high school in the reporting year",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    # --- StriveTogether cradle-to-career outcomes ---------------------------------------------
    LibraryIndicator(
        code="c2c-kindergarten-readiness",
        name="Kindergarten readiness",
        definition=(
            "Percentage of entering kindergartners who meet the readiness benchmark on the "
            "state's (or district's) kindergarten entry assessment. Instruments and "
            "benchmarks differ by state, so keep one instrument and cut score over time and "
            "do not compare across states."
        ),
        source="StriveTogether cradle-to-career outcome: Kindergarten Readiness",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "Kindergartners in the denominator who met the readiness benchmark on the "
            "kindergarten entry assessment"
        ),
        denominator=(
            "Kindergartners assessed with the kindergarten entry assessment at the start of "
            "the school year"
        ),
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="c2c-grade3-reading",
        name="Early grade reading: 3rd-grade reading proficiency",
        definition=(
            "Percentage of 3rd-grade students scoring proficient or above on the state's "
            "English language arts/reading assessment. Proficiency is the state's cut score, "
            "so figures are comparable within a state, not across states."
        ),
        source="StriveTogether cradle-to-career outcome: Early Grade Reading",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator="3rd graders tested who scored proficient or above in reading/ELA",
        denominator="3rd graders with a valid score on the state reading/ELA assessment",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="c2c-grade8-math",
        name="Middle grade math: 8th-grade math proficiency",
        definition=(
            "Percentage of 8th-grade students scoring proficient or above on the state's "
            "mathematics assessment. Eighth graders who take an end-of-course test (such as "
            "Algebra I) instead of the grade-8 test are counted as the state's rules provide."
        ),
        source="StriveTogether cradle-to-career outcome: Middle Grade Math",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator="8th graders tested who scored proficient or above in mathematics",
        denominator="8th graders with a valid score on the state mathematics assessment",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="c2c-hs-graduation",
        name="High school graduation: four-year adjusted cohort graduation rate",
        definition=(
            "Percentage of students in the four-year adjusted cohort who graduate with a "
            "regular high school diploma within four years, as defined in ESEA sec. 8101: "
            "first-time 9th graders plus transfers in, minus documented transfers out, "
            "emigrations and deaths."
        ),
        source="StriveTogether cradle-to-career outcome: High School Graduation; ESEA sec. 8101",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "Students in the adjusted cohort who graduated with a regular high school diploma "
            "within four years"
        ),
        denominator="Students in the four-year adjusted cohort",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12",),
    ),
    LibraryIndicator(
        code="c2c-postsecondary-enrollment",
        name="Postsecondary enrollment: fall after high school graduation",
        definition=(
            "Percentage of a high school graduating class enrolled at a two- or four-year "
            "postsecondary institution (in any state) in the fall immediately after "
            "graduation, usually measured with National Student Clearinghouse data. Reported "
            "in the school year after graduation (SY 2024-25 reports the class of 2024)."
        ),
        source="StriveTogether cradle-to-career outcome: Postsecondary Enrollment",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "Graduates in the denominator enrolled at a postsecondary institution in the fall "
            "after graduation"
        ),
        denominator="High school graduates of the class (regular diploma)",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12", "college", "university"),
    ),
    LibraryIndicator(
        code="c2c-postsecondary-completion",
        name="Postsecondary completion within six years of high school graduation",
        definition=(
            "Percentage of a high school graduating class that earns a postsecondary "
            "certificate or degree within six years of high school graduation, usually "
            "measured with National Student Clearinghouse data (which does not capture "
            "industry certifications). Reported in the school year the six-year window closes "
            "(SY 2024-25 reports the class of 2019)."
        ),
        source="StriveTogether cradle-to-career outcome: Postsecondary Completion",
        unit="percent",
        level="outcome",
        period_type="school",
        numerator=(
            "Graduates in the denominator who earned a postsecondary certificate or degree "
            "within six years of high school graduation"
        ),
        denominator="High school graduates of the class six years earlier (regular diploma)",
        dimensions=_SCHOOL_DIMS,
        reporters=("k12", "college", "university"),
    ),
    LibraryIndicator(
        code="c2c-youth-working-or-in-school",
        name="Employment: young people ages 16-24 working or in school",
        definition=(
            "Percentage of young people ages 16-24 who are working or enrolled in school; "
            "100 minus this figure is the opportunity-youth (disconnected-youth) rate, those "
            "neither working nor in school. Estimated from the American Community Survey, so "
            "figures are sample estimates with margins of error."
        ),
        source=(
            "StriveTogether cradle-to-career outcome: Employment; complement of the "
            "disconnected-youth rate (Measure of America), American Community Survey"
        ),
        unit="percent",
        level="outcome",
        period_type="year",
        numerator=(
            "People ages 16-24 who are employed (including in the armed forces) or enrolled "
            "in school"
        ),
        denominator="All people ages 16-24 living in the area",
        dimensions=("race-ethnicity", "sex", "age-band", "county"),
        reporters=("workforce", "government"),
    ),
    # --- Network and systems-change measures -------------------------------------------------
    LibraryIndicator(
        code="sys-reports-on-time",
        name="Partners reporting on time",
        definition=(
            "Percentage of partners expected to report in the quarter whose report was "
            "submitted by the due date. Computed by the backbone from submission records."
        ),
        source="Partnership systems measure (local definition)",
        unit="percent",
        level="systems",
        period_type="quarter",
        numerator="Partners whose report was submitted by the due date",
        denominator="Partners expected to report",
        counts_people=False,
    ),
    LibraryIndicator(
        code="sys-cross-sector-partnerships",
        name="Active cross-sector partnerships",
        definition=(
            "Number of partnerships, on the last day of the quarter, that join organizations "
            "from at least two sectors (for example a school district and an employer) under a "
            "written agreement in force (MOU, articulation, data-sharing or work-based learning "
            "agreement) with at least one joint activity in the quarter. Each partnership is "
            "counted once, so the backbone counts it rather than each partner."
        ),
        source="Partnership systems measure (local definition)",
        unit="count",
        level="systems",
        period_type="quarter",
        counts_people=False,
        stock=True,
    ),
    LibraryIndicator(
        code="sys-programs-employer-advisory",
        name="Pathway programs with an active employer advisory partner",
        definition=(
            "Percentage of the partnership's pathway programs (CTE programs of study and "
            "workforce training programs on the pathway maps) with at least one employer on "
            "an advisory committee that met during the school year."
        ),
        source="Partnership systems measure (local definition)",
        unit="percent",
        level="systems",
        period_type="school",
        numerator=(
            "Pathway programs with at least one employer member on an advisory committee that "
            "met during the school year"
        ),
        denominator="Pathway programs offered by the reporter during the school year",
        counts_people=False,
        reporters=("k12", "college", "workforce"),
    ),
    LibraryIndicator(
        code="sys-employers-offering-wbl",
        name="Employers offering work-based learning",
        definition=(
            "Number of distinct employers with at least one active work-based learning "
            "placement or agreement (internship, registered or pre-apprenticeship, clinical "
            "placement, co-op or paid work experience) for pathway learners on the last day "
            "of the quarter. Each employer is counted once across the region, so the backbone "
            "counts it rather than each school or provider."
        ),
        source="Partnership systems measure (local definition)",
        unit="count",
        level="systems",
        period_type="quarter",
        counts_people=False,
        stock=True,
    ),
)


_CODE_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_CODE_REST = _CODE_FIRST | {"-", "_"}


def _require(ok: bool, message: str) -> None:
    # Raised explicitly, not with assert, so the check still runs under python -O.
    if not ok:
        raise AssertionError(message)


def _check() -> None:
    codes = [item.code for item in LIBRARY]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    _require(not duplicates, f"Duplicate codes: {duplicates}")
    for item in LIBRARY:
        code = item.code
        _require(
            0 < len(code) <= 40 and code[0] in _CODE_FIRST and set(code) <= _CODE_REST,
            f"{code!r}: a code is 1-40 lower-case letters, digits, hyphens or underscores",
        )
        _require(0 < len(item.name) <= 200, f"{code}: name must be 1-200 characters")
        _require(bool(item.definition.strip()), f"{code}: definition is empty")
        _require(0 < len(item.source) <= 300, f"{code}: source must be 1-300 characters")
        _require(item.unit in UNITS, f"{code}: unknown unit {item.unit!r}")
        _require(item.level in LEVELS, f"{code}: unknown level {item.level!r}")
        _require(item.period_type in PERIOD_TYPES, f"{code}: unknown period {item.period_type!r}")
        _require(item.direction in DIRECTIONS, f"{code}: unknown direction {item.direction!r}")
        if item.unit in SHARE_UNITS:
            _require(
                bool(item.numerator.strip() and item.denominator.strip()),
                f"{code}: a {item.unit} needs numerator and denominator text",
            )
        if item.unit in {"currency", "score"}:
            _require(not item.counts_people, f"{code}: a {item.unit} does not count people")
        _require(
            isinstance(item.dimensions, tuple) and set(item.dimensions) <= DIMENSIONS,
            f"{code}: unknown dimensions {set(item.dimensions) - DIMENSIONS}",
        )
        _require(len(set(item.dimensions)) == len(item.dimensions), f"{code}: repeated dimension")
        _require(
            isinstance(item.reporters, tuple) and set(item.reporters) <= REPORTERS,
            f"{code}: unknown reporters {set(item.reporters) - REPORTERS}",
        )
        _require(len(set(item.reporters)) == len(item.reporters), f"{code}: repeated reporter")


_check()
