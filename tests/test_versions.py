"""The charter after adoption: adopted versions that render again as they were, and a redline
between two of them whose tracked changes, all accepted, give the new version's text."""

from __future__ import annotations

import copy
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document

from charter.documents import charter_model
from charter.errors import InvalidAnswersError
from charter.library import AdvisorsLibrary
from charter.redline import lines
from charter.render.pdf import extract_answers
from charter.store import DraftStore
from charter.versions import (
    AdoptionError,
    adopt,
    redline,
    rerender,
    shipped_snapshot,
    snapshot,
    templates_of,
)

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def adopted_answers() -> dict:
    answers = json.loads(
        (ROOT / "examples" / "arrondissements-madinat-assahil.json").read_text(encoding="utf-8")
    )
    answers["output"]["languages"] = ["fr"]  # one language keeps the test quick
    assert answers["adoption"]["status"] == "adopted"
    return answers


@pytest.fixture
def store(tmp_path):
    return DraftStore(tmp_path / "drafts.sqlite3")


@pytest.fixture
def first(store):
    """A draft whose first revision was adopted (version 1) with the shipped templates."""
    draft = store.create(adopted_answers())
    return draft, adopt(store, draft, 1, shipped_snapshot())


def test_an_adoption_records_the_deliberation_templates_and_document_hashes(store, first):
    draft, done = first
    [version] = store.adoptions(draft)
    assert version == done.adoption
    assert (version.version, version.revision) == (1, 1)
    assert version.deliberation_number == "12/2025"
    assert version.deliberation_date == "2025-02-04"
    assert sorted(version.documents) == ["fr.docx", "fr.pdf"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in version.documents.values())
    assert extract_answers(done.documents["fr.pdf"]) == store.revision(draft, 1).answers


def test_an_adopted_version_renders_again_as_it_was_apart_from_timestamps(store, first):
    draft, done = first
    assert docx_parts(rerender(store, draft, 1, "fr", "docx")) == docx_parts(
        done.documents["fr.docx"]
    )
    assert without_dates(rerender(store, draft, 1, "fr", "pdf")) == without_dates(
        done.documents["fr.pdf"]
    )


def test_advisors_edits_after_adoption_do_not_change_the_adopted_version(store, first, tmp_path):
    draft, done = first
    lib = AdvisorsLibrary(tmp_path / "advisors.sqlite3")
    cid = "petitions.right"
    article = lib.article(cid)
    article["text"]["fr"] = "Texte nouveau, adopté plus tard."
    lib.save(cid, article, "Conseillère", "après l'adoption")
    edited = templates_of(snapshot(lib.files(), layouts()))
    assert "Texte nouveau" in model_text(store.revision(draft, 1).answers, edited)
    assert "Texte nouveau" not in docx_text(rerender(store, draft, 1, "fr", "docx"))


def test_a_revision_is_adopted_once(store, first):
    draft, _ = first
    with pytest.raises(AdoptionError, match="already adopted, as version 1"):
        adopt(store, draft, 1, shipped_snapshot())
    assert len(store.adoptions(draft)) == 1


def test_a_revision_that_does_not_say_adopted_is_refused(store):
    answers = adopted_answers()
    answers["adoption"]["status"] = "draft"
    draft = store.create(answers)
    with pytest.raises(AdoptionError, match="deliberation"):
        adopt(store, draft, 1, shipped_snapshot())
    assert store.adoptions(draft) == []


def test_a_revision_with_errors_is_refused(store):
    answers = adopted_answers()
    answers["petitions"]["rejection_notice_months"] = 9
    draft = store.create(answers)
    with pytest.raises(InvalidAnswersError):
        adopt(store, draft, 1, shipped_snapshot())


@pytest.fixture
def two_versions(store, first, tmp_path):
    """Version 2 changes an answer (a shorter notice) and one article's wording."""
    draft, _ = first
    answers = copy.deepcopy(store.revision(draft, 1).answers)
    answers["petitions"]["rejection_notice_months"] = 2
    answers["adoption"].update(deliberation_number="31/2026", deliberation_date="2026-10-06")
    revision = store.save(draft, answers, base=1, step="petitions")
    lib = AdvisorsLibrary(tmp_path / "advisors.sqlite3")
    article = lib.article("petitions.right")
    article["text"]["fr"] = article["text"]["fr"].replace("pétition", "pétition écrite", 1)
    lib.save("petitions.right", article, "Conseillère", "précision")
    adopt(store, draft, revision, snapshot(lib.files(), layouts()))
    return draft


def test_the_redline_docx_tracks_every_change_and_accepting_them_gives_the_new_text(
    store, two_versions
):
    draft = two_versions
    red = redline(store, draft, 1, 2, "fr")
    assert {a.change for a in red.comparison.changed} == {"changed"}
    changed = {a.id for a in red.comparison.changed}
    assert "petitions.right" in changed
    body = Document(io.BytesIO(red.docx)).element.body
    marks = body.findall(f".//{W}ins") + body.findall(f".//{W}del")
    assert marks and all(m.get(f"{W}author") == "Mithaq" for m in marks)

    versions = [store.adoption(draft, n) for n in (1, 2)]
    old, new = (
        charter_model(
            store.revision(draft, v.revision).answers,
            "fr",
            templates=templates_of(store.adoption_templates(draft, v.version)),
        )
        for v in versions
    )
    expected_new = [t for a in new.articles for _, t in lines(a)]
    expected_old = [t for a in old.articles for _, t in lines(a)]
    assert accepted(red.docx)[2:] == expected_new
    assert rejected(red.docx)[2:] == expected_old


def test_the_redline_pdf_marks_the_changes_and_says_why(store, two_versions):
    red = redline(store, two_versions, 1, 2, "fr")
    reasons = {a.id: a.reason for a in red.comparison.changed}
    assert "rédaction de l’article modifiée" in reasons["petitions.right"]
    assert "réponses modifiées" in reasons["petitions.right"]
    assert red.pdf.startswith(b"%PDF")
    assert b"<ins>" not in red.pdf
    # the table cites the provisions as the charter does, never by their catalogue ids
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=red.pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    changed = red.comparison.changed
    assert all(len(a.citations) == len(a.provisions) >= 1 for a in changed)
    assert all(c in text for a in changed for c in a.citations)
    assert not any(pid in text for a in changed for pid in a.provisions)


# --- helpers --------------------------------------------------------------------------------------


def layouts() -> dict[str, bytes]:
    return {lang: (ROOT / "templates" / "docx" / f"charter-{lang}.docx").read_bytes()
            for lang in ("ar", "fr")}  # fmt: skip


def model_text(answers, templates) -> str:
    return "\n".join(t for a in charter_model(answers, "fr", templates=templates).articles
                     for _, t in lines(a))  # fmt: skip


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def docx_parts(data: bytes) -> dict[str, bytes]:
    """Every part of a DOCX but its dates (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    core = parts.pop("docProps/core.xml", b"")
    parts["core-without-dates"] = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"",
                                         core)  # fmt: skip
    return parts


def without_dates(pdf: bytes) -> list[bytes]:
    """Every object of a PDF, streams decoded, less its timestamps: the Info dates, the XMP
    dates (in the compressed metadata stream) and the trailer's /ID, which hashes them."""
    # the lengths of compressed streams follow the dates inside them (the XMP metadata); the
    # streams themselves are compared decoded
    dates = rb'<(xmp:\w*Date)>[^<]*</\1>|"/(CreationDate|ModDate)": "D:[^"]*"|"/Length": \d+'
    out = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Type") in ("/ObjStm", "/XRef"):
                continue  # containers: their objects are compared one by one
            data = obj.read_bytes() if isinstance(obj, pikepdf.Stream) else repr(obj).encode()
            out.append(re.sub(dates, b"", data))
    return out


def _paragraph_texts(data: bytes, keep: str, drop: str) -> list[str]:
    """The text of every paragraph once ``keep`` marks are kept and ``drop`` marks removed
    (accept: keep ins, drop del; reject: the reverse), as Word does."""
    body = Document(io.BytesIO(data)).element.body
    out = []
    for p in body.iter(f"{W}p"):
        mark = p.find(f"{W}pPr/{W}rPr/{W}{drop}")
        if mark is not None:
            continue  # the paragraph itself goes
        text = []
        for node in p.iter():
            if node.tag in (f"{W}t", f"{W}delText"):
                inside = [a.tag for a in node.iterancestors()]
                if f"{W}{drop}" in inside:
                    continue
                text.append(node.text or "")
        out.append("".join(text))
    return out


def accepted(data: bytes) -> list[str]:
    return _paragraph_texts(data, "ins", "del")


def rejected(data: bytes) -> list[str]:
    return _paragraph_texts(data, "del", "ins")


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_libreoffice_accepting_or_rejecting_all_changes_gives_the_new_or_old_text(
    store, two_versions, tmp_path, action
):
    """LibreOffice reads the redline's marks as tracked changes: Accept All gives the new
    version's text, Reject All the old one's (Debian's python3-uno drives LibreOffice)."""
    draft = two_versions
    red = redline(store, draft, 1, 2, "fr")
    path = tmp_path / "redline.docx"
    path.write_bytes(red.docx)
    done = subprocess.run(
        ["/usr/bin/python3", str(ROOT / "tests" / "render" / "lo_accept_all.py"), action,
         str(tmp_path / "profile"), str(path)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    expected = accepted(red.docx) if action == "accept" else rejected(red.docx)
    assert result["remaining"] == 0
    assert [p for p in result["paragraphs"] if p] == [p for p in expected if p]
