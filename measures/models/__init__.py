"""The shared measures' models, one module per subject; import them from here."""

from measures.models.figures import (
    Aggregate,
    DisclosureBasis,
    Publication,
    RollupRun,
    ScopeType,
)
from measures.models.library import (
    AGGREGATION_FOR_UNIT,
    PEOPLE_THRESHOLD_FLOOR,
    SCALE,
    SHARE_UNITS,
    Aggregation,
    Category,
    Dimension,
    Direction,
    Indicator,
    Level,
    Target,
    Unit,
)
from measures.models.reporting import (
    DataValue,
    ImportJob,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    ValueChange,
)

__all__ = [
    "AGGREGATION_FOR_UNIT",
    "PEOPLE_THRESHOLD_FLOOR",
    "SCALE",
    "SHARE_UNITS",
    "Aggregate",
    "Aggregation",
    "Category",
    "DataValue",
    "Dimension",
    "Direction",
    "DisclosureBasis",
    "ImportJob",
    "Indicator",
    "Level",
    "Publication",
    "RollupRun",
    "ScopeType",
    "Submission",
    "SubmissionEvent",
    "SubmissionStatus",
    "Target",
    "Unit",
    "ValueChange",
]
