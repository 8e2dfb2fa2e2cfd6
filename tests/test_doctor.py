"""The template doctor: the shipped templates are clean; each kind of breakage is one located
problem; every known template-injection payload is refused; the CLI's lines and exit codes."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from charter import doctor
from charter.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
CLAUSES = TEMPLATES / "clauses"
LAYOUT_AR = TEMPLATES / "docx" / "charter-ar.docx"

PAYLOADS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__ }}",
    "{{ self.__init__ }}",
    "{{ config }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' %}",
    "{{ commune|attr('__class__') }}",
    "{{ '{0.__class__}'.format(commune) }}",
    "{{ joiner()['_' ~ '_init__'] }}",
]


def test_the_shipped_templates_have_no_problem():
    assert [str(p) for p in doctor.iter_problems(TEMPLATES)] == []


# --- the clause library ---------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path):
    """A copy of the clause library, and a function that edits one article of one file of it
    (and returns that file's path)."""
    folder = tmp_path / "clauses"
    shutil.copytree(CLAUSES, folder)

    def edit(file: str, clause_id: str, change) -> Path:
        path = folder / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = next(a for a in data["articles"] if a["id"] == clause_id)
        change(article)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return edit


def problems_in(path: Path) -> list[doctor.Problem]:
    return list(doctor.check_clause_file(path))


def set_text(lang, text):
    def change(article):
        article["text"][lang] = text

    return change


def test_a_syntax_error_is_located_at_the_clause_language_and_line(library):
    folder = library(
        "10-petitions.yaml", "petitions.right", set_text("fr", "Premier.\n\n{% if commune.name %}x")
    )
    [problem] = problems_in(folder)
    assert problem.kind == "syntax"
    assert problem.where.endswith("10-petitions.yaml: petitions.right [fr], line 3")
    assert "end of template" in problem.message


def test_an_unknown_field_is_named_with_its_path(library):
    text = "Au moins {{ petitions.treshold }} signataires."
    folder = library("10-petitions.yaml", "petitions.citizens", set_text("fr", text))
    [problem] = problems_in(folder)
    assert problem.kind == "variable"
    assert str(problem).endswith(
        "10-petitions.yaml: petitions.citizens [fr]: unknown variable 'petitions.treshold'"
    )


def test_an_unknown_derived_value_and_an_unknown_section_are_caught(library):
    text = "{{ derived.signatures }} {{ petitons.filing_channels }}"
    folder = library("10-petitions.yaml", "petitions.citizens", set_text("ar", text))
    messages = sorted(p.message for p in problems_in(folder))
    assert messages == ["unknown variable 'derived.signatures'", "unknown variable 'petitons'"]


def test_a_commitment_printed_as_the_law_is_refused(library):
    """The bug of issue 9: «dans un délai de 2 mois» where the law says 3 (113-14 art. 125)."""
    text = (
        "Le président notifie le rejet dans un délai de "
        "{{ petitions.rejection_notice_months or derived.rejection_notice_months }} mois."
    )
    folder = library("10-petitions.yaml", "petitions.procedure", set_text("fr", text))
    problems = problems_in(folder)
    assert [p.kind for p in problems] == ["law"]
    assert problems[0].where.endswith("10-petitions.yaml: petitions.procedure [fr]")
    assert "'petitions.rejection_notice_months' where the law's value is expected" in (
        problems[0].message
    )


def test_a_commitment_without_the_law_beside_it_is_refused(library):
    text = "La commune répond dans un délai de {{ complaints.response_days|count('day') }}."
    folder = library("13-complaints.yaml", "complaints.handling", set_text("ar", text))
    [problem] = problems_in(folder)
    assert problem.kind == "law"
    assert "without the law's limit" in problem.message
    assert "derived.complaints_response_days" in problem.message


def test_the_law_and_the_commitment_in_sentences_of_their_own_pass(library):
    text = (
        "La loi fixe {{ derived.complaints_response_days|count('day') }}. "
        "{% if complaints.response_days %}La commune s'engage à "
        "{{ complaints.response_days|count('day') }}.{% endif %}"
    )
    folder = library("13-complaints.yaml", "complaints.handling", set_text("fr", text))
    assert problems_in(folder) == []


def test_the_bounded_answers_are_the_ones_derive_bounds():
    """x-bounded-by in the schema and derive's maximum/minimum values say the same thing."""
    from charter.derive import derive

    derived = {
        d.name: d.path
        for _name, answers in doctor.example_answers()
        for d in derive(answers).values()
        if d.kind in ("maximum", "minimum") and d.path
    }
    bounded = doctor.bounded_fields()
    assert bounded, "no field of the schema is marked x-bounded-by"
    for field, name in bounded.items():
        assert derived.get(name) == "/" + field.replace(".", "/"), (field, name)


def test_a_yaml_title_cut_at_a_comma_is_refused(tmp_path):
    path = tmp_path / "99-x.yaml"
    path.write_text(
        "section: x\ntitle: {ar: أ, fr: Parité, équité et inclusion}\narticles: []\n", "utf-8"
    )
    [problem] = problems_in(path)
    assert problem.kind == "structure"
    assert "YAML cut the title at a comma" in problem.message


def test_an_unknown_provision_is_refused(library):
    def change(article):
        article["provisions"] = ["LO113-14-123", "LO113-14-999"]

    [problem] = problems_in(library("10-petitions.yaml", "petitions.citizens", change))
    assert problem.kind == "provision"
    assert "'LO113-14-999'" in problem.message
    assert problem.where.endswith("petitions.citizens")


def test_an_article_missing_a_language_is_refused(library):
    def change(article):
        del article["text"]["ar"]

    [problem] = problems_in(library("10-petitions.yaml", "petitions.right", change))
    assert (problem.kind, problem.where.split(": ")[-1]) == ("language", "petitions.right [ar]")
    assert "Arabic" in problem.message


def test_a_condition_with_an_unknown_variable_is_located(library):
    def change(article):
        article["when"] = "petitions.commitmens"

    [problem] = problems_in(library("10-petitions.yaml", "petitions.commitments", change))
    assert problem.where.endswith("petitions.commitments condition 'when'")
    assert problem.message == "unknown variable 'petitions.commitmens'"


def test_markup_characters_in_clause_text_are_refused(library):
    folder = library("10-petitions.yaml", "petitions.right", set_text("fr", "A & B <b>"))
    [problem] = problems_in(folder)
    assert "< > &" in problem.message


def test_a_runtime_error_on_an_example_is_found_by_the_test_render(library):
    text = "{{ derived.signature_threshold // 0 }}"
    folder = library("10-petitions.yaml", "petitions.right", set_text("fr", text))
    problems = problems_in(folder)
    assert [p.kind for p in problems] == ["render"]
    assert "ZeroDivisionError" in problems[0].message


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_injection_payload_in_a_clause_is_refused_with_a_clear_message(library, payload):
    folder = library("10-petitions.yaml", "petitions.right", set_text("fr", f"Texte {payload}."))
    [problem] = problems_in(folder)
    assert problem.kind == "unsafe", problem
    assert problem.message.startswith("not allowed")
    assert problem.where.endswith("petitions.right [fr]")


def test_the_sandbox_refuses_what_the_static_check_lets_through():
    """Belt and braces: the test render runs under THE sandbox, so a call the static check does
    not see (``__class__`` assembled from two strings) still ends as a located refusal."""
    article = {
        "id": "x.y",
        "provisions": ["LO113-14-121"],
        "title": {"ar": "ع", "fr": "t"},
        "text": {"ar": "ع", "fr": "{{ ('{0._' ~ '_class_' ~ '_}').format(commune.name) }}"},
    }
    problems = list(doctor.check_article(article, "test.yaml"))
    assert [(p.kind, p.where) for p in problems] == [("unsafe", "test.yaml: x.y [fr]")]
    assert problems[0].message.startswith("not allowed (sandbox)")


# --- Word layouts ---------------------------------------------------------------------------------


def docx_with(tmp_path: Path, name: str, change) -> Path:
    """A copy of the Arabic layout whose word/document.xml went through ``change``."""
    src = zipfile.ZipFile(LAYOUT_AR)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                new = change(data.decode("utf-8"))
                assert new != data.decode("utf-8"), "the change did not apply"
                data = new.encode("utf-8")
            dst.writestr(info, data)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


TITLE_RUN = "<w:r><w:t>{{ charter.title }}</w:t></w:r>"


def test_a_tag_split_across_word_runs_is_located_at_its_paragraph(tmp_path):
    split = "<w:r><w:t>{{ charter.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>title }}</w:t></w:r>"
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(TITLE_RUN, split))
    [problem] = doctor.check_docx(path)
    assert problem.kind == "split-run"
    assert re.search(r"charter-ar\.docx: paragraph \d+ “{{ charter\.title }}”", problem.where)
    assert "2 Word runs" in problem.message


def test_a_syntax_error_in_a_word_layout_is_located_at_its_paragraph(tmp_path):
    bad = "<w:r><w:t>{{ charter.title | }}</w:t></w:r>"
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(TITLE_RUN, bad))
    [problem] = doctor.check_docx(path)
    assert problem.kind == "syntax"
    assert "“{{ charter.title | }}”" in problem.where


def test_an_unknown_variable_in_a_word_layout_is_located(tmp_path):
    bad = "<w:r><w:t>{{ charter.titel }}</w:t></w:r>"
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(TITLE_RUN, bad))
    [problem] = doctor.check_docx(path)
    assert (problem.kind, problem.message) == ("variable", "unknown variable 'charter.titel'")


def test_a_block_tag_sharing_its_paragraph_is_refused(tmp_path):
    old = "<w:t>{%p endfor %}</w:t>"
    new = "<w:t>fin {%p endfor %}</w:t>"
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(old, new, 1))
    [problem] = doctor.check_docx(path, render=False)
    assert problem.kind == "block-tag"


def test_an_arabic_paragraph_without_right_to_left_is_located(tmp_path):
    old = '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>'
    new = '<w:p><w:pPr><w:pStyle w:val="Title"/><w:bidi w:val="0"/></w:pPr>'
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(old, new, 1))
    [problem] = doctor.check_docx(path)
    assert problem.kind == "rtl"
    assert "paragraph" in problem.where and "w:bidi" in problem.message


def test_an_arabic_layout_whose_normal_style_is_left_to_right_is_one_problem(tmp_path):
    src = zipfile.ZipFile(LAYOUT_AR)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/styles.xml":
                text = data.decode()
                start = text.index('w:styleId="Normal"')
                end = text.index("</w:style>", start)
                text = text[:start] + text[start:end].replace("<w:bidi/>", "") + text[end:]
                data = text.encode()
            dst.writestr(info, data)
    path = tmp_path / "charter-ar.docx"
    path.write_bytes(out.getvalue())
    [problem] = doctor.check_docx(path, render=False)
    assert (problem.kind, problem.where) == ("rtl", f"{doctor.display(path)}: style 'Normal'")


def test_the_french_layout_is_not_asked_to_be_right_to_left(tmp_path):
    old = '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>'
    new = '<w:p><w:pPr><w:pStyle w:val="Title"/><w:bidi w:val="0"/></w:pPr>'
    path = docx_with(tmp_path, "charter-fr.docx", lambda x: x.replace(old, new, 1))
    assert list(doctor.check_docx(path, render=False)) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_injection_payload_in_a_word_layout_is_refused(tmp_path, payload):
    bad = f"<w:r><w:t>{payload.replace('<', '&lt;')}</w:t></w:r>"
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(TITLE_RUN, bad))
    [problem] = doctor.check_docx(path)
    assert problem.kind == "unsafe", problem
    assert problem.message.startswith("not allowed")
    assert "paragraph" in problem.where


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "not a Word document"),
        (b"PK\x03\x04" + b"\0" * 100, "not a Word document"),
        (b"x" * (doctor.MAX_DOCX_BYTES + 1), "too large"),
    ],
)
def test_a_file_that_is_no_word_document_is_refused(data, message):
    [problem] = doctor.check_docx_bytes(data, "upload.docx", "ar")
    assert problem.kind == "file"
    assert message in problem.message


def test_a_zip_without_word_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    [problem] = doctor.check_docx_bytes(out.getvalue(), "upload.docx", "fr")
    assert "no word/document.xml" in problem.message


# --- HTML layouts --------------------------------------------------------------------------------


def test_an_html_layout_with_a_payload_or_an_unknown_name_is_located(tmp_path):
    source = (TEMPLATES / "html" / "charter.html.j2").read_text(encoding="utf-8")
    path = tmp_path / "charter.html.j2"
    path.write_text(
        source.replace("<title>{{ charter.title }}</title>", "<title>{{ charter.titel }}</title>")
        + "\n{{ lipsum.__globals__ }}\n{% include '../../etc/passwd' %}\n",
        encoding="utf-8",
    )
    kinds = sorted(p.kind for p in doctor.check_html(path))
    assert kinds == ["unsafe", "unsafe", "variable"]


# --- the command ---------------------------------------------------------------------------------


def test_the_command_exits_0_on_the_shipped_templates():
    result = CliRunner().invoke(main, ["templates", "check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_the_command_prints_one_located_line_per_problem_and_exits_3(library):
    folder = library(
        "10-petitions.yaml",
        "petitions.citizens",
        set_text("fr", "{{ petitions.treshold }} {{ ''.__class__ }}\n{{ lipsum.__globals__ }}"),
    )
    result = CliRunner().invoke(main, ["templates", "check", str(folder.parent)])
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert lines[-1] == "charter: 2 problem(s) in the templates"
    assert all("10-petitions.yaml: petitions.citizens [fr]" in line for line in lines[:-1])
    assert len(lines) == 3


def test_the_command_reports_json(library):
    folder = library("10-petitions.yaml", "petitions.right", set_text("fr", "{{ config }}"))
    result = CliRunner().invoke(main, ["templates", "check", str(folder), "--format", "json"])
    assert result.exit_code == 3
    assert '"kind": "unsafe"' in result.output


def test_the_command_checks_one_word_layout(tmp_path):
    bad = "<w:r><w:t>{{ cycler.__init__.__globals__.os.popen('id').read() }}</w:t></w:r>"
    path = docx_with(tmp_path, "layout-ar.docx", lambda x: x.replace(TITLE_RUN, bad))
    result = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert result.exit_code == 3
    assert "layout-ar.docx: paragraph" in result.output
    assert "not allowed" in result.output


def test_a_missing_path_is_a_located_problem(tmp_path):
    result = CliRunner().invoke(main, ["templates", "check", str(tmp_path / "nowhere")])
    assert result.exit_code == 3
    assert "no such file or folder" in result.output


def test_a_label_key_yaml_reads_as_a_boolean_is_refused(tmp_path):
    path = tmp_path / "_labels.yaml"
    path.write_text('yes: {ar: "نعم", fr: "Oui"}\n"no": {ar: "لا", fr: "Non"}\n', encoding="utf-8")
    [problem] = doctor.check_clause_file(path)
    assert (problem.kind, problem.where) == ("structure", "_labels.yaml: true")
    assert "quotes" in problem.message


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_injection_payload_is_refused_through_the_command(library, payload):
    path = library("10-petitions.yaml", "petitions.right", set_text("ar", f"نص {payload}"))
    result = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert result.exit_code == 3
    [line, summary] = result.output.strip().splitlines()
    assert "10-petitions.yaml: petitions.right [ar]" in line
    assert ": not allowed" in line
    assert summary == "charter: 1 problem(s) in the templates"


def test_curly_quotes_word_put_in_a_tag_are_explained(tmp_path):
    old = '<w:t>{%p if block.kind == "paragraph" %}</w:t>'
    new = "<w:t>{%p if block.kind == \u201cparagraph\u201d %}</w:t>"
    path = docx_with(tmp_path, "charter-ar.docx", lambda x: x.replace(old, new, 1))
    [problem] = doctor.check_docx(path, render=False)
    assert problem.kind == "syntax"
    assert "curly" in problem.message


def test_every_level_s_charter_is_checked_in_both_languages(tmp_path):
    clauses = tmp_path / "clauses"
    shutil.copytree(TEMPLATES / "clauses", clauses)
    assert list(doctor.check_levels(clauses)) == []
    pdr = clauses / "11-pdr.yaml"
    pdr.write_text(
        pdr.read_text(encoding="utf-8").replace(
            "{{ pdr.period.start_year }}", "{{ pdr.nowhere.x }}"
        ),
        encoding="utf-8",
    )
    found = [str(p) for p in doctor.check_levels(clauses)]
    assert len(found) == 2 and all("region, on region-draa-tafilalet.json" in p for p in found)
    assert {p.split("]")[0][-2:] for p in found} == {"ar", "fr"}
