#!/usr/bin/env python3
"""How large experiments/ is, against issue 15's limits: lines of code, comments and blank
lines by folder, the files over 300 lines and the functions over 60.

    tools/experiments_size.py [TREE]          (TREE: a checkout's root, default this one)

Lines are counted in the .cpp and .hpp files under TREE/experiments. A line is a comment when it
holds nothing but a // comment; a function is a definition that clang-format puts at the start
of a line (as it does every function defined at namespace scope) and ends at the first closing
brace at the start of a line after it, so a lambda or a member defined in a class body counts
within its enclosing function or class, not on its own.
"""
import pathlib
import re
import sys

FILE_LIMIT, FUNCTION_LIMIT = 300, 60


def classify(lines):
    code = comment = blank = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            blank += 1
        elif stripped.startswith("//"):
            comment += 1
        else:
            code += 1
    return code, comment, blank


# A definition's first line: a name and its parameter list's start, at column 0, not a
# declaration keyword or a preprocessor line.
DEFINITION = re.compile(r"^[A-Za-z_][\w:<>,\s\*&\[\]]*?\b([\w:~]+(?:operator\S*)?)\s*\(")
NOT_A_FUNCTION = re.compile(r"^(namespace|struct|class|enum|using|typedef|template|#|}|extern)")


def long_functions(path, lines):
    found = []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = DEFINITION.match(line)
        if match and not NOT_A_FUNCTION.match(line) and not line.rstrip().endswith(";"):
            # The body opens on this line or within the next few (wrapped parameter lists).
            opening = next((j for j in range(i, min(i + 8, len(lines))) if lines[j].rstrip().endswith("{")), None)
            if opening is not None and not any(lines[k].rstrip().endswith(";") for k in range(i, opening)):
                if lines[opening].rstrip().endswith("}"):  # a one-line definition
                    i = opening + 1
                    continue
                end = next((j for j in range(opening + 1, len(lines)) if lines[j].startswith("}")), None)
                if end is not None:
                    length = end - i + 1
                    if length > FUNCTION_LIMIT:
                        found.append((length, f"{path}:{i + 1}", match.group(1)))
                    i = end + 1
                    continue
        i += 1
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    experiments = root / "experiments"
    if not experiments.is_dir():
        print(f"experiments_size.py: no experiments/ under {root}", file=sys.stderr)
        return 2
    by_folder, long_files, functions = {}, [], []
    for path in sorted(experiments.rglob("*")):
        if path.suffix not in (".cpp", ".hpp"):
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        folder = path.relative_to(experiments).parts[0] if len(path.relative_to(experiments).parts) > 1 else "."
        counts = classify(lines)
        totals = by_folder.setdefault(folder, [0, 0, 0, 0])
        for k, value in enumerate((len(lines),) + counts):
            totals[k] += value
        relative = path.relative_to(root)
        if len(lines) > FILE_LIMIT:
            long_files.append((len(lines), str(relative)))
        functions += long_functions(relative, lines)
    print(f"{'folder':<16}{'lines':>8}{'code':>8}{'comment':>9}{'blank':>8}")
    grand = [0, 0, 0, 0]
    for folder, totals in sorted(by_folder.items()):
        print(f"{folder:<16}" + "".join(f"{v:>{w}}" for v, w in zip(totals, (8, 8, 9, 8))))
        grand = [a + b for a, b in zip(grand, totals)]
    print(f"{'all':<16}" + "".join(f"{v:>{w}}" for v, w in zip(grand, (8, 8, 9, 8))))
    print(f"files over {FILE_LIMIT} lines: {len(long_files)}")
    for length, name in sorted(long_files, reverse=True):
        print(f"  {length:>5}  {name}")
    print(f"functions over {FUNCTION_LIMIT} lines: {len(functions)}")
    for length, where, name in sorted(functions, reverse=True):
        print(f"  {length:>5}  {where}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
