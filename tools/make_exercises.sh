#!/usr/bin/env bash
# Writes the student copy of the project: every body marked
#
#   // BEGIN EXERCISE 2.3: <one-line hint>
#   ...the solution...
#   // END EXERCISE 2.3
#
# becomes `throw autograd::NotImplemented("exercise 2.3: <one-line hint>");`, so the copy is
# generated from the working code and cannot drift from it. See docs/EXERCISES.md.
#
#   tools/make_exercises.sh [--force] DIR   the student copy (DIR must not exist, or be empty,
#                                           unless --force: then it is brought up to date,
#                                           and files the project no longer has are removed)
#   tools/make_exercises.sh --trace DIR     the solved code, each region reporting that it ran,
#                                           by id and file:line (for the tag audit of
#                                           tools/check_exercises.sh)
#   tools/make_exercises.sh --list          every region: id, file:line, hint
#
# Markers: the BEGIN line holds the id N.M and a hint without " or \; the END line may repeat
# the id. Regions do not nest; they are whole statements (a function body, or its part after
# the argument checks), so that a throw in their place compiles. Only .cpp files hold them.
# The student copy of a marked file includes autograd/errors.hpp, for the stubs' exception.
set -euo pipefail
export LC_ALL=C  # one sort order for the file lists
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
die() {
  echo "make_exercises: $*" >&2
  exit 1
}

mode=student
force=0
dest=""
while [ $# -gt 0 ]; do
  case "$1" in
    --force) force=1 ;;
    --trace) mode=trace ;;
    --list) mode=list ;;
    -h | --help) usage; exit 0 ;;
    -*) usage; die "unknown option '$1'" ;;
    *) [ -z "$dest" ] || die "one DIR only"; dest="$1" ;;
  esac
  shift
done

# The project's files, relative to ROOT: what git tracks or would track (so build/, results/
# and exercises/ stay out), or, outside a git checkout (a student copy), every file but those.
project_files() {
  if git -C "$ROOT" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    git -C "$ROOT" ls-files --cached --others --exclude-standard
  else
    (cd "$ROOT" && find . -type f \
      -not -path './.git/*' -not -path './build/*' -not -path './build-*/*' \
      -not -path './results/*' -not -path './exercises/*' | sed 's|^\./||')
  fi | sort -u
}

# A line that starts a region: indentation, "// BEGIN EXERCISE ", the id, ": ", the hint.
readonly BEGIN_RE='^[[:space:]]*// BEGIN EXERCISE [0-9]'

# The transformation, in POSIX awk (Debian's default awk is mawk). mode: student | trace | list.
# It checks the markers as it goes and exits 1 naming file:line when one is malformed.
read -r -d '' TRANSFORM << 'AWK' || true
function fail(message) {
  printf "%s:%d: %s\n", FILENAME, FNR, message > "/dev/stderr"
  failed = 1
  exit 1
}
/^[ \t]*\/\/ *BEGIN EXERCISE/ {
  if (in_region) fail("BEGIN EXERCISE inside the region opened at line " start)
  if (!match($0, /^[ \t]*\/\/ BEGIN EXERCISE [0-9]+\.[0-9]+: /))
    fail("a region opens with \"// BEGIN EXERCISE N.M: <hint>\"")
  header = substr($0, RSTART, RLENGTH)
  hint = substr($0, RLENGTH + 1)
  indent = substr($0, 1, match($0, /[^ \t]/) - 1)
  id = substr(header, length(indent) + 19)  # after "// BEGIN EXERCISE "
  id = substr(id, 1, length(id) - 2)        # without ": "
  if (hint == "") fail("exercise " id ": the hint is empty")
  if (hint ~ /["\\]/) fail("exercise " id ": the hint must not contain \" or \\")
  in_region = 1
  start = FNR
  if (mode == "list") {
    printf "%s\t%s:%d\t%s\n", id, FILENAME, FNR, hint
  } else if (mode == "trace") {
    print
    printf "%s{ static bool reached = false; if (!reached) { reached = true; exercise_trace_reached(\"%s %s:%d\"); } }\n", indent, id, FILENAME, FNR
  } else {
    printf "%s// EXERCISE %s: %s (docs/EXERCISES.md)\n", indent, id, hint
    printf "%sthrow autograd::NotImplemented(\"exercise %s: %s\");\n", indent, id, hint
  }
  next
}
/^[ \t]*\/\/ *END EXERCISE/ {
  if (!in_region) fail("END EXERCISE without a BEGIN")
  if (!match($0, /^[ \t]*\/\/ END EXERCISE( [0-9]+\.[0-9]+)?[ \t]*$/))
    fail("a region closes with \"// END EXERCISE\" or \"// END EXERCISE N.M\"")
  closing = $0
  sub(/^[ \t]*\/\/ END EXERCISE */, "", closing)
  sub(/[ \t]*$/, "", closing)
  if (closing != "" && closing != id) fail("END EXERCISE " closing " closes exercise " id)
  in_region = 0
  if (mode == "trace") print
  next
}
{
  if (!in_region || mode == "trace") {
    if (mode != "list") print
  }
}
END {
  if (!failed && in_region) {
    FNR = start
    fail("exercise " id ": no END EXERCISE")
  }
}
AWK

# Lines put first in a transformed file.
student_prelude() {
  cat << 'EOF'
// Student copy (./run.sh exercises). The bodies marked EXERCISE below are yours to write;
// docs/EXERCISES.md says in which order. Until they are written, their parameters and helpers
// are unused, so the compiler is told not to warn about that in this file.
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#include "autograd/errors.hpp"  // autograd::NotImplemented, which the stubs throw
EOF
}
trace_prelude() {
  cat << 'EOF'
// Traced copy (tools/make_exercises.sh --trace): each exercise region appends its id and where
// it starts in the solved source ("1.3 autograd/shape_ops.cpp:43", as --list names it) to the
// file $EXERCISE_TRACE_FILE the first time it runs in a process. (Guarded: in a unity build,
// cmake/BuildSpeed.cmake, several traced files share one translation unit.)
#ifndef DROPOUT_LAB_EXERCISE_TRACE
#define DROPOUT_LAB_EXERCISE_TRACE
#include <cstdio>
#include <cstdlib>
namespace {
[[maybe_unused]] void exercise_trace_reached(const char* id) {
  if (const char* path = std::getenv("EXERCISE_TRACE_FILE")) {
    if (std::FILE* file = std::fopen(path, "a")) {
      std::fprintf(file, "%s\n", id);
      std::fclose(file);
    }
  }
}
}  // namespace
#endif
EOF
}

# transform FILE MODE: the file's new text on stdout.
transform() {
  awk -v mode="$2" "$TRANSFORM" "$1"
}

marked_files() {
  (cd "$ROOT" && project_files | while IFS= read -r file; do
    [ -f "$file" ] || continue
    case "$file" in
      *.cpp | *.hpp | *.h | *.cc) grep -q -E "$BEGIN_RE" "$file" && echo "$file" ;;
    esac
  done) || true
}

if [ "$mode" = list ]; then
  [ -z "$dest" ] || die "--list takes no DIR"
  cd "$ROOT"
  files=$(marked_files)
  [ -n "$files" ] || die "no exercise markers found under $ROOT"
  # shellcheck disable=SC2086
  for file in $files; do transform "$file" list; done | sort -t . -k1,1n -k2,2n -s
  exit 0
fi

[ -n "$dest" ] || { usage; die "DIR is missing"; }
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
case "$dest/" in
  "$ROOT/") die "DIR must not be the project itself" ;;
esac
if [ "$force" -eq 0 ] && [ -n "$(ls -A "$dest")" ]; then
  die "$dest is not empty: it may hold your work. Choose another DIR, or remove it first."
fi
# When DIR lies inside the project, leave it out of the copy.
inside=""
case "$dest/" in "$ROOT"/*) inside="${dest#"$ROOT"/}/" ;; esac

cd "$ROOT"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The files to copy: the project's, without DIR itself when it lies inside the project.
project_files | while IFS= read -r file; do
  [ -f "$file" ] || continue # tracked, but deleted in the working tree
  if [ -n "$inside" ]; then case "$file" in "$inside"*) continue ;; esac; fi
  echo "$file"
done > "$work/manifest"
grep -E '\.(cpp|cc|hpp|h)$' "$work/manifest" | tr '\n' '\0' \
  | xargs -0 -r grep -l -E "$BEGIN_RE" -- | sort > "$work/marked" || true
[ -s "$work/marked" ] || die "no exercise markers found under $ROOT"

# Unmarked files: copied in bulk; -u skips those not changed since they were copied, so
# regenerating and rebuilding the copy only touches what changed. A copied file gets the time
# of copying, not its source's: a source edited while an earlier copy was building is older
# than that build's objects, and with its own time kept it would not be recompiled.
comm -23 "$work/manifest" "$work/marked" | tr '\n' '\0' \
  | xargs -0 -r cp -u --preserve=mode --parents -t "$dest" --

# Marked files: transformed, and rewritten only when their text changed.
while IFS= read -r file; do
  case "$file" in *.cpp | *.cc) ;; *) die "$file: exercise markers belong in .cpp files" ;; esac
  {
    if [ "$mode" = student ]; then student_prelude; else trace_prelude; fi
    transform "$file" "$mode"
  } > "$work/new" || die "$file: malformed exercise markers (see above)"
  target="$dest/$file"
  if ! cmp -s "$work/new" "$target"; then
    mkdir -p "$(dirname "$target")"
    cp "$work/new" "$target"
    chmod --reference="$file" "$target"
  fi
done < "$work/marked"

if [ "$force" -eq 1 ]; then # drop files the project no longer has (the copy is generated),
  # but keep the copy's own build/ (tools/check_exercises.sh builds it there)
  (cd "$dest" && find . -path ./build -prune -o -type f -print | sed 's|^\./||' | sort) \
    | comm -23 - "$work/manifest" \
    | tr '\n' '\0' | (cd "$dest" && xargs -0 -r rm -f --)
fi
regions=$(tr '\n' '\0' < "$work/marked" | xargs -0 cat | grep -c -E "$BEGIN_RE")
echo "make_exercises: wrote $dest ($(wc -l < "$work/manifest") files; $regions regions in" \
  "$(wc -l < "$work/marked") files $([ "$mode" = student ] && echo replaced by stubs || echo traced))"
