"""The charter's languages decide which texts are required: a charter in Arabic only needs no
French, switching French on lists every text still to write in French, and a charter is never
printed in a language it does not have."""

import copy
import json
import subprocess

import pytest
from click.testing import CliRunner

from charter import InvalidAnswersError, iter_findings
from charter.cli import main
from charter.documents import render_docx, render_pdf
from charter.languages import missing_texts, output_languages
from charter.schema import schema, steps
from tests.conftest import example_files, load


def one_language(answers, keep):
    """``answers`` printed in ``keep`` only, every text of the other language removed."""
    answers = copy.deepcopy(answers)
    answers["output"]["languages"] = [keep]
    drop = "fr" if keep == "ar" else "ar"

    def strip(node):
        if isinstance(node, dict):
            if keep in node and isinstance(node[keep], str):
                node.pop(drop, None)
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(answers)
    return answers


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_a_charter_in_arabic_only_needs_no_french(path):
    answers = one_language(load(path), "ar")
    findings = list(iter_findings(answers, "ar"))
    assert [f.to_dict() for f in findings if f.is_error] == []


def test_switching_french_on_lists_every_text_missing_in_french(largest_example):
    ar_only = one_language(largest_example, "ar")
    both = copy.deepcopy(ar_only)
    both["output"]["languages"] = ["ar", "fr"]
    findings = [f for f in iter_findings(both, "fr") if f.is_error]
    # every error is a missing French text, at that text, citing nothing legal
    assert findings
    assert {f.rule for f in findings} == {"LANG-required"}
    assert all(f.path.endswith("/fr") and f.citations == () for f in findings)
    # exactly the texts the full example writes in French
    expected = set()

    def collect(node, parts):
        if isinstance(node, dict):
            if "fr" in node and "ar" in node and isinstance(node["fr"], str):
                expected.add("".join(f"/{p}" for p in (*parts, "fr")))
                return
            for key, value in node.items():
                collect(value, (*parts, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                collect(value, (*parts, i))

    collect({k: v for k, v in largest_example.items() if k != "output"}, ())
    assert {f.path for f in findings} == expected
    assert "Nom de la commune : à écrire en français" in " ".join(f.message for f in findings)
    ar = [f.message for f in iter_findings(both, "ar") if f.path == "/commune/name/fr"]
    assert ar == ["اسم الجماعة: مطلوب بالفرنسية لأن الميثاق يصدر بالفرنسية."]


def test_the_languages_unanswered_one_language_is_enough(largest_example):
    answers = one_language(largest_example, "ar")
    del answers["output"]["languages"]
    assert output_languages(answers) is None
    assert list(missing_texts(answers)) == []
    answers["commune"]["name"] = {}  # no language at all: said at the text
    found = [
        (f.rule, f.path) for f in iter_findings(answers, "fr") if f.path.startswith("/commune")
    ]
    assert found == [("SCH-minProperties", "/commune/name")]


def test_the_schema_says_it_the_texts_point_at_the_languages():
    for name in ("text", "name"):
        node = schema()["$defs"][name]
        assert "required" not in node
        assert node["x-languages"] == "/output/languages"
        assert node["minProperties"] == 1
    assert steps()[0] == "output"  # asked first


@pytest.mark.parametrize("render", [render_pdf, render_docx], ids=["pdf", "docx"])
def test_a_language_the_charter_lacks_is_refused_with_a_finding(largest_example, render):
    answers = one_language(largest_example, "ar")
    for draft in (False, True):
        with pytest.raises(InvalidAnswersError) as caught:
            render(answers, "fr", draft=draft)
        (finding,) = caught.value.findings
        assert finding.path == "/output/languages"
        assert finding.message.startswith("Cette charte n'est pas produite en français")


def test_an_arabic_only_charter_renders_without_a_french_text(largest_example, tmp_path):
    answers = one_language(largest_example, "ar")
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(render_pdf(answers, "ar"))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert largest_example["commune"]["name"]["ar"] in text
    assert largest_example["commune"]["name"]["fr"] not in text
    assert render_docx(answers, "ar")[:2] == b"PK"


def test_the_command_line_refuses_a_language_the_charter_lacks(largest_example, tmp_path):
    source = tmp_path / "ar-only.json"
    source.write_text(json.dumps(one_language(largest_example, "ar")), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(source), "--lang", "fr", "--format", "pdf", "-o", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "/output/languages" in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_a_field_is_named_by_its_titles_never_its_pointer():
    from charter.schema import field_title

    assert field_title("/commune/name/fr", "fr") == "Nom de la commune (en français)"
    assert field_title("/monitoring/indicators/0/name/ar", "ar") == (
        "المؤشرات 1 › اسم المؤشر (بالعربية)"
    )
    assert field_title("/petitions/rejection_notice_months", "fr", section=True).startswith(
        "Pétitions › "
    )
    assert field_title("", "fr") == "—"


def test_the_draft_first_page_names_fields_by_title_and_numbers_as_numbers(largest_example):
    from charter.documents import render_html
    from charter.validate import _format

    answers = copy.deepcopy(largest_example)
    answers["petitions"]["rejection_notice_months"] = 5
    html = render_html(answers, "fr", draft=True)
    table = html[html.index('<table class="findings">') : html.index("</table>")]
    assert "Pétitions › " in table and "/petitions/" not in table
    assert _format(3.0) == 3 and _format(2.5) == 2.5
    assert _format(["أ", "ب"], "ar") == "أ، ب" and _format(["a", "b"], "fr") == "a, b"


def test_the_docx_findings_page_names_fields_by_title(largest_example):
    import io

    import docx

    answers = copy.deepcopy(largest_example)
    answers["petitions"]["rejection_notice_months"] = 5
    document = docx.Document(io.BytesIO(render_docx(answers, "ar", draft=True)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("العرائض ›" in c for c in cells), cells[:12]
    assert not any("/petitions/" in c for c in cells)
