"""The annual monitoring report: each indicator's baseline, target and observed values, year by
year, with a chart, and the commitments kept, on track, late or missed.

The charter's ``monitoring`` section sets the indicators (code, unit, baseline, target) and
holds the values observed each year (``monitoring.observations``: year, indicator, value,
source, date), typed in the wizard or read from a CSV or XLSX file with one column per
indicator code (``read_values``). ``report(answers, year, lang)`` computes the rows;
``render_pdf`` / ``render_docx`` print them (the HTML layout ``templates/html/report.html.j2``
through the one Jinja environment and the WeasyPrint adapter; python-docx for Word).

Charts are drawn by matplotlib, offline; since 3.11 it shapes text and orders it
right-to-left itself (libraqm), so Arabic goes in as it is typed. SVG paths in the PDF (no
font needed to read it), PNG in the DOCX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import matplotlib
import openpyxl
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from markupsafe import Markup

from charter.errors import AnswersFileError, TemplateError
from charter.render.html import layout, render_layout
from charter.render.pdf import html_to_pdf

matplotlib.use("Agg")
from matplotlib import pyplot  # noqa: E402 - after the back-end is chosen

__all__ = [
    "IndicatorRow",
    "Report",
    "merge_values",
    "read_values",
    "render_docx",
    "render_pdf",
    "report",
]

LANGS = ("ar", "fr")
MAX_BYTES = 1_000_000
_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{1,2}$")
_YEAR_COLUMNS = {"year", "annee", "année", "السنة", "sana"}
STATUSES = ("kept", "on_track", "late", "missed", "no_data")

matplotlib.rcParams.update(
    {"font.family": ["Amiri", "DejaVu Sans"], "svg.fonttype": "path", "svg.hashsalt": "mithaq"}
)


# --- reading values -------------------------------------------------------------------------------


def read_values(data: bytes, filename: str) -> list[dict[str, Any]]:
    """Observations from a CSV or XLSX file: a ``year`` column (année, السنة), one column per
    indicator code (P1, T2…), optionally ``source`` and ``date`` columns applying to the row.
    Every problem is an ``AnswersFileError`` naming its row and column."""
    if len(data) > MAX_BYTES:
        raise AnswersFileError(f"{filename}: larger than 1 MB")
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data, filename)
    elif name.endswith(".csv"):
        rows = _csv_rows(data, filename)
    else:
        raise AnswersFileError(f"{filename}: expected a .csv or .xlsx file")
    if not rows:
        raise AnswersFileError(f"{filename}: empty")
    header = [str(c or "").strip() for c in rows[0]]
    lowered = [h.lower() for h in header]
    year_col = next((i for i, h in enumerate(lowered) if h in _YEAR_COLUMNS), None)
    if year_col is None:
        raise AnswersFileError(f"{filename}: no 'year' column (année, السنة) in the first row")
    codes = {i: h.upper() for i, h in enumerate(header) if _CODE.match(h.upper())}
    if not codes:
        raise AnswersFileError(f"{filename}: no indicator code column (P1, T2…) in the first row")
    source_col = lowered.index("source") if "source" in lowered else None
    date_col = lowered.index("date") if "date" in lowered else None
    out = []
    for n, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * (len(header) - len(row))
        if not any(str(c or "").strip() for c in cells):
            continue
        year = _number(cells[year_col], filename, n, header[year_col])
        if year != int(year) or not 2015 <= year <= 2100:
            raise AnswersFileError(f"{filename}: row {n}, {header[year_col]}: not a year")
        extra = {}
        if source_col is not None and str(cells[source_col] or "").strip():
            extra["source"] = " ".join(str(cells[source_col]).split())[:200]
        if date_col is not None and cells[date_col] not in (None, ""):
            extra["date"] = _date(cells[date_col], filename, n)
        for i, code in codes.items():
            if cells[i] in (None, ""):
                continue
            value = _number(cells[i], filename, n, code)
            if value < 0:
                raise AnswersFileError(f"{filename}: row {n}, {code}: a negative value")
            value = int(value) if value == int(value) else value
            out.append({"year": int(year), "indicator": code, "value": value, **extra})
    return out


def _csv_rows(data: bytes, filename: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnswersFileError(f"{filename}: not UTF-8 text ({exc.reason})") from None
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(data: bytes, filename: str) -> list[list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > 20 * MAX_BYTES:
                raise AnswersFileError(f"{filename}: its contents inflate beyond 20 MB")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except AnswersFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise AnswersFileError(f"{filename}: not a readable XLSX file ({exc})") from None
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True, max_row=5000)]
    finally:
        book.close()


def _number(cell: Any, filename: str, row: int, column: str) -> float:
    if isinstance(cell, bool):
        raise AnswersFileError(f"{filename}: row {row}, {column}: not a number")
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = str(cell).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise AnswersFileError(f"{filename}: row {row}, {column}: not a number") from None
    if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e9:
        raise AnswersFileError(f"{filename}: row {row}, {column}: not a usable number")
    return value


def _date(cell: Any, filename: str, row: int) -> str:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = str(cell).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise AnswersFileError(f"{filename}: row {row}, date: expected 2026-03-31 or 31/03/2026")


def merge_values(answers: dict[str, Any], observations: list[dict[str, Any]]) -> dict[str, Any]:
    """The answers with ``observations`` added to ``monitoring.observations`` (a value for the
    same year and indicator replaces the older one). Codes the charter does not have are an
    ``AnswersFileError``: a typo must not vanish."""
    monitoring = dict(answers.get("monitoring") or {})
    known = {i.get("code") for i in monitoring.get("indicators") or []}
    unknown = sorted({o["indicator"] for o in observations} - known)
    if unknown:
        raise AnswersFileError(
            f"indicator codes the charter does not have: {', '.join(unknown)} "
            f"(its indicators: {', '.join(sorted(c for c in known if c))})"
        )
    new = {(o["year"], o["indicator"]) for o in observations}
    kept = [
        o for o in monitoring.get("observations") or [] if (o["year"], o["indicator"]) not in new
    ]
    monitoring["observations"] = sorted(
        kept + observations, key=lambda o: (o["year"], o["indicator"])
    )
    return {**answers, "monitoring": monitoring}


# --- the report -----------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    baseline: float | None
    target: float | None
    values: dict[int, float]  # year → value
    sources: dict[int, str]
    status: str  # kept | on_track | late | missed | no_data
    expected: float | None  # where the straight line from baseline to target stands that year
    chart_svg: Markup = field(default=Markup(""), repr=False)


@dataclass
class Report:
    lang: str
    dir: str
    year: int
    years: list[int]
    commune: str
    start: int
    end: int
    rows: list[IndicatorRow]

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.rows) for s in STATUSES}


def report(answers: dict[str, Any], year: int, lang: str) -> Report:
    """The monitoring report of ``year``: every indicator with its values up to that year."""
    if lang not in LANGS:
        raise TemplateError(f"unknown language {lang!r}: expected ar or fr")
    commune = answers.get("commune") or {}
    mandate = commune.get("mandate") or {}
    start = int(str(mandate.get("start_date") or f"{year}")[:4])
    end = int(mandate.get("end_year") or start + 6)
    monitoring = answers.get("monitoring") or {}
    observed: dict[str, dict[int, dict]] = {}
    for o in monitoring.get("observations") or []:
        if o.get("year", 0) <= year:
            observed.setdefault(o["indicator"], {})[o["year"]] = o
    rows = []
    for ind in monitoring.get("indicators") or []:
        mine = observed.get(ind.get("code"), {})
        values = {y: o["value"] for y, o in sorted(mine.items())}
        sources = {y: o.get("source", "") for y, o in sorted(mine.items())}
        baseline, target = ind.get("baseline"), ind.get("target")
        expected = _expected(baseline, target, start, end, year)
        rows.append(
            IndicatorRow(
                code=ind.get("code", ""),
                name=(ind.get("name") or {}).get(lang, ""),
                unit=ind.get("unit", ""),
                baseline=baseline,
                target=target,
                values=values,
                sources=sources,
                status=_status(values, baseline, target, expected, year, end),
                expected=expected,
            )
        )
    years = sorted({y for r in rows for y in r.values})
    name = (commune.get("name") or {}).get(lang, "")
    return Report(lang, "rtl" if lang == "ar" else "ltr", year, years, name, start, end, rows)


def _expected(baseline, target, start: int, end: int, year: int) -> float | None:
    if baseline is None or target is None or end <= start:
        return None
    share = min(max((year - start) / (end - start), 0), 1)
    return baseline + (target - baseline) * share


def _status(values, baseline, target, expected, year: int, end: int) -> str:
    """kept: the target is reached; missed: the mandate is over and it is not; on_track: the
    latest value is at least where a straight line from baseline to target stands this year;
    late: below it. Lower is better when the target is below the baseline (e.g. delays)."""
    if not values:
        return "no_data"
    latest = values[max(values)]
    if target is None:
        return "on_track"
    lower_is_better = baseline is not None and target < baseline
    better = (lambda a, b: a <= b) if lower_is_better else (lambda a, b: a >= b)
    if better(latest, target):
        return "kept"
    if year >= end:
        return "missed"
    return "on_track" if expected is None or better(latest, expected) else "late"


# --- charts ---------------------------------------------------------------------------------------


def chart(row: IndicatorRow, rep: Report, words: dict[str, str], fmt: str) -> bytes:
    """One indicator's chart: its values by year, the baseline and the target as dashed lines,
    and the straight path from one to the other over the mandate."""
    fig, ax = pyplot.subplots(figsize=(6.2, 2.7), dpi=110)
    try:
        years = list(range(rep.start, rep.end + 1))
        if row.values:
            xs = list(row.values)
            ax.plot(xs, [row.values[x] for x in xs], marker="o", color="#1d4f91", linewidth=2,
                    label=words["observed"])  # fmt: skip
        if row.baseline is not None:
            ax.axhline(row.baseline, color="#888888", linestyle=":", linewidth=1,
                       label=words["baseline"])  # fmt: skip
        if row.target is not None:
            ax.axhline(row.target, color="#2e7d32", linestyle="--", linewidth=1.2,
                       label=words["target"])  # fmt: skip
        if row.baseline is not None and row.target is not None:
            ax.plot([rep.start, rep.end], [row.baseline, row.target], color="#bbbbbb",
                    linewidth=0.8, label=words["path"])  # fmt: skip
        ax.set_xticks(years)
        ax.set_xlim(rep.start - 0.3, rep.end + 0.3)
        if rep.lang == "ar":
            ax.invert_xaxis()  # time runs right to left in an Arabic page
            ax.yaxis.tick_right()
        # a right-to-left mark first: the code leads on the right, as in the page's heading
        rlm = "\u200f" if rep.lang == "ar" else ""
        ax.set_title(f"{rlm}{row.code} — {row.name}", fontsize=10)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", color="#eeeeee")
        for side in ("top", "left" if rep.lang == "ar" else "right"):
            ax.spines[side].set_visible(False)
        handles, labels = ax.get_legend_handles_labels()
        if rep.lang == "ar":  # the first item on the right
            handles, labels = handles[::-1], labels[::-1]
        ax.legend(handles, labels, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                  ncol=4, frameon=False)  # fmt: skip
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
        return out.getvalue()
    finally:
        pyplot.close(fig)


# --- documents ------------------------------------------------------------------------------------

_WORDS = {
    "ar": {
        "title": "التقرير السنوي لتتبع ميثاق الديمقراطية التشاركية",
        "year": "سنة {year}",
        "summary": "حصيلة الالتزامات",
        "indicator": "المؤشر",
        "baseline": "القيمة المرجعية",
        "target": "القيمة المستهدفة",
        "observed": "القيمة المرصودة",
        "path": "المسار المتوقع",
        "status": "الوضعية",
        "source": "المصدر",
        "kept": "تحقق",
        "on_track": "في الطريق",
        "late": "متأخر",
        "missed": "لم يتحقق",
        "no_data": "بدون قيمة",
        "mandate": "الانتداب {start}–{end}",
        "none": "—",
        "sep": ": ",
    },
    "fr": {
        "title": "Rapport annuel de suivi de la charte de démocratie participative",
        "year": "Année {year}",
        "summary": "Bilan des engagements",
        "indicator": "Indicateur",
        "baseline": "Valeur de référence",
        "target": "Cible",
        "observed": "Valeur observée",
        "path": "Trajectoire attendue",
        "status": "Statut",
        "source": "Source",
        "kept": "atteint",
        "on_track": "en bonne voie",
        "late": "en retard",
        "missed": "manqué",
        "no_data": "sans valeur",
        "mandate": "Mandat {start}–{end}",
        "none": "—",
        "sep": "\u00a0: ",
    },
}


def words(lang: str) -> dict[str, str]:
    return _WORDS[lang]


def number(value: float | None, lang: str) -> str:
    if value is None:
        return words(lang)["none"]
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",") if lang == "fr" else text


def render_html(answers: dict[str, Any], year: int, lang: str) -> str:
    rep = report(answers, year, lang)
    w = words(lang)
    for row in rep.rows:
        svg = chart(row, rep, w, "svg").decode("utf-8")
        svg = svg[svg.index("<svg") :]  # matplotlib's own SVG, without its prolog
        # its ids (glyphs, clip paths) repeat from one chart to the next: one prefix per chart
        svg = re.sub(r'(id="|href="#|url\(#)', rf"\1{row.code}-", svg)
        row.chart_svg = Markup(svg)
    return render_layout(layout("report.html.j2"), report=rep, w=w, number=number)


def render_pdf(answers: dict[str, Any], year: int, lang: str) -> bytes:
    """The report as PDF/A, carrying the answers (values included) it was made from."""
    commune = report(answers, year, lang).commune
    return html_to_pdf(
        render_html(answers, year, lang), answers, identifier=f"report-{year}-{lang}",
        author=commune,
    )  # fmt: skip


def render_docx(answers: dict[str, Any], year: int, lang: str) -> bytes:
    """The report as DOCX (python-docx): the summary table, then per indicator its table of
    values and its chart."""
    rep = report(answers, year, lang)
    w = words(lang)
    rtl = lang == "ar"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Amiri"
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    fonts.set(qn("w:cs"), "Amiri")
    if rtl:
        doc.sections[0]._sectPr.append(OxmlElement("w:bidi"))

    def para(text: str, style: str | None = None):
        p = doc.add_paragraph(text, style=style)
        if rtl:
            p._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for r in p.runs:
                r._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
        return p

    def table(header: list[str], body: list[list[str]]):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        if rtl:
            t._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
        for line in body:
            for cell, text in zip(t.add_row().cells, line, strict=True):
                cell.text = text
        return t

    para(w["title"], "Title")
    para(f"{rep.commune} — {w['year'].format(year=year)} — "
         f"{w['mandate'].format(start=rep.start, end=rep.end)}")  # fmt: skip
    para(w["summary"], "Heading 1")
    table(
        [w["indicator"], w["baseline"], w["target"], w["observed"], w["status"]],
        [
            [f"{r.code} — {r.name}", number(r.baseline, lang), number(r.target, lang),
             number(r.values[max(r.values)], lang) if r.values else w["none"], w[r.status]]
            for r in rep.rows
        ],
    )  # fmt: skip
    for r in rep.rows:
        para(f"{r.code} — {r.name}", "Heading 2")
        table(
            [str(y) for y in rep.years] or [w["none"]],
            [[number(r.values.get(y), lang) for y in rep.years] or [w["none"]]],
        )
        doc.add_picture(io.BytesIO(chart(r, rep, w, "png")), width=Cm(15))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
