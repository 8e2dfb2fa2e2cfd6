"""The annual monitoring report: values read from CSV and XLSX with located errors, statuses at
their boundaries, and the report's PDF (Arabic read back in logical order) and DOCX."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from charter import iter_findings
from charter.cli import main
from charter.errors import AnswersFileError
from charter.monitoring import (
    merge_values,
    read_values,
    render_docx,
    render_html,
    render_pdf,
    report,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rural-ait-tamount.json"


def answers() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def codes(a: dict) -> list[str]:
    return [i["code"] for i in a["monitoring"]["indicators"]]


def test_values_from_a_french_csv_and_from_xlsx_are_the_same():
    a = answers()
    first, second = codes(a)[:2]
    csv = f"Année;{first};{second};source\n2023;4;12,5;PV 2023\n2024;6;;PV 2024\n".encode()
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["year", first, second, "source"], [2023, 4, 12.5, "PV 2023"],
                [2024, 6, None, "PV 2024"]):  # fmt: skip
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    expected = [
        {"year": 2023, "indicator": first, "value": 4, "source": "PV 2023"},
        {"year": 2023, "indicator": second, "value": 12.5, "source": "PV 2023"},
        {"year": 2024, "indicator": first, "value": 6, "source": "PV 2024"},
    ]
    assert read_values(csv, "valeurs.csv") == expected
    assert read_values(out.getvalue(), "valeurs.xlsx") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"P1,P2\n1,2\n", "no 'year' column"),
        (b"year,foo\n2023,2\n", "no indicator code column"),
        (b"year,P1\n2023,beaucoup\n", "row 2, P1: not a number"),
        (b"year,P1\n1999,3\n", "row 2, year: not a year"),
        (b"year,P1\n2023,-3\n", "negative"),
        (b"year,P1,date\n2023,3,03/31/2023\n", "row 2, date"),
        (b"\xff\xfe year", "not UTF-8"),
    ],
)
def test_a_bad_values_file_says_where(data, message):
    with pytest.raises(AnswersFileError, match=message):
        read_values(data, "v.csv")


def test_a_broken_xlsx_and_an_oversized_file_are_refused_clearly():
    with pytest.raises(AnswersFileError, match="not a readable XLSX"):
        read_values(b"PK\x03\x04 broken", "v.xlsx")
    with pytest.raises(AnswersFileError, match="larger than 1 MB"):
        read_values(b"year,P1\n" + b"2023,1\n" * 200_000, "v.csv")


def test_a_code_the_charter_does_not_have_is_refused_not_dropped():
    with pytest.raises(AnswersFileError, match="ZZ9"):
        merge_values(answers(), [{"year": 2023, "indicator": "ZZ9", "value": 1}])


def test_merged_values_replace_the_same_year_and_validate():
    a = answers()
    code = codes(a)[0]
    a = merge_values(a, [{"year": 2023, "indicator": code, "value": 1}])
    a = merge_values(a, [{"year": 2023, "indicator": code, "value": 2}])
    assert a["monitoring"]["observations"] == [{"year": 2023, "indicator": code, "value": 2}]
    assert not [f for f in iter_findings(a, "fr") if f.is_error]


def with_indicator(baseline, target, values, start="2021-09-08", end=2027) -> dict:
    a = answers()
    a["commune"]["mandate"] = {"start_date": start, "end_year": end}
    ind = dict(a["monitoring"]["indicators"][0], code="X1", baseline=baseline, target=target)
    a["monitoring"]["indicators"] = [ind]
    a["monitoring"]["observations"] = [
        {"year": y, "indicator": "X1", "value": v} for y, v in values.items()
    ]
    return a


@pytest.mark.parametrize(
    ("baseline", "target", "values", "year", "status"),
    [
        (0, 12, {2024: 12}, 2024, "kept"),  # the target reached early
        (0, 12, {2024: 6}, 2024, "on_track"),  # exactly on the straight path: 3 of 6 years
        (0, 12, {2024: 5}, 2024, "late"),
        (0, 12, {2027: 11}, 2027, "missed"),  # the mandate's last year, not reached
        (0, 12, {}, 2024, "no_data"),
        (30, 10, {2024: 20}, 2024, "on_track"),  # a delay: lower is better
        (30, 10, {2024: 21}, 2024, "late"),
        (30, 10, {2025: 9}, 2025, "kept"),
        (0, 12, {2026: 12}, 2024, "no_data"),  # values after the report's year are not seen
    ],
)
def test_statuses_at_their_boundaries(baseline, target, values, year, status):
    rep = report(with_indicator(baseline, target, values), year, "fr")
    assert rep.rows[0].status == status


@pytest.fixture(scope="module")
def two_years() -> dict:
    a = answers()
    values = []
    for n, ind in enumerate(a["monitoring"]["indicators"]):
        base = ind.get("baseline") or 0
        values.append({"year": 2022, "indicator": ind["code"], "value": base + n % 3,
                       "source": "Rapport 2022"})  # fmt: skip
        values.append({"year": 2023, "indicator": ind["code"], "value": base + n % 3 + 2,
                       "source": "Rapport 2023"})  # fmt: skip
    return merge_values(a, values)


def test_the_arabic_report_reads_right_and_draws_every_chart_as_paths(two_years):
    html = render_html(two_years, 2023, "ar")
    assert html.count("<svg") == len(codes(two_years))
    assert "<text" not in html  # chart labels as glyph paths: nothing for a font to miss
    pdf = render_pdf(two_years, 2023, "ar")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    text = " ".join(text.stdout.decode().translate(dict.fromkeys(range(0x202A, 0x202F))).split())
    assert "التقرير السنوي لتتبع ميثاق الديمقراطية التشاركية" in text
    first = two_years["monitoring"]["indicators"][0]
    # poppler may split a word where a line of glyphs breaks: letters and order are what count
    assert first["name"]["ar"].replace(" ", "") in text.replace(" ", "")
    assert "Rapport 2023" in text


def test_the_docx_report_has_a_summary_and_one_chart_per_indicator(two_years):
    doc = Document(io.BytesIO(render_docx(two_years, 2023, "fr")))
    assert len(doc.inline_shapes) == len(codes(two_years))
    summary = doc.tables[0]
    assert len(summary.rows) == 1 + len(codes(two_years))
    assert {c.text for c in summary.rows[1].cells} & {"atteint", "en bonne voie", "en retard"}


def test_the_command_line_report(tmp_path, two_years):
    (tmp_path / "commune.json").write_text(json.dumps(two_years), encoding="utf-8")
    code = codes(two_years)[0]
    (tmp_path / "v.csv").write_text(f"year,{code}\n2024,99\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["report", str(tmp_path / "commune.json"), "--year", "2024", "--lang", "fr",
         "--values", str(tmp_path / "v.csv"), "--format", "docx", "-o", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = Document(tmp_path / "out" / "commune-report-2024-fr.docx")
    assert "99" in {c.text for row in doc.tables[0].rows for c in row.cells}
