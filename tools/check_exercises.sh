#!/usr/bin/env bash
# Checks the exercise path of docs/EXERCISES.md against the code (see also make_exercises.sh).
#
#   tools/check_exercises.sh copy [JOBS]      what ./run.sh test runs: build a traced copy of the
#                                             solved code and then the student copy, both in
#                                             build/student-copy/ (STUDENT_COPY_DIR), and check
#   tools/check_exercises.sh student BUILD    only the student-copy check, on a built copy
#   tools/check_exercises.sh traced BUILD     only the tag audit, on a built traced copy
#   tools/check_exercises.sh progress [BUILD] for a student: which exercises pass, and the first
#                                             failure of the next one (BUILD: build/release)
#
# The student-copy check (the issue's CI check):
#   (a) the copy compiles, and each library file that holds a stub compiles alone;
#   (b) every test tagged [exN.M] fails, and each of its failures is a NotImplemented whose
#       message names exercise N.M or an earlier one: no crash, no wrong-value assertion;
#   (c) every test without an exercise tag (it checks code the student is given) passes;
#   and the bookkeeping: each exercise in the code has tests and a section in
#   docs/EXERCISES.md, each exercise tag names an exercise of the code, [exN.M] comes with [exN].
# The tag audit runs the solved code with each exercise region recording that it ran, and checks
# that a test reaches only its own exercise or earlier ones (a stub of a later one would stop
# it before the student gets there), that an untagged test reaches none, and that every region
# (each stubbed body) is reached by a test tagged with its own exercise: a region reached only
# by later exercises' tests would let a wrong solution pass its own exercise. Both copies share
# one build directory: the second build only recompiles the files with exercise regions.
#
# Only the module test binaries (build/tests/test_*) are run: the experiments' own test binaries
# (tests/experiments/<name>/) run whole experiments, which in a student copy stop at the first
# stub they reach; they are built (so (a) covers them) but not run.
set -euo pipefail
# The caller's locale, for the builds: ccache hashes LC_ALL (it changes the compiler's
# messages), so a copy built under another LC_ALL would find none of the project's objects.
CALLER_LC_ALL="${LC_ALL-}"
CALLER_LC_ALL_SET="${LC_ALL+set}"
export LC_ALL=C
with_caller_locale() {
  if [ -n "$CALLER_LC_ALL_SET" ]; then LC_ALL="$CALLER_LC_ALL" "$@"; else env -u LC_ALL "$@"; fi
}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEST_TIMEOUT="${TEST_TIMEOUT:-300}" # seconds per test case

die() {
  echo "check_exercises: $*" >&2
  exit 1
}

# ----- exercise ids ---------------------------------------------------------------------------

# 0 when exercise id $1 (N.M) comes after id $2.
id_after() {
  local a_major=${1%%.*} a_minor=${1#*.} b_major=${2%%.*} b_minor=${2#*.}
  ((a_major > b_major || (a_major == b_major && a_minor > b_minor)))
}

# ----- the tests of a build -------------------------------------------------------------------

# Fills TESTS (keys "binary<TAB>name", in order) and TAG (key -> N.M, or empty), and records
# tag problems in PROBLEMS.
declare -a TESTS=()
declare -A TAG=()
declare -a PROBLEMS=()
collect_tests() {
  local build="$1" bin name tag line
  TESTS=()
  TAG=()
  local -A major=()
  shopt -s nullglob
  local binaries=("$build"/tests/test_*)
  shopt -u nullglob
  [ ${#binaries[@]} -gt 0 ] || die "no test binaries in $build/tests"
  for bin in "${binaries[@]}"; do
    [ -f "$bin" ] && [ -x "$bin" ] || continue
    while IFS= read -r name; do
      [ -n "$name" ] || continue
      TESTS+=("$bin"$'\t'"$name")
      TAG["$bin"$'\t'"$name"]=""
    done < <("$bin" --list-test-names-only || true)
    # "  12  [ex1.2]": the tags, then the tests of each exercise tag.
    while IFS= read -r tag; do
      if [[ "$tag" =~ ^ex([0-9]+)\.([0-9]+)$ ]]; then
        while IFS= read -r name; do
          [ -n "$name" ] || continue
          line="$bin"$'\t'"$name"
          if [ -n "${TAG[$line]}" ]; then
            PROBLEMS+=("${bin##*/} \"$name\": two exercise tags, ex${TAG[$line]} and $tag")
          fi
          TAG["$line"]="${tag#ex}"
        done < <("$bin" "[$tag]" --list-test-names-only || true)
      elif [[ "$tag" =~ ^ex[0-9]+$ ]]; then
        while IFS= read -r name; do
          [ -n "$name" ] && major["$bin"$'\t'"$name"]+="${tag#ex} "
        done < <("$bin" "[$tag]" --list-test-names-only || true)
      fi
    done < <("$bin" --list-tags | sed -n 's/^ *[0-9][0-9]*  \[\([^]]*\)\].*$/\1/p')
  done
  for line in "${TESTS[@]}"; do
    tag="${TAG[$line]}"
    local want="" have="${major[$line]:-}"
    [ -z "$tag" ] || want="${tag%%.*} "
    if [ "$have" != "$want" ]; then
      PROBLEMS+=("$(basename "${line%%$'\t'*}") \"${line#*$'\t'}\": tags [ex${tag:-?}] and\
 [ex${have:-?}] disagree (a test of exercise N.M carries [exN] and [exN.M])")
    fi
  done
}

# The exercises of the code (N.M, one per line, in order) and the static checks; REGIONS, the
# regions as make_exercises.sh --list gives them (id, file:line, hint).
BOOKKEEPING_DONE=0
REGIONS=""
check_bookkeeping() {
  local ids id line
  [ "$BOOKKEEPING_DONE" -eq 0 ] || return 0
  BOOKKEEPING_DONE=1
  REGIONS=$("$ROOT/tools/make_exercises.sh" --list)
  ids=$(cut -f1 <<< "$REGIONS" | uniq)
  [ -n "$ids" ] || die "no exercises in the code"
  local -A tested=() known=()
  for id in $ids; do known[$id]=1; done
  for line in "${TESTS[@]}"; do
    id="${TAG[$line]}"
    [ -n "$id" ] || continue
    tested[$id]=1
    [ -n "${known[$id]:-}" ] ||
      PROBLEMS+=("\"${line#*$'\t'}\": tagged [ex$id], but the code has no exercise $id")
  done
  for id in $ids; do
    [ -n "${tested[$id]:-}" ] || PROBLEMS+=("exercise $id: no test carries [ex$id]")
    grep -q "^### $id " "$ROOT/docs/EXERCISES.md" ||
      PROBLEMS+=("exercise $id: docs/EXERCISES.md has no section \"### $id ...\"")
  done
  EXERCISES="$ids"
}

# ----- running the tests ----------------------------------------------------------------------

# run_one WORKDIR INDEX: runs test INDEX (its binary and name in WORKDIR/tasks/INDEX), each in
# its own process, and writes its exit code and output beside it.
run_one() {
  local task="$1/tasks/$2" bin name spec rc
  { IFS= read -r bin; IFS= read -r name; } < "$task"
  # Catch's test spec: '\' escapes, ',' separates alternatives, '[' ']' delimit tags.
  spec="${name//\\/\\\\}"
  spec="${spec//,/\\,}"
  spec="${spec//[/\\[}"
  spec="${spec//]/\\]}"
  rc=0
  EXERCISE_TRACE_FILE="$task.trace" timeout "$TEST_TIMEOUT" "$bin" "$spec" > "$task.out" 2>&1 ||
    rc=$?
  echo "$rc" > "$task.rc"
}
export -f run_one
export TEST_TIMEOUT

run_all() {
  local work="$1" jobs="$2" i=0 line
  mkdir -p "$work/tasks"
  for line in "${TESTS[@]}"; do
    printf '%s\n%s\n' "${line%%$'\t'*}" "${line#*$'\t'}" > "$work/tasks/$i"
    rm -f "$work/tasks/$i.trace"
    i=$((i + 1))
  done
  seq 0 $((i - 1)) | xargs -P "$jobs" -I{} bash -c 'run_one "$1" "$2"' _ "$work" {}
}

# The failures in a Catch console output, one line each: the id of the first "exercise N.M:" in
# the failure's text, or WRONG when there is none (a failure that no stub explains).
failures_of() {
  awk '
    function finish() {
      gsub(/[ \t]+/, " ", text)
      # Catch wraps long lines (also after a "."), so allow a break inside "exercise N.M:".
      if (match(text, /exercise ?[0-9]+ ?\. ?[0-9]+ ?:/)) {
        id = substr(text, RSTART + 8, RLENGTH - 9)
        gsub(/ /, "", id)
        print id
      } else {
        print "WRONG"
      }
      inside = 0
    }
    / FAILED:$/ { if (inside) finish(); inside = 1; text = ""; next }
    /^--------------------/ || /^====================/ { if (inside) finish(); next }
    inside { text = text " " $0 }
    END { if (inside) finish() }
  ' "$1"
}

# The first failure in a test's output, up to Catch's next separator line.
first_failure() {
  awk '/ FAILED:$/ { inside = 1 } inside && (/^-----/ || /^=====/) { exit } inside && NF { print }' "$1"
}
# The same, indented under a problem.
excerpt() {
  echo
  first_failure "$1" | head -n 12 | sed 's/^/      /'
}

# Exactly one test case ran (a name Catch did not match runs nothing, and says so).
ran_one() {
  grep -q -E '\(.* in 1 test case\)|^test cases: +1 \|' "$1"
}

# ----- the checks -----------------------------------------------------------------------------

# The common start of both checks: collects BUILD's test cases (TESTS, TAG) and checks the
# bookkeeping, then runs every test case on its own in WORK=BUILD/exercise-check. (Not in a
# subshell: TESTS and TAG must reach the caller.)
run_copy_tests() {
  local build
  build="$(cd "$1" && pwd)"
  collect_tests "$build"
  check_bookkeeping
  WORK="$build/exercise-check"
  rm -rf "$WORK"
  echo "==> Running ${#TESTS[@]} test cases of the $3, each on its own"
  run_all "$WORK" "$2"
}

check_student_build() {
  local work line i id rc first later bad
  local started=$SECONDS
  run_copy_tests "$1" "${2:-2}" "student copy"
  work="$WORK"
  local -A tests_of=() named=() 
  local untagged=0 untagged_ok=0
  i=0
  for line in "${TESTS[@]}"; do
    local task="$work/tasks/$i" where="${line%%$'\t'*}" name="${line#*$'\t'}"
    where="${where##*/}"
    i=$((i + 1))
    id="${TAG[$line]}"
    rc=$(cat "$task.rc")
    if [ -z "$id" ]; then
      untagged=$((untagged + 1))
      if [ "$rc" -eq 0 ] && ran_one "$task.out"; then
        untagged_ok=$((untagged_ok + 1))
      else
        PROBLEMS+=("(c) $where \"$name\" has no exercise tag but fails in the student copy\
 (exit $rc): tag it with the exercise it needs$(excerpt "$task.out")")
      fi
      continue
    fi
    tests_of[$id]=$((${tests_of[$id]:-0} + 1))
    if [ "$rc" -eq 0 ]; then
      PROBLEMS+=("(b) $where \"$name\" [ex$id] passes in the student copy: it reaches no stub")
      continue
    fi
    if [ "$rc" -eq 124 ]; then
      PROBLEMS+=("(b) $where \"$name\" [ex$id] timed out after ${TEST_TIMEOUT}s")
      continue
    fi
    if [ "$rc" -ge 128 ] || grep -q "FATAL ERROR" "$task.out"; then
      PROBLEMS+=("(b) $where \"$name\" [ex$id] crashed (exit $rc)")
      continue
    fi
    if ! ran_one "$task.out"; then
      PROBLEMS+=("(b) $where \"$name\" [ex$id] did not run as one test case$(excerpt "$task.out")")
      continue
    fi
    first="" later="" bad=0
    while IFS= read -r failure; do
      if [ "$failure" = WRONG ]; then
        bad=$((bad + 1))
      else
        [ -n "$first" ] || first="$failure"
        if id_after "$failure" "$id"; then later="$failure"; fi
      fi
    done < <(failures_of "$task.out")
    if [ "$bad" -gt 0 ] || [ -z "$first" ]; then
      PROBLEMS+=("(b) $where \"$name\" [ex$id] fails with an assertion no stub\
 explains$(excerpt "$task.out")")
    elif [ -n "$later" ]; then
      PROBLEMS+=("(b) $where \"$name\" [ex$id] fails naming exercise $later, after $id")
    else
      case " ${named[$id]:-} " in *" $first "*) ;; *) named[$id]+="$first " ;; esac
    fi
  done

  echo
  echo "Student copy: what each exercise's tests report (first stub reached)"
  printf '  %-9s %6s  %s\n' exercise tests "named in the NotImplemented messages"
  for id in $EXERCISES; do
    printf '  %-9s %6s  %s\n' "$id" "${tests_of[$id]:-0}" "${named[$id]:-}"
  done
  echo "  untagged tests (code the student is given): $untagged_ok of $untagged pass"
  echo "  ($((SECONDS - started)) s)"
}

check_traced_build() {
  local work line i id rc reached top region region_id where_reached
  local audit_started=0 audit_ms=0 label
  run_copy_tests "$1" "${2:-2}" "traced copy"
  work="$WORK"
  audit_started=$(date +%s%N)
  # Per region ("1.3 autograd/shape_ops.cpp:43"): whether a test of its own exercise reaches
  # it, and which other exercises' tests do.
  local -A region_own=() region_others=()
  local loose=()
  i=0
  for line in "${TESTS[@]}"; do
    local task="$work/tasks/$i" where="${line%%$'\t'*}" name="${line#*$'\t'}"
    where="${where##*/}"
    i=$((i + 1))
    id="${TAG[$line]}"
    read -r rc < "$task.rc"
    # The exercises this test reached, in order ("1.1 1.3 "), and the last of them; and per
    # region, whether its own exercise's test reached it. Builtins only: 200 tests, no forks.
    reached="" top=""
    if [ -f "$task.trace" ]; then
      local -A seen=()
      while IFS=' ' read -r region_id region; do
        [ -n "$region_id" ] || continue
        if [ -z "${seen[$region_id]:-}" ]; then
          seen[$region_id]=1
          if [ -z "$top" ] || id_after "$region_id" "$top"; then top="$region_id"; fi
        fi
        [ -n "$region" ] || continue
        if [ "$region_id" = "$id" ]; then
          region_own[$region]=1
        else
          label="untagged"
          [ -z "$id" ] || label="[ex$id]"
          case " ${region_others[$region]:-} " in
            *" $label "*) ;;
            *) region_others[$region]+="$label " ;;
          esac
        fi
      done < "$task.trace"
      # in order: each id once, smallest first (a handful per test)
      local remaining=("${!seen[@]}") smallest k
      while [ ${#remaining[@]} -gt 0 ]; do
        smallest="${remaining[0]}"
        for k in "${remaining[@]}"; do id_after "$smallest" "$k" && smallest="$k"; done
        reached+="$smallest "
        local rest=()
        for k in "${remaining[@]}"; do [ "$k" = "$smallest" ] || rest+=("$k"); done
        remaining=("${rest[@]}")
      done
      unset seen
    fi
    if [ "$rc" -ne 0 ]; then
      PROBLEMS+=("$where \"$name\" fails in the traced (solved) copy (exit $rc)$(excerpt "$task.out")")
    fi
    if [ -z "$id" ]; then
      [ -z "$reached" ] ||
        PROBLEMS+=("$where \"$name\" has no exercise tag but reaches exercises $reached")
      continue
    fi
    if [ -z "$reached" ]; then
      PROBLEMS+=("$where \"$name\" [ex$id] reaches no exercise: the student copy would pass it")
      continue
    fi
    if id_after "$top" "$id"; then
      PROBLEMS+=("$where \"$name\" [ex$id] reaches exercise $top, after its own")
    elif [ "$top" != "$id" ]; then
      loose+=("$where \"$name\" [ex$id] reaches at most $top")
    fi
  done
  # Every region (a stubbed body of the student copy) must be reached by a test of its own
  # exercise: otherwise a wrong solution of it passes that exercise and shows up only later.
  # (Its gradient may be checked later, [ex4.1] and [ex5.1]; its forward code may not.)
  local region_count=0 hint
  while IFS=$'\t' read -r id region hint; do
    region_count=$((region_count + 1))
    [ -z "${region_own[$region]:-}" ] || continue
    where_reached="${region_others[$region]:-}"
    PROBLEMS+=("exercise $id: $region ($hint) is reached by none of the tests tagged\
 [ex$id]$([ -n "$where_reached" ] && echo ", only by ${where_reached% } tests" ||
      echo ", by no test at all"): tag a test of its values [ex$id]")
  done <<< "$REGIONS"
  audit_ms=$((($(date +%s%N) - audit_started) / 1000000))
  echo
  echo "Traced copy: ${#TESTS[@]} test cases; tests tagged later than the last exercise they reach:"
  if [ ${#loose[@]} -eq 0 ]; then echo "  none"; else printf '  %s\n' "${loose[@]}"; fi
  echo "  (traces of ${#TESTS[@]} tests and $region_count regions audited in ${audit_ms} ms)"
}

# For a student: how far the exercises are done, and what to do next.
check_progress() {
  local build="$1" jobs="${2:-2}" work line i id ids next=""
  build="$(cd "$build" && pwd)"
  collect_tests "$build"
  work="$build/exercise-check"
  rm -rf "$work"
  echo "==> Running ${#TESTS[@]} test cases, each on its own"
  run_all "$work" "$jobs"
  local -A total=() passed=()
  i=0
  for line in "${TESTS[@]}"; do
    id="${TAG[$line]}"
    [ -n "$id" ] || id="given"
    total[$id]=$((${total[$id]:-0} + 1))
    if [ "$(cat "$work/tasks/$i.rc")" -eq 0 ]; then
      passed[$id]=$((${passed[$id]:-0} + 1))
    fi
    i=$((i + 1))
  done
  ids=$(printf '%s\n' "${!total[@]}" | grep -v '^given$' | sort -t . -k1,1n -k2,2n)
  echo
  printf '  %-9s %s\n' exercise "tests passing"
  for id in $ids; do
    printf '  %-9s %s of %s\n' "$id" "${passed[$id]:-0}" "${total[$id]}"
    if [ -z "$next" ] && [ "${passed[$id]:-0}" -lt "${total[$id]}" ]; then next="$id"; fi
  done
  printf '  %-9s %s of %s\n' given "${passed[given]:-0}" "${total[given]:-0}"
  if [ -z "$next" ]; then
    echo "==> Every exercise passes its tests."
    return 0
  fi
  # The first failing test of the first unfinished exercise, and what it says.
  i=0
  for line in "${TESTS[@]}"; do
    if [ "${TAG[$line]}" = "$next" ] && [ "$(cat "$work/tasks/$i.rc")" -ne 0 ]; then
      echo
      echo "==> Next: exercise $next (docs/EXERCISES.md, section $next). Its first failing test,"
      echo "    $(basename "${line%%$'\t'*}"): ${line#*$'\t'}"
      first_failure "$work/tasks/$i.out" | sed 's/^/    /'
      break
    fi
    i=$((i + 1))
  done
  return 1
}

report_problems() {
  if [ ${#PROBLEMS[@]} -eq 0 ]; then
    echo "==> Exercise check ($1): all good"
    return 0
  fi
  echo
  echo "==> Exercise check ($1): ${#PROBLEMS[@]} problem(s)"
  printf '  - %s\n' "${PROBLEMS[@]}"
  return 1
}

# generate_and_build MODE DIR JOBS: the copy in DIR/src, built (Release) in DIR/src/build/release:
# the same folders relative to each other as the project and its build/release, so that the
# compiler cache (cmake/BuildSpeed.cmake) finds every file that the copy leaves unchanged, and
# only the files with exercise regions compile again.
generate_and_build() {
  local mode="$1" dir="$2" jobs="$3" generator=()
  mkdir -p "$dir"
  "$ROOT/tools/make_exercises.sh" --force ${mode:+"$mode"} "$dir/src"
  if [ ! -f "$dir/src/build/release/CMakeCache.txt" ] && command -v ninja > /dev/null 2>&1; then
    generator=(-G Ninja)
  fi
  echo "==> Configuring and building the copy ($dir/src/build/release)"
  with_caller_locale cmake -S "$dir/src" -B "$dir/src/build/release" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=Release > "$dir/configure.log" 2>&1 ||
    { tail -n 30 "$dir/configure.log"; die "(a) the copy does not configure: $dir/configure.log"; }
  with_caller_locale cmake --build "$dir/src/build/release" --parallel "$jobs" \
    > "$dir/build.log" 2>&1 ||
    { grep -B 2 -A 8 -m 5 'error' "$dir/build.log" || tail -n 40 "$dir/build.log"
      die "(a) the copy does not compile: $dir/build.log"; }
  if [ -n "$mode" ]; then
    echo "==> The traced copy builds ($dir/build.log)"
  else
    echo "==> (a) The student copy compiles ($dir/build.log)"
  fi
}

# (a) In the student copy each library file that holds a stub compiles alone
# (cmake/BuildSpeed.cmake, dropout_lab_compile_together), so that a student's edit recompiles
# that file only: its object is one of the build's targets (SRC: the copy, BUILD: its build
# folder). The one exercise in a test file (10.1) compiles with its test binary's unit.
check_stubs_compile_alone() {
  local src="$1" build="$2" file pattern targets alone=0
  if [ -f "$build/build.ninja" ]; then
    targets="$(ninja -C "$build" -t targets all 2> /dev/null)"
  else
    targets="$(find "$build" -path '*/CMakeFiles/*.dir/build.make' -exec cat {} +)"
  fi
  while IFS= read -r file; do
    # autograd/arithmetic.cpp compiled alone: autograd/CMakeFiles/<target>.dir/arithmetic.cpp.o
    pattern="^$(dirname "$file")/CMakeFiles/[^/]*\.dir/$(basename "$file" | sed 's/[.]/\\./g')\.o:"
    if grep -q -E "$pattern" <<< "$targets"; then
      alone=$((alone + 1))
    else
      PROBLEMS+=("(a) $file holds a stub but does not compile alone: an edit to it would recompile the files grouped with it")
    fi
  done < <(cd "$src" &&
    grep -rl --include='*.cpp' 'NotImplemented("exercise' autograd nn optim experiments)
  echo "==> (a) Each of the $alone files with a stub compiles alone"
}

has_markers() {
  "$ROOT/tools/make_exercises.sh" --list > /dev/null 2>&1
}

mode="${1:-}"
case "$mode" in
  copy)
    if ! has_markers; then
      echo "==> No exercise markers in this tree (a student copy?): nothing to check."
      exit 0
    fi
    dir="${STUDENT_COPY_DIR:-$ROOT/build/student-copy}"
    jobs="${2:-2}"
    started=$SECONDS
    generate_and_build --trace "$dir" "$jobs"
    check_traced_build "$dir/src/build/release" "$jobs"
    generate_and_build "" "$dir" "$jobs"
    check_stubs_compile_alone "$dir/src" "$dir/src/build/release"
    check_student_build "$dir/src/build/release" "$jobs"
    echo "  (the whole check: $((SECONDS - started)) s)"
    report_problems "tag audit and student copy"
    ;;
  student)
    [ -n "${2:-}" ] || die "student BUILD_DIR"
    check_student_build "$2" "${3:-2}"
    report_problems "student copy"
    ;;
  traced)
    [ -n "${2:-}" ] || die "traced BUILD_DIR"
    check_traced_build "$2" "${3:-2}"
    report_problems "tag audit"
    ;;
  progress) check_progress "${2:-$ROOT/build/release}" "${3:-2}" ;;
  *) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
