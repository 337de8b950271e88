"""Import and export: LinkedIn CSV, vCard, JSON backups and safe CSV.

The shared import types live in ``importing``; each format has its own module
(``linkedin``, ``vcard``, ``backup``, ``csv_export``), imported where it is used.
"""

from infoview.io.importing import (
    ImportPlan,
    ImportProblem,
    ImportResult,
    ParsedImport,
    SkippedRow,
    apply_import,
)

__all__ = [
    "ImportPlan",
    "ImportProblem",
    "ImportResult",
    "ParsedImport",
    "SkippedRow",
    "apply_import",
]
