#!/usr/bin/env python3
"""Compare the summary.json files of two results/ trees, key by key.

    tools/compare_results.py OLD_RESULTS NEW_RESULTS [--rel-tol 0] [--show-added]
                             [--with-provenance]

OLD and NEW are results/ trees (one folder per experiment, each with a summary.json) or two
single experiment folders. For every experiment directory holding a summary.json in OLD, every leaf value (numbers,
strings, booleans, nulls; arrays element by element) of the old summary is looked up at the
same path in the new one. A leaf that is missing, of another type, or different (numbers:
beyond --rel-tol relative) is reported. Keys only in NEW are counted (listed with
--show-added): adding keys is allowed, changing old ones is not. Exit code 0 when no old leaf
changed, 1 otherwise, 2 on bad usage.

A top-level "provenance" key (the version, commit, compiler, flags and BLAS of the build that
wrote the file; experiments/common/provenance.hpp) is skipped, in both files: it tells two
builds apart, not two results. --with-provenance compares it too. Finding no summary.json in OLD is an error (exit 2), not
a comparison of nothing.
"""
import argparse
import json
import math
import pathlib
import sys


def leaves(value, items=()):
    """Yields (path items, leaf) for every leaf of a JSON value; an item is ("key", name) or
    ("index", i). Items, not a dotted string: some keys hold dots ("giving_0.487879")."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, items + (("key", key),))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaves(child, items + (("index", index),))
    else:
        yield items, value


def show(items):
    """The path as a reader writes it: config.inferred.sizes[3]."""
    text = ""
    for kind, key in items:
        text += f"[{key}]" if kind == "index" else (f".{key}" if text else key)
    return text


def lookup(value, path_items):
    for kind, key in path_items:
        if kind == "key":
            if not isinstance(value, dict) or key not in value:
                raise KeyError
            value = value[key]
        else:
            if not isinstance(value, list) or key >= len(value):
                raise KeyError
            value = value[key]
    return value


def same(old, new, rel_tol):
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        if math.isnan(old) and math.isnan(new):
            return True
        return old == new or abs(old - new) <= rel_tol * max(abs(old), abs(new))
    return old == new


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog='A top-level "provenance" key (which build wrote the file) is skipped unless '
        "--with-provenance is given.")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rel-tol", type=float, default=0.0)
    parser.add_argument("--show-added", action="store_true")
    parser.add_argument("--with-provenance", action="store_true",
                        help='also compare the top-level "provenance" key (skipped by default)')
    args = parser.parse_args()
    old_root, new_root = pathlib.Path(args.old), pathlib.Path(args.new)
    if (old_root / "summary.json").exists():  # two experiment folders, not two trees
        pairs = [(old_root.name, old_root / "summary.json", new_root / "summary.json")]
    else:
        pairs = [(f.parent.name, f, new_root / f.parent.name / "summary.json")
                 for f in sorted(old_root.glob("*/summary.json"))]
    if not pairs:
        print(f"error: no summary.json in {old_root} or its folders", file=sys.stderr)
        return 2
    changed = 0
    for name, old_file, new_file in pairs:
        if not new_file.exists():
            print(f"{name}: summary.json missing in {new_root}")
            changed += 1
            continue
        old = json.loads(old_file.read_text())
        new = json.loads(new_file.read_text())
        if not args.with_provenance:
            for summary in (old, new):
                if isinstance(summary, dict):
                    summary.pop("provenance", None)
        old_paths = set()
        differences = []
        for path, value in leaves(old):
            old_paths.add(path)
            try:
                new_value = lookup(new, path)
            except KeyError:
                differences.append(f"  {show(path)}: missing (was {value!r})")
                continue
            if not same(value, new_value, args.rel_tol):
                differences.append(f"  {show(path)}: {value!r} -> {new_value!r}")
        added = [show(path) for path, _ in leaves(new) if path not in old_paths]
        print(f"{name}: {len(old_paths)} old leaves, {len(differences)} changed or missing, "
              f"{len(added)} added")
        for line in differences:
            print(line)
        if args.show_added:
            for path in added:
                print(f"  + {path}")
        changed += len(differences)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
