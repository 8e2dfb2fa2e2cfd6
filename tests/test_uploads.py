"""Issue 12's hostile uploads, at the three doors a file comes in by: an advisor's Word layout
(``AdvisorsLibrary.upload_layout``), a charter PDF to start from (``extract_answers``) and an
answers file (``load_answers``). Each is refused with one clear line (a ``CharterError``), in
bounded time, with nothing saved; none raises anything else. (The lying zip bomb, the 6 MB
layout and the 300 MB PDF bomb are in ``tests/test_boundary.py``.)"""

from __future__ import annotations

import gzip
import io
import json
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest

from charter.answers import load_answers
from charter.errors import CharterError
from charter.library import AdvisorsLibrary
from charter.render.pdf import extract_answers

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = (ROOT / "templates" / "docx" / "charter-fr.docx").read_bytes()


def with_members(base: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, replace.get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


def document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(LAYOUT)) as z:
        return z.read("word/document.xml")


def in_body(text: str) -> bytes:
    """The shipped layout with ``text`` as one more paragraph of its body."""
    xml = document_xml()
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    return with_members(
        LAYOUT, {"word/document.xml": xml.replace(b"<w:body>", b"<w:body>" + para, 1)}
    )


def prolog(dtd: bytes) -> bytes:
    xml = document_xml()
    head, rest = xml.split(b"?>", 1) if xml.startswith(b"<?xml") else (b"", xml)
    return with_members(LAYOUT, {"word/document.xml": head + b"?>" + dtd + rest})


def many_members(n: int) -> bytes:
    return with_members(LAYOUT, {}, {f"word/media/x{i}.bin": b"" for i in range(n)})


def nothing_but(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(name, data)
    return out.getvalue()


XXE = b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)

LAYOUTS = {
    "empty": b"",
    "a PDF named .docx": b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj\n",
    "random bytes": bytes(range(256)) * 40,
    "a zip without word/document.xml": nothing_but("hello.txt", b"hi"),
    "a member climbing out (../../evil)": with_members(LAYOUT, {}, {"../../evil.txt": b"x"}),
    "an absolute member (/etc/evil)": with_members(LAYOUT, {}, {"/etc/evil.txt": b"x"}),
    "document.xml not well-formed": with_members(LAYOUT, {"word/document.xml": b"<w:document"}),
    "an external entity (XXE)": prolog(XXE),
    "a billion laughs": prolog(LAUGHS),
    "Python internals in a tag": in_body("{{ ''.__class__.__mro__ }}"),
    "an include in a tag": in_body("{%p include 'x.docx' %}"),
    "|safe in a tag": in_body("{{ commune.name|safe }}"),
    "20,000 members": many_members(20_000),
    "a truncated zip": LAYOUT[: len(LAYOUT) // 2],
}


@pytest.fixture
def lib(tmp_path, monkeypatch):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    return AdvisorsLibrary()


def refused_in_one_line(call, data) -> str:
    began = time.perf_counter()
    with pytest.raises(CharterError) as caught:
        call(data)
    assert time.perf_counter() - began < 30
    message = str(caught.value)
    assert message and "Traceback" not in message
    return message


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_a_hostile_layout_is_refused_and_nothing_is_saved(lib, name):
    before = lib.layouts("fr")
    refused_in_one_line(lambda data: lib.upload_layout("fr", data, "Karim"), LAYOUTS[name])
    assert lib.layouts("fr") == before


@pytest.fixture(scope="module")
def charter_pdf() -> bytes:
    from charter.documents import render_pdf

    answers = json.loads((ROOT / "examples" / "rural-ait-tamount.json").read_text("utf-8"))
    return render_pdf(answers, "fr")


def _pdf(base: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(base)) as doc:
        change(doc)
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def _attachment(data: bytes):
    def change(doc):
        doc.attachments["answers.json"].get_file().obj.write(data)

    return change


def _no_attachment(doc):
    del doc.attachments["answers.json"]


def _encrypted(base: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(base)) as doc:
        out = io.BytesIO()
        doc.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    return out.getvalue()


PDFS = {
    "empty": lambda pdf: b"",
    "not a PDF": lambda pdf: b"PK\x03\x04 not a pdf",
    "truncated": lambda pdf: pdf[: len(pdf) // 3],
    "no answers attached": lambda pdf: _pdf(pdf, _no_attachment),
    "answers not JSON": lambda pdf: _pdf(pdf, _attachment(b"\x00\xff not json")),
    "answers a list": lambda pdf: _pdf(pdf, _attachment(b"[1, 2, 3]")),
    "answers nested 900 deep": lambda pdf: _pdf(pdf, _attachment(b"[" * 900 + b"]" * 900)),
    "answers with a lone surrogate": lambda pdf: _pdf(pdf, _attachment(b'{"a": "\\ud800"}')),
    "encrypted": _encrypted,
}


@pytest.mark.parametrize("name", list(PDFS))
def test_a_hostile_pdf_is_refused_in_one_line(charter_pdf, name):
    refused_in_one_line(extract_answers, PDFS[name](charter_pdf))


ANSWERS = {
    "UTF-16": '{"a": 1}'.encode("utf-16"),
    "gzip": gzip.compress(b'{"a": 1}'),
    "2 MB": b'{"a": "' + b"x" * 2_000_000 + b'"}',
    "a number 5,000 digits long": b'{"a": ' + b"7" * 5000 + b"}",
    "NUL bytes": b'{"a": 1}\x00\x00',
    "a JavaScript file": b"alert(document.cookie)",
    "a script in a JSON string, then garbage": b'{"a": "</script><script>x</script>"} trailing',
    "Infinity": b'{"a": Infinity}',
    "a top-level string": b'"answers"',
}


@pytest.mark.parametrize("name", list(ANSWERS))
def test_a_hostile_answers_file_is_refused_in_one_line(name):
    refused_in_one_line(load_answers, ANSWERS[name])


def test_there_are_32():
    assert len(LAYOUTS) + len(PDFS) + len(ANSWERS) == 32
