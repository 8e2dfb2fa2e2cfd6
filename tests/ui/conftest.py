"""AppTest fixtures: the real app on a temporary data folder."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from support import APP, TIMEOUT


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MITHAQ_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def app():
    """A fresh session of the app; ``app(**query)`` seeds the URL's query parameters."""

    def make(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        return at.run()

    return make
