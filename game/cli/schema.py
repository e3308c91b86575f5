"""`schema [--out FILE] [--docs FILE.md]`: the scenario format's JSON Schema, from the model.

Without `--out` the schema goes to standard output. The repository keeps its copy in
`docs/scenario.schema.json` (shipped scenario files point at it on their first line, for
editors) and the field reference of `docs/modding.md`; `--docs` rewrites that reference's
generated block. A test fails when either is out of date: regenerate with
`python -m game schema --out docs/scenario.schema.json --docs docs/modding.md`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.cli.args import check_outputs
from game.scenario.jsonschema_gen import build_schema, update_docs


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="write the scenario format's JSON Schema (for editors and checks)",
        description=__doc__,
    )
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="write it here")
    p.add_argument(
        "--docs",
        type=Path,
        default=None,
        metavar="FILE.md",
        help="also rewrite the generated field reference in this Markdown file",
    )
    p.set_defaults(func=run, parser=p)


def schema_text() -> str:
    """The schema as the repository keeps it: sorted keys' order as built, 2-space indent."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    check_outputs(args, [("--out", args.out), ("--docs", args.docs)], [])
    text = schema_text()
    try:
        if args.docs is not None:
            docs = update_docs(args.docs.read_text(encoding="utf-8"))
            args.docs.write_text(docs, encoding="utf-8")
        if args.out is None:
            sys.stdout.write(text)
        else:
            args.out.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
