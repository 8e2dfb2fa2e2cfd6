"""The charter command: exit codes, one line per finding on stderr, the JSON shape."""

import copy
import json

import pytest
from click.testing import CliRunner

from charter.cli import main
from tests.conftest import case_files, example_files


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_valid_examples_exit_0(path):
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert all(": warning: " in line for line in result.stderr.splitlines())


@pytest.mark.parametrize("path", case_files("invalid"), ids=lambda p: p.stem)
def test_invalid_cases_exit_1_with_one_located_line_per_finding(path):
    result = run("validate", path, "--lang", "fr")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("/") and ": " in line for line in lines)
    assert "Traceback" not in result.output


def test_json_format_prints_the_findings_list(tmp_path, largest_example):
    answers = copy.deepcopy(largest_example)
    answers["petitions"]["rejection_notice_months"] = 6
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = run("validate", path, "--format", "json", "--lang", "ar")
    assert result.exit_code == 1
    [finding] = [f for f in json.loads(result.stdout) if f["severity"] == "error"]
    assert finding == {
        "path": "/petitions/rejection_notice_months",
        "rule": "COM-PET-08",
        "severity": "error",
        "message": finding["message"],
        "citations": [{"provision": "LO113-14-125", "law": "113-14", "article": "125"}],
    }
    assert "أشهر" in finding["message"]


def test_text_line_cites_law_and_article(tmp_path, largest_example):
    answers = copy.deepcopy(largest_example)
    answers["transparency"]["decisions_posting_days"] = 30
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = run("validate", path)
    assert "/transparency/decisions_posting_days: " in result.stderr
    assert "[LO 113-14, art. 273]" in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
        (b'{"a": "' + b"x" * 1_000_001 + b'"}', "larger than 1 MB"),
    ],
)
def test_unusable_files_exit_2_with_one_clear_line(tmp_path, content, says):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = run("validate", path)
    assert result.exit_code == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_missing_file_exits_2(tmp_path):
    result = run("validate", tmp_path / "nope.json")
    assert result.exit_code == 2
    assert "cannot be read" in result.stderr


def test_schema_prints_the_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"].endswith("commune.schema.json")
