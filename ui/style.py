"""The app's stylesheet: the served Amiri font, and right-to-left layout for Arabic.

The RTL rules are the ones verified in a real browser (shared notes, stack.md §7): the whole
app flips, headings and labels align right, and code, JSON, numbers and e-mails stay LTR.
Widgets whose key ends in ``_rtl`` (Arabic text) or ``_ltr`` (numbers, e-mails, dates) are
aligned by their ``st-key-…`` class whatever the interface language.
"""

from __future__ import annotations

import streamlit as st

from ui import i18n

FONT_URL = "app/static/fonts"

_BASE = f"""
@font-face {{ font-family: "Amiri"; font-weight: 400; font-display: swap;
  src: url("{FONT_URL}/Amiri-Regular.ttf") format("truetype"); }}
@font-face {{ font-family: "Amiri"; font-weight: 700; font-display: swap;
  src: url("{FONT_URL}/Amiri-Bold.ttf") format("truetype"); }}
[class*="_rtl"] input, [class*="_rtl"] textarea {{
  direction: rtl; text-align: right; font-family: "Amiri", serif; font-size: 1.1rem; }}
[class*="_ltr"] input, [class*="_ltr"] textarea, [data-testid="stNumberInput"] input,
[data-testid="stDateInputField"] {{ direction: ltr; text-align: left; }}
.mithaq-ltr {{ direction: ltr; unicode-bidi: isolate; }}
[class*="st-key-nav-step-"] button, [class*="st-key-nav-step-"] button > div {{
  justify-content: flex-start; width: 100%; }}
[class*="st-key-nav-step-"] p {{ text-align: start; }}
.mithaq-compliance th, .mithaq-compliance td {{
  text-align: start; vertical-align: top; padding: 0.2rem 0.4rem;
  border-bottom: 1px solid rgba(128, 128, 128, 0.2); }}
"""

_RTL = """
.stApp { direction: rtl; }
.stApp h1, .stApp h2, .stApp h3, .stApp h4, .stMarkdown, [data-testid="stWidgetLabel"],
[data-testid="stCaptionContainer"], input, textarea { text-align: right; }
[data-testid="stJson"], .stApp pre, .stApp code { direction: ltr; text-align: left; }
.stApp, .stApp h1, .stApp h2, .stApp h3, .stApp h4, .stApp p, .stApp label, .stApp button,
.stApp input, .stApp textarea, .stApp li { font-family: "Amiri", "Noto Naskh Arabic", serif; }
.stApp p, .stApp label, .stApp li { font-size: 1.08rem; }
[data-testid="stSidebar"] { direction: rtl; }
"""


def inject(lang: str) -> None:
    css = _BASE + (_RTL if i18n.direction(lang) == "rtl" else "")
    st.html(f"<style>{css}</style>")
