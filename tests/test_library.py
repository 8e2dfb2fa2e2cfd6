"""The advisors' library: versions, revert, diffs, export round-trip, layouts; a broken clause or
layout is refused with its location and nothing already saved is lost; edits reach the renderer."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from docx import Document

from charter import doctor
from charter.documents import render_docx, render_html
from charter.errors import TemplateError
from charter.library import AdvisorsLibrary, active_layout, active_library, in_force
from charter.render.clauses import load_library
from charter.render.templates import Templates, shipped

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = json.loads((ROOT / "examples" / "rural-ait-tamount.json").read_text(encoding="utf-8"))
LAYOUT_FR = ROOT / "templates" / "docx" / "charter-fr.docx"
CID = "petitions.right"
NEW_FR = "Toute citoyenne et tout citoyen de {{ commune.name }} peut présenter une pétition."


@pytest.fixture
def data(tmp_path, monkeypatch, db_location):
    """The deployment's data folder; on the PostgreSQL run, MITHAQ_DATABASE_URL too, so the
    renderer's hooks read the library from the server, as every app instance does."""
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    if isinstance(db_location, str):
        monkeypatch.setenv("MITHAQ_DATABASE_URL", db_location)
    return tmp_path / "data"


@pytest.fixture
def lib(data):
    return AdvisorsLibrary()


def edited(lib, **text):
    article = lib.article(CID)
    article["text"].update(text)
    return article


def test_the_store_is_its_own_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    lib = AdvisorsLibrary()
    assert lib.where == str(tmp_path / "data" / "advisors.sqlite3")
    assert (tmp_path / "data" / "advisors.sqlite3").is_file()


def test_an_unedited_clause_has_only_the_shipped_version(lib):
    [version] = lib.versions(CID)
    assert version.number == 0
    assert version.changed == []
    assert "pétitions" in version.article["text"]["fr"]


def test_each_save_is_a_version_with_when_who_and_what_changed(lib):
    first = lib.save(CID, edited(lib, fr=NEW_FR), "Me Amina Alaoui", note="plain words")
    assert (first.number, first.author, first.note) == (1, "Me Amina Alaoui", "plain words")
    assert first.created.endswith("+00:00")
    assert first.changed == ["text.fr"]
    [(field, old, new)] = first.changes()
    assert field == "text.fr" and "Les citoyennes" in old and new == NEW_FR
    second = lib.save(CID, {**lib.article(CID), "provisions": ["LO113-14-121"]}, "Karim")
    assert second.number == 2 and second.changed == ["provisions"]
    assert [v.number for v in lib.versions(CID)] == [2, 1, 0]


def test_saving_the_same_text_again_is_not_a_new_version(lib):
    lib.save(CID, edited(lib, fr=NEW_FR), "Amina")
    again = lib.save(CID, lib.article(CID), "Amina")
    assert again.number == 1


def test_revert_is_a_new_version_equal_to_the_old_one(lib):
    lib.save(CID, edited(lib, fr=NEW_FR), "Amina")
    lib.save(CID, edited(lib, fr=NEW_FR + " Sans condition."), "Karim")
    back = lib.revert(CID, 0, "Amina")
    assert back.number == 3
    assert back.note == "revert to version 0"
    assert back.article == lib.version(CID, 0).article
    assert [v.number for v in lib.versions(CID)] == [3, 2, 1, 0]  # nothing lost


def test_the_diff_is_unified_per_language(lib):
    lib.save(CID, edited(lib, fr=NEW_FR), "Amina")
    diffs = lib.diff(CID, 0, 1)
    assert list(diffs) == ["text.fr"]
    assert diffs["text.fr"].startswith("--- text.fr (v0)\n+++ text.fr (v1)\n@@")
    assert "\n+" + NEW_FR in diffs["text.fr"]
    assert "\n-Les citoyennes" in diffs["text.fr"]


@pytest.mark.parametrize(
    ("change", "kind", "where"),
    [
        ({"fr": "{% if commune.name %}sans fin"}, "syntax", "petitions.right [fr]"),
        ({"fr": "{{ petitions.treshold }}"}, "variable", "petitions.right [fr]"),
        ({"ar": ""}, "language", "petitions.right [ar]"),
        ({"fr": "{{ ''.__class__.__mro__ }}"}, "unsafe", "petitions.right [fr]"),
        ({"ar": "{{ cycler.__init__.__globals__.os.popen('id').read() }}"}, "unsafe", "[ar]"),
    ],
)
def test_a_broken_clause_is_refused_with_its_location_and_nothing_is_lost(lib, change, kind, where):
    lib.save(CID, edited(lib, fr=NEW_FR), "Amina")
    with pytest.raises(TemplateError) as caught:
        lib.save(CID, edited(lib, **change), "Karim")
    [problem] = caught.value.problems
    assert problem.kind == kind
    assert where in problem.where and "10-petitions.yaml" in str(caught.value)
    assert [v.number for v in lib.versions(CID)] == [1, 0]
    assert lib.article(CID)["text"]["fr"] == NEW_FR


def test_an_unknown_provision_is_refused(lib):
    with pytest.raises(TemplateError, match="unknown provision 'LO113-14-999'"):
        lib.save(CID, {**lib.article(CID), "provisions": ["LO113-14-999"]}, "Amina")


def test_a_version_needs_an_author(lib):
    with pytest.raises(TemplateError, match="say who you are"):
        lib.save(CID, edited(lib, fr=NEW_FR), "  ")


def test_an_unknown_clause_is_refused(lib):
    with pytest.raises(TemplateError, match="unknown clause"):
        lib.save("petitions.nothing", edited(lib, fr=NEW_FR), "Amina")


def test_control_characters_pasted_from_word_are_dropped(lib):
    v = lib.save(CID, edited(lib, fr="Texte\x0b collé\x07 de Word."), "Amina")
    assert v.article["text"]["fr"] == "Texte collé de Word."


def test_the_export_round_trips_in_the_format_of_templates_clauses(lib, tmp_path):
    lib.save(
        CID, edited(lib, fr=NEW_FR, ar="نص جديد لجماعة {{ commune.name }}.\n\nفقرة ثانية."), "A"
    )
    with zipfile.ZipFile(io.BytesIO(lib.export_zip())) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "export")
    folder = tmp_path / "export" / "templates" / "clauses"
    shipped = ROOT / "templates" / "clauses"
    assert sorted(names) == sorted(f"templates/clauses/{p.name}" for p in shipped.glob("*.yaml"))
    # untouched files are the shipped bytes; the edited one keeps its header comment
    for path in shipped.glob("*.yaml"):
        same = (folder / path.name).read_bytes() == path.read_bytes()
        assert same == (path.name != "10-petitions.yaml"), path.name
    assert (folder / "10-petitions.yaml").read_text(encoding="utf-8").startswith("# Chapter:")
    assert list(doctor.check_library(folder)) == []
    reloaded = load_library(folder)
    clause = next(c for s in reloaded.sections for c in s.clauses if c.id == CID)
    assert clause.text["fr"].render(commune={"name": "Aït Tamount"}).startswith("Toute citoyenne")
    assert "فقرة ثانية" in clause.text["ar"].render(commune={"name": "x"})
    # importing the export as the shipped library gives the same library in force
    again = AdvisorsLibrary(tmp_path / "other" / "advisors.sqlite3", shipped=folder)
    assert again.article(CID) == lib.article(CID)


def test_edits_in_force_reach_a_render_that_is_handed_them(lib):
    assert active_library() is None and in_force() is shipped()
    before = render_html(EXAMPLE, "fr", templates=in_force())
    lib.save(CID, edited(lib, fr=NEW_FR), "Amina")
    templates = in_force()
    assert templates.library is active_library() and templates.key != "shipped"
    assert in_force() is templates  # one value per saved state: renders cache on it
    after = render_html(EXAMPLE, "fr", templates=templates)
    assert "Toute citoyenne et tout citoyen de" in after
    assert "Toute citoyenne et tout citoyen de" not in before
    lib.revert(CID, 0, "Amina")
    assert in_force() != templates
    assert "Toute citoyenne et tout citoyen de" not in render_html(
        EXAMPLE, "fr", templates=in_force()
    )


def test_a_render_handed_no_templates_uses_the_shipped_ones_whatever_the_data_folder(lib):
    lib.save(CID, edited(lib, fr=NEW_FR), "Amina")
    lib.upload_layout("fr", restyled("RESTYLED"), "Amina")
    assert "Toute citoyenne et tout citoyen de" not in render_html(EXAMPLE, "fr")
    assert "RESTYLED" not in docx_text(render_docx(EXAMPLE, "fr"))
    assert "Toute citoyenne et tout citoyen de" in docx_text(
        render_docx(EXAMPLE, "fr", templates=in_force())
    )


def test_a_render_uses_the_library_it_is_handed(tmp_path):
    """No data folder at all: a library built from edited files, handed to the render."""
    folder = tmp_path / "clauses"
    folder.mkdir()
    for path in (ROOT / "templates" / "clauses").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text.replace("Les citoyennes", "LES CITOYENNES"), "utf-8")
    edited_lib = load_library(folder)
    templates = Templates(edited_lib, shipped().layouts, key=str(folder))
    html = render_html(EXAMPLE, "fr", templates=templates)
    assert "LES CITOYENNES" in html
    assert "LES CITOYENNES" in docx_text(render_docx(EXAMPLE, "fr", templates=templates))
    assert "LES CITOYENNES" not in render_html(EXAMPLE, "fr")


# --- Word layouts ---------------------------------------------------------------------------------


def restyled(marker: str) -> bytes:
    """The French layout with one word added before the title (as if restyled in Word)."""
    src = zipfile.ZipFile(LAYOUT_FR)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(
                    b"<w:t>{{ charter.title }}</w:t>",
                    f"<w:t>{marker} {{{{ charter.title }}}}</w:t>".encode(),
                )
            dst.writestr(info, data)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_an_uploaded_layout_becomes_active_and_the_previous_can_be_restored(lib):
    assert [v.number for v in lib.layouts("fr")] == [0]
    v1 = lib.upload_layout("fr", restyled("RESTYLED"), "Amina", note="../../etc/passwd")
    assert v1.number == 1
    assert lib.layout_content("fr") == restyled("RESTYLED")  # the bytes live in the database
    assert active_layout("fr").read_bytes() == restyled("RESTYLED")
    assert "RESTYLED" in docx_text(render_docx(EXAMPLE, "fr", templates=in_force()))
    lib.upload_layout("fr", restyled("AGAIN"), "Karim")
    assert "AGAIN" in docx_text(render_docx(EXAMPLE, "fr", templates=in_force()))
    lib.restore_layout("fr", 1, "Amina")
    assert "RESTYLED" in docx_text(render_docx(EXAMPLE, "fr", templates=in_force()))
    lib.restore_layout("fr", 0, "Amina")
    assert active_layout("fr") is None
    assert "RESTYLED" not in docx_text(render_docx(EXAMPLE, "fr", templates=in_force()))
    assert [v.number for v in lib.layouts("fr")] == [4, 3, 2, 1, 0]
    assert active_layout("ar") is None


def test_a_broken_layout_upload_is_refused_and_the_active_one_stays(lib):
    lib.upload_layout("fr", restyled("RESTYLED"), "Amina")
    broken = restyled("{{ lipsum.__globals__ }}")
    with pytest.raises(TemplateError, match="not allowed") as caught:
        lib.upload_layout("fr", broken, "Karim")
    assert "paragraph" in caught.value.problems[0].where
    with pytest.raises(TemplateError, match="not a Word document"):
        lib.upload_layout("fr", b"%PDF-1.7 not a docx", "Karim")
    with pytest.raises(TemplateError, match="too large"):
        lib.upload_layout("fr", b"PK" + b"0" * (5 * 1024 * 1024), "Karim")
    assert [v.number for v in lib.layouts("fr")] == [1, 0]
    assert "RESTYLED" in docx_text(render_docx(EXAMPLE, "fr", templates=in_force()))


def test_an_arabic_layout_that_is_left_to_right_is_refused(lib):
    with pytest.raises(TemplateError, match="right-to-left"):
        lib.upload_layout("ar", LAYOUT_FR.read_bytes(), "Amina")


def test_the_export_carries_the_active_layouts(lib):
    lib.upload_layout("fr", restyled("RESTYLED"), "Amina")
    with zipfile.ZipFile(io.BytesIO(lib.export_zip())) as zf:
        data = zf.read("templates/docx/charter-fr.docx")
        assert "templates/docx/charter-ar.docx" not in zf.namelist()
    assert data == restyled("RESTYLED")


def test_a_layout_uploaded_before_layouts_lived_in_the_database_moves_in(tmp_path):
    """Data folders from before migration advisors/0002 kept layouts as files in layouts/."""
    data = tmp_path / "data"
    AdvisorsLibrary(data / "advisors.sqlite3")
    sha = "b" * 64
    (data / "layouts").mkdir()
    (data / "layouts" / f"charter-fr-{sha[:32]}.docx").write_bytes(restyled("OLD"))
    with sqlite3.connect(data / "advisors.sqlite3") as db:
        db.execute(
            "INSERT INTO layout_versions (lang, number, created, author, note, sha256, size) "
            "VALUES ('fr', 1, '2026-11-01T10:00:00+00:00', 'Amina', 'upload', ?, 1)",
            (sha,),
        )
    assert AdvisorsLibrary(data / "advisors.sqlite3").layout_content("fr") == restyled("OLD")
