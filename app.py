"""Mithaq's Streamlit entry point: page set-up and navigation only (the pages live in ui/)."""

from pathlib import Path

import streamlit as st

from ui import nav

# A local icon: a ":material/…:" icon would have the browser fetch it from the network.
ICON = str(Path(__file__).parent / "ui" / "static" / "favicon.png")
st.set_page_config(page_title="Mithaq — ميثاق", page_icon=ICON, layout="wide")
st.navigation(nav.pages(), position="hidden").run()
