"""What a charter is made of: sections → numbered articles → blocks (paragraphs, headings,
lists, tables), annexes, signatories and, for a draft, its findings.

Plain data, built by ``charter.model`` and drawn by the DOCX and HTML layouts. Text is
``Markup``: escaped once, valid as HTML text and as OOXML text alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass(frozen=True)
class Paragraph:
    text: Markup
    kind: str = "paragraph"


@dataclass(frozen=True)
class Heading:
    text: Markup
    kind: str = "heading"


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Markup, ...]
    kind: str = "list"


@dataclass(frozen=True)
class Table:
    header: tuple[Markup, ...]
    rows: tuple[tuple[Markup, ...], ...]
    caption: Markup | None = None
    compact: bool = False
    keep: bool = False  # keep on one page (short tables: indicator sheets, compositions)
    kind: str = "table"

    @property
    def width(self) -> int:
        return len(self.header)


Block = Paragraph | Heading | ListBlock | Table


@dataclass
class Article:
    id: str
    number: int
    label: str
    title: Markup
    blocks: list[Block]
    provisions: tuple[str, ...]
    section: str

    @property
    def heading(self) -> str:
        """The heading as printed: "المادة 3: …" / "Article 3 : …"."""
        return f"{self.label}{self._sep}{self.title}" if self.title else self.label

    _sep: str = ": "


@dataclass
class Section:
    id: str
    number: int
    label: str
    title: str
    articles: list[Article]


@dataclass
class Annex:
    id: str
    label: str
    title: str
    blocks: list[Block]


@dataclass
class Signatory:
    function: Markup
    name: Markup


@dataclass
class FindingLine:
    severity: str
    severity_label: str
    path: str  # the JSON pointer, for machines
    message: Markup
    citation: Markup
    field: str = ""  # how a person names the field: its schema titles ("Pétitions › Délai…")


@dataclass
class Charter:
    lang: str
    dir: str
    title: str
    running_header: str
    letterhead: list[str]
    subtitle: list[str]
    sections: list[Section]
    annexes: list[Annex]
    signatories: list[Signatory]
    done_at: Markup
    labels: dict[str, str]
    draft: bool = False
    findings: list[FindingLine] = field(default_factory=list)
    provisions: tuple[str, ...] = ()

    @property
    def author(self) -> str:
        """Who the charter is from (the PDF's author): the commune, the letterhead's last line."""
        return self.letterhead[-1] if self.letterhead else ""

    @property
    def articles(self) -> list[Article]:
        return [a for s in self.sections for a in s.articles]
