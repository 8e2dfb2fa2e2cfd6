"""Mithaq's library: the answers schema, the catalogue of provisions, the legal rules,
validation and (in ``charter.render``) the charter documents.

The public API is what this package exports; anything else is internal. The library never
imports streamlit or ui, and only ``charter.cli`` imports click. Logging: modules log under
the ``charter`` logger and add no handler; only the CLI and the app configure logging.
"""

from charter.answers import MAX_BYTES, load_answers
from charter.derive import Derived, association_may_petition, derive, signature_threshold
from charter.errors import (
    AnswersFileError,
    CharterError,
    ConfigurationError,
    InvalidAnswersError,
    RenderError,
    TemplateError,
)
from charter.findings import Citation, Finding
from charter.legal import catalogue
from charter.schema import LEVELS, level_of, schema, steps
from charter.validate import iter_findings, renderable, validate

__all__ = [
    "LEVELS",
    "MAX_BYTES",
    "AnswersFileError",
    "CharterError",
    "Citation",
    "ConfigurationError",
    "Derived",
    "Finding",
    "InvalidAnswersError",
    "RenderError",
    "TemplateError",
    "association_may_petition",
    "catalogue",
    "derive",
    "iter_findings",
    "level_of",
    "load_answers",
    "renderable",
    "schema",
    "signature_threshold",
    "steps",
    "validate",
]
