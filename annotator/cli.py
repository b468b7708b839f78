"""The ``annotator`` command: the window with no sub-command, headless work with one.

Each command parses its arguments and calls :mod:`annotator.core`; errors a
user can cause are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import io
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator import __version__
from annotator.core import labels, speakers
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.formats import ReadOptions, readers, writers
from annotator.core.model import LABEL_KINDS, STATUSES
from annotator.core.paths import DB_ENV, default_db_path
from annotator.core.stats import project_stats, quote_counts_by_speaker
from annotator.core.store import Store

F = TypeVar("F", bound=Callable[..., Any])

# Options several commands take, written once so they read the same everywhere.
_as_json = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
_collection = click.option("--collection", help="Only documents of this collection.")
_status = click.option(
    "--status", type=click.Choice(STATUSES), help="Only documents with this status."
)


def _fail_cleanly(command: F) -> F:
    """Turn domain errors into one clear line and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AnnotatorError as error:
            raise click.ClickException(str(error)) from None

    return wrapper  # type: ignore[return-value]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


@contextlib.contextmanager
def _open_store(ctx: click.Context, create: bool = False) -> Iterator[Store]:
    """The project of ``--db``; one that does not exist is an error unless ``create``."""
    path = ctx.obj["db"] or default_db_path()
    if not create and not path.exists():
        raise click.ClickException(
            f"{path}: no project here; create one with: annotator new {path}"
        )
    try:
        store = Store.open(path)
    except AnnotatorError as error:
        raise click.ClickException(str(error)) from None
    try:
        yield store
    finally:
        store.close()


DB_PATH = click.Path(dir_okay=False, path_type=Path)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:  # after the command: it wins over the one before it
        ctx.ensure_object(dict)["db"] = value


class _Group(click.Group):
    """A group whose commands, and their groups' commands, also take ``--db`` after their
    name (``annotator export --db P``), as users type it."""

    group_class = type  # sub-groups are _Group too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if (name or cmd.name) not in _NO_PROJECT and not any(p.name == "db" for p in cmd.params):
            cmd.params.append(
                click.Option(
                    ["--db"],
                    type=DB_PATH,
                    expose_value=False,
                    callback=_remember_db,
                    help="Project file (SQLite), as before the command.",
                )
            )
        super().add_command(cmd, name)


_NO_PROJECT = {"new"}  # commands that take no project


@click.group(cls=_Group, invoke_without_command=True)
@click.option(
    "--db",
    type=DB_PATH,
    envvar=DB_ENV,
    help=f"Project file (SQLite). Default: ${DB_ENV}, else the user data folder's project.db.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens to stderr.")
@click.option(
    "--check",
    is_flag=True,
    help="Check that the window can start here (Qt's libraries) and exit: 0 if it can, else 2.",
)
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, verbose: bool, check: bool) -> None:
    """Quote Annotator: hand-label quotations in news articles.

    With no command, opens the window on --db, else on the project open last
    (the first run creates one with a sample article). The commands below
    work without a window, on --db or the default project.
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(name)s: %(message)s",
    )
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if check:
        from annotator.gui.platform_check import diagnose

        diagnosis = diagnose()
        for line in diagnosis.report():
            click.echo(line)
        ctx.exit(0 if diagnosis.ok else 2)
    if ctx.invoked_subcommand is None:
        from annotator.gui.app import run

        ctx.exit(run(db))


@cli.command("new")
@click.argument("path", type=DB_PATH)
@_fail_cleanly
def new_command(path: Path) -> None:
    """Create an empty project file at PATH (other commands never create one, except import)."""
    if path.exists():
        raise click.ClickException(f"{path}: already exists; choose another name")
    Store.open(path).close()
    click.echo(f"created the project {path}")


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(sorted(readers())),
    help=("Read every file as this format. Default: by content and extension."),
)
@click.option(
    "--id-field",
    default="id",
    show_default=True,
    help="JSON field or CSV column holding the article id.",
)
@click.option(
    "--title-field",
    default="title",
    show_default=True,
    help="JSON field or CSV column holding the title.",
)
@click.option(
    "--text-field",
    default="text",
    show_default=True,
    help="JSON field or CSV column holding the article text.",
)
@click.option("--annotator", help="Annotator name for imported quotes that name none.")
@click.option(
    "--metadata",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="CSV or TSV of document metadata to join after the import (titles and fields).",
)
@click.option(
    "--metadata-id",
    default="id",
    show_default=True,
    help="Column of --metadata holding the document id (or the file name it came from).",
)
@click.pass_context
@_fail_cleanly
def import_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    format_: str | None,
    id_field: str,
    title_field: str,
    text_field: str,
    annotator: str | None,
    metadata: Path | None,
    metadata_id: str,
) -> None:
    """Import articles (.txt, .md, .html, .jsonl, .json, .csv and the formats
    of other tools) from files or folders, recursively.

    Each file is imported whole or not at all. Articles already in the project
    with the same text are skipped; the same id with other text is refused.
    Exits with status 1 if any file was refused.
    """
    from annotator.core import importing
    from annotator.core.metadata import read_table

    options = ReadOptions(
        id_field=id_field, title_field=title_field, text_field=text_field, annotator=annotator
    )
    # A table that cannot be joined is refused before any article is imported.
    table = None
    if metadata is not None:
        metadata = metadata.expanduser()
        table = read_table(metadata, metadata_id)
    with _open_store(ctx, create=True) as store, contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def progress(done: int, total: int, current: Path) -> None:
            if not bars:  # the number of files is known once the folders are walked
                # A bar only where a person watches a long import, not in pipes and logs.
                shown = total > 1 and sys.stderr.isatty()
                bars.append(
                    stack.enter_context(
                        click.progressbar(
                            length=total,
                            label="Importing",
                            show_pos=True,
                            file=sys.stderr if shown else io.StringIO(),
                            item_show_func=lambda p: p.name if p else None,
                        )
                    )
                )
            bars[0].update(done - bars[0].pos, current)

        report = importing.import_paths(
            store, paths, format=format_, options=options, progress=progress
        )
        for bar in bars:
            bar.update(bar.length - bar.pos)
        joined = _join_metadata(store, metadata, table) if metadata and table else None
    added = f" ({_count(report.extended, 'new quote')} added to them)" if report.extended else ""
    click.echo(
        f"{_count(report.added, 'document')} imported, {_count(report.quotes, 'quote')}, "
        f"{report.skipped} already present (skipped){added}, {len(report.refused)} refused"
    )
    not_read = collections.Counter(path.suffix.lower() or path.name for path in report.not_read)
    for suffix, count in sorted(not_read.items()):
        click.echo(f"skipped, no import format reads {suffix} ×{count}", err=True)
    for name, count in sorted(report.unsupported.items()):
        click.echo(f"not imported (the project cannot hold it): {name} ×{count}", err=True)
    for message in report.refused:
        click.echo(f"refused: {message}", err=True)
    if joined is not None:
        click.echo(joined)
    if report.refused:
        ctx.exit(1)


def _join_metadata(store: Store, path: Path, rows: dict[str, dict[str, str]]) -> str:
    from annotator.core.metadata import apply_rows

    joined = apply_rows(store, path, rows)
    unmatched = f", {_count(len(joined.unmatched), 'row')} matched no document"
    return (
        f"metadata: {_count(joined.matched, 'document')} from {joined.path.name} "
        f"({joined.titled} titles){unmatched if joined.unmatched else ''}"
    )


@cli.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(writers())),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File (or folder, for brat) to write. Default: standard output.",
)
@_status
@click.option("--annotator", help="Only quotes by this annotator.")
@click.option("--collection", help="Only documents of this collection (e.g. train).")
@click.option(
    "--suggestions", is_flag=True, help="Add the open suggestions (Label Studio: predictions)."
)
@click.pass_context
@_fail_cleanly
def export_command(
    ctx: click.Context,
    format_: str,
    output: Path | None,
    status: str | None,
    annotator: str | None,
    collection: str | None,
    suggestions: bool,
) -> None:
    """Export the annotated corpus as a dataset.

    The file is written to a temporary name and renamed into place, so an
    interrupted export never leaves half a file. The formats are described
    in the README.
    """
    from annotator.core import exporting
    from annotator.core.formats import writer

    with _open_store(ctx) as store:
        if output is not None:
            report = exporting.export(
                store,
                format_,
                output,
                status=status,
                annotator=annotator,
                collection=collection,
                suggestions=suggestions,
            )
            click.echo(
                f"{_count(report.documents, 'document')}, {_count(report.quotes, 'quote')} "
                f"written to {report.path}",
                err=True,
            )
            return
        if writer(format_).directory:
            raise click.UsageError(f"--output is required for the {format_} format (a folder)")
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"export.{format_}"
            exporting.export(
                store,
                format_,
                target,
                status=status,
                annotator=annotator,
                collection=collection,
                suggestions=suggestions,
            )
            stream = sys.stdout.buffer
            with target.open("rb") as handle:
                while chunk := handle.read(1 << 16):
                    stream.write(chunk)
            stream.flush()


# How the figures name quotes without a speaker, stance, type or annotator.
NOBODY = {
    "by_speaker": "(no speaker)",
    "by_stance": "(no stance)",
    "by_type": "(no type)",
    "by_annotator": "(no annotator)",
}


@cli.command("stats")
@_as_json
@click.option("--top", default=10, show_default=True, help="Speakers to list.")
@click.pass_context
@_fail_cleanly
def stats_command(ctx: click.Context, as_json: bool, top: int) -> None:
    """Documents by status, quotes, and quotes per speaker, stance, type and annotator."""
    with _open_store(ctx) as store:
        stats = project_stats(store)
    if as_json:
        figures = stats.as_dict()
        for key, nobody in NOBODY.items():  # JSON keys are strings: None would be "null"
            figures[key] = {nobody if name is None else name: n for name, n in getattr(stats, key)}
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    docs = stats.documents
    done = docs["done"]
    total = stats.total_documents
    click.echo(
        f"documents  {total}  (done {done}, in progress {docs['in_progress']}, "
        f"new {docs['new']}, skipped {docs['skipped']})"
    )
    click.echo(f"quotes     {stats.quotes}")
    for title, key, limit in (
        ("per speaker", "by_speaker", top),
        ("per stance", "by_stance", None),
        ("per type", "by_type", None),
        ("per annotator", "by_annotator", None),
    ):
        rows = getattr(stats, key)
        if not rows:
            continue
        click.echo(f"\n{title}:")
        shown = [(NOBODY[key] if name is None else name, n) for name, n in rows[:limit]]
        width = max(len(name) for name, _ in shown)
        for name, count in shown:
            click.echo(f"  {name.ljust(width)}  {count}")
        if limit and len(rows) > limit:
            click.echo(f"  … and {len(rows) - limit} more")


@cli.group("speakers", invoke_without_command=True)
@click.pass_context
def speakers_group(ctx: click.Context) -> None:
    """The speaker registry: list, add, rename, aliases, merge, delete.

    With no sub-command, lists every speaker with aliases and quote count.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(speakers_list)


def _speaker(store: Store, name: str) -> int:
    return speakers.speaker_by_name(store, name).id


@speakers_group.command("list")
@click.pass_context
@_fail_cleanly
def speakers_list(ctx: click.Context) -> None:
    """List speakers with their aliases and number of quotes."""
    with _open_store(ctx) as store:
        counts = quote_counts_by_speaker(store)
        for speaker in store.speakers():
            aliases = f"  (also: {', '.join(speaker.aliases)})" if speaker.aliases else ""
            click.echo(f"{speaker.name}  [{_count(counts.get(speaker.id, 0), 'quote')}]{aliases}")


@speakers_group.command("add")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name for the speaker.")
@click.option("--description", default="", help="Who the speaker is.")
@click.pass_context
@_fail_cleanly
def speakers_add(ctx: click.Context, name: str, aliases: tuple[str, ...], description: str) -> None:
    """Add a speaker to the registry."""
    with _open_store(ctx) as store:
        change = speakers.create_speaker(store, name, aliases, description)
    (speaker,) = change.speakers_after
    also = f" (also: {', '.join(speaker.aliases)})" if speaker.aliases else ""
    click.echo(f"added speaker {speaker.name!r}{also}")


@speakers_group.command("rename")
@click.argument("name")
@click.argument("new_name")
@click.pass_context
@_fail_cleanly
def speakers_rename(ctx: click.Context, name: str, new_name: str) -> None:
    """Rename a speaker (found by name or alias); the old name becomes an alias."""
    with _open_store(ctx) as store:
        change = speakers.rename_speaker(store, _speaker(store, name), new_name)
    (before,), (after,) = change.speakers_before, change.speakers_after
    click.echo(f"renamed {before.name!r} to {after.name!r}; {before.name!r} stays as an alias")


@speakers_group.command("alias")
@click.argument("name")
@click.argument("alias")
@click.pass_context
@_fail_cleanly
def speakers_alias(ctx: click.Context, name: str, alias: str) -> None:
    """Add ALIAS as another name of speaker NAME."""
    with _open_store(ctx) as store:
        change = speakers.add_alias(store, _speaker(store, name), alias)
    (after,) = change.speakers_after
    click.echo(f"{alias.strip()!r} is a name of {after.name!r}")


@speakers_group.command("unalias")
@click.argument("name")
@click.argument("alias")
@click.pass_context
@_fail_cleanly
def speakers_unalias(ctx: click.Context, name: str, alias: str) -> None:
    """Remove ALIAS from speaker NAME."""
    with _open_store(ctx) as store:
        change = speakers.remove_alias(store, _speaker(store, name), alias)
    (after,) = change.speakers_after
    click.echo(f"removed the alias {alias.strip()!r} from {after.name!r}")


@speakers_group.command("merge")
@click.argument("keep")
@click.argument("drop")
@click.pass_context
@_fail_cleanly
def speakers_merge(ctx: click.Context, keep: str, drop: str) -> None:
    """Merge speaker DROP into KEEP: its quotes, name and aliases move to KEEP."""
    with _open_store(ctx) as store:
        change = speakers.merge_speakers(store, _speaker(store, keep), _speaker(store, drop))
        click.echo(f"{change.description}: {_count(len(change.quotes), 'quote')} moved")


@speakers_group.command("delete")
@click.argument("name")
@click.pass_context
@_fail_cleanly
def speakers_delete(ctx: click.Context, name: str) -> None:
    """Remove a speaker; their quotes stay, without a speaker."""
    with _open_store(ctx) as store:
        change = speakers.delete_speaker(store, _speaker(store, name))
    (before,) = change.speakers_before
    click.echo(
        f"deleted speaker {before.name!r}; {_count(len(change.quotes), 'quote')} "
        "left without a speaker"
    )


@cli.group("labels", invoke_without_command=True)
@click.pass_context
def labels_group(ctx: click.Context) -> None:
    """The label scheme: stances and quote types, with colours and shortcuts.

    With no sub-command, shows the scheme.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(labels_list)


KIND = click.Choice(LABEL_KINDS)


def _label(store: Store, kind: str, name: str) -> int:
    found = store.find_label(kind, name)
    if found is None:
        raise NotFound(f"no {kind.replace('_', ' ')} named {name!r}")
    return found.id


@labels_group.command("list")
@click.pass_context
@_fail_cleanly
def labels_list(ctx: click.Context) -> None:
    """Show the scheme in order: kind, name, colour, shortcut."""
    with _open_store(ctx) as store:
        for label in store.labels():
            line = f"{label.kind:<10}  {label.name:<12}  {label.color}  {label.shortcut:<6}"
            click.echo(f"{line}  {label.description}".rstrip())


@labels_group.command("add")
@click.argument("kind", type=KIND)
@click.argument("name")
@click.option("--color", help="Colour as #rrggbb. Default: the next free palette colour.")
@click.option("--shortcut", default="", help="Key that sets it in the window, e.g. 5.")
@click.option("--description", default="", help="What the label means (the codebook).")
@click.pass_context
@_fail_cleanly
def labels_add(
    ctx: click.Context, kind: str, name: str, color: str | None, shortcut: str, description: str
) -> None:
    """Add a stance or quote type to the scheme."""
    with _open_store(ctx) as store:
        labels.add_label(store, kind, name, color, shortcut, description)


@labels_group.command("edit")
@click.argument("kind", type=KIND)
@click.argument("name")
@click.option("--name", "new_name", help="New name (quotes keep the label).")
@click.option("--color", help="New colour as #rrggbb.")
@click.option("--shortcut", help="New shortcut key ('' removes it).")
@click.option("--position", type=int, help="New place in the list, from 0.")
@click.option("--description", help="What the label means (the codebook; '' removes it).")
@click.pass_context
@_fail_cleanly
def labels_edit(
    ctx: click.Context,
    kind: str,
    name: str,
    new_name: str | None,
    color: str | None,
    shortcut: str | None,
    position: int | None,
    description: str | None,
) -> None:
    """Rename, recolour, re-key, describe or move a label."""
    with _open_store(ctx) as store:
        label_id = _label(store, kind, name)
        with store.transaction():
            labels.update_label(
                store,
                label_id,
                name=new_name,
                color=color,
                shortcut=shortcut,
                description=description,
            )
            if position is not None:
                labels.move_label(store, label_id, position)


@labels_group.command("delete")
@click.argument("kind", type=KIND)
@click.argument("name")
@click.pass_context
@_fail_cleanly
def labels_delete(ctx: click.Context, kind: str, name: str) -> None:
    """Delete a label that no quote uses."""
    with _open_store(ctx) as store:
        labels.delete_label(store, _label(store, kind, name))


@speakers_group.command("suggest-merges")
@click.pass_context
@_fail_cleanly
def speakers_suggest_merges(ctx: click.Context) -> None:
    """Propose speakers to merge ("Trump" into "Donald Trump"), for review: nothing is
    merged; run the printed `annotator speakers merge` commands you agree with."""
    from annotator.core.speaker_names import suggest_merges
    from annotator.core.stats import quote_counts_by_speaker

    with _open_store(ctx) as store:
        proposals = suggest_merges(store.speakers(), quote_counts_by_speaker(store))
    for proposal in proposals:
        keep, drop = proposal.keep.name, proposal.drop.name
        click.echo(f"annotator speakers merge {_shell(keep)} {_shell(drop)}  # {proposal.reason}")
    click.echo(f"{_count(len(proposals), 'proposed merge')}", err=True)


def _shell(word: str) -> str:
    import shlex

    return shlex.quote(word)


def main() -> None:
    # The same name in help texts whether run as `annotator` or `python -m annotator`.
    cli(prog_name="annotator")


@cli.command("report")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only these documents.")
@click.option("--collection", help="Only the documents of this collection.")
@click.option("--coder", help="Only this coder's quotes.")
@click.option(
    "--top",
    default=12,
    show_default=True,
    type=click.IntRange(min=1),
    help="Speakers and documents shown by name; the others are summed.",
)
@click.pass_context
@_fail_cleanly
def report_command(
    ctx: click.Context,
    output: Path,
    status: tuple[str, ...],
    collection: str | None,
    coder: str | None,
    top: int,
) -> None:
    """Write the statistics, charts, label scheme and coders as one self-contained HTML file."""
    # Imported here: matplotlib takes a moment to load and only this command needs it.
    from annotator.core import report, statistics

    filters = statistics.Filters(statuses=status, collection=collection, coder=coder)
    with _open_store(ctx) as store:
        path = report.write(store, output, filters, top)
    click.echo(f"report written to {path}")


@cli.command("merge")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
@_fail_cleanly
def merge_command(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Merge coders' copies of the project (PATHS) into it, all or nothing.

    Documents match by id and text, speakers by name and alias, quotes by
    their stable id: merging the same file again adds nothing.
    """
    from annotator.core import merge

    with _open_store(ctx) as store:
        report = merge.merge(store, paths)
    click.echo(
        f"{_count(report.files, 'file')} merged: {_count(report.quotes_added, 'quote')} added, "
        f"{report.quotes_updated} updated, {report.quotes_present} already present; "
        f"{_count(report.documents_added, 'document')} and "
        f"{_count(report.speakers_added, 'speaker')} added"
    )
    for conflict in report.conflicts:
        click.echo(f"conflict: {conflict}", err=True)


@cli.command("agreement")
@click.option("--annotators", help="Comma-separated annotators to compare. Default: every coder.")
@_collection
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.5,
    show_default=True,
    help="Token Jaccard two quotes need to match by overlap.",
)
@click.option("--against", metavar="GOLD", help="Compare each coder with this layer (e.g. gold).")
@_as_json
@click.pass_context
@_fail_cleanly
def agreement_command(
    ctx: click.Context,
    annotators: str | None,
    collection: str | None,
    threshold: float,
    against: str | None,
    as_json: bool,
) -> None:
    """Agreement between coders on the documents two or more of them annotated.

    Span precision/recall/F1 (exact and by overlap), token-wise
    Krippendorff's alpha, speaker, stance and quote-type agreement; the
    README defines each figure.
    """
    from annotator.core import agreement, agreement_report

    names = [name.strip() for name in annotators.split(",") if name.strip()] if annotators else None
    with _open_store(ctx) as store:
        if against is not None:
            coders = names or [n for n in agreement.coder_names(store) if n != against]
            names = [against, *coders]
        codings = agreement.load_codings(store, annotators=names, collection=collection)
    report = agreement.agreement(codings, threshold=threshold, reference=against)
    if as_json:
        click.echo(json.dumps(agreement_report.as_dict(report), indent=2, ensure_ascii=False))
    else:
        for line in agreement_report.summary(report):
            click.echo(line)


# -- suggestions ----------------------------------------------------------------


@cli.command("suggest")
@click.option(
    "--engine",
    type=click.Choice(["rules", "spacy"]),
    default="rules",
    show_default=True,
    help="Suggestion engine (spacy needs the nlp extra and an English pipeline).",
)
@_status
@_collection
@click.option("--search", help="Only documents containing these words.")
@click.option("--document", "documents", multiple=True, help="Only this document (external id).")
@click.option("--clear", is_flag=True, help="Forget the open suggestions instead.")
@click.pass_context
@_fail_cleanly
def suggest_command(
    ctx: click.Context,
    engine: str,
    status: str | None,
    collection: str | None,
    search: str | None,
    documents: tuple[str, ...],
    clear: bool,
) -> None:
    """Propose quotes and speakers for the coder to accept or reject in the window.

    Suggestions are kept apart from annotations: statistics, agreement and
    exports leave them out. A rejected suggestion does not come back when
    this runs again.
    """
    from annotator.core import suggest, suggestions

    with _open_store(ctx) as store:
        ids = suggestions.select_documents(store, status, search, collection, documents)
        if clear:
            click.echo(f"{_count(suggestions.clear(store, ids), 'open suggestion')} removed")
            return
        chosen = suggest.engine(engine)
        shown = len(ids) > 1 and sys.stderr.isatty()
        with click.progressbar(
            length=len(ids),
            label="Suggesting",
            show_pos=True,
            file=sys.stderr if shown else io.StringIO(),
        ) as bar:
            stored = suggestions.suggest_documents(
                store,
                ids,
                chosen,
                progress=lambda done: bar.update(done - bar.pos),
            )
    click.echo(
        f"{_count(stored.added, 'suggestion')} in {_count(len(ids), 'document')} "
        f"({stored.rejected_before} left out as rejected or accepted before)"
    )


@cli.command("evaluate")
@click.option(
    "--candidate",
    default="suggestions",
    show_default=True,
    help="What to score: 'suggestions', or a coder's name.",
)
@click.option(
    "--reference",
    default="first",
    show_default=True,
    help="Score against this coder, or 'first': each document's first coder.",
)
@click.option(
    "--threshold",
    type=float,
    default=0.3,
    show_default=True,
    help="Overlap match: share of the reference quote the candidate must cover.",
)
@click.option("--engine", help="Only this engine's suggestions.")
@_collection
@_as_json
@click.pass_context
@_fail_cleanly
def evaluate_command(
    ctx: click.Context,
    candidate: str,
    reference: str,
    threshold: float,
    engine: str | None,
    collection: str | None,
    as_json: bool,
) -> None:
    """Precision, recall and F1 of suggestions (or a coder) against a reference coder.

    Exact and overlap matches, for direct quotes (content starting with a
    quotation mark) and all quotes, and speaker accuracy on matched direct
    quotes. The README's "Suggestions" section defines each figure.
    """
    from annotator.core import evaluation, suggestions

    with _open_store(ctx) as store:
        ids = suggestions.select_documents(store, collection=collection) if collection else None
        result = evaluation.evaluate(
            store, candidate, reference, threshold, engine=engine, document_ids=ids
        )
    if as_json:
        click.echo(json.dumps(evaluation.as_dict(result), indent=2))
        return
    for line in evaluation.table(result):
        click.echo(line)
