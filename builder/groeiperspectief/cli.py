"""The ``groei`` command. Each command is a thin function over one library call.

Messages for editors are Dutch; errors are click exceptions (a message and exit
code 1), never tracebacks.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from importlib import resources
from pathlib import Path

import click

from . import __version__

log = logging.getLogger("groeiperspectief")

KINDS = ("project", "opgave", "thema", "organisatie")


class Context:
    def __init__(self, root: Path) -> None:
        self.root = root


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "directory", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Werk in deze map in plaats van de huidige.")
@click.version_option(__version__, prog_name="groei")
@click.pass_context
def main(ctx: click.Context, directory: Path) -> None:
    """groei: het levende groeiperspectief van een regio, uit Markdown-bestanden."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ctx.obj = Context(directory.resolve())


def _require_repo(root: Path) -> None:
    if not root.is_dir():
        raise click.ClickException(f"map '{root}' bestaat niet")
    if not any((root / d).is_dir() for d in ("content", "themes", "projects")):
        raise click.ClickException(
            f"'{root}' is geen groeiperspectief: content/, themes/ en projects/ ontbreken. "
            "Maak er een met 'groei init MAP' of kies een map met -C.")


def _report(result, *, strict: bool, fmt: str = "text") -> None:
    """Print every problem, then one summary line; fail once at the end."""
    from .report import format_problems, summary

    for line in format_problems(result.problems, fmt):
        click.echo(line)
    click.echo(summary(result), err=fmt != "text")
    if result.problems.has_errors(strict=strict):
        sys.exit(1)


@main.command()
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              help="github: annotaties voor GitHub Actions.")
@pass_ctx
def check(ctx: Context, strict: bool, fmt: str) -> None:
    """Controleer alle items; toon elke fout als bestand:regel: melding."""
    from .validate import check as run_check

    _require_repo(ctx.root)
    _report(run_check(ctx.root), strict=strict, fmt=fmt)


@main.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option("--naam", "site_name", default=None, help="Naam van de site, bijvoorbeeld 'Groeiperspectief Drechtsteden'.")
@pass_ctx
def init(ctx: Context, target: Path, site_name: str | None) -> None:
    """Maak een nieuwe, lege inhoudsmap voor een regio."""
    target = target if target.is_absolute() else ctx.root / target
    if target.exists() and any(target.iterdir()):
        raise click.ClickException(f"map '{target}' bestaat al en is niet leeg; kies een nieuwe map")
    site_name = site_name or f"Groeiperspectief {target.name.replace('-', ' ').title()}"
    skeleton = resources.files("groeiperspectief") / "skeleton"
    _copy_skeleton(skeleton, target, {"site_name_yaml": json.dumps(site_name, ensure_ascii=False), "site_name": site_name})
    click.echo(f"Nieuw groeiperspectief in {target}.")
    click.echo("Volgende stap: voeg organisaties, thema's en projecten toe met 'groei new', "
               "controleer met 'groei check' en bekijk de site met 'groei serve'.")


def _copy_skeleton(source, target: Path, values: dict[str, str]) -> None:
    for item in source.iterdir():
        name = ".gitignore" if item.name == "gitignore" else item.name
        if item.is_dir():
            _copy_skeleton(item, target / name, values)
            continue
        text = item.read_text(encoding="utf-8")
        text = text.replace('"{{ site_name }}"', values["site_name_yaml"]).replace("{{ site_name }}", values["site_name"])
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")


@main.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("entry_id", metavar="ID")
@click.option("--thema", "theme", default=None, help="Voor een opgave: het thema (map) waar ze bij hoort.")
@pass_ctx
def new(ctx: Context, kind: str, entry_id: str, theme: str | None) -> None:
    """Maak een nieuw item uit een sjabloon met uitleg: project, opgave, thema of organisatie."""
    from .scaffold import new_entry

    _require_repo(ctx.root)
    path = new_entry(ctx.root, kind, entry_id, theme=theme, today=dt.date.today())
    click.echo(f"Gemaakt: {path.relative_to(ctx.root).as_posix()}")
    click.echo("Vul de velden in (de commentaarregels leggen ze uit) en controleer met 'groei check'.")


@main.command()
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@pass_ctx
def build(ctx: Context, strict: bool) -> None:
    """Controleer de inhoud en bouw de site in site/ (de vorige site blijft staan als het misgaat)."""
    from .build import BuildFailed, build_site
    from .report import format_problems

    _require_repo(ctx.root)
    try:
        built = build_site(ctx.root, strict=strict)
    except BuildFailed as exc:
        if exc.result is not None:
            for line in format_problems(exc.result.problems):
                click.echo(line)
        raise click.ClickException(str(exc)) from None
    for line in format_problems(built.result.problems):
        click.echo(line)
    where = built.site_dir.relative_to(ctx.root) if built.site_dir.is_relative_to(ctx.root) else built.site_dir
    click.echo(f"Site gebouwd in {where}/: {built.pages} pagina's, {built.files} bestanden ({built.seconds:.1f} s).")
