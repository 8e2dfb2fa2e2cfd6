"""The app's stylesheet: the served Amiri font, and right-to-left layout for Arabic.

The RTL rules are the ones verified in a real browser (shared notes, stack.md §7): the page and
the sidebar's content flip, headings and labels align right, and code, JSON, numbers and
e-mails stay LTR. Streamlit's shell (the row holding the sidebar and the page) stays LTR: its
sidebar hides by sliding left by its width, which in a flipped row leaves it on the page.
A button's label wraps instead of ending in "…" (Streamlit cuts a download button's label to
one line: a French one on a phone lost its end). Widgets whose key ends in ``_rtl`` (Arabic
text) or ``_ltr`` (numbers, e-mails, dates) are aligned by their ``st-key-…`` class whatever
the interface language.
"""

from __future__ import annotations

import streamlit as st

from ui import i18n, widget_words
from ui.i18n import N_

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
.st-key-mithaq-page-script, .st-key-step-keep {{ display: none; }}
[data-testid="stTabs"] [role="tablist"] {{ flex-wrap: wrap; row-gap: 0.25rem; }}
button[data-testid^="stBaseButton"] {{ height: auto; }}
button[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"],
button[data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"] p {{
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: break-word; }}
[data-testid="stFileChip"][aria-invalid="true"] {{ flex-wrap: wrap; }}
[data-testid="stFileChip"] [role="alert"] {{ position: static; clip: auto; width: auto;
  height: auto; margin: 0.25rem 0 0; overflow: visible; white-space: normal; flex-basis: 100%;
  font-size: 0.9rem; color: var(--st-red-text-color, #bd4043); }}
.mithaq-compliance th, .mithaq-compliance td {{
  text-align: start; vertical-align: top; padding: 0.2rem 0.4rem;
  border-bottom: 1px solid rgba(128, 128, 128, 0.2); }}
"""

_RTL = """
.stApp { direction: rtl; }
[data-testid="stAppViewContainer"], [data-testid="stHeader"] { direction: ltr; }
[data-testid="stMain"], [data-testid="stSidebarUserContent"] { direction: rtl; }
.stApp h1, .stApp h2, .stApp h3, .stApp h4, .stMarkdown, [data-testid="stWidgetLabel"],
[data-testid="stCaptionContainer"], input, textarea { text-align: right; }
[data-testid="stJson"], .stApp pre, .stApp code { direction: ltr; text-align: left; }
.stApp, .stApp h1, .stApp h2, .stApp h3, .stApp h4, .stApp p, .stApp label, .stApp button,
.stApp input, .stApp textarea, .stApp li { font-family: "Amiri", "Noto Naskh Arabic", serif; }
.stApp p, .stApp label, .stApp li { font-size: 1.08rem; }
[data-baseweb="popover"] li, [data-baseweb="select"] { direction: rtl; text-align: right; }
[data-testid="stSelectboxVirtualDropdown"], [data-testid="stMultiSelectDropdown"] {
  direction: rtl; text-align: right; }
[data-testid="stSelectboxVirtualDropdown"] [role="option"],
[data-testid="stMultiSelectDropdown"] [role="option"] { justify-content: flex-start; }
"""

# Runs in the page (not an iframe): the document's language and direction. A button of the
# sidebar pressed while a step's form is on the page is held back: the form is submitted first
# (its hidden "keep" button, see ui/wizard.py) and, once that run is over, the press is made
# again, so what was typed is never lost nor overtaken. On a phone (the sidebar overlays the
# page below Streamlit's 768 px breakpoint) the menu then closes. Registered once per tab.
_SCRIPT = """
<script>
(() => {
  const root = document.documentElement;
  root.lang = "%(lang)s";
  root.dir = "%(dir)s";
  if (window.mithaqMenu) return;
  window.mithaqMenu = true;
  let replaying = false;
  const sidebarButton = (target) => {
    const button = target.closest && target.closest('[data-testid="stSidebarUserContent"] button');
    return button && !button.closest('[data-testid="stDownloadButton"]') ? button : null;
  };
  const scriptState = () => document.querySelector('[data-testid="stApp"]').dataset.testScriptState;
  // ``then`` once the run the form's submission starts is over. Every change of the app's
  // script state is observed (a poll could miss a short run); a busy server may start that
  // run seconds later, and a press replayed before it starts would be merged into it and lost,
  // so the press waits for the run to start (10 s at most) and to end (30 s at most).
  const whenIdle = (then) => {
    const app = document.querySelector('[data-testid="stApp"]');
    let seenRunning = false, done = false;
    const finish = () => {
      if (done) return;
      done = true;
      watch.disconnect();
      clearTimeout(neverStarted);
      clearTimeout(tooLong);
      then();
    };
    const check = () => {
      if (scriptState() !== "notRunning") seenRunning = true;
      else if (seenRunning) finish();
    };
    const watch = new MutationObserver(check);
    watch.observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
    const neverStarted = setTimeout(() => { if (!seenRunning) finish(); }, 10000);
    const tooLong = setTimeout(finish, 30000);
    check();
  };
  const again = (button) => {
    const holder = button.closest('[class*="st-key-"]');
    const key = holder && [...holder.classList].find((c) => c.startsWith("st-key-"));
    const index = holder ? [...holder.querySelectorAll("button")].indexOf(button) : -1;
    return () => {
      const fresh = key && document.querySelectorAll("." + key + " button")[index];
      return fresh || button;
    };
  };
  const closeMenu = () => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    if (window.innerWidth > 768 || !bar || bar.dataset.collapsed === "true") return;
    setTimeout(() => {
      const close = bar.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close && bar.dataset.collapsed !== "true") close.click();
    }, 0);
  };
  const onPress = (event) => {
    const button = sidebarButton(event.target);
    if (!button) return;
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
    const keep = document.querySelector(".st-key-step-keep button");
    if (replaying || !keep) {
      if (event.type === "click") closeMenu();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type !== "click" && event.type !== "keydown") return;
    const find = again(button);
    keep.click();
    whenIdle(() => {
      replaying = true;
      try { find().click(); } finally { replaying = false; }
    });
  };
  for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click", "keydown"]) {
    document.addEventListener(type, onPress, true);
  }
})();
</script>
"""


# Streamlit's upload box speaks English ("Upload", "10MB per file • JSON"): its words are
# replaced by the page's language, and each box states what it takes (the limits that
# ui/start.py and the advisors' page apply; Streamlit's own limit, .streamlit/config.toml's
# maxUploadSize, is the largest of them).
UPLOAD_BUTTON = N_("Choose a file")
UPLOADS = {
    ".st-key-start-upload": N_("JSON file, 1 MB at most"),
    ".st-key-start-pdf": N_("PDF file, 20 MB at most"),
    '[class*="st-key-advisors-"][class*="-upload-"]': N_("Word file (.docx), 5 MB at most"),
}


def _css_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uploads(lang: str) -> str:
    _ = i18n.gettext_for(lang)
    box = '[data-testid="stFileUploaderDropzone"]'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"]'
    css = [
        f"{box} button p, {hint} span {{ font-size: 0; }}",
        f"{box} button p::after {{ content: {_css_text(_(UPLOAD_BUTTON))}; font-size: 1rem; }}",
    ]
    for where, text in UPLOADS.items():
        css.append(
            f"{where} {hint} span::after {{ content: {_css_text(_(text))}; font-size: 0.9rem; }}"
        )
    return "\n".join(css)


def inject(lang: str) -> None:
    css = _BASE + (_RTL if i18n.direction(lang) == "rtl" else "") + _uploads(lang)
    st.html(f"<style>{css}</style>")
    with st.container(key="mithaq-page-script"):
        st.html(_SCRIPT % {"lang": lang, "dir": i18n.direction(lang)}, unsafe_allow_javascript=True)
        st.html(widget_words.script(lang), unsafe_allow_javascript=True)
