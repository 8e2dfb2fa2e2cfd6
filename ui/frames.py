"""HTML made from user content, shown in a frame that can run nothing and reach nothing.

``st.iframe`` embeds an HTML string in a frame that allows scripts and the app's own origin
(Streamlit's documented policy): a script there could read the page's URL, and so the draft
id. ``sandboxed`` returns a small outer document of our own for ``st.iframe``; it holds the
HTML as JSON data and shows it in ``<iframe sandbox="">``: no scripts, no forms, no same
origin (an opaque one), under a Content-Security-Policy that allows only inline styles,
fonts and data: images. The inner document is a Blob URL (not ``srcdoc``, whose base URL and
referrer would be the app's page, draft id included); a fragment on that URL scrolls it to a
chapter without any script inside. Relative ``url("app/static/…")`` references (the app's
fonts) are made absolute first, against the app's address.
"""

from __future__ import annotations

import json
from html import escape

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; font-src * data:; img-src data:; "
    "form-action 'none'"
)


def sandboxed(html: str, *, anchor: str | None = None, title: str = "preview") -> str:
    """The outer document for ``st.iframe``: ``html`` in a script-less, origin-less frame."""
    policy = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    head = html.find("<head>")
    inner = policy + html if head < 0 else html[: head + 6] + policy + html[head + 6 :]
    data = json.dumps(inner).replace("<", "\\u003c")  # nothing in it can close the script
    fragment = json.dumps("#" + anchor if anchor else "").replace("<", "\\u003c")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        "html,body{margin:0;height:100%;overflow:hidden}"
        "iframe{border:0;width:100%;height:100%;display:block}</style></head><body>"
        '<iframe sandbox="" referrerpolicy="no-referrer" '
        f'title="{escape(title, quote=True)}"></iframe>'
        f'<script type="application/json" id="doc">{data}</script>'
        "<script>"
        "const base=new URL('app/static/',document.baseURI).href;"
        "const html=JSON.parse(document.getElementById('doc').textContent)"
        ".replaceAll('url(\"app/static/','url(\"'+base);"
        "const url=URL.createObjectURL(new Blob([html],{type:'text/html;charset=utf-8'}));"
        f"document.querySelector('iframe').src=url+{fragment};"
        "</script></body></html>"
    )
