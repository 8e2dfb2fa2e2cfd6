"""The printable questionnaire is printed once per version and read back from the data folder's
cache: the second request does not print again, and a changed questionnaire is a new file."""

from __future__ import annotations

import pytest

from charter import questionnaire


def test_printed_once_then_read_back(tmp_path, monkeypatch):
    first = questionnaire.cached_pdf("fr", folder=tmp_path)
    assert first.startswith(b"%PDF")
    files = list(tmp_path.glob("questionnaire-commune-fr-*.pdf"))
    assert len(files) == 1 and files[0].read_bytes() == first
    assert not list(tmp_path.glob("*.part"))

    def no_printing(*args, **kwargs):
        raise AssertionError("printed again")

    monkeypatch.setattr(questionnaire, "render_pdf", no_printing)
    assert questionnaire.cached_pdf("fr", folder=tmp_path) == first

    # another questionnaire (its HTML changed) is another file: printed, not read back
    monkeypatch.setattr(questionnaire, "render_html", lambda lang, level: "<p>autre</p>")
    with pytest.raises(AssertionError, match="printed again"):
        questionnaire.cached_pdf("fr", folder=tmp_path)
