"""The preview frame (``ui.frames.sandboxed``) in Debian's Chromium: markup that reached the
charter's HTML could not run, could not reach the app, and could not read the draft id."""

from __future__ import annotations

import json

from ui.frames import sandboxed

APP = "http://mithaq.test/wizard?lang=fr&draft=SECRETDRAFTID&step=petitions"
PAYLOAD = (
    "<!DOCTYPE html><html><head><title>charter</title></head><body>"
    "<script>parent.document.title='XSS1';top.document.title='XSS1'</script>"
    "<img src=x onerror=\"parent.document.title='XSS2'\">"
    "<svg onload=\"top.document.title='XSS3'\"></svg>"
    "<form action='http://mithaq.test/steal'><button id=b>go</button></form>"
    "<div style='height:3000px'>top</div><h2 id='petitions'>Pétitions</h2>"
    "</body></html>"
)


def test_markup_in_the_preview_runs_nothing_and_reads_no_draft_id(browser):
    page = browser.new_page()
    fetched = []

    def serve(route):
        fetched.append(route.request.url)
        if route.request.url == APP:
            html = "<html><head><title>app</title></head><body><iframe id=st></iframe><script>"
            outer = json.dumps(sandboxed(PAYLOAD, anchor="petitions")).replace("<", "\\u003c")
            html += "document.getElementById('st').srcdoc=" + outer
            html += "</script></body></html>"
            route.fulfill(body=html, content_type="text/html")
        else:
            route.fulfill(status=404, body="")

    page.route("http://mithaq.test/**", serve)
    page.goto(APP)
    page.wait_for_timeout(1500)
    inner = next(f for f in page.frames if f.url.startswith("blob:"))
    assert page.title() == "app"  # nothing reached the app's page
    assert page.frames[1].evaluate("document.title") == ""  # nor the outer frame
    assert inner.evaluate("self.origin") == "null"  # an opaque origin
    assert "SECRET" not in inner.evaluate("document.referrer + ' ' + document.baseURI")
    assert "SECRET" not in inner.url
    assert inner.evaluate("scrollY") > 1000  # scrolled to the chapter, without a script
    inner.locator("#b").click()
    page.wait_for_timeout(300)
    assert not any("steal" in u for u in fetched)  # forms go nowhere
    assert not any(u.endswith("/x") for u in fetched)  # the CSP: nothing fetched
