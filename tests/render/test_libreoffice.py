"""Every example's DOCX, both languages, read by LibreOffice and by python-docx: its text is the
model's text, spaces and punctuation included (whitespace normalised, nothing else).

One soffice call converts every sample (the examples and the literal-text fixture), with its own
user profile in a temporary folder (a shared profile makes a second soffice fail silently).
LibreOffice is installed by scripts/install-system-packages (libreoffice-writer-nogui).
"""

import io
import re
import shutil
import subprocess

import docx
import pytest

from .conftest import LANGS, SAMPLES
from .support import model_lines, words

# LibreOffice writes a list item's label (its bullet) before the item: a label, not text.
_BULLET = re.compile(r"^[ \t]*\u2022\s", re.M)


@pytest.fixture(scope="module")
def libreoffice_text(rendered, tmp_path_factory):
    """{(example name, lang): the text LibreOffice reads from our DOCX}."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is missing: run scripts/install-system-packages"
    folder = tmp_path_factory.mktemp("libreoffice")
    files = []
    for example in SAMPLES:
        for lang in LANGS:
            path = folder / f"{example.stem}-{lang}.docx"
            path.write_bytes(rendered.get(example, lang, "docx"))
            files.append(path)
    cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(folder / "txt"),
           *map(str, files)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    return {
        (p.stem.rsplit("-", 1)[0], p.stem.rsplit("-", 1)[1]): p.read_text(encoding="utf-8")
        for p in (folder / "txt").glob("*.txt")
    }


def _contents_title(document) -> str:
    return next(p.text for p in document.paragraphs if p.style.name == "Contents Title")


def _first_difference(expected: str, actual: str) -> str:
    pairs = enumerate(zip(expected, actual, strict=False))
    i = next((k for k, (a, b) in pairs if a != b), min(len(expected), len(actual)))
    start = max(i - 60, 0)
    return f"model …{expected[start : i + 60]}…\ndocument …{actual[start : i + 60]}…"


def test_libreoffice_reads_the_models_text(rendered, libreoffice_text, example, lang):
    document = docx.Document(io.BytesIO(rendered.get(example, lang, "docx")))
    expected = words(" ".join(model_lines(rendered.get(example, lang, "model"),
                                          _contents_title(document))))  # fmt: skip
    # The hyphens of codes are Word's non-breaking hyphens (charter.render.ooxml.unbreakable_codes),
    # which LibreOffice writes as U+2011: the model's "-" for a reader (the samples hold no U+2011).
    actual = words(_BULLET.sub("", libreoffice_text[(example.stem, lang)]).replace("\u2011", "-"))
    assert actual == expected, _first_difference(expected, actual)


def _body_text(document) -> str:
    """python-docx's text of the body in order: paragraphs, and table cells row by row."""
    out = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(docx.text.paragraph.Paragraph(element, document).text)
        elif tag == "tbl":
            table = docx.table.Table(element, document)
            out += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(out)


def test_python_docx_reads_the_models_text(rendered, example, lang):
    document = docx.Document(io.BytesIO(rendered.get(example, lang, "docx")))
    expected = words(" ".join(model_lines(rendered.get(example, lang, "model"),
                                          _contents_title(document))))  # fmt: skip
    actual = words(_body_text(document))
    assert actual == expected, _first_difference(expected, actual)
