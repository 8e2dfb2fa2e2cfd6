"""The Decidim exchanges hold to Decidim's documented formats: the participatory text parses
into one article (proposal) per charter article under its chapter, the accountability CSV has
only columns Decidim's results importer reads, and a proposals export comes back as comment
counts per article in the drafting record."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from charter import iter_findings
from charter.decidim import (
    ACCOUNTABILITY_COLUMNS,
    accountability_csv,
    comments_per_article,
    participatory_text,
    record_comments,
)
from charter.documents import charter_model
from charter.errors import AnswersFileError
from charter.monitoring import merge_values

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = json.loads((ROOT / "examples" / "urban-oued-zitoun.json").read_text(encoding="utf-8"))

# The header of decidim-accountability/spec/fixtures/valid_result.csv in Decidim's repository
# (the results importer's own test file), locales ca/en/es there.
DECIDIM_RESULT_COLUMNS = (
    "id;category/id;category/name/ca;category/name/en;category/name/es;scope/id;scope/name/ca;"
    "scope/name/en;scope/name/es;parent/id;title/ca;title/en;title/es;description/ca;"
    "description/en;description/es;start_date;end_date;status/id;status/key;status/name/ca;"
    "status/name/en;status/name/es;progress;created_at;url;component/id;proposal_urls"
).split(";")


@pytest.fixture(scope="module", params=["ar", "fr"])
def model(request):
    return charter_model(ANSWERS, request.param)


def decidim_structure(markdown: str) -> list[tuple[str, str]]:
    """What Decidim's participatory text import makes of a Markdown document, by the rules its
    README states: each "Title 1" a section, other titles subsections, paragraphs articles."""
    out = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        first = block.lstrip()
        if first.startswith("# "):
            out.append(("section", first[2:].strip()))
        elif re.match(r"#{2,6} ", first):
            out.append(("subsection", first.split(" ", 1)[1].strip()))
        else:
            out.append(("article", block))
    return out


def test_the_participatory_text_is_one_proposal_per_article_under_its_chapter(model):
    structure = decidim_structure(participatory_text(model))
    articles = [text for kind, text in structure if kind == "article"]
    sections = [text for kind, text in structure if kind == "section"]
    assert len(articles) == len(model.articles)
    assert len(sections) == 1 + len(model.sections)  # the charter's title, then each chapter
    assert not [k for k, _ in structure if k == "subsection"]
    for text, art in zip(articles, model.articles, strict=True):
        assert text.startswith("**") and art.label in text.replace("\\", "")


def test_markup_in_the_text_cannot_make_structure_on_decidim():
    answers = json.loads(json.dumps(ANSWERS))
    answers["commune"]["name"]["fr"] = "Oued # Zitoun *"
    text = participatory_text(charter_model(answers, "fr"))
    assert "Oued \\# Zitoun \\*" in text
    assert all(not line.startswith("#") or line.startswith("# ") for line in text.splitlines())


def test_the_accountability_csv_has_only_columns_decidim_reads():
    models = {lang: charter_model(ANSWERS, lang) for lang in ("ar", "fr")}
    code = ANSWERS["monitoring"]["indicators"][0]["code"]
    answers = merge_values(ANSWERS, [{"year": 2025, "indicator": code, "value": 10}])
    data = accountability_csv(answers, models, 2025).decode("utf-8")
    header = data.splitlines()[0].split(";")
    assert tuple(header) == ACCOUNTABILITY_COLUMNS
    generic = {re.sub(r"/(ca|en|es)$", "/<locale>", c) for c in DECIDIM_RESULT_COLUMNS}
    assert {re.sub(r"/(ar|fr)$", "/<locale>", c) for c in header} <= generic
    rows = list(csv.DictReader(io.StringIO(data), delimiter=";"))
    ids = {r["id"] for r in rows}
    assert all(r["parent/id"] in ids for r in rows if r["parent/id"])
    indicators = [r for r in rows if r["title/fr"].startswith(code + " ")]
    assert len(indicators) == 1
    baseline = ANSWERS["monitoring"]["indicators"][0]["baseline"]
    target = ANSWERS["monitoring"]["indicators"][0]["target"]
    expected = round(min(max((10 - baseline) / (target - baseline), 0), 1) * 100)
    assert indicators[0]["progress"] == str(expected)
    assert indicators[0]["title/ar"]  # both locales
    commitments = [r for r in rows if r["parent/id"] == "1"]
    assert commitments and all(r["title/ar"] and r["title/fr"] for r in commitments)
    assert all(r["start_date"] <= r["end_date"] for r in rows)


def test_a_proposals_export_comes_back_as_comments_per_article_in_the_drafting_record():
    model = charter_model(ANSWERS, "fr")
    paragraphs = [t for k, t in decidim_structure(participatory_text(model)) if k == "article"]
    out = io.StringIO()
    # the columns of Decidim's proposals export (ProposalSerializer, flattened by its CSV export)
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["id", "category/id", "title/fr", "body/fr", "state", "comments", "url"])
    writer.writerow([1, "", "Chapitre I", "", "", 0, "https://x/1"])
    for n, text in enumerate(paragraphs[:3], start=2):
        body = "<p>" + text.replace("**", "<strong>", 1).replace("**", "</strong>", 1) + "</p>"
        writer.writerow([n, "", str(n), body, "", n * 2, f"https://x/{n}"])
    writer.writerow([99, "", "Une proposition", "<p>Autre chose</p>", "", 7, "https://x/99"])
    counts = comments_per_article(out.getvalue().encode(), model)
    assert counts == {model.articles[i].id: (i + 2) * 2 for i in range(3)}

    answers = record_comments(ANSWERS, counts, date="2026-05-10", participants=140, women=61)
    again = record_comments(answers, counts, date="2026-05-10", participants=150, women=70)
    steps = [s for s in again["adoption"]["drafting_process"] if s["format"] == "online"
             and s["date"] == "2026-05-10"]  # fmt: skip
    assert len(steps) == 1 and steps[0]["participants"] == 150
    assert not [f for f in iter_findings(again, "fr") if f.is_error]


def test_an_export_without_the_columns_is_refused():
    with pytest.raises(AnswersFileError, match="comments"):
        comments_per_article(b"id;title\n1;x\n", charter_model(ANSWERS, "fr"))
