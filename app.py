"""Mithaq's Streamlit entry point: page set-up and navigation only."""

import streamlit as st

st.set_page_config(page_title="Mithaq — ميثاق", layout="wide")
st.title("Mithaq — ميثاق")
st.write("The wizard is being built.")
