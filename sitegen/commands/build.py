"""`sitegen build` and `sitegen serve`: the website, from the records."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sitegen.errors import DataError, SitegenError, UsageError, count_summary


def run_build(args: argparse.Namespace) -> int:
    from sitegen.site.build import build_site, report

    result = build_site(
        args.root, args.site_dir, run_mkdocs_build=not args.no_mkdocs, verbose=getattr(args, "verbose", False), site_url=args.site_url
    )
    report(result)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from sitegen.site.build import CONFIG_FILE, HAND_WRITTEN, PROJECT, SITE_DIR, TEMPLATES, build_site, report
    from sitegen.site.serve import start_server, watch

    root: Path = args.root.resolve()
    site_dir: Path = Path(os.path.abspath(args.site_dir or root / SITE_DIR))  # a link there is refused, not followed

    # A preview is served from the root of localhost, not at the public address: a local build.
    def rebuild() -> None:
        try:
            report(build_site(root, site_dir, env={}))
        except DataError as exc:
            for problem in exc.problems:
                print(problem.format(), file=sys.stderr)
            print(f"{count_summary(exc.problems)}; still serving the last good build", file=sys.stderr)
        except SitegenError as exc:
            print(f"sitegen serve: {exc}; still serving the last good build", file=sys.stderr)

    report(build_site(root, site_dir, env={}))  # the first build must succeed: there is nothing to show otherwise
    try:
        server = start_server(site_dir, args.port)
    except OSError as exc:
        raise UsageError(f"--port {args.port}: cannot serve on 127.0.0.1 ({exc.strerror}); choose another port") from None
    print(f"serving {site_dir} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", file=sys.stderr)
    watched = [root / "papers", root / "taxonomy.yaml", root / "venues.yaml", root / "benchmarks.yaml", root / "architectures.yaml", root / "people.yaml"]
    watched += [PROJECT / TEMPLATES, PROJECT / HAND_WRITTEN, PROJECT / CONFIG_FILE, PROJECT / "overrides"]
    try:
        watch(watched, rebuild)
    finally:
        server.shutdown()
    return 0
