"""The charter model: sections, numbered articles, tables, references and annexes."""

import pytest
from markupsafe import Markup, escape

from charter.errors import TemplateError
from charter.legal import catalogue
from charter.model import Table, build_charter, text_blocks
from charter.render.clauses import LANGS, load_library, shipped_library
from charter.render.grammar import french
from charter.render.tables import COMMUNE_ONLY

from .conftest import EXAMPLES, load


def test_every_example_has_the_same_articles_in_both_languages(rendered, example):
    ar, fr = (rendered.get(example, lang, "model") for lang in ("ar", "fr"))
    assert [a.id for a in ar.articles] == [a.id for a in fr.articles]
    assert [s.id for s in ar.sections] == [s.id for s in fr.sections]
    assert len(ar.articles) >= 25


def test_articles_are_numbered_in_the_text_from_article_premier(rendered, example):
    ar, fr = (rendered.get(example, lang, "model") for lang in ("ar", "fr"))
    assert [a.label for a in ar.articles][:3] == ["المادة الأولى", "المادة 2", "المادة 3"]
    assert [a.label for a in fr.articles][:3] == ["Article premier", "Article 2", "Article 3"]
    assert [a.number for a in fr.articles] == list(range(1, len(fr.articles) + 1))
    assert fr.sections[0].label == "Chapitre premier"
    assert ar.sections[0].label == "الباب الأول"


def test_sections_follow_the_canonical_order(rendered, example):
    ids = [s.id for s in rendered.get(example, "fr", "model").sections]
    canonical = ["identification", "definitions", "preamble", "references", "purpose",
                 "principles", "actors", "bodies", "ieecag", "consultative_bodies", "mechanisms",
                 "petitions", "pac", "pdp", "pdr", "calendar", "transparency", "complaints",
                 "data_protection", "parity", "monitoring", "non_compliance", "revision",
                 "final_provisions"]  # fmt: skip
    assert [i for i in ids if i in canonical] == [c for c in canonical if c in ids]
    own = {"commune": {"ieecag", "pac"}, "province": {"bodies", "pdp"}, "region": {"bodies", "pdr"}}
    level = load(example)["level"]
    assert {"references", "petitions", "final_provisions"} | own[level] <= set(ids)
    for other, sections in own.items():
        if other != level:
            assert not (sections - own[level]) & set(ids)


def test_every_article_rests_on_known_provisions(rendered, example):
    cat = catalogue()
    model = rendered.get(example, "fr", "model")
    for article in model.articles:
        assert all(p in cat for p in article.provisions), article.id
    assert set(model.provisions) == {p for a in model.articles for p in a.provisions}


def test_references_list_every_law_the_articles_cite(rendered, example):
    model = rendered.get(example, "fr", "model")
    article = next(a for a in model.articles if a.id == "references.legal")
    text = " ".join(str(i) for b in article.blocks if b.kind == "list" for i in b.items)
    cat = catalogue()
    for law in {cat[p].law for p in model.provisions}:
        assert french(escape(cat.laws[law]["title"]["fr"])) in text


def test_the_petition_threshold_comes_from_derive(rendered):
    for path, threshold in (("rural", "100"), ("urban", "200"), ("arrondissements", "400")):
        example = next(p for p in EXAMPLES if p.name.startswith(path))
        model = rendered.get(example, "fr", "model")
        article = next(a for a in model.articles if a.id == "petitions.citizens")
        items = next(b for b in article.blocks if b.kind == "list").items
        assert f"au moins \u2068{threshold}\u2069 signataires" in str(items[-1])


def test_tables_hold_composition_mechanisms_indicators_and_pac_deadlines(rendered, example):
    model = rendered.get(example, "fr", "model")
    tables = {a.id: [b for b in a.blocks if isinstance(b, Table)] for a in model.articles}
    answers = load(example)
    assert len(tables["mechanisms.list"][0].rows) == len(answers["mechanisms"])
    if answers["level"] != "commune":  # no IEECAG table nor PAC cycle: bodies and PDR/PDP
        assert "ieecag.composition" not in tables and "pac.cycle" not in tables
        return
    composition = tables["ieecag.composition"][0]
    assert composition.header[-1] == "Part des femmes"
    women = sum(m["women"] for m in answers["ieecag"]["composition"])
    assert composition.rows[-1][1] == str(women)
    assert len(tables["mechanisms.list"][0].rows) == len(answers["mechanisms"])
    assert len(tables["monitoring.indicators"][0].rows) == len(answers["monitoring"]["indicators"])
    assert any("20 jours" in str(c) for r in tables["pac.cycle"][0].rows for c in r)


def test_annexes_hold_the_compliance_matrix_checklist_and_indicator_sheets(rendered, example):
    model = rendered.get(example, "ar", "model")
    wanted = load(example)["output"].get("annexes")
    ids = [a.id.removeprefix("annex.") for a in model.annexes]
    expected = [
        "compliance_matrix",
        "petition_form",
        "petition_checklist",
        "code_of_conduct",
        "privacy_notice",
        "indicator_sheets",
    ]
    if load(example)["level"] != "commune":  # the commune's obligations: not in their charters
        expected = [a for a in expected if a not in COMMUNE_ONLY]
    assert ids == [a for a in expected if wanted is None or a in wanted]
    if "compliance_matrix" in ids:
        matrix = next(b for b in model.annexes[0].blocks if isinstance(b, Table))
        assert all(row[2] != "—" for row in matrix.rows)  # every obligation has its article


def test_text_blocks_split_paragraphs_lists_and_headings():
    blocks = text_blocks(Markup("One\nline.\n\n- a\n\n- b\n## Head\nTwo"))
    assert [b.kind for b in blocks] == ["paragraph", "list", "heading", "paragraph"]
    assert blocks[0].text == "One line."
    assert blocks[1].items == ("a", "b")


def test_every_clause_exists_in_both_languages():
    lib = shipped_library()
    for section in lib.sections:
        for clause in section.clauses:
            assert set(clause.text) == set(LANGS) and set(clause.title) == set(LANGS)


def _library(tmp_path, text):
    (tmp_path / "_labels.yaml").write_text("page: {ar: ص, fr: p}\n", encoding="utf-8")
    (tmp_path / "01-x.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("section: x\ntitle: {ar: a, fr: b}\narticles:\n  - id: a\n    text: {ar: t}\n",
         "needs a text for each language"),
        ("section: x\ntitle: {ar: a, fr: b}\narticles:\n  - id: a\n    text: {ar: '{{ x', fr: b}\n",
         "text.ar, line 1"),
        ("section: x\ntitle: {ar: a, fr: b}\narticles:\n  - id: a\n    text: {ar: 'a<b', fr: b}\n",
         "not allowed in clause text"),
        ("section: x\ntitle: {ar: a, fr: b}\narticles:\n  - id: a\n    provisions: [NOPE]\n"
         "    text: {ar: a, fr: b}\n", "unknown provisions NOPE"),
    ],
)  # fmt: skip
def test_a_broken_clause_file_is_reported_with_its_place(tmp_path, text, message):
    with pytest.raises(TemplateError, match=message):
        load_library(_library(tmp_path, text), known_provisions=set(catalogue().provisions))


def test_a_clause_reaching_for_python_internals_is_refused(tmp_path):
    text = (
        "section: x\ntitle: {ar: a, fr: b}\narticles:\n  - id: a\n"
        '    text: {ar: "{{ lang.__class__.__mro__ }}", fr: b}\n'
    )
    lib = load_library(_library(tmp_path, text))
    answers = load(EXAMPLES[0])
    with pytest.raises(TemplateError, match="not allowed"):
        build_charter(answers, "ar", lib=lib)


def test_a_misspelt_variable_is_an_error_not_an_empty_string(tmp_path):
    text = "section: x\ntitle: {ar: a, fr: b}\narticles:\n  - id: a\n    text: {ar: '{{ comune }}', fr: b}\n"  # noqa: E501
    lib = load_library(_library(tmp_path, text))
    with pytest.raises(TemplateError, match="comune"):
        build_charter(load(EXAMPLES[0]), "ar", lib=lib)
