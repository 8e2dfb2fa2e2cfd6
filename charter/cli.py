"""The ``charter`` command: argument parsing and printing only.

Exit codes: 0 fine, 1 the answers have errors, 2 unusable input or arguments, 3 a template or
configuration problem, 4 a rendering failure. Diagnostics go to stderr, one line per finding;
``--format json`` prints the findings on stdout. A traceback means a bug.
"""

import datetime
import functools
import json
import sys
import time
from pathlib import Path

import click

import charter
from charter.database import open_database
from charter.legal import catalogue
from charter.transfer import TABLES, copy_data_folder

LANG = click.option(
    "--lang", type=click.Choice(["ar", "fr", "en"]), default="fr", show_default=True
)


def reports_errors(command):
    """Turn a CharterError into its message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except charter.InvalidAnswersError as exc:
            print_findings(exc.findings, kwargs.get("lang", "fr"))
            sys.exit(exc.exit_code)
        except charter.CharterError as exc:
            click.echo(f"charter: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


def finding_line(finding, lang):
    """Return ``path: message [citation; citation]``, the one-line form of a finding."""
    cat = catalogue()
    cited = "; ".join(cat.cite(c.provision, lang) for c in finding.citations)
    tail = f" [{cited}]" if cited else ""
    level = "" if finding.is_error else "warning: "
    return f"{finding.path or '/'}: {level}{finding.message}{tail}"


def print_findings(findings, lang):
    for finding in findings:
        click.echo(finding_line(finding, lang), err=True)


@click.group()
@click.version_option(package_name="mithaq")
def main():
    """Mithaq: write, check and render a commune's participatory governance charter."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@LANG
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@reports_errors
def validate(file, lang, fmt):
    """Check the answers FILE against the schema and the legal rules."""
    findings = list(charter.iter_findings(charter.load_answers(file), lang))
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        print_findings(findings, lang)
    sys.exit(1 if any(f.is_error for f in findings) else 0)


@main.command()
def schema():
    """Print the answers schema (JSON Schema 2020-12)."""
    click.echo(json.dumps(charter.schema(), ensure_ascii=False, indent=1))


@main.group()
def templates():
    """Check the clause library and the Word and HTML layouts."""


@templates.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@reports_errors
def templates_check(path, fmt):
    """The template doctor: one located line per problem under PATH (default: templates/)."""
    from charter.doctor import iter_problems

    problems = list(iter_problems(path))
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    for problem in problems if fmt == "text" else ():
        click.echo(str(problem), err=True)
    if problems:
        raise charter.TemplateError(f"{len(problems)} problem(s) in the templates")
    click.echo("templates: no problems", err=True)


FORMAT_HELP = "all: DOCX and PDF. Default: the formats the answers ask for (output.formats)."


def formats_of(fmt: str | None) -> list[str] | None:
    """--format → the formats to write; None leaves the choice to the answers."""
    from charter.documents import FORMATS  # loaded when rendering, as the commands do

    if fmt is None:
        return None
    return list(FORMATS) if fmt == "all" else [fmt]


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "language", type=click.Choice(["ar", "fr"]), help="Default: the answers'.")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "all"]), help=FORMAT_HELP)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--draft", is_flag=True, help="Render answers with errors, marked as a draft.")
@reports_errors
def render(file, language, fmt, output, draft):
    """Render the charter of the answers FILE as DOCX and/or PDF/A, in Arabic and/or French."""
    from charter.batch import render_file
    from charter.library import in_force

    langs, formats = [language] if language else None, formats_of(fmt)
    output.mkdir(parents=True, exist_ok=True)
    outcome = render_file(
        file, output, langs, formats, draft=draft, raising=True, templates_from=in_force
    )
    for path in outcome.written:
        click.echo(path)


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def extract(pdf):
    """Print the answers a charter PDF carries, ready for validate, render or the wizard."""
    from charter.render.pdf import extract_attachment

    if not pdf.is_file():
        raise charter.AnswersFileError(f"{pdf}: no such file")
    sys.stdout.buffer.write(extract_attachment(pdf))


@main.command()
@click.argument(
    "folder", type=click.Path(file_okay=False, exists=True, path_type=Path), required=False
)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option(
    "--census",
    is_flag=True,
    help="A draft for every commune of the census (HCP, RGPH 2024) instead of FOLDER's files.",
)
@click.option(
    "--model",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="With --census: the answers file each draft starts from. Default: the shipped model "
    "(examples/census/commune.json).",
)
@click.option(
    "--within", metavar="CODE", help="With --census: one region or province (05, 05.301)."
)
@click.option("--limit", type=click.IntRange(1), help="With --census: the first N communes only.")
@click.option("--lang", "language", type=click.Choice(["ar", "fr"]), help="Default: the answers'.")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "all"]), help=FORMAT_HELP)
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True)
def batch(folder, output, census, model, within, limit, language, fmt, jobs):
    """Render every answers file (*.json) of FOLDER, or with --census a draft charter for every
    commune of the census, into OUTPUT; go on past failures, list them at the end."""
    from charter import census as drafts
    from charter.batch import iter_batch, render_commune
    from charter.library import in_force

    if (folder is None) == (not census):
        raise click.UsageError("give a FOLDER of answers files, or --census (not both)")
    if not census and (model or within or limit):
        raise click.UsageError("--model, --within and --limit go with --census")
    options = {
        "langs": [language] if language else None,
        "formats": formats_of(fmt),
        "templates_from": in_force,
    }
    if census:
        try:
            sources = drafts.codes(within, limit)
            options["model"] = drafts.load_model(model)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0], param_hint="--within") from None
        except charter.CharterError as exc:
            raise click.BadParameter(str(exc), param_hint="--model") from None
        for name in drafts.named_in_texts(options["model"]):
            click.echo(f"warning: the model's texts name its own commune ({name})", err=True)
        outcomes, what = (
            iter_batch(sources, output, jobs, job=render_commune, **options),
            "communes",
        )
    else:
        sources = sorted(folder.glob("*.json"))
        outcomes, what = iter_batch(sources, output, jobs, **options), "charters"
    start = time.perf_counter()

    def rate_and_last(outcome):  # the bar shows count, percent and ETA itself
        if outcome is None:
            return None
        return f"{bar.pos / (time.perf_counter() - start):.2f}/s  {outcome.source}"

    with click.progressbar(
        outcomes, len(sources), label=what, file=sys.stderr, show_pos=True,
        item_show_func=rate_and_last,
    ) as bar:  # fmt: skip
        outcomes = list(bar)
    seconds = time.perf_counter() - start
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        click.echo(f"{o.source}: {o.error}", err=True)
    documents = sum(len(o.written) for o in outcomes)
    click.echo(
        f"{len(outcomes) - len(failed)} rendered, {len(failed)} failed: {documents} documents "
        f"in {seconds:.0f} s ({len(outcomes) / max(seconds, 1e-9):.2f} {what}/s)",
        err=True,
    )
    sys.exit(max((o.exit_code for o in failed), default=0))


@main.command()
@click.option("--lang", type=click.Choice(["ar", "fr"]), default="fr", show_default=True)
@click.option(
    "--level",
    type=click.Choice(["commune", "province", "region"]),
    default="commune",
    show_default=True,
    help="Whose questions: a commune, a prefecture or province, a region.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@reports_errors
def questionnaire(lang, level, output):
    """Print every question of the wizard as a PDF to fill on paper (workshops)."""
    from charter.questionnaire import render_pdf

    output.write_bytes(render_pdf(lang, level))
    click.echo(output)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=click.IntRange(2015, 2100), required=True)
@click.option("--lang", "language", type=click.Choice(["ar", "fr"]), help="Default: both.")
@click.option(
    "--values",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A CSV or XLSX file: a 'year' column and one column per indicator code.",
)
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "all"]), default="all")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=".")
@reports_errors
def report(file, year, language, values, fmt, output):
    """The annual monitoring report of the charter FILE for --year: each indicator's baseline,
    target and values by year, with a chart, and the commitments kept, late or missed."""
    from charter import monitoring  # matplotlib loads only for this command

    answers = charter.load_answers(file)
    if values is not None:
        answers = monitoring.merge_values(
            answers, monitoring.read_values(values.read_bytes(), values.name)
        )
    output.mkdir(parents=True, exist_ok=True)
    for lang in [language] if language else ["ar", "fr"]:
        for ext in ["docx", "pdf"] if fmt == "all" else [fmt]:
            render = monitoring.render_pdf if ext == "pdf" else monitoring.render_docx
            path = output / f"{file.stem}-report-{year}-{lang}.{ext}"
            path.write_bytes(render(answers, year, lang))
            click.echo(path)


@main.group()
def decidim():
    """Public consultation on Decidim: export the draft, bring the comments back."""


@decidim.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "language", type=click.Choice(["ar", "fr"]), help="Default: both.")
@click.option("--year", type=click.IntRange(2015, 2100), help="For progress. Default: this year.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=".")
@reports_errors
def decidim_export(file, language, year, output):
    """The charter FILE as a Decidim participatory text (Markdown, one per language) and its
    commitments and indicators as a Decidim accountability results CSV."""
    from charter import decidim as exchange
    from charter.documents import charter_model

    answers = charter.load_answers(file)
    year = year or datetime.date.today().year
    output.mkdir(parents=True, exist_ok=True)
    langs = [language] if language else ["ar", "fr"]
    for lang in langs:
        path = output / f"{file.stem}-participatory-text-{lang}.md"
        path.write_text(exchange.participatory_text(charter_model(answers, lang, draft=True)),
                        encoding="utf-8")  # fmt: skip
        click.echo(path)
    path = output / f"{file.stem}-accountability.csv"
    models = {lang: charter_model(answers, lang, draft=True) for lang in langs}
    path.write_bytes(exchange.accountability_csv(answers, models, year))
    click.echo(path)


@decidim.command("comments")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("export", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--date", "when", required=True, help="The consultation's date (YYYY-MM-DD).")
@click.option("--participants", type=click.IntRange(0, 100000), required=True)
@click.option("--women", type=click.IntRange(0, 100000), required=True)
@click.option(
    "--lang",
    type=click.Choice(["ar", "fr"]),
    default="fr",
    show_default=True,
    help="The language of the text that was put on Decidim.",
)
@reports_errors
def decidim_comments(file, export, when, participants, women, lang):
    """Read Decidim's proposals export EXPORT (CSV) into comment counts per article of the
    charter FILE, added to its drafting record; prints the updated answers."""
    from charter import decidim as exchange
    from charter.documents import charter_model

    answers = charter.load_answers(file)
    counts = exchange.comments_per_article(
        export.read_bytes(), charter_model(answers, lang, draft=True)
    )
    answers = exchange.record_comments(
        answers, counts, date=when, participants=participants, women=women
    )
    click.echo(json.dumps(answers, ensure_ascii=False, indent=1))


@main.group()
def database():
    """The database of drafts and advisors' edits (SQLite, or PostgreSQL)."""


@database.command("migrate")
@click.argument("where", required=False)
@reports_errors
def database_migrate(where):
    """Apply the schema migrations not applied yet (WHERE: a postgresql:// URL or a data
    folder; default MITHAQ_DATABASE_URL, else MITHAQ_DATA). The app does this at start too."""
    from_folder = where and "://" not in where
    for area in TABLES:
        target = str(Path(where) / f"{area}.sqlite3") if from_folder else where
        db = open_database(area, target)
        click.echo(f"{area}: {db.where}, migrations {db.applied(area)}")


@database.command("copy")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("target")
@reports_errors
def database_copy(folder, target):
    """Copy every draft, revision and advisor's version of the data FOLDER (its SQLite files)
    into TARGET, a postgresql:// URL. Safe to run again: rows already there are kept."""
    for row in copy_data_folder(folder, target):
        click.echo(f"{row.table}: {row.copied} copied, {row.present} already there")
