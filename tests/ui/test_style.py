"""The stylesheet's words: Streamlit's English upload box is said in the page's language, with
the limits the app applies; Streamlit's own upload limit is the largest of them."""

from __future__ import annotations

import re
import tomllib

from support import ROOT

from ui import start, style


def test_the_upload_box_speaks_the_pages_language():
    ar, fr = style._uploads("ar"), style._uploads("fr")
    assert '"اختر ملفاً"' in ar and '"Choisir un fichier"' in fr
    assert "1 ميغابايت" in ar and "1 Mo" in fr
    assert "Choose a file" not in ar + fr and "MB" not in ar + fr


def test_streamlits_limit_is_the_largest_the_app_states():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    stated = [int(m) for text in style.UPLOADS.values() for m in re.findall(r"(\d+) MB", text)]
    assert config["server"]["maxUploadSize"] == max(stated)
    assert start.MAX_ANSWERS_BYTES == 1_000_000 and "1 MB" in style.UPLOADS[".st-key-start-upload"]
