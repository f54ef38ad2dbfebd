"""The ``groei`` command. Each command is a thin function over one library call.

Messages for editors are Dutch; errors are click exceptions (a message and exit
code 1), never tracebacks.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .kinds import ENTRY_KINDS

log = logging.getLogger("groeiperspectief")


class Context:
    def __init__(self, root: Path) -> None:
        self.root = root


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="Werk in deze map in plaats van de huidige.",
)
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
            "Maak er een met 'groei init MAP' of kies een map met -C."
        )


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    help="github: annotaties voor GitHub Actions.",
)
@pass_ctx
def check(ctx: Context, strict: bool, fmt: str) -> None:
    """Controleer alle items; toon elke fout als bestand:regel: melding."""
    from .validate import check as run_check

    _require_repo(ctx.root)
    _report(run_check(ctx.root), strict=strict, fmt=fmt)


@main.command()
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--naam", "site_name", default=None, help="Naam van de site, bijvoorbeeld 'Groeiperspectief Drechtsteden'."
)
@pass_ctx
def init(ctx: Context, target: Path, site_name: str | None) -> None:
    """Maak een nieuwe, lege inhoudsmap voor een regio."""
    target = target if target.is_absolute() else ctx.root / target
    if target.exists() and any(target.iterdir()):
        raise click.ClickException(f"map '{target}' bestaat al en is niet leeg; kies een nieuwe map")
    site_name = site_name or f"Groeiperspectief {target.name.replace('-', ' ').title()}"
    from importlib import resources

    skeleton = resources.files("groeiperspectief") / "skeleton"
    _copy_skeleton(
        skeleton, target, {"site_name_yaml": json.dumps(site_name, ensure_ascii=False), "site_name": site_name}
    )
    from .vscode import write_editor_files

    write_editor_files(target)  # JSON Schemas and VS Code settings, generated from the model
    click.echo(f"Nieuw groeiperspectief in {target}.")
    click.echo(
        "Volgende stap: voeg organisaties, thema's en projecten toe met 'groei new', "
        "controleer met 'groei check' en bekijk de site met 'groei serve'."
    )


def _copy_skeleton(source, target: Path, values: dict[str, str]) -> None:
    for item in source.iterdir():
        name = ".gitignore" if item.name == "gitignore" else item.name
        if item.is_dir():
            _copy_skeleton(item, target / name, values)
            continue
        text = item.read_text(encoding="utf-8")
        text = text.replace('"{{ site_name }}"', values["site_name_yaml"]).replace(
            "{{ site_name }}", values["site_name"]
        )
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")


@main.command()
@click.argument("kind", type=click.Choice(list(ENTRY_KINDS)))
@click.argument("entry_id", metavar="ID")
@click.option("--thema", "theme", default=None, help="Voor een opgave: het thema (map) waar ze bij hoort.")
@pass_ctx
def new(ctx: Context, kind: str, entry_id: str, theme: str | None) -> None:
    """Maak een nieuw item uit een sjabloon met uitleg: project, opgave, thema of organisatie."""
    from .scaffold import ScaffoldError, new_entry

    _require_repo(ctx.root)
    try:
        path = new_entry(ctx.root, kind, entry_id, theme=theme, today=dt.date.today())
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    from .serve import entry_page
    from .urls import site_urls

    rel = path.relative_to(ctx.root).as_posix()
    click.echo(f"Gemaakt: {rel}")
    click.echo("Volgende stappen:")
    click.echo(f"  1. Open {rel} en vul de velden in; de regels met # leggen ze uit.")
    click.echo(
        f"  2. Bekijk het terwijl je schrijft: 'groei serve', dan http://127.0.0.1:8000/{site_urls(ctx.root).url(entry_page(rel))}"
    )
    click.echo("     Een fout staat dan op de pagina en in het terminalvenster, met bestand en regel.")
    click.echo(
        "  3. Controleer alles met 'groei check' en maak een pull request; de uitleg staat op de pagina Bijdragen."
    )


@main.command()
@click.option("--strict", is_flag=True, help="Waarschuwingen tellen als fouten.")
@click.option(
    "--voortgang/--geen-voortgang",
    "show_progress",
    default=None,
    help="Toon de voortgang van een lange build (standaard alleen in een terminal).",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="Wie de pagina's bouwt; zensical is experimenteel (zie docs/engines.md).",
)
@pass_ctx
def build(ctx: Context, strict: bool, show_progress: bool | None, engine: str) -> None:
    """Controleer de inhoud en bouw de site in site/ (de vorige site blijft staan als het misgaat)."""
    from .build import BuildFailed, Progress, build_site
    from .report import format_problems

    _require_repo(ctx.root)
    progress = Progress() if (sys.stderr.isatty() if show_progress is None else show_progress) else None
    try:
        if engine == "zensical":
            from .zensical_engine import build_with_zensical

            built = build_with_zensical(ctx.root, strict=strict)
        else:
            built = build_site(ctx.root, strict=strict, progress=progress)
    except BuildFailed as exc:
        if progress:
            progress.close()
        if exc.result is not None:
            for line in format_problems(exc.result.problems):
                click.echo(line)
        raise click.ClickException(str(exc)) from None
    if progress:
        progress.close()
    for line in format_problems(built.result.problems):
        click.echo(line)
    where = built.site_dir.relative_to(ctx.root) if built.site_dir.is_relative_to(ctx.root) else built.site_dir
    click.echo(f"Site gebouwd in {where}/: {built.pages} pagina's, {built.files} bestanden ({built.seconds:.1f} s).")


@main.command()
@click.option(
    "-a",
    "--adres",
    "--poort",
    "address",
    default="127.0.0.1:8000",
    show_default=True,
    help="IP:POORT (of alleen POORT) van het voorbeeld.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open het voorbeeld in de browser.")
@pass_ctx
def serve(ctx: Context, address: str, open_browser: bool) -> None:
    """Bekijk de site terwijl je schrijft: elke wijziging laadt de pagina opnieuw, fouten staan op de pagina."""
    from .serve import ServeFailed, serve_site

    _require_repo(ctx.root)
    try:
        serve_site(ctx.root, address, open_browser=open_browser)
    except ServeFailed as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Voorbeeld gestopt.")


@main.command()
@pass_ctx
def schema(ctx: Context) -> None:
    """Schrijf de JSON Schemas (schemas/) en de VS Code-instellingen (.vscode/) opnieuw uit het contentmodel."""
    from .vscode import write_editor_files

    _require_repo(ctx.root)
    changed = write_editor_files(ctx.root)
    for path in changed:
        click.echo(f"Bijgewerkt: {path.relative_to(ctx.root).as_posix()}")
    click.echo(
        f"{len(changed)} {'bestand' if len(changed) == 1 else 'bestanden'} bijgewerkt."
        if changed
        else "Alles was al bij."
    )


class _DiffFailed(click.ClickException):
    """`groei diff` could not compare: exit 2, so 1 keeps meaning "there are changes"."""

    exit_code = 2


@main.command()
@click.argument("rev", metavar="REV")
@pass_ctx
def diff(ctx: Context, rev: str) -> None:
    """Wat verandert er in het perspectief ten opzichte van REV? Als Markdown, voor een pull request.

    REV is een git-revisie (origin/main, een tag, een commit) of een datum JJJJ-MM-DD
    (de laatste commit op of voor die dag). Vergeleken wordt met de werkmap.

    \b
    Afsluitcode (zoals git diff --exit-code):
      0  geen veranderingen
      1  wel veranderingen
      2  fout: geen git, onbekende revisie, ondiepe kloon, fouten in de inhoud
    """
    from .history import HistoryError, compare, perspective_at, resolve, to_markdown
    from .perspective import ContentError, load
    from .report import format_problems

    try:
        _require_repo(ctx.root)
    except click.ClickException as exc:
        raise _DiffFailed(exc.message) from None
    try:
        current, _ = load(ctx.root)
    except ContentError as exc:
        for line in format_problems(exc.result.problems):
            click.echo(line, err=True)
        raise _DiffFailed("de inhoud in de werkmap bevat fouten; los die eerst op (zie 'groei check')") from None
    try:
        revision = resolve(ctx.root, rev)
        old = perspective_at(ctx.root, revision)
    except HistoryError as exc:
        raise _DiffFailed(str(exc)) from None
    changes = compare(old, current)
    click.echo(to_markdown(changes, f"{rev} (versie {revision.short} van {revision.label})"), nl=False)
    sys.exit(1 if changes else 0)


@main.command("export")
@click.option(
    "--uit",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default="export",
    show_default=True,
    help="Map waarin de bestanden komen.",
)
@pass_ctx
def export_(ctx: Context, out: Path) -> None:
    """Schrijf het perspectief als open data: JSON (met JSON Schema), GraphML en CSV."""
    from .export import write
    from .perspective import ContentError, load
    from .report import format_problems

    _require_repo(ctx.root)
    try:
        p, _ = load(ctx.root)
    except ContentError as exc:
        for line in format_problems(exc.result.problems):
            click.echo(line)
        raise click.ClickException("de inhoud bevat fouten; er is niets geëxporteerd") from None
    out = out if out.is_absolute() else ctx.root / out
    try:
        written = write(p, out)
    except OSError as exc:
        raise click.ClickException(f"kan niet schrijven in '{out}': {exc.strerror}") from None
    for path in written:
        click.echo(f"Geschreven: {path.relative_to(ctx.root).as_posix() if path.is_relative_to(ctx.root) else path}")
