"""Command line: `python -m explainer check data` and `python -m explainer schema data/schema`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from explainer.errors import DataError
from explainer.loading import load_dataset
from explainer.schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a data folder")
    check.add_argument("data", type=Path)
    schema = commands.add_parser("schema", help="write the JSON Schemas")
    schema.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(args.out):
            print(f"wrote {path}")
        return 0
    return _check(args.data)


def _check(data: Path) -> int:
    try:
        dataset = load_dataset(data.resolve(), display_root=Path.cwd())
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for issue in error.issues:
                print(issue.github_annotation())
        return 1
    print(
        f"data OK: {len(dataset.states)} states, {len(dataset.events)} events, "
        f"{len(dataset.series)} series, {len(dataset.sources)} sources; "
        f"as of {dataset.as_of.isoformat()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
