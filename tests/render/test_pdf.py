"""PDF: text in logical order, every article heading, the answers attached, PDF/A-3a metadata."""

import hashlib
import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta

import pikepdf

from charter.documents import extract_answers, extract_attachment
from charter.render.pdf import answers_bytes, plain

from .conftest import load
from .support import norm, pdf_date, pdf_text_logical, strip_isolates


def test_the_pdf_text_holds_the_commune_and_every_article_heading(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    raw = pdf_text_logical(rendered.get(example, lang, "pdf"))
    answers = load(example)
    name = answers[answers["level"]]["name"][lang]
    assert norm(name) in norm(raw)
    key = norm
    text = key(raw)
    missing = [a.label for a in model.articles if key(strip_isolates(str(a.heading))) not in text]
    assert missing == []


def test_pdf_and_docx_carry_the_same_articles_in_the_same_order(rendered, example, lang):
    import docx

    model = rendered.get(example, lang, "model")
    document = docx.Document(io.BytesIO(rendered.get(example, lang, "docx")))
    in_docx = [strip_isolates(p.text) for p in document.paragraphs if p.style.name == "Heading 2"]
    key = norm
    text = key(pdf_text_logical(rendered.get(example, lang, "pdf")))
    positions = [text.find(key(h)) for h in in_docx]
    assert len(in_docx) == len(model.articles)
    assert -1 not in positions
    assert positions == sorted(positions)


def test_the_attachment_reads_back_equal_to_the_input(rendered, example, lang):
    pdf = rendered.get(example, lang, "pdf")
    answers = load(example)
    assert extract_answers(pdf) == answers
    assert extract_attachment(pdf) == answers_bytes(answers)
    assert json.loads(extract_attachment(pdf)) == answers


def test_the_pdf_is_pdf_a_3a_with_title_language_and_a_data_attachment(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "A"
        assert meta["dc:title"] == plain(model.title)
        assert str(pdf.Root.Lang) == lang
        assert "/StructTreeRoot" in pdf.Root
        spec = pdf.attachments["answers.json"]
        assert spec.obj.AFRelationship == pikepdf.Name.Data
        assert "/AF" in pdf.Root


def test_info_and_xmp_say_the_same_thing(rendered, example, lang):
    model = rendered.get(example, lang, "model")
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        info, meta = pdf.docinfo, pdf.open_metadata()
        pairs = {
            "/Title": meta["dc:title"],
            "/Subject": meta["dc:description"],
            "/Author": ", ".join(meta["dc:creator"]),
            "/Creator": meta["xmp:CreatorTool"],
            "/Producer": meta["pdf:Producer"],
        }
        assert {k: str(info[k]) for k in pairs} == pairs
        assert meta["dc:creator"] == [plain(model.author)]
        assert meta["xmp:CreatorTool"] == "Mithaq"
        assert meta["pdf:Producer"].startswith("WeasyPrint ")
        assert meta["dc:language"] == {lang} or meta["dc:language"] == [lang]
        for key, xmp in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
            assert pdf_date(str(info[key])) == datetime.fromisoformat(meta[xmp])
        assert abs(datetime.now(UTC) - pdf_date(str(info["/CreationDate"]))) < timedelta(hours=2)
        for value in (*map(str, info.values()), meta["dc:title"], *meta["dc:creator"]):
            assert "\u2068" not in value and "\u2069" not in value and "&" not in value


def test_answers_json_is_attached_once_with_its_relationship(rendered, example, lang):
    pdf_bytes = rendered.get(example, lang, "pdf")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        names = pdf.Root.Names.EmbeddedFiles.Names
        assert [str(n) for n in names[::2]] == ["answers.json"]
        (af,) = pdf.Root.AF  # exactly one associated file
        assert af.objgen == names[1].objgen != (0, 0)
        assert af.AFRelationship == pikepdf.Name.Data
        stream = af.EF.F
        assert stream.Subtype == pikepdf.Name("/application/json")
        data = stream.read_bytes()
        assert bytes(stream.Params.CheckSum) == hashlib.md5(data).digest()
        assert data == extract_attachment(pdf_bytes)


def _roles(node, out):
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _roles(kid, out)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node and "/Type" not in node or node.get("/Type") == pikepdf.Name.StructElem:
            out[str(node.S)] += 1
        if "/K" in node:
            _roles(node.K, out)
    return out


def test_the_tag_tree_holds_headings_paragraphs_tables_and_lists(rendered, example, lang):
    """What level "a" claims: the structure is tagged (pikepdf; what veraPDF would add is in
    charter/render/pdf.py's docstring)."""
    model = rendered.get(example, lang, "model")
    blocks = [b for a in model.articles for b in a.blocks] + [
        b for annex in model.annexes for b in annex.blocks
    ]
    kinds = Counter(b.kind for b in blocks)
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        tree = pdf.Root.StructTreeRoot
        assert "/ParentTree" in tree
        roles = _roles(tree.K, Counter())
        assert roles["/Document"] == 1
        assert roles["/H1"] == 1
        assert roles["/H2"] == 1 + len(model.sections) + len(model.annexes)  # 1: the contents
        assert roles["/H3"] == len(model.articles)
        assert roles["/H4"] == kinds["heading"]
        assert roles["/P"] >= kinds["paragraph"]
        # WeasyPrint 70 opens a new /L (/Table) on the next page when a list (table) is split
        # across pages; the items (rows, header cells) are counted exactly.
        lists, parts = kinds["list"] + 1, len(model.sections) + len(model.annexes)  # + contents
        assert lists <= roles["/L"] <= lists + len(pdf.pages)
        assert roles["/LI"] == parts + sum(len(b.items) for b in blocks if b.kind == "list")
        tables = kinds["table"] + (1 if model.signatories else 0)
        assert tables <= roles["/Table"] <= tables + len(pdf.pages)
        assert roles["/TH"] >= sum(len(b.header) for b in blocks if b.kind == "table")
        assert roles["/TR"] >= sum(len(b.rows) + 1 for b in blocks if b.kind == "table")
        assert str(pdf.Root.Lang) == lang
        for page in pdf.pages:  # every page is linked to the tree
            assert "/StructParents" in page


def test_no_glyph_maps_to_no_text(rendered, example, lang):
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                cmap = font.ToUnicode.read_bytes().decode("ascii")
                assert "> <>" not in cmap, str(font.BaseFont)


def test_the_running_header_and_page_numbers_are_printed(rendered, example, lang):
    text = pdf_text_logical(rendered.get(example, lang, "pdf"))
    model = rendered.get(example, lang, "model")
    with pikepdf.open(io.BytesIO(rendered.get(example, lang, "pdf"))) as pdf:
        pages = len(pdf.pages)
    label = f"الصفحة 2 من {pages}" if lang == "ar" else f"Page 2 sur {pages}"
    assert norm(label) in norm(text)
    assert norm(str(model.running_header)) in norm(text)


def test_weasyprint_logs_no_warning(rendered):
    from .conftest import SAMPLES

    for example in SAMPLES:
        for lang in ("ar", "fr"):
            rendered.get(example, lang, "pdf")
    assert rendered.weasyprint_warnings == []
