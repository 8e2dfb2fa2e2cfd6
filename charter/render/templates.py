"""What a charter is drawn from, as one value: the clause library and the Word layouts.

Rendering never looks for its templates: the caller hands it a ``Templates`` (``charter.documents
.render_docx(answers, lang, templates=…)``). ``shipped()`` is the repository's own
(``templates/clauses/``, ``templates/docx/``), and the default; the entry points (the wizard
through ``ui/backend.py``, the CLI, batch) ask ``charter.library.in_force()`` for the advisors'
edits over them. The HTML layout of the PDF is the developers' and always the shipped one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from charter.errors import TemplateError
from charter.render.clauses import LANGS, Library, shipped_library
from charter.resources import TEMPLATES

DOCX_DIR = TEMPLATES / "docx"


@dataclass(frozen=True, eq=False)
class Templates:
    """The clause library, the Word layout of each language, and ``key``: a name that changes
    whenever either does (caches key on it; two values with one key are equal)."""

    library: Library
    layouts: Mapping[str, Path]
    key: str = "shipped"

    def layout(self, lang: str) -> Path:
        """The Word layout of ``lang`` (``TemplateError`` when there is none)."""
        path = self.layouts.get(lang)
        if path is None or not path.is_file():
            raise TemplateError(f"missing Word layout for {lang!r}: {path}")
        return path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Templates) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


def shipped_layouts() -> dict[str, Path]:
    return {lang: DOCX_DIR / f"charter-{lang}.docx" for lang in LANGS}


@cache
def shipped() -> Templates:
    """The templates of the repository, compiled once per process."""
    return Templates(shipped_library(), shipped_layouts(), "shipped")
