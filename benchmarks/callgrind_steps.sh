#!/usr/bin/env bash
# Instructions per batch-1 step (issue 22), counted by callgrind: the engine's step with and
# without dropout and the two hand-written floors, each in its own process.
#   benchmarks/callgrind_steps.sh BUILD_DIR OUT_DIR [STEPS]
# Each process builds its step, runs one warm-up epoch uncounted, then STEPS steps (default
# 670, one epoch) inside bench::profiled_steps, the only function callgrind counts
# (--collect-atstart=no --toggle-collect). Writes OUT_DIR/callgrind.md (the table, and where
# the instructions go: callgrind_annotate's top inclusive entries per step),
# OUT_DIR/callgrind.json, and the raw callgrind.<step>.out files for callgrind_annotate or
# KCachegrind.
#
# Why instructions: on the shared 2-core machine a batch-1 time moves by up to 2× with the
# load, an instruction count by well under 1% (the same code on the same data). It is not a
# time: cache misses and branch mispredictions cost cycles callgrind does not count.
# Needs valgrind (./run.sh bench installs it). Under valgrind OpenBLAS sees valgrind's CPU
# (no AVX-512), so its dgemv kernel may not be the one a native run picks; the report names it.
set -euo pipefail
build_dir="${1:?usage: callgrind_steps.sh BUILD_DIR OUT_DIR [STEPS]}"
out="${2:?usage: callgrind_steps.sh BUILD_DIR OUT_DIR [STEPS]}"
steps="${3:-670}"
bench="$build_dir/benchmarks/bench_engine"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

command -v valgrind > /dev/null || { echo "callgrind_steps.sh: valgrind not found" >&2; exit 1; }
[ -x "$bench" ] || { echo "callgrind_steps.sh: $bench not found; build it first" >&2; exit 1; }
mkdir -p "$out"

# What each step is, for the table.
declare -A what=(
  [engine]="engine, step_batch1 (weight decay)"
  [bare]="hand-written floor of step_batch1"
  [engine_dropout]="engine, step_batch1_dropout"
  [bare_dropout]="hand-written floor of step_batch1_dropout"
)
order=(engine bare engine_dropout bare_dropout)
array='xt::xarray_container<xt::uvector<double, autograd::PoolAllocator<double> >, (xt::layout_type)1, xt::svector<unsigned long, 4ul, std::allocator<unsigned long>, true>, xt::xtensor_expression_tag>'
abbreviate="s/$(printf '%s' "$array" | sed 's/[][\/.*^$]/\\&/g')/Array/g"
declare -A per_step

for step in "${order[@]}"; do
  echo "==> callgrind: $step, $steps steps"
  valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*profiled_steps*' \
    --callgrind-out-file="$out/callgrind.$step.out" \
    "$bench" --profile-step "$step" --profile-steps "$steps" > "$out/callgrind.$step.json" \
    2> "$out/callgrind.$step.log"
  total=$(awk '$1 == "totals:" || $1 == "summary:" { print $2; exit }' "$out/callgrind.$step.out")
  per_step[$step]=$((total / steps))
  echo "    ${per_step[$step]} instructions per step ($total in all)"
  # Where they go: inclusive costs (a function's own instructions plus its callees': which
  # part of the step, forward, backward, optimizer, costs what), then exclusive ones (the
  # functions that execute them), per step; the engine's array type abbreviated to Array.
  # (The awk programs read to the end: one that stopped early, as head does, would fail the
  # pipeline under pipefail.)
  for kind in inclusive exclusive; do
    flag=no
    [ "$kind" = inclusive ] && flag=yes
    callgrind_annotate --inclusive="$flag" "$out/callgrind.$step.out" 2> /dev/null \
      | sed -n '/file:function/,$p' | sed -e "$abbreviate" -e 's/ \[[^]]*\]$//' \
      | awk -v steps="$steps" '
          NR <= 2 || done { next }
          /^$/ { done = 1; next }
          { match($0, /\( *[0-9.]+%\)/); share = substr($0, RSTART, RLENGTH); gsub(" ", "", share) }
          share == "(100.0%)" || ++kept > 30 { next }
          { count = $1; gsub(",", "", count); name = substr($0, RSTART + RLENGTH)
            sub(/^ +/, "", name); printf "%8d  %-8s  %s\n", count / steps, share, name }' \
        > "$out/callgrind.$step.$kind.txt"
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
core=$(sed -n 's/.*"openblas_core":"\([^"]*\)".*/\1/p' "$out/callgrind.engine.json")
{
  echo "## Instructions per batch-1 step (callgrind)"
  echo
  echo "$steps steps after one warm-up epoch, counted inside \`bench::profiled_steps\` only"
  echo "(\`benchmarks/callgrind_steps.sh\`); commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown);"
  echo "OpenBLAS core under valgrind: ${core:-unknown}."
  echo
  echo "| step | instructions per step | engine / floor |"
  echo "|---|---|---|"
  echo "| ${what[engine]} | ${per_step[engine]} | $(ratio "${per_step[engine]}" "${per_step[bare]}") |"
  echo "| ${what[bare]} | ${per_step[bare]} | 1 |"
  echo "| ${what[engine_dropout]} | ${per_step[engine_dropout]} | $(ratio "${per_step[engine_dropout]}" "${per_step[bare_dropout]}") |"
  echo "| ${what[bare_dropout]} | ${per_step[bare_dropout]} | 1 |"
  for step in "${order[@]}"; do
    for kind in inclusive exclusive; do
      echo
      echo "### ${what[$step]}: top 30, $kind, instructions per step (callgrind_annotate --inclusive=$([ $kind = inclusive ] && echo yes || echo no))"
      echo
      echo '```'
      cat "$out/callgrind.$step.$kind.txt"
      echo '```'
    done
  done
} > "$out/callgrind.md"
printf '{"steps": %d, "instructions_per_step": {"engine": %d, "bare": %d, "engine_dropout": %d, "bare_dropout": %d}}\n' \
  "$steps" "${per_step[engine]}" "${per_step[bare]}" "${per_step[engine_dropout]}" \
  "${per_step[bare_dropout]}" > "$out/callgrind.json"
echo "    wrote $out/callgrind.md, $out/callgrind.json"
