"""Public consultation on Decidim, the participation platform many communes use.

Three exchanges, each in the format Decidim documents for it:

- ``participatory_text(model)`` — the draft charter as a Decidim *participatory text*
  (decidim-proposals: a Markdown document in which each "Title 1" becomes a section, the other
  titles subsections, and each paragraph an article, i.e. a proposal citizens comment on). Every
  chapter is a ``#`` title and every article ONE paragraph that opens with its label and title,
  so one article of the charter is one proposal on Decidim.
- ``accountability_csv(answers, model, year)`` — the charter's commitments and indicators as
  Decidim *accountability results*, in the CSV its results importer reads (``;``-separated;
  ``id``, ``parent/id``, ``title/<locale>``, ``description/<locale>``, ``start_date``,
  ``end_date``, ``progress``…): a parent result per group, a result per commitment article and
  per indicator, the indicator's progress from its observed values.
- ``comments_per_article(csv, model)`` — back from Decidim: its proposals export (CSV, with a
  ``comments`` count and the body of each proposal) read into comment counts per article, which
  ``record_comments`` adds to the drafting record (``adoption.drafting_process``).

The formats were checked against Decidim's own documentation and sample files (see
docs/decidim.md); tests/test_decidim.py holds them to it.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from charter.blocks import Charter, Heading, ListBlock, Paragraph, Table
from charter.errors import AnswersFileError
from charter.monitoring import report
from charter.redline import text_of

__all__ = [
    "ACCOUNTABILITY_COLUMNS",
    "accountability_csv",
    "comments_per_article",
    "participatory_text",
    "record_comments",
]

LOCALES = ("ar", "fr")
#: The columns we write, all of them columns Decidim's results importer reads.
ACCOUNTABILITY_COLUMNS = (
    "id", "parent/id",
    *(f"title/{loc}" for loc in LOCALES), *(f"description/{loc}" for loc in LOCALES),
    "start_date", "end_date", "status/id", "progress", "proposal_urls",
)  # fmt: skip


def participatory_text(model: Charter) -> str:
    """The charter as a Decidim participatory text (Markdown): ``# chapter`` then one
    paragraph per article, "**Article 3 : Title.** text…", lists kept as "- " lines inside it."""
    out = [f"# {_md(model.title)}", ""]
    for section in model.sections:
        out += [f"# {_md(section.label)} — {_md(section.title)}", ""]
        for art in section.articles:
            parts = [f"**{_md(art.heading)}.**"]
            for block in art.blocks:
                if isinstance(block, Paragraph | Heading):
                    parts.append(_md(block.text))
                elif isinstance(block, ListBlock):
                    parts.extend("\n- " + _md(item) for item in block.items)
                elif isinstance(block, Table):
                    rows = [block.header, *block.rows]
                    sep = "؛ " if model.lang == "ar" else "; "
                    parts.append(sep.join(" | ".join(_md(c) for c in row) for row in rows) + ".")
            out += [" ".join(parts).replace(" \n- ", "\n- "), ""]
    return "\n".join(out)


def _md(value: object) -> str:
    """Plain text safe in one Markdown paragraph: no line breaks, no heading or list markers
    that Decidim's parser would take for structure, no markup."""
    text = text_of(value)
    text = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
    return text


def accountability_csv(answers: dict[str, Any], models: dict[str, Charter], year: int) -> bytes:
    """The commitments (articles whose clause id ends in ``commitments``) and the indicators
    as Decidim accountability results, titled in each language of ``models`` (lang → charter
    model); progress is the share of the way from baseline to target that the latest observed
    value (up to ``year``) has come."""
    commune = answers.get("commune") or {}
    mandate = commune.get("mandate") or {}
    start = str(mandate.get("start_date") or f"{year}-01-01")
    end = f"{mandate.get('end_year') or year}-12-31"
    labels = {
        "commitments": {"ar": "التزامات الميثاق", "fr": "Engagements de la charte"},
        "indicators": {"ar": "مؤشرات تتبع الميثاق", "fr": "Indicateurs de suivi de la charte"},
    }
    rows: list[dict[str, Any]] = []

    def add(parent: int | None, title: dict, description: dict, progress: Any = "") -> int:
        rid = len(rows) + 1
        rows.append({
            "id": rid, "parent/id": parent or "",
            **{f"title/{loc}": title.get(loc, "") for loc in LOCALES},
            **{f"description/{loc}": description.get(loc, "") for loc in LOCALES},
            "start_date": start, "end_date": end, "status/id": "", "progress": progress,
            "proposal_urls": "",
        })  # fmt: skip
        return rid

    group = add(None, labels["commitments"], {})
    by_lang = {lang: {a.id: a for a in m.articles} for lang, m in models.items()}
    first = next(iter(models.values()))
    for aid in (a.id for a in first.articles if a.id.split(".")[-1].startswith("commitments")):
        arts = {lang: found[aid] for lang, found in by_lang.items() if aid in found}
        title = {lang: text_of(a.heading) for lang, a in arts.items()}
        body = {
            lang: "<p>"
            + _html(" ".join(text_of(getattr(b, "text", "")) for b in a.blocks))
            + "</p>"
            for lang, a in arts.items()
        }
        add(group, title, body)
    group = add(None, labels["indicators"], {})
    reports = {lang: report(answers, year, lang) for lang in LOCALES}
    for n, row in enumerate(reports["fr"].rows):
        title = {lang: f"{r.rows[n].code} — {r.rows[n].name}" for lang, r in reports.items()}
        description = {
            "ar": f"<p>القيمة المرجعية: {_num(row.baseline)} — القيمة المستهدفة: "
            f"{_num(row.target)}</p>",
            "fr": f"<p>Valeur de référence : {_num(row.baseline)} — cible : {_num(row.target)}</p>",
        }
        add(group, title, description, _progress(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, ACCOUNTABILITY_COLUMNS, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _article_text(article) -> str:
    return " ".join(text_of(getattr(b, "text", "")) for b in article.blocks)


def _num(value: Any) -> str:
    return "—" if value is None else f"{value:g}"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _progress(row) -> str:
    if not row.values or row.baseline is None or row.target is None:
        return ""
    if row.target == row.baseline:
        return "100"
    latest = row.values[max(row.values)]
    share = (latest - row.baseline) / (row.target - row.baseline)
    return f"{round(min(max(share, 0.0), 1.0) * 100)}"


def comments_per_article(data: bytes, model: Charter) -> dict[str, int]:
    """Comment counts per article id from Decidim's proposals export (CSV, ``,`` or ``;``): a
    proposal's body opens with the article's label and title as ``participatory_text`` wrote
    it; its ``comments`` column counts the comments. Rows that match no article are ignored
    (sections, citizens' own proposals); a file without those columns is refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError("the Decidim export is not UTF-8 text") from None
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    fields = reader.fieldnames or []
    bodies = [f for f in fields if f == "body" or f.startswith("body/")]
    if "comments" not in fields or not bodies:
        raise AnswersFileError(
            "not a Decidim proposals export: it needs a 'comments' column and a 'body' column"
        )
    headings = {_plain(text_of(a.heading)): a.id for a in model.articles}
    counts: dict[str, int] = {}
    for row in reader:
        body = " ".join(_plain(row.get(b) or "") for b in bodies)
        found = next((aid for h, aid in headings.items() if h and h in body), None)
        if found is None:
            continue
        try:
            counts[found] = counts.get(found, 0) + int(row["comments"] or 0)
        except ValueError:
            raise AnswersFileError(f"comments: not a number ({row['comments']!r})") from None
    return counts


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("\\", "").replace("*", "")
    return " ".join(text.split())


def record_comments(
    answers: dict[str, Any], counts: dict[str, int], *, date: str, participants: int, women: int
) -> dict[str, Any]:
    """The answers with an online consultation step added to ``adoption.drafting_process``
    (or the step of that date replaced), carrying the comment counts per article."""
    adoption = dict(answers.get("adoption") or {})
    steps = [s for s in adoption.get("drafting_process") or [] if not (
        s.get("date") == date and s.get("format") == "online")]  # fmt: skip
    steps.append({
        "date": date, "format": "online", "participants": participants, "women": women,
        "comments": [{"article": a, "count": c} for a, c in sorted(counts.items())],
    })  # fmt: skip
    adoption["drafting_process"] = sorted(steps, key=lambda s: s.get("date") or "")
    return {**answers, "adoption": adoption}
