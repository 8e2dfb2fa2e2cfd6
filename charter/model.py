"""Answers → the charter model: ordered sections → numbered articles → paragraphs, lists, tables.

Both outputs (DOCX and PDF) are drawn from this model, so they cannot say different things. The
wording comes from the clause library (templates/clauses/); the tables and annexes are built here
from the answers and from the catalogue of provisions. Every article carries the provision ids it
rests on; the references chapter and the compliance matrix are generated from them.

Text in the model is ``Markup``: escaped once, valid as HTML text and as OOXML text alike.
"""

from __future__ import annotations

import dataclasses
import re

import jinja2
from markupsafe import Markup, escape

from charter.blocks import (  # noqa: F401  (the model's types, named here too)
    Annex,
    Article,
    Block,
    Charter,
    FindingLine,
    Heading,
    ListBlock,
    Paragraph,
    Section,
    Signatory,
    Table,
)
from charter.errors import TemplateError
from charter.legal import catalogue, for_level
from charter.render import context as _context
from charter.render import grammar
from charter.render import tables as _tables
from charter.render.clauses import Clause, Library, shipped_library
from charter.render.environment import clean_text
from charter.schema import field_title

DIRECTION = {"ar": "rtl", "fr": "ltr"}


# --- text → blocks -------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t]+")


def text_blocks(text: Markup) -> list[Block]:
    """Split rendered clause text: blank line = new paragraph, "- " = list item, "## " = heading."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph(Markup(" ".join(para))))
            para.clear()

    def flush_items() -> None:
        if items:
            blocks.append(ListBlock(tuple(Markup(i) for i in items)))
            items.clear()

    for raw in str(text).split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            flush_para()
        elif line.startswith("- "):
            flush_para()
            items.append(line[2:].strip())
        elif line.startswith("## "):
            flush_para()
            flush_items()
            blocks.append(Heading(Markup(line[3:].strip())))
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return blocks


# --- numbering -----------------------------------------------------------------------------------


def article_label(number: int, lib: Library, lang: str) -> str:
    """ "Article premier" / "المادة الأولى" for the first article (as Moroccan texts number it),
    then "Article 2" / "المادة 2"."""
    if number == 1:
        return lib.label("article_first", lang)
    return lib.label("article", lang).format(n=number)


def chapter_label(number: int, lib: Library, lang: str) -> str:
    ordinals = lib.label("ordinals", lang).split(",")
    word = ordinals[number - 1].strip() if number <= len(ordinals) else str(number)
    return lib.label("chapter", lang).format(n=word)


# --- building ------------------------------------------------------------------------------------


_INCOMPLETE = (jinja2.UndefinedError, TypeError, KeyError, AttributeError)


def _render(template: jinja2.Template, ctx: dict, where: str) -> Markup:
    try:
        return Markup(template.render(ctx))
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"{where}: not allowed in a template: {exc}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{where}: {exc}") from exc
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise TemplateError(f"{where}: {type(exc).__name__}: {exc}") from exc


def _applies(clause, ctx: dict, where: str) -> bool:
    try:
        return clause.applies(ctx)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{where}: condition 'when': {exc}") from exc
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise TemplateError(f"{where}: condition 'when': {type(exc).__name__}: {exc}") from exc


def _article(
    clause: Clause, number: int, ctx: dict, lib: Library, lang: str, draft: bool = False
) -> Article:
    where = f"{clause.source}, {clause.id} ({lang})"
    try:
        blocks = text_blocks(_render(clause.text[lang], ctx, where))
        if clause.table:
            blocks.extend(_tables.build(clause.table, ctx, lib, lang))
    except TemplateError as exc:
        # A draft may lack whole sections: say so in the article instead of failing the draft.
        if not draft or not isinstance(exc.__cause__, _INCOMPLETE):
            raise
        blocks = [Paragraph(escape(lib.label("incomplete", lang)))]
    article = Article(
        id=clause.id,
        number=number,
        label=article_label(number, lib, lang),
        title=Markup(" ".join(_render(clause.title[lang], ctx, where).split())),
        blocks=blocks,
        provisions=for_level(clause.provisions, str(ctx.get("level") or "commune")),
        section=clause.section,
    )
    article._sep = lib.label("heading_sep", lang)
    return article


def build_charter(
    answers: dict,
    lang: str = "ar",
    *,
    draft: bool = False,
    findings: list | None = None,
    lib: Library | None = None,
) -> Charter:
    """Build the charter for valid ``answers`` (validation is the caller's job: see render)."""
    if lang not in DIRECTION:
        raise TemplateError(f"unknown language {lang!r}: expected ar or fr")
    lib = lib or shipped_library()
    ctx = _context.clause_context(answers, lang)
    sections: list[Section] = []
    number = 0
    for spec in lib.sections:
        if not _applies(spec, ctx, f"{spec.source} ({lang})"):
            continue
        articles = []
        for clause in spec.clauses:
            try:
                applies = _applies(clause, ctx, f"{clause.source}, {clause.id}")
            except TemplateError:
                if not draft:
                    raise
                applies = True
            if not applies:
                continue
            number += 1
            articles.append(_article(clause, number, ctx, lib, lang, draft))
        if articles:
            sections.append(
                Section(
                    id=spec.id,
                    number=len(sections) + 1,
                    label=chapter_label(len(sections) + 1, lib, lang),
                    title=spec.title[lang],
                    articles=articles,
                )
            )
    charter_articles = [a for s in sections for a in s.articles]
    cited = tuple(dict.fromkeys(p for a in charter_articles for p in a.provisions))
    # The references chapter lists what the articles rest on; it is filled once they are known.
    for article in charter_articles:
        for i, block in enumerate(article.blocks):
            if isinstance(block, _tables.Pending):
                article.blocks[i : i + 1] = block.fill(cited, charter_articles, lang)
    head = _context.document_head(ctx, lib, lang)
    charter = Charter(
        lang=lang,
        dir=DIRECTION[lang],
        title=head["title"],
        running_header=head["running_header"],
        letterhead=head["letterhead"],
        subtitle=head["subtitle"],
        sections=sections,
        annexes=_tables.annexes(ctx, lib, lang, charter_articles, findings or []),
        signatories=[Signatory(**s) for s in head["signatories"]],
        done_at=head["done_at"],
        labels={k: v[lang] for k, v in lib.labels.items()},
        draft=draft,
        findings=[finding_line(f, lib, lang) for f in (findings or [])] if draft else [],
        provisions=cited,
    )
    if lang == "fr":
        typeset_french(charter)
    return charter


# --- French typography ---------------------------------------------------------------------------


def _typeset_block(block: Block) -> Block:
    if isinstance(block, Paragraph | Heading):
        return dataclasses.replace(block, text=grammar.french(block.text))
    if isinstance(block, ListBlock):
        return dataclasses.replace(block, items=tuple(grammar.french(i) for i in block.items))
    if isinstance(block, Table):
        return dataclasses.replace(
            block,
            header=tuple(grammar.french(c) for c in block.header),
            rows=tuple(tuple(grammar.french(c) for c in row) for row in block.rows),
            caption=None if block.caption is None else grammar.french(block.caption),
        )
    return block


def typeset_french(charter: Charter) -> None:
    """One typographic convention over the whole French charter — the clauses' words, the
    answers and the annexes alike: « » with non-breaking spaces, ’, a non-breaking space before
    : ; ! ? (``charter.render.grammar.french``)."""
    charter.title = grammar.french(charter.title)
    charter.running_header = grammar.french(charter.running_header)
    charter.letterhead = [grammar.french(line) for line in charter.letterhead]
    charter.done_at = grammar.french(charter.done_at)
    for section in charter.sections:
        section.title = grammar.french(escape(section.title))
        for article in section.articles:
            article.title = grammar.french(article.title)
            article.blocks = [_typeset_block(b) for b in article.blocks]
    for annex in charter.annexes:
        annex.title = grammar.french(escape(annex.title))
        annex.blocks = [_typeset_block(b) for b in annex.blocks]
    for signatory in charter.signatories:
        signatory.function = grammar.french(signatory.function)
        signatory.name = grammar.french(signatory.name)


def finding_line(finding, lib: Library, lang: str) -> FindingLine:
    d = finding.to_dict() if hasattr(finding, "to_dict") else dict(finding)
    cat = catalogue()
    cites = ("؛ " if lang == "ar" else "; ").join(  # the Arabic semicolon between citations
        cat.cite(c["provision"], lang)
        if c.get("provision") in cat
        else f"{c.get('law', '')} art. {c.get('article', '')}"
        for c in d.get("citations") or ()
    )
    severity = d.get("severity", "error")
    return FindingLine(
        severity=severity,
        severity_label=lib.label(f"severity_{severity}", lang),
        path=clean_text(d.get("path") or "/"),
        message=escape(clean_text(d.get("message", ""))),
        citation=escape(cites),
        field=clean_text(field_title(d.get("path") or "", lang, section=True)),
    )
