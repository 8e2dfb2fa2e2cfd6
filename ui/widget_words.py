"""Streamlit's own words inside its widgets, in the page's language.

Streamlit has no translations for what its widgets write themselves: "No results" in a
dropdown whose filter matches nothing, the uploaded file's line ("1.5KB", "Remove name.json"),
the refusal of a file over the box's limit ("Error: File must be 1.0MB or smaller."), its
tooltip. A script in the page (registered once per tab) watches those widgets only — the
upload boxes, the dropdown lists and the error tooltips, never the answers — and rewrites
their English, read from Streamlit 1.67's bundle, with the catalogues' strings: text, ``title``
and ``aria-label`` (what a screen reader says). It keeps each node's English, so the page's
language can change under a file already chosen, and a word Streamlit writes again is
translated again.
"""

from __future__ import annotations

import json

from babel.numbers import get_decimal_symbol

from ui import i18n
from ui.i18n import N_

# the elements whose words are Streamlit's: the upload boxes, a dropdown list when nothing
# matches its filter and its hidden close button (never its options: they are ours), the error
# tooltips; left alone in them, the box's label and the uploaded file's own name
SCOPE = (
    '[data-testid="stFileUploader"], [data-testid="stTooltipErrorContent"], '
    '[data-testid="stSelectboxVirtualDropdown"] [data-empty="true"], '
    '[data-testid="stMultiSelectDropdown"] [data-empty="true"], '
    '[data-testid="stSelectboxVirtualDropdown"] button, '
    '[data-testid="stMultiSelectDropdown"] button'
)
KEEP = '[data-testid="stFileChipName"], [data-testid="stWidgetLabel"]'

# English (exactly, trimmed) → the catalogue's message
EXACT = {
    "No results": N_("No results"),
    "Dismiss": N_("Close"),
    "Error:": N_("Error:"),
    "Upload failed": N_("The file could not be sent."),
    "Click to retry upload": N_("Click to send the file again"),
    "File size is too small.": N_("This file is too small."),
    "Only one file is allowed.": N_("Only one file can be chosen."),
    "Unexpected error. Please try again.": N_("The file could not be sent: please try again."),
    "Add files": N_("Add a file"),
    "add icon": N_("Add a file"),
    "file upload": N_("Choose a file"),
}
# Streamlit's sentences with a part that varies: (regular expression, message, kind of each
# group: "size" is a size such as "20.0MB", "text" is kept as it is)
PATTERNS = (
    (r"^File must be (\S+) or smaller\.$", N_("This file is over {0}: choose a smaller one."),
     ("size",)),
    (r"^(.+) files are not allowed\.$", N_("This kind of file is not accepted here."), ()),
    (r"^Remove (.+)$", N_("Remove {0}"), ("text",)),
    (r"^Cancel upload of (.+)$", N_("Stop sending {0}"), ("text",)),
    (r"^(.+), (\d+(?:\.\d+)?(?:B|KB|MB|GB| bytes?))$", N_("{0}, {1}"), ("text", "size")),
)  # fmt: skip
UNITS = {
    "B": N_("{size} bytes"),
    "KB": N_("{size} KB"),
    "MB": N_("{size} MB"),
    "GB": N_("{size} GB"),
}
LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en"}

_SCRIPT = """
<script>
(() => {
  window.mithaqWords = %(words)s;
  if (window.mithaqTranslate) { window.mithaqTranslate(); return; }
  const english = new WeakMap();  // node → {attribute or "#text": [English, shown]}
  const size = (text) => {
    const w = window.mithaqWords;
    const m = /^(\\d+(?:\\.\\d+)?) ?(B|KB|MB|GB|bytes?)$/.exec(text);
    if (!m) return null;
    const unit = m[2].startsWith("byte") ? "B" : m[2];
    const number = String(Number(m[1])).replace(".", w.decimal);
    return w.units[unit].replace("{size}", number);
  };
  const translate = (text) => {
    const w = window.mithaqWords;
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (w.exact[trimmed] !== undefined) return w.exact[trimmed] + (text.endsWith(" ") ? " " : "");
    const sized = size(trimmed);
    if (sized) return sized;
    for (const [source, message, kinds] of w.patterns) {
      const m = new RegExp(source).exec(trimmed);
      if (!m) continue;
      return kinds.reduce((out, kind, i) =>
        out.replace("{" + i + "}", kind === "size" ? (size(m[i + 1]) || m[i + 1]) : m[i + 1]),
        message);
    }
    return null;
  };
  const rewrite = (node, slot, current, set) => {
    const seen = english.get(node) || {};
    const known = seen[slot];
    const source = known && known[1] === current ? known[0] : current;
    const shown = translate(source);
    if (shown === null || shown === current) return;
    seen[slot] = [source, shown];
    english.set(node, seen);
    set(shown);
  };
  const scan = () => {
    for (const root of document.querySelectorAll(%(scope)s)) {
      for (const el of [root, ...root.querySelectorAll("*")]) {
        for (const name of ["aria-label", "title"]) {
          const value = el.getAttribute(name);
          if (value && !el.matches(%(keep)s)) {
            rewrite(el, name, value, (v) => el.setAttribute(name, v));
          }
        }
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(%(keep)s)) continue;
        rewrite(node, "#text", node.nodeValue, (v) => { node.nodeValue = v; });
      }
    }
  };
  let queued = false;
  window.mithaqTranslate = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; scan(); });
  };
  new MutationObserver(window.mithaqTranslate).observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["aria-label", "title"],
  });
  window.mithaqTranslate();
})();
</script>
"""


def words(lang: str) -> dict:
    """What the page's script needs for ``lang``: the messages translated."""
    _ = i18n.gettext_for(lang)
    return {
        "exact": {en: _(message) for en, message in EXACT.items()},
        "patterns": [[source, _(message), list(kinds)] for source, message, kinds in PATTERNS],
        "units": {unit: _(message) for unit, message in UNITS.items()},
        "decimal": get_decimal_symbol(LOCALES.get(lang, lang)),
    }


def script(lang: str) -> str:
    """The ``<script>`` for ``st.html(..., unsafe_allow_javascript=True)``."""
    return _SCRIPT % {
        "words": json.dumps(words(lang), ensure_ascii=False),
        "scope": json.dumps(SCOPE),
        "keep": json.dumps(KEEP),
    }
