"""Command line: parse arguments, call one function, turn our exceptions into messages and exit codes.

Exit codes: 0 success; 1 problems in the data (or a failed look-up); 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from sitegen.errors import DataError, NetworkError, SitegenError, UsageError, count_summary, printable
from sitegen.output import flush_stdout, silence_stdout


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Check, format, import, export and publish the knowledge distillation bibliography.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the collection's folder (holding taxonomy.yaml); default: .")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate records; exit 1 if any has an error")
    check.add_argument("paths", nargs="*", type=Path, help="record files or folders to report on (default: all)")
    check.add_argument("--strict", action="store_true", help="also fail on warnings, such as probable duplicates")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations on the pull request's lines")
    check.add_argument("--changed", action="store_true", help="report only on records a branch adds or changes (see --base)")
    check.add_argument("--base", default="origin/main", help="the git ref --changed compares with (default: origin/main)")

    fmt = sub.add_parser("fmt", help="rewrite records in canonical form (key order, quoting); keeps comments")
    fmt.add_argument("paths", nargs="*", type=Path, help="record files or folders (default: all)")
    fmt.add_argument("--check", action="store_true", help="change nothing; list what would change and exit 1 if anything would")

    export = sub.add_parser("export", help="write the collection as BibTeX, JSON or CSL-JSON")
    export.add_argument("format", choices=("bibtex", "json", "csl", "ris"))
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--where", action="append", default=[], metavar="AXIS=ID", help="only records labelled ID (or a sub-node) on AXIS; repeatable")

    imp = sub.add_parser("import", help="draft records from an awesome-style Markdown list or a .bib file")
    imp.add_argument("format", choices=("markdown", "bibtex"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")
    imp.add_argument("--seed", action="store_true", help="the file is the project's seed list: record each entry's lines under sources.seed")
    imp.add_argument("--list", metavar="NAME", help="the list's name in sources/lists.yaml (default: the list whose repository names the file, as owner__name.md)")

    add = sub.add_parser(
        "add",
        help="create one record from BibTeX, an arXiv id or a DOI, or add a result to a record",
        description="Create one normalized record in papers/. Taxonomy labels come from the options below "
        "(one per axis of taxonomy.yaml, each repeatable or comma-separated) or, on a terminal, from prompts.",
    )
    source = add.add_mutually_exclusive_group(required=True)
    source.add_argument("--bibtex", metavar="FILE", help="a file with one BibTeX entry, or - for standard input")
    source.add_argument("--arxiv", metavar="ID", help="an arXiv id or URL (looked up on arxiv.org)")
    source.add_argument("--doi", metavar="DOI", help="a DOI (looked up on Crossref)")
    source.add_argument("--result-of", metavar="ID", help="add a result (see 'a result' below) to the record ID instead of creating a record")
    add.add_argument("--scope", choices=("core", "related"), default=None, help="core: distillation work (default); related: background the survey cites")
    add.add_argument("--code", metavar="URL", help="link to the code")
    add.add_argument("--distinct-from", action="append", default=[], metavar="ID", help="a record this paper resembles but is not (see the duplicate refusal); repeatable")
    add.add_argument("--no-input", action="store_true", help="never prompt, even on a terminal (also when CI=true)")
    add.add_argument("--dry-run", action="store_true", help="print the record; write nothing")
    if "add" in argv:  # one option per taxonomy axis, read from taxonomy.yaml only when `add` runs
        from sitegen.commands.add import add_axis_options
        from sitegen.commands.add_result import add_result_options

        add_axis_options(add, argv)
        add_result_options(add)

    build = sub.add_parser("build", help="generate the pages into build/docs/ and build the static site into site/")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: site/ under --root)")
    build.add_argument("--no-mkdocs", action="store_true", help="generate the pages only (then `mkdocs build --strict` builds them)")
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    build.add_argument("--site-url", metavar="URL", help="the site's public address, e.g. https://owner.github.io/repository/ "
                       "(default: $SITE_URL, else derived in GitHub Actions, else none: a local build)")

    serve = sub.add_parser("serve", help="build, serve on localhost and rebuild when a record, the taxonomy or the site sources change")
    serve.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000)")
    serve.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: site/ under --root)")

    schema = sub.add_parser("schema", help="write the JSON Schema of a record (for editors), generated from the model and taxonomy")
    schema.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    schema.add_argument("--check", action="store_true", help="write nothing; exit 1 if --output is not up to date")

    sub.add_parser("candidates", help="list the works paper lists name without authors (sources/candidates.yaml), each with the command that completes it")
    complete = sub.add_parser(
        "complete",
        help="look candidates with an arXiv id up on arXiv (network) and write each that passes check as a record",
        description="Ask arXiv (in batches, through verify's cache, one request every 3 seconds) about the candidates "
        "of sources/candidates.yaml that have an arXiv id; write each that passes check as a record with its list's "
        "label suggestions; the others stay candidates with the reason.",
    )
    complete.add_argument("--limit", type=_positive, metavar="N", help="look up only the first N candidates with an arXiv id")
    verify = sub.add_parser(
        "verify",
        help="compare records with arXiv, Crossref and dblp (network); report each disagreement as a warning",
        description="Compare each record with what arXiv (by arXiv id), Crossref (by DOI) and dblp (by title) say, "
        "through an on-disk cache and at each service's pace, and report every disagreement in check's format.",
    )
    verify.add_argument("paths", nargs="*", type=Path, help="record files or folders to verify (default: all)")
    verify.add_argument("--changed", action="store_true", help="verify only the records a branch adds or changes (see --base)")
    verify.add_argument("--base", default="origin/main", help="the git ref --changed compares with (default: origin/main)")
    verify.add_argument("--source", action="append", choices=("arxiv", "crossref", "dblp"), help="ask only this service; repeatable (default: all three)")
    verify.add_argument("--cache", type=Path, default=None, help="the cache folder (default: .cache/sitegen/verify under --root)")
    verify.add_argument("--max-age", type=int, default=30, metavar="DAYS", help="ask again for answers older than this (default: 30)")
    verify.add_argument("--no-cache", action="store_true", help="ask every service again and keep nothing")
    verify.add_argument("--mailto", metavar="ADDRESS", help="contact address for Crossref's polite pool (default: $SITEGEN_MAILTO)")
    verify.add_argument("--strict", action="store_true", help="exit 1 when there is any disagreement")
    verify.add_argument("--record", action="store_true",
                        help="write each page a service agrees with on everything it shows (title and authors at least) "
                        "into the record's `checked`; records that disagree are left to a curator")
    verify.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    verify.add_argument("-o", "--output", type=Path, help="also write the whole report (warnings, then the summary) to this file")

    report = sub.add_parser("report", help="write the curation audit report (merges, corrections, doubts)")
    report.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    return parser


def _positive(text: str) -> int:
    """A count of one or more, so that a wrong one is a usage error."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return int(text)


def _port(text: str) -> int:
    """A TCP port number, so that a wrong one is a usage error rather than a socket error."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


# command name -> module in sitegen.commands; imported only when that command runs
_COMMANDS = {
    "check": "check",
    "fmt": "fmt",
    "export": "export",
    "import": "importing",
    "add": "add",
    "build": "build",
    "serve": "build",
    "report": "report",
    "schema": "schema",
    "candidates": "candidates",
    "verify": "verify",
    "complete": "complete",
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser(argv).parse_args(argv)
    try:
        if not (args.root / "taxonomy.yaml").is_file():
            raise UsageError(f"{args.root}: not a collection (no taxonomy.yaml); run from the repository or pass --root")
        module = importlib.import_module(f"sitegen.commands.{_COMMANDS[args.command]}")
        run: Callable[[argparse.Namespace], int] = getattr(module, f"run_{args.command}")
        code = run(args)
        flush_stdout()  # here, where a failure can still be reported, not at exit
        return code
    except UsageError as exc:
        print(f"sitegen {args.command}: {exc.shown()}", file=sys.stderr)
        return 2
    except DataError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        print(count_summary(exc.problems), file=sys.stderr)
        return 1
    except (NetworkError, SitegenError) as exc:
        print(f"sitegen {args.command}: {exc.shown()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        silence_stdout()
        return 1
    except Exception as exc:  # the last resort: every known failure is handled where it happens
        return _internal_error(args.command, exc)


def _internal_error(command: str, exc: BaseException) -> int:
    """One line instead of a traceback; SITEGEN_DEBUG=1 shows the traceback."""
    if os.environ.get("SITEGEN_DEBUG"):
        raise exc
    print(
        f"sitegen {command}: internal error ({type(exc).__name__}: {printable(str(exc))}); "
        "please report it with the command and the file that caused it (SITEGEN_DEBUG=1 shows the traceback)",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
