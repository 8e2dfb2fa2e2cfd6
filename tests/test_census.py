"""Drafts for the communes of the census (charter.census) and `charter batch --census`: a few
communes rendered for real, the DOCX reopened with python-docx, the PDF read by poppler."""

import io
import json
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from charter import census, communes, iter_findings
from charter.answers import load_answers
from charter.batch import iter_batch, render_commune
from charter.cli import main
from tests.conftest import EXAMPLES

CASABLANCA = "06.141.01.0"  # under the arrondissement regime
ARRONDISSEMENTS = EXAMPLES / "arrondissements-madinat-assahil.json"  # states 400 signatures


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def small_rural():
    return next(c for c in communes.communes() if c.category == "rural" and c.population < 35_000)


def test_codes_cover_the_census_a_region_a_province_and_a_limit():
    assert len(census.codes()) == 1503
    region = census.codes("05")
    assert region and all(c.startswith("05.") for c in region)
    province = census.codes("05.301")
    assert province and set(province) < set(region)
    assert census.codes("05", limit=3) == region[:3]
    with pytest.raises(KeyError, match="99"):
        census.codes("99")


def test_a_draft_takes_the_census_identification_and_none_of_the_model_communes_facts():
    model = load_answers(ARRONDISSEMENTS)
    commune = small_rural()
    draft = census.draft_for(model, commune.code)
    assert draft["commune"]["name"] == commune.name
    assert draft["commune"]["hcp_code"] == commune.code
    assert draft["commune"]["population"]["legal"] == commune.population
    assert draft["commune"]["mandate"] == model["commune"]["mandate"]
    assert "council" not in draft["commune"]  # the model's councillors are not this commune's
    assert draft["adoption"] == {"status": "draft", "version": model["adoption"]["version"]}
    names = [s["name"]["fr"] for s in draft["final_provisions"]["signatories"]]
    assert names and set(names) == {"." * 30}
    functions = [s["function"] for s in draft["final_provisions"]["signatories"]]
    assert functions == [s["function"] for s in model["final_provisions"]["signatories"]]
    # the model states 400 signatures (arrondissement regime); a small rural commune needs 100
    assert model["petitions"]["signature_threshold"] == 400
    assert draft["petitions"]["signature_threshold"] == 100
    assert census.draft_for(model, CASABLANCA)["petitions"]["signature_threshold"] == 400
    assert model["commune"]["name"]["fr"] == "Madinat Assahil"  # the model is left as it was


@pytest.mark.parametrize("model", [None, EXAMPLES / "urban-oued-zitoun.json", ARRONDISSEMENTS])
def test_drafts_validate_without_a_finding_across_the_census(model):
    model = census.load_model(model)
    for code in census.codes()[::75]:  # 21 communes spread over the 12 regions
        draft = census.draft_for(model, code)
        assert [f.rule for f in iter_findings(draft, "ar")] == [], code


def test_the_shipped_model_names_no_commune_an_example_does():
    assert census.named_in_texts(census.load_model()) == []
    named = census.named_in_texts(load_answers(EXAMPLES / "urban-oued-zitoun.json"))
    assert named == ["وادي الزيتون", "Oued Zitoun"]


def test_file_stem_is_the_code_and_the_ascii_name():
    assert census.file_stem(CASABLANCA) == f"{CASABLANCA}-casablanca"
    commune = next(c for c in communes.communes() if any(ord(ch) > 127 for ch in c.name_fr))
    assert census.file_stem(commune.code).isascii()


def test_census_batch_renders_docx_and_pdf_for_each_commune(tmp_path):
    out = tmp_path / "out"
    result = run(
        "batch", "--census", "--within", "05.301", "--limit", 2, "--lang", "fr",
        "--format", "all", "--jobs", 2, "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 rendered, 0 failed: 4 documents" in result.stderr
    for code in census.codes("05.301", limit=2):
        commune = communes.commune(code)
        stem = out / f"{census.file_stem(code)}-fr"
        document = docx.Document(io.BytesIO(Path(f"{stem}.docx").read_bytes()))
        text = "\n".join(p.text for p in document.paragraphs)
        name = commune.name_fr.replace("'", "\u2019")  # the typographic apostrophe of print
        assert f"Commune de {name}" in text
        assert f"{commune.population:,}".replace(",", "\xa0") in text  # grouped by French rules
        pdf = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", f"{stem}.pdf", "-"], capture_output=True, check=True
        ).stdout.decode()
        assert f"Commune de {name}" in pdf
        assert "Oued Zitoun" not in pdf and "Aït Tamount" not in pdf


def test_census_batch_lists_each_failure_and_goes_on(tmp_path):
    model = tmp_path / "model.json"
    answers = census.load_model()
    answers["output"]["languages"] = ["fr"]  # the drafts cannot be printed in Arabic
    model.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    result = run(
        "batch", "--census", "--model", model, "--within", "05.301", "--limit", 2,
        "--lang", "ar", "--format", "docx", "--jobs", 1, "-o", tmp_path / "out",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "0 rendered, 2 failed" in result.stderr
    for code in census.codes("05.301", limit=2):
        assert f"{code} {communes.commune(code).name_fr}:" in result.stderr


def test_census_batch_warns_when_the_model_names_its_own_commune(tmp_path):
    result = run(
        "batch", "--census", "--model", EXAMPLES / "urban-oued-zitoun.json", "--within", "05",
        "--limit", 1, "--lang", "ar", "--format", "docx", "--jobs", 1, "-o", tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the model's texts name its own commune (Oued Zitoun)" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "out"],
        ["--census", "examples", "-o", "out"],
        ["examples", "--within", "05", "-o", "out"],
        ["--census", "--within", "99", "-o", "out"],
    ],
)
def test_census_batch_refuses_unclear_arguments(args, tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    result = run("batch", *[str(tmp_path / a) if a == "out" else a for a in args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_census_batch_stopped_early_starts_no_more_communes(tmp_path):
    """Ctrl-C in `charter batch --census` closes the generator: the communes not yet started are
    cancelled instead of rendered (at most those already handed to the two workers finish)."""
    codes = census.codes("05", limit=30)
    outcomes = iter_batch(
        codes, tmp_path, 2, job=render_commune, model=census.load_model(), langs=["fr"],
        formats=["docx"],
    )  # fmt: skip
    assert next(outcomes).ok
    outcomes.close()
    # the workers may finish what the pool's queue already held (a few, more on a loaded machine)
    assert 1 <= len(list(tmp_path.glob("*.docx"))) < len(codes) // 2
