"""The answers' one boundary (charter.answers), as the CLI, the uploads, PDF import and the
store use it: each problem one located line, nothing malformed stored, no inflating past 1 MB,
and a data folder that cannot be written gives a StorageError, never a raw sqlite3 error."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pikepdf
import pytest

from charter import iter_findings
from charter.answers import MAX_DEPTH, inspect, load_answers, require_sound
from charter.errors import AnswersFileError, StorageError, TemplateError
from charter.render.pdf import extract_answers
from charter.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"a": NaN}', "/a holds NaN or Infinity"),
        ('{"a": [1, -Infinity]}', "/a/1 holds NaN or Infinity"),
        ('{"a": ' + "9" * 401 + "}", "/a holds a number beyond"),
        ('{"a": ' + "9" * 4301 + "}", "/a holds a number beyond"),
        ('{"a": -' + "9" * 5000 + "}", "/a holds a number beyond"),
        ('{"a": 1e999}', "/a holds NaN or Infinity"),
        ('{"a": {"b": "x\\ud800"}}', "/a/b holds a lone surrogate"),
        ('{"\\udfff": 1}', "holds a lone surrogate"),
        ('{"x": ' + "[" * 900 + "]" * 900 + "}", f"nested more than {MAX_DEPTH} levels"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("[1, 2]", "a JSON object"),
        ('{"a": 1,}', "not valid JSON (line 1"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_each_problem_is_one_located_line(text, said):
    with pytest.raises(AnswersFileError) as caught:
        load_answers(text)
    message = str(caught.value)
    assert said in message
    assert "\n" not in message and len(message) < 300


def test_separators_become_line_breaks_and_two_problems_are_counted():
    loaded = load_answers('{"t": "a\\u2028b\\u2029c\\r\\nd\\u0085e\\u000bf"}')
    assert loaded == {"t": "a\nb\nc\nd\ne\nf"}
    with pytest.raises(AnswersFileError, match=r"\(and 1 more such value\)"):
        load_answers('{"a": NaN, "b": "\\ud800"}')


def test_inspect_walks_any_value_without_recursion():
    deep: list = []
    for _ in range(200_000):  # far beyond Python's recursion limit
        deep = [deep]
    checked = inspect({"x": deep, "y": {1: 2}, "z": object(), "n": float("nan")})
    kinds = sorted(d.kind for d in checked.defects)
    assert kinds == ["not-finite", "too-deep", "value-type", "value-type"]
    assert checked.value["n"] is None and checked.value["z"] is None
    assert list(iter_findings({"x": deep}, "fr"))  # findings, not RecursionError


def test_the_store_refuses_what_no_file_may_hold(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    for bad in ({"a": "\ud800"}, {"a": float("inf")}, {"a": 10**401}, {"a": {1, 2}}):
        with pytest.raises(AnswersFileError):
            store.create(bad)
    draft = store.create({"a": "x\u2029y"})
    assert store.latest(draft).answers == {"a": "x\ny"}  # stored clean
    with pytest.raises(AnswersFileError, match="/a holds a lone surrogate"):
        store.save(draft, {"a": "\udc00"}, base=1)
    assert store.latest(draft).number == 1
    with pytest.raises(AnswersFileError, match="larger than 1 MB"):
        store.save(draft, {"a": ["x" * 1000] * 1100}, base=1)
    assert require_sound(store.latest(draft).answers) == {"a": "x\ny"}


def _bomb(pdf: bytes, size: int) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        stream = doc.attachments["answers.json"].get_file().obj
        payload = b'{"x": "' + b"a" * size + b'"}'
        stream.write(zlib.compress(payload, 9), filter=pikepdf.Name.FlateDecode)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def test_a_pdf_whose_answers_inflate_to_300_mb_is_refused_without_inflating_them(charter_pdf):
    bomb = _bomb(charter_pdf, 300_000_000)
    assert len(bomb) < 1_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    with pytest.raises(AnswersFileError, match="larger than 1 MB"):
        extract_answers(bomb)
    assert time.perf_counter() - began < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB
    # and what a PDF carries crosses the same boundary as a file
    with pytest.raises(AnswersFileError, match="/x holds NaN"):
        extract_answers(_replace(charter_pdf, b'{"x": NaN}'))


def _replace(pdf: bytes, data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        stream = doc.attachments["answers.json"].get_file().obj
        stream.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def charter_pdf():
    from charter.documents import render_pdf

    answers = json.loads((ROOT / "examples" / "rural-ait-tamount.json").read_text("utf-8"))
    return render_pdf(answers, "fr")


def test_a_data_folder_that_is_a_file_gives_a_storage_error(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    with pytest.raises(StorageError, match="cannot be written or read"):
        DraftStore(tmp_path / "data" / "drafts.sqlite3")


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from charter.store import DraftStore
from charter.errors import StorageError
store = DraftStore(sys.argv[1])
draft = store.create({"a": 1})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing
size = sum(p.stat().st_size for p in Path(sys.argv[1]).parent.iterdir())
resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
try:
    store.save(draft, {"a": "x" * 500_000}, base=1)
except StorageError as exc:
    print("StorageError:", exc)
"""


def test_a_full_disk_gives_a_storage_error(tmp_path):
    """RLIMIT_FSIZE makes every write past the current size fail (EFBIG), as a full disk
    would: portable, and it holds for root too (a read-only chmod does not)."""
    out = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path / "d.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("StorageError: "), out.stdout + out.stderr
    assert "cannot be written or read" in out.stdout


def _lying_zip(base: bytes, declared: int, actual: int) -> bytes:
    """A copy of a Word layout with one more member that says ``declared`` bytes and inflates to
    ``actual`` (both size fields patched: local header and central directory)."""
    import struct
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("word/media/bomb.bin", b"\0" * actual, zipfile.ZIP_DEFLATED)
    data = bytearray(out.getvalue())
    name = b"word/media/bomb.bin"
    local = data.find(b"PK\x03\x04" + bytes(22)[:0])
    while local >= 0:
        if data[local + 30 : local + 30 + len(name)] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        if data[central + 46 : central + 46 + len(name)] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_a_lying_zip_bomb_layout_is_refused_early(tmp_path, monkeypatch):
    from charter.library import AdvisorsLibrary

    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    base = (ROOT / "templates" / "docx" / "charter-fr.docx").read_bytes()
    bomb = _lying_zip(base, declared=1024, actual=400_000_000)
    assert len(bomb) < 1_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        AdvisorsLibrary().upload_layout("fr", bomb, "Karim")
    assert time.perf_counter() - began < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB, not 400 MB
    assert "zip bomb" in str(caught.value.problems[0])


def test_a_6_mb_layout_gets_a_size_message(tmp_path, monkeypatch):
    from charter.library import AdvisorsLibrary

    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    with pytest.raises(TemplateError, match=r"too large \(6144 KB; the limit is 5 MB\)"):
        AdvisorsLibrary().upload_layout("fr", b"PK" + bytes(6 * 1024 * 1024 - 2), "Karim")


def test_a_name_typed_with_docxtpl_escapes_stays_as_typed_in_the_docx():
    import docx

    from charter.documents import render_docx

    answers = json.loads((ROOT / "examples" / "rural-ait-tamount.json").read_text("utf-8"))
    answers["commune"]["name"]["fr"] = "Aït {_{ x }_} {_% if 1 %_}"
    document = docx.Document(io.BytesIO(render_docx(answers, "fr", draft=True)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{_{ x }_}" in text and "{_% if 1 %_}" in text
    assert "{{ x }}" not in text


def test_a_name_ending_in_an_override_cannot_reverse_the_running_header():
    from charter.documents import charter_model
    from charter.model import build_charter

    answers = json.loads((ROOT / "examples" / "rural-ait-tamount.json").read_text("utf-8"))
    answers["commune"]["name"]["fr"] = "Aït Tamount\u202e"
    assert load_answers(json.dumps(answers))["commune"]["name"]["fr"] == "Aït Tamount"
    assert "\u202e" not in charter_model(answers, "fr").running_header  # the boundary drops it
    # and a model built past the boundary still keeps the name inside an isolate
    header = str(build_charter(answers, "fr").running_header)
    assert "\u2068Aït Tamount\u202e\u2069" in header
