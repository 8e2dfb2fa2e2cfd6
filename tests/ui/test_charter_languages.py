"""The charter's languages, asked first, decide which boxes the wizard shows: an Arabic-only
official goes from a blank draft to the PDF without a French box, and switching French on
later lists what is still to write in French."""

from __future__ import annotations

import copy
import json
import subprocess

from support import EXAMPLES, fill_step

from charter.store import DraftStore
from ui import backend

ANSWERS = "mithaq.answers"


def arabic_only(answers: dict) -> dict:
    """``answers`` printed in Arabic only, every French text removed (nothing French typed)."""
    answers = copy.deepcopy(answers)
    answers["output"]["languages"] = ["ar"]

    def strip(node):
        if isinstance(node, dict):
            if isinstance(node.get("ar"), str):
                node.pop("fr", None)
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(answers)
    return answers


def french_texts(node, path=""):
    """The paths of the French texts in ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "fr":
                yield f"{path}/fr"
            yield from french_texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from french_texts(value, f"{path}/{i}")


def text_keys(at) -> list[str]:
    return [w.key for w in [*at.text_input, *at.text_area] if w.key]


def test_an_arabic_only_charter_goes_from_a_blank_draft_to_the_pdf(app, tmp_path, data_dir):
    example = json.loads((EXAMPLES / "rural-ait-tamount.json").read_text(encoding="utf-8"))
    wanted = arabic_only(example)
    at = app(lang="ar")
    at.button(key="start.blank").click().run()
    sections = backend.sections()
    assert sections[0] == "output"  # the languages are asked first
    for i, section in enumerate(sections):
        assert at.session_state["mithaq.step"] == section
        if i > 0:  # the languages are chosen: no box asks for French
            keys = text_keys(at)
            assert not [k for k in keys if k.endswith("/fr_ltr")], section
        if section in wanted:
            fill_step(at, section, wanted[section])
        at.button(key="step.next").click().run()
        assert not at.exception, (section, at.exception)
        assert not at.error, (section, [e.value for e in at.error])
    assert at.title[0].value == "المراجعة والتحميل"
    assert [m.value for m in at.metric][:2] == ["0", "0"]
    answers = at.session_state[ANSWERS]
    assert not list(french_texts(answers)), list(french_texts(answers))  # none was asked
    # whole numbers stay whole through the number boxes (10, not 10.0)
    numbers = [
        i.get(k) for i in answers["monitoring"]["indicators"] for k in ("baseline", "target")
    ]
    assert [type(n) for n in numbers if n is not None] == [
        type(i.get(k))
        for i in example["monitoring"]["indicators"]
        for k in ("baseline", "target")
        if i.get(k) is not None
    ]
    # one revision per submitted step (items added are not saved on their own)
    revisions = DraftStore(data_dir / "drafts.sqlite3").revisions(at.session_state["mithaq.draft"])
    assert len(revisions) <= len(sections) + 1
    assert {r.step for r in revisions[:-1]} <= set(sections)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "تحميل الميثاق (PDF)" in labels  # the charter itself, not a draft
    # the sidebar offers the charter in Arabic only
    assert at.session_state["mithaq.out"] in (None, "ar")
    pdf = tmp_path / "charter.pdf"
    pdf.write_bytes(backend.render_document("pdf", answers, "ar"))  # what the button gives
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert example["commune"]["name"]["ar"] in text
    assert example["commune"]["name"]["fr"] not in text


def test_switching_french_on_lists_what_is_missing(app):
    example = json.loads((EXAMPLES / "rural-ait-tamount.json").read_text(encoding="utf-8"))
    at = app(lang="fr")
    at.file_uploader(key="start.upload").upload(
        "ar.json", backend.answers_file(arabic_only(example)), "application/json"
    ).run()
    at.button(key="start.upload.open").click().run()
    gen = at.session_state["mithaq.gen"]
    assert not [k for k in text_keys(at) if k.endswith("/fr_ltr")]
    at.button(key="nav.step.output").click().run()
    gen = at.session_state["mithaq.gen"]
    at.multiselect(key=f"w{gen}/output/languages").set_value(["ar", "fr"])
    at.button(key="step.save").click().run()
    assert not at.exception
    listed = [i.value for i in at.info if "textes" in i.value]
    assert listed, [i.value for i in at.info]
    assert "Identification de la commune" in listed[0]
    assert "Nom de la commune (en français)" in listed[0]
    assert "/commune" not in listed[0]  # named by titles, never by pointers
    at.button(key="nav.step.commune").click().run()
    gen = at.session_state["mithaq.gen"]
    assert f"w{gen}/commune/name/fr_ltr" in text_keys(at)  # the French box is back
    errors = " ".join(e.value for e in at.error)
    assert "à écrire en français" in errors  # said at the text, the step being submitted
