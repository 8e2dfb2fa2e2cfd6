"""Run by Debian's /usr/bin/python3 (which has LibreOffice's `uno` module, from the package
python3-uno), not by the project's virtualenv: open each DOCX given in LibreOffice, accept (or
reject) every tracked change as a user would with Edit ▸ Track Changes ▸ Accept All, and print
the document's paragraphs as JSON.

    /usr/bin/python3 lo_accept_all.py accept|reject PROFILE_DIR FILE.docx
"""

import json
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    action, profile, path = sys.argv[1:4]
    pipe = f"mithaq{int(time.time() * 1000)}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # not listening yet
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(path)
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        frame = doc.getCurrentController().getFrame()
        command = (
            ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
        )
        dispatcher.executeDispatch(frame, command, "", 0, ())
        paragraphs = []
        enum = doc.getText().createEnumeration()
        while enum.hasMoreElements():
            element = enum.nextElement()
            if element.supportsService("com.sun.star.text.Paragraph"):
                paragraphs.append(element.getString())
        remaining = doc.getRedlines().getCount() if hasattr(doc, "getRedlines") else -1
        print(json.dumps({"paragraphs": paragraphs, "remaining": remaining}))
        doc.close(True)
    finally:
        office.terminate()
        office.wait(30)


main()
