"""Mithaq's Streamlit entry point: page set-up and navigation only (the pages live in ui/)."""

import streamlit as st

from ui import advisors, nav

st.set_page_config(page_title="Mithaq — ميثاق", page_icon=":material/gavel:", layout="wide")
st.navigation(nav.pages() + advisors.pages(), position="hidden").run()
