"""charter render / extract / batch: files written, exit codes from the exception class."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from charter.cli import main
from charter.render.pdf import answers_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = sorted((ROOT / "examples").glob("*.json"))[0]
INVALID = ROOT / "examples" / "invalid" / "com-pet-08-rejection-4-months.json"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_render_writes_each_language_and_format(tmp_path):
    result = run("render", EXAMPLE, "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"{EXAMPLE.stem}-ar.docx", f"{EXAMPLE.stem}-fr.docx"]
    assert sorted(result.stdout.split()) == [str(tmp_path / n) for n in written]


def test_render_refuses_answers_with_errors_and_lists_the_findings(tmp_path):
    result = run("render", INVALID, "--lang", "fr", "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 1
    assert "/petitions/rejection_notice_months" in result.stderr
    assert "Traceback" not in result.output and not list(tmp_path.iterdir())


def test_a_draft_renders_answers_with_errors(tmp_path):
    result = run("render", INVALID, "--draft", "--lang", "ar", "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{INVALID.stem}-ar.docx").stat().st_size > 10_000


def test_an_unreadable_answers_file_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("render", bad, "-o", tmp_path)
    assert result.exit_code == 2 and result.stderr.startswith("charter: ")


def test_a_missing_layout_exits_3(tmp_path, monkeypatch):
    import charter.library
    from charter.render.templates import Templates, shipped

    nowhere = {lang: tmp_path / "nowhere" / f"charter-{lang}.docx" for lang in ("ar", "fr")}
    lost = Templates(shipped().library, nowhere, key="lost")
    monkeypatch.setattr(charter.library, "in_force", lambda: lost)
    result = run("render", EXAMPLE, "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 3 and "missing Word layout" in result.stderr


def test_a_rendering_failure_exits_4(tmp_path, monkeypatch):
    import weasyprint

    def broken(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(weasyprint.HTML, "render", broken)
    result = run("render", EXAMPLE, "--lang", "fr", "--format", "pdf", "-o", tmp_path)
    assert result.exit_code == 4 and "PDF rendering failed" in result.stderr


def test_extract_gives_back_exactly_the_answers_the_pdf_was_made_from(tmp_path):
    assert run("render", EXAMPLE, "--lang", "fr", "--format", "pdf", "-o", tmp_path).exit_code == 0
    result = CliRunner().invoke(main, ["extract", str(tmp_path / f"{EXAMPLE.stem}-fr.pdf")])
    assert result.exit_code == 0
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert result.stdout_bytes == answers_bytes(answers)
    assert json.loads(result.stdout) == answers


def test_extract_from_something_else_exits_2(tmp_path):
    assert run("extract", EXAMPLE).exit_code == 2
    assert run("extract", tmp_path / "none.pdf").exit_code == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_goes_on_past_failures_and_says_so(tmp_path, jobs):
    folder = tmp_path / "in"
    folder.mkdir()
    for example in sorted((ROOT / "examples").glob("*.json"))[:2]:
        shutil.copy(example, folder)
    (folder / "broken.json").write_text("[]", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", folder, "-o", out, "--jobs", jobs, "--format", "docx")
    assert result.exit_code == 2
    assert "2 rendered, 1 failed" in result.stderr
    assert "broken.json" in result.stderr
    assert len(list(out.glob("*.docx"))) == 4


RURAL = ROOT / "examples" / "rural-ait-tamount.json"  # its answers ask for the PDF only


def test_render_format_all_means_docx_and_pdf_whatever_the_answers_list(tmp_path):
    result = run("render", RURAL, "--lang", "fr", "--format", "all", "-o", tmp_path / "all")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "all").iterdir()) == [".docx", ".pdf"]
    result = run("render", RURAL, "--lang", "fr", "-o", tmp_path / "default")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "default").iterdir()) == [".pdf"]


def test_batch_format_all_means_docx_and_pdf(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / RURAL.name).write_bytes(RURAL.read_bytes())
    result = run("batch", folder, "-o", tmp_path / "out", "--jobs", 1, "--format", "all")
    assert result.exit_code == 0, result.output
    suffixes = sorted(p.suffix for p in (tmp_path / "out").rglob("*.*"))
    assert suffixes.count(".docx") == suffixes.count(".pdf") >= 1
