"""The CTDL vocabulary pathways/ctdl.py writes with: the classes each kind of step and credential
becomes, and the concepts and frameworks of delivery, schedule, organizations and codes.
pathways/ctdl_import.py reads them back through the same tables."""

from partners.models import SectorType
from pathways.models import AwardLevel, CredentialKind, Modality, Schedule, StepKind

COMPONENT_TYPES = {
    StepKind.COURSE: "ceterms:CourseComponent",
    StepKind.PROGRAM: "ceterms:BasicComponent",
    StepKind.CREDENTIAL: "ceterms:CredentialComponent",
    StepKind.WORK_BASED: "ceterms:WorkExperienceComponent",
    StepKind.JOB: "ceterms:JobComponent",
}
CREDENTIAL_TYPES = {
    CredentialKind.DIPLOMA: "ceterms:SecondarySchoolDiploma",
    CredentialKind.CERTIFICATION: "ceterms:Certification",
    CredentialKind.LICENSE: "ceterms:License",
    CredentialKind.CERTIFICATE: "ceterms:Certificate",
    CredentialKind.APPRENTICESHIP: "ceterms:ApprenticeshipCertificate",
    CredentialKind.ASSOCIATE: "ceterms:AssociateDegree",
    CredentialKind.BACHELOR: "ceterms:BachelorDegree",
    CredentialKind.GRADUATE: "ceterms:MasterDegree",
}
# The credential a program step earns, when the step names none, by the program's award.
AWARD_TYPES = {
    AwardLevel.NONE: "ceterms:Certificate",
    AwardLevel.CERTIFICATE: "ceterms:Certificate",
    AwardLevel.DIPLOMA: "ceterms:Diploma",
    AwardLevel.ASSOCIATE: "ceterms:AssociateDegree",
    AwardLevel.BACHELOR: "ceterms:BachelorDegree",
    AwardLevel.GRADUATE: "ceterms:MasterDegree",
    AwardLevel.APPRENTICESHIP: "ceterms:ApprenticeshipCertificate",
}
DELIVERY = {
    Modality.IN_PERSON: ("deliveryType:InPerson", "In Person Only"),
    Modality.ONLINE: ("deliveryType:OnlineOnly", "Online Only"),
    Modality.HYBRID: ("deliveryType:BlendedDelivery", "Blended Delivery"),
}
DAYTIME = [("scheduleTiming:Daytime", "Daytime"), ("scheduleTiming:Weekdays", "Weekdays")]
SCHEDULE_TIMING = {
    Schedule.FULL_TIME: DAYTIME,
    Schedule.SCHOOL_DAY: DAYTIME,
    Schedule.EVENINGS: [
        ("scheduleTiming:Evening", "Evening"),
        ("scheduleTiming:Weekends", "Weekends"),
    ],
}
AGENT_SECTOR = {
    SectorType.EMPLOYER: ("agentSector:PrivateForProfit", "Private For-Profit"),
    SectorType.NONPROFIT: ("agentSector:PrivateNonProfit", "Private Non-Profit"),
    SectorType.FUNDER: ("agentSector:PrivateNonProfit", "Private Non-Profit"),
    SectorType.BACKBONE: ("agentSector:PrivateNonProfit", "Private Non-Profit"),
}
AGENT_TYPE = {
    SectorType.K12: ("orgType:SecondarySchool", "Secondary School"),
    SectorType.COLLEGE: ("orgType:TwoYear", "Two-Year Institution"),
    SectorType.UNIVERSITY: ("orgType:FourYear", "Four-Year Institution"),
    SectorType.WORKFORCE: ("orgType:Government", "Government"),
    SectorType.EMPLOYER: ("orgType:Business", "Business or Industry Association"),
    SectorType.NONPROFIT: ("orgType:NonProfit", "Non-Profit"),
    SectorType.GOVERNMENT: ("orgType:Government", "Government"),
    SectorType.FUNDER: ("orgType:NonProfit", "Non-Profit"),
    SectorType.BACKBONE: ("orgType:NonProfit", "Non-Profit"),
}
SOC_FRAMEWORK = ("https://www.bls.gov/soc/", "Standard Occupational Classification")
CIP_FRAMEWORK = (
    "https://nces.ed.gov/ipeds/cipcode/search.aspx?y=56",
    "Classification of Instructional Programs",
)
NAICS_FRAMEWORK = (
    "https://www.naics.com/",
    "NAICS - North American Industry Classification System",
)
CLUSTER_FRAMEWORK = "Advance CTE Career Clusters"
