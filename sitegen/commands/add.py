"""`sitegen add`: one new record, from a BibTeX entry, an arXiv id or a DOI (with --result-of,
one result added to a record instead: see `sitegen.commands.add_result`).

The recipe: read the labels given as options (one option per taxonomy axis), read the source,
refuse a paper the collection already has, ask for missing labels on a terminal (or say which
options to give), check the record exactly as `check` would, and only then write it.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from contextlib import nullcontext
from pathlib import Path
from typing import Callable, Sequence

from pydantic import ValidationError

from sitegen.document import Document, display_path, parse_yaml
from sitegen.errors import SitegenError, UsageError, printable
from sitegen.files import write_atomic
from sitegen.fmt import render
from sitegen.commands.add_result import result_from_options, run_add_result, with_result
from sitegen.identifiers import arxiv_abs_url, doi_url
from sitegen.importers.draft import Draft, existing_matches, to_record
from sitegen.keys import base_key, next_free
from sitegen.load import PAPERS_DIR, collection_lock
from sitegen.messages import did_you_mean, problems_from
from sitegen.model import Paper, paper_model
from sitegen.normalize import normalize
from sitegen.pipeline import Collection, load_collection
from sitegen.taxonomy import Taxonomy
from sitegen.validate import validate_document
from sitegen.verify.record import service_page

Labels = dict[str, list[str]]


# --- options ---------------------------------------------------------------------------


def _dest(axis: str) -> str:
    return "axis_" + axis.replace("-", "_")


def add_axis_options(parser: argparse.ArgumentParser, argv: Sequence[str]) -> None:
    """One option per axis of the collection's taxonomy: `--knowledge feature-based`."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--root", type=Path, default=Path("."))
    root = pre.parse_known_args(argv)[0].root
    try:
        taxonomy = Taxonomy.load(root)
    except (SitegenError, OSError):
        return  # the command itself reports what is wrong with the taxonomy
    group = parser.add_argument_group("taxonomy labels (from taxonomy.yaml)")
    for axis in taxonomy.axes:
        group.add_argument(
            f"--{axis.id}",
            dest=_dest(axis.id),
            action="append",
            default=[],
            metavar="ID",
            help=f"{axis.description} One of: {', '.join(taxonomy.axis_node_ids(axis.id))}",
        )


def labels_from_options(args: argparse.Namespace, taxonomy: Taxonomy) -> Labels:
    """The labels given on the command line, each checked against its axis."""
    labels: Labels = {}
    for axis in taxonomy.axis_ids:
        given = [part.strip() for value in getattr(args, _dest(axis), []) for part in value.split(",")]
        allowed = taxonomy.axis_node_ids(axis)
        for node in filter(None, given):
            if node in allowed:
                labels.setdefault(axis, []).append(node)
            elif node in taxonomy.nodes:
                other = taxonomy.nodes[node].axis
                raise UsageError(f"--{axis} {node}: '{node}' is a {other} id; give it as --{other} {node}")
            else:
                raise UsageError(f"--{axis} {node}: unknown {axis} id{did_you_mean(node, allowed)} (`sitegen add --help` lists them)")
    return labels


def missing_labels_message(taxonomy: Taxonomy) -> str:
    """What to give when a core record has no label and nobody can be asked."""
    width = max(len(axis) for axis in taxonomy.axis_ids) + 4
    lines = ["a core record needs at least one taxonomy label; nothing was written. Give one or more of:"]
    for axis in taxonomy.axis_ids:
        ids = ", ".join(taxonomy.axis_node_ids(axis))
        indent = f"  --{axis}".ljust(width + 3)
        lines.append(textwrap.fill(ids, 100, initial_indent=indent, subsequent_indent=" " * len(indent), break_on_hyphens=False))
    lines.append("or --scope related for background work (architectures, datasets, general compression).")
    lines.append("docs/curation.md ('Scope and labels') says which labels fit.")
    return "\n".join(lines)


# --- prompts ---------------------------------------------------------------------------


def can_prompt(args: argparse.Namespace) -> bool:
    """Ask only a person at a terminal: never with --no-input, in CI, or when stdin is not a terminal."""
    if args.no_input or os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        return False
    return sys.stdin.isatty()


def _ask_terminal(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise UsageError("no answer (end of input); nothing was written")
    return line.strip()


def _say(text: str) -> None:
    print(text, file=sys.stderr)


class Prompter:
    """Asks for a record's scope and labels, offering the taxonomy's choices."""

    def __init__(self, taxonomy: Taxonomy, ask: Callable[[str], str] = _ask_terminal, say: Callable[[str], None] = _say):
        self.taxonomy, self.ask, self.say = taxonomy, ask, say

    def scope(self) -> str:
        while True:
            answer = self.ask("scope: core (distillation work) or related (background)? [core] ").lower()
            if answer in ("", "core", "c"):
                return "core"
            if answer in ("related", "r"):
                return "related"
            self.say(f"  '{answer}' is neither core nor related")

    def labels(self, given: Labels) -> Labels:
        """`given`, with an answer for each axis it lacks; at least one label in all."""
        while True:
            labels = dict(given)
            for axis in self.taxonomy.axis_ids:
                if axis not in labels:
                    chosen = self._axis(axis)
                    if chosen:
                        labels[axis] = chosen
            if labels:
                return labels
            self.say("a core record needs at least one label; choose again (or interrupt, and use --scope related)")

    def _axis(self, axis: str) -> list[str]:
        info = self.taxonomy.axis(axis)
        ids = self.taxonomy.axis_node_ids(axis)
        self.say(f"\n{axis}: {info.description}")
        for number, node in enumerate(ids, start=1):
            depth = len(self.taxonomy.ancestors(node))
            self.say(f"  {number:>2} {'  ' * depth}{node}  ({self.taxonomy.nodes[node].label})")
        while True:
            answer = self.ask(f"{axis} (numbers or ids, separated by commas; empty for none): ")
            chosen, wrong = [], []
            for part in filter(None, (p.strip() for p in answer.split(","))):
                if part.isdigit() and 1 <= int(part) <= len(ids):
                    chosen.append(ids[int(part) - 1])
                elif part in ids:
                    chosen.append(part)
                else:
                    wrong.append(part)
            if not wrong:
                return list(dict.fromkeys(chosen))
            self.say(f"  not a choice: {', '.join(wrong)}{did_you_mean(wrong[0], ids)}")


# --- sources ---------------------------------------------------------------------------


def read_source(args: argparse.Namespace) -> Draft:
    if args.bibtex is not None:
        return _one_bibtex_entry(args.bibtex)
    if args.arxiv is not None:
        from sitegen.importers.arxiv import fetch_arxiv

        return fetch_arxiv(args.arxiv)
    from sitegen.importers.crossref import fetch_crossref

    return fetch_crossref(args.doi)


def _one_bibtex_entry(name: str) -> Draft:
    from sitegen.importers.bibtex import decode_bytes, read_bibtex

    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)  # bytes, so that a Latin-1 entry is read as one
        raw, shown = stream.read() if stream is not None else sys.stdin.read().encode("utf-8"), "<stdin>"
    else:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"--bibtex {name}: no such file")
        raw, shown = path.read_bytes(), display_path(path)
    text, warning = decode_bytes(raw, shown)
    if warning:
        print(warning, file=sys.stderr)
    drafts, failures = read_bibtex(text, shown)
    if failures:
        line, reason = failures[0]
        raise SitegenError(f"{shown}:{line}: {reason}")
    if len(drafts) != 1:
        found = "no entry" if not drafts else f"{len(drafts)} entries (lines {', '.join(str(d.line) for d in drafts)})"
        raise UsageError(f"--bibtex {name}: expected one BibTeX entry, found {found}; `sitegen import bibtex` takes many")
    return drafts[0]


# --- the record ------------------------------------------------------------------------


def _taken_ids(root: Path, collection: Collection) -> set[str]:
    """Ids a new record may not have: records (valid or not), and retired ids kept as aliases."""
    files = {path.stem for path in (root / PAPERS_DIR).glob("*.yaml")}
    return files | {p.id for p in collection.papers} | {a for p in collection.papers for a in p.aliases}


def make_paper(draft: Draft, taxonomy: Taxonomy, scope: str, labels: Labels, taken: set[str], distinct_from: list[str]) -> Paper:
    """The draft as a normalized record with a free id; SitegenError if it cannot be valid."""
    fields = to_record(draft, taxonomy, scope, labels)
    if any(nodes for _, nodes in labels.items()):  # chosen in options or prompts: a curator's labels
        fields["labels_by"] = {"by": "curator"}
    fields["id"] = next_free(base_key(draft.authors[0], draft.year or 0, draft.title), taken)
    if distinct_from:
        fields["distinct_from"] = distinct_from
    model = paper_model(taxonomy)
    try:
        return normalize(model.model_validate(fields), taxonomy)
    except ValidationError as exc:
        messages = [p.message for p in problems_from(exc, Document(draft.origin, fields), model, taxonomy)]
        raise SitegenError(f"{draft.origin}: cannot make a valid record ({'; '.join(messages)}); nothing was written") from None


def refuse_duplicates(paper: Paper, collection: Collection) -> None:
    found = existing_matches(paper, collection.papers)
    if found:
        where = "; ".join(f"{other.where} ({why})" for other, why in found)
        ids = " ".join(f"--distinct-from {other.id}" for other, _ in found)
        raise SitegenError(
            f"refused: the collection already has this paper: {where}. "
            f"Improve that record instead; if this is another work, add it again with {ids}"
        )


def checked_text(paper: Paper, path: Path, taxonomy: Taxonomy, origin: str) -> str:
    """The file `add` writes, read back and validated exactly as `check` reads records."""
    text = render(paper)
    doc = parse_yaml(text.encode("utf-8"), display_path(path))
    _, problems = validate_document(doc, taxonomy)
    errors = [p.message for p in problems if p.is_error]
    if errors:
        raise SitegenError(f"{origin}: the record would not pass `check` ({'; '.join(errors)}); nothing was written")
    return text


def _source_for(args: argparse.Namespace, collection: Collection) -> tuple[Labels, Draft]:
    """The labels given as options and the entry to add, both checked."""
    given = labels_from_options(args, collection.taxonomy)
    unknown = [other for other in args.distinct_from if other not in collection.by_id]
    if unknown:
        raise UsageError(f"--distinct-from {unknown[0]}: no such record{did_you_mean(unknown[0], collection.by_id)}")
    draft = read_source(args)
    if args.code:
        draft.code = args.code
    return given, draft


def _ask(args: argparse.Namespace, root: Path) -> tuple[Labels, Draft, str, Labels]:
    """On a terminal: refuse a duplicate before asking anything (the answers would be wasted),
    then ask for the scope and the labels the options did not give."""
    collection = load_collection(root)
    taxonomy = collection.taxonomy
    given, draft = _source_for(args, collection)
    paper = make_paper(draft, taxonomy, args.scope or "core", given, _taken_ids(root, collection), args.distinct_from)
    refuse_duplicates(paper, collection)
    scope = args.scope or Prompter(taxonomy).scope()
    labels = Prompter(taxonomy).labels(given) if scope == "core" and len(given) < len(taxonomy.axis_ids) else given
    return given, draft, scope, labels


def with_candidates(paper: Paper, collection: Collection) -> Paper:
    """The paper with what the candidates it completes give: their list entries under
    `sources.lists` (where the list is registered, at its commit), so the record keeps its
    provenance, and a code link the record lacks."""
    from sitegen.model import ListSource, Sources
    from sitegen.sources import same_work

    found = [c for c in collection.candidates if same_work(c, paper.arxiv, paper.doi, paper.title)]
    entries = list(paper.sources.lists) if paper.sources else []
    for candidate in found:
        source = candidate.source
        registered = collection.lists.get(source.list)
        if registered is None or source.commit is None:
            continue
        entry = ListSource(list=source.list, commit=source.commit, line=source.line)
        if entry not in entries:
            entries.append(entry)
    update: dict[str, object] = {}
    if entries:
        sources = paper.sources or Sources()
        update["sources"] = sources.model_copy(update={"lists": sorted(entries, key=lambda e: (e.list, e.line))})
    code = next((c.code for c in found if c.code), None)
    if code and not paper.code:
        update["code"] = code
    return paper.model_copy(update=update) if update else paper


def with_looked_up_page(paper: Paper, args: argparse.Namespace) -> Paper:
    """A record made from arXiv's or Crossref's answer names that answer's page under `checked`:
    its title, authors and year were taken from there."""
    if args.arxiv is not None and paper.arxiv:
        page = service_page("arXiv", arxiv_abs_url(paper.arxiv), ["title", "authors", "year", "arxiv"], "add")
    elif args.doi is not None and paper.doi:
        page = service_page("Crossref", doi_url(paper.doi), ["title", "authors", "year", "doi"], "add")
    else:
        return paper
    return paper.model_copy(update={"checked": [*paper.checked, page]})


def run_add(args: argparse.Namespace) -> int:
    if args.result_of:
        return run_add_result(args)
    root: Path = args.root
    asked = _ask(args, root) if can_prompt(args) and args.bibtex != "-" else None  # standard input held the entry
    # The duplicate check and the write happen under the collection's lock, on the collection as
    # it is then: another `add` of the same paper at the same time either finished (and this one
    # is refused) or waits.
    with collection_lock(root) if not args.dry_run else nullcontext():
        collection = load_collection(root)
        taxonomy = collection.taxonomy
        if asked:
            given, draft, scope, labels = asked
        else:
            given, draft = _source_for(args, collection)
            scope, labels = args.scope or "core", given
        paper = make_paper(draft, taxonomy, scope, labels, _taken_ids(root, collection), args.distinct_from)
        refuse_duplicates(paper, collection)
        paper = with_candidates(paper, collection)
        paper = with_looked_up_page(paper, args)
        if scope == "core" and not labels:
            raise UsageError(missing_labels_message(taxonomy), lines=True)
        result = result_from_options(args, taxonomy)
        if result is not None:
            paper = with_result(paper, result, taxonomy, draft.origin)
        path = root / PAPERS_DIR / f"{paper.id}.yaml"
        text = checked_text(paper, path, taxonomy, draft.origin)
        shown = display_path(path)
        if args.dry_run:
            sys.stdout.write(text)
            print(f"dry run: would write {shown}", file=sys.stderr)
            return 0
        try:
            write_atomic(path, text, replace=False)  # never replace a file, even one written meanwhile
        except FileExistsError:
            raise SitegenError(f"{shown} appeared while adding; nothing was written, run the command again") from None
    print(f"wrote {shown}", file=sys.stderr)
    base = base_key(draft.authors[0], draft.year or 0, draft.title)
    if paper.id != base:
        holder = collection.by_id[base].where if base in collection.by_id else f"{PAPERS_DIR}/{base}.yaml"
        print(f"note: {shown} has a suffixed id because its key is taken by {holder}; check they are different works", file=sys.stderr)
    from sitegen.sources import CANDIDATES_FILE, remove_candidates

    for candidate in remove_candidates(root, paper.arxiv, paper.doi, paper.title):
        print(f"removed the candidate {candidate.source.list}:{candidate.source.line} from {CANDIDATES_FILE}", file=sys.stderr)
    for doubt in paper.doubts:
        print(f"doubt: {printable(doubt)}", file=sys.stderr)
    root_option = "" if root == Path(".") else f" --root {root}"
    print(f"next: read it over, then run: python -m sitegen{root_option} check {shown}", file=sys.stderr)
    return 0
