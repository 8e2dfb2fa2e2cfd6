"""Every error charter raises on purpose.

One root, ``CharterError``; each class carries the CLI exit code it maps to. Catch
``CharterError`` only at a boundary (``charter.cli``, ``ui``): anything else is a bug and
keeps its traceback.
"""


class CharterError(Exception):
    """Root of every error Mithaq raises on purpose."""

    exit_code = 2


class AnswersFileError(CharterError):
    """The answers cannot be read: unreadable file, not JSON, not an object, too large."""

    exit_code = 2


class InvalidAnswersError(CharterError):
    """The answers have errors; ``findings`` holds every finding (errors and warnings)."""

    exit_code = 1

    def __init__(self, findings):
        self.findings = tuple(findings)
        errors = [f for f in self.findings if f.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the answers")

    @property
    def errors(self):
        return tuple(f for f in self.findings if f.severity == "error")


class StaleDraftError(CharterError):
    """A save was based on a revision that is no longer the draft's newest: someone saved the
    draft elsewhere (another tab, another person) in between. Nothing was saved.

    ``base`` is the revision the save started from, ``latest`` the draft's newest, ``steps``
    the sections whose answers differ between the two (in the schema's order when known).
    """

    exit_code = 2

    def __init__(self, draft_id, base, latest, steps):
        self.draft_id = draft_id
        self.base = base
        self.latest = latest
        self.steps = tuple(steps)
        changed = ", ".join(self.steps) or "no section"
        super().__init__(
            f"draft changed elsewhere since revision {base} (now {latest}): {changed} changed"
        )


class StorageError(CharterError):
    """The data folder cannot be read or written (read-only, full, missing, locked): nothing
    was saved; the caller still holds what it tried to save."""

    exit_code = 2


class ConfigurationError(CharterError):
    """Mithaq's own data (schema, catalogue, rules) is broken: a bug in the repository."""

    exit_code = 3


class TemplateError(CharterError):
    """A clause or a layout template is broken or reaches for something it may not."""

    exit_code = 3


class RenderError(CharterError):
    """The document could not be produced."""

    exit_code = 4
