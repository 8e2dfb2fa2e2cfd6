"""Interface strings: every message the code marks is in the ar and fr catalogues, translated,
with the same {placeholders}; no catalogue carries a message the code no longer uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ui import i18n

UI = Path(__file__).resolve().parents[2] / "ui"


def code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(str(UI)):
        if isinstance(message, str) and message:
            found.add(message)
    return found


def catalogue(lang: str):
    with i18n.po_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_message_is_translated(lang):
    cat = catalogue(lang)
    missing = sorted(m for m in code_messages() if not (cat.get(m) and cat.get(m).string))
    assert not missing, f"{lang}: untranslated {missing}"


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_no_stale_messages_and_same_placeholders(lang):
    cat = catalogue(lang)
    used = code_messages()
    stale = sorted(m.id for m in cat if m.id and m.id not in used)
    assert not stale, f"{lang}: no longer used {stale}"
    for m in cat:
        if m.id and m.string:
            assert placeholders(m.id) == placeholders(m.string), (lang, m.id)


def test_english_is_the_message_ids():
    assert i18n.gettext_for("en")("Next") == "Next"
    assert i18n.gettext_for("ar")("Next") == "التالي"
    assert i18n.gettext_for("fr")("Next") == "Suivant"


def test_directions():
    assert i18n.direction("ar") == "rtl"
    assert i18n.direction("fr") == i18n.direction("en") == "ltr"


def test_the_app_serves_its_own_font():
    fonts = UI / "static" / "fonts"
    assert (fonts / "Amiri-Regular.ttf").stat().st_size > 100_000
    assert (fonts / "OFL.txt").exists()
    root_static = UI.parent / "static"
    assert root_static.resolve() == (UI / "static").resolve()  # Streamlit serves ./static
