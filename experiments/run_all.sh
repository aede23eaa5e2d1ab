#!/usr/bin/env bash
# Runs every experiment at its defaults and collects their report sections into REPORT.md.
#   experiments/run_all.sh BUILD_DIR RESULTS_DIR
set -euo pipefail
build_dir="${1:?usage: run_all.sh BUILD_DIR RESULTS_DIR}"
results_dir="${2:?usage: run_all.sh BUILD_DIR RESULTS_DIR}"
seed="${SEED:-0}"

# In report order. Each writes RESULTS_DIR/<name>/{summary.json,section.md,*.csv,*.png}.
experiments=(illustrations theorem dynamics moons weight_decay)

seconds() { # milliseconds -> seconds with one decimal
  printf '%d.%01d' $(($1 / 1000)) $(($1 % 1000 / 100))
}

# Cores of the machine (GNU nproc would report OMP_NUM_THREADS, which run.sh sets to 1).
cores="$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"

mkdir -p "$results_dir"
timings=""
all_start_ns=$(date +%s%N)
for name in "${experiments[@]}"; do
  echo "==> Experiment: $name (seed $seed)"
  start_ns=$(date +%s%N)
  "$build_dir/experiments/$name/$name" --seed "$seed" --out "$results_dir/$name"
  elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  echo "    $name took $(seconds $elapsed_ms) s"
  timings="$timings\"$name\": $(seconds $elapsed_ms), "
done
total_ms=$(( ($(date +%s%N) - all_start_ns) / 1000000 ))
echo "==> All experiments took $(seconds $total_ms) s of wall time ($cores cores)"
# The build that made the executables, as run.sh recorded it (absent for a build made by hand).
build_timing="$build_dir/build_timing.json"
build_json="null"
build_sentence=""
if [ -f "$build_timing" ]; then
  build_json="$(cat "$build_timing")"
  build_seconds="$(sed -n 's/.*"wall_seconds": \([0-9.]*\).*/\1/p' "$build_timing")"
  build_hits="$(sed -n 's/.*"cache_hits": \([0-9]*\).*/\1/p' "$build_timing")"
  build_misses="$(sed -n 's/.*"cache_misses": \([0-9]*\).*/\1/p' "$build_timing")"
  build_count=$((build_hits + build_misses))
  if [ "$build_count" -eq 0 ]; then
    build_sentence=" The build before them had nothing to compile ($build_seconds s)."
  elif [ "$build_count" -eq 1 ]; then
    build_sentence=" The build before them took $build_seconds s: 1 compilation,"
    if [ "$build_hits" -eq 1 ]; then
      build_sentence+=" answered by the compiler cache."
    else
      build_sentence+=" not answered by the compiler cache."
    fi
  else
    build_sentence=" The build before them took $build_seconds s: $build_count compilations,"
    build_sentence+=" $build_hits of them answered by the compiler cache."
  fi
fi
# Wall-clock seconds of this run (issue 9's target: every experiment, under two minutes), and
# of the build (issue 23).
printf '{"wall_seconds": {%s"total": %s}, "cores": %d, "build": %s}\n' "$timings" \
  "$(seconds $total_ms)" "$cores" "$build_json" > "$results_dir/timings.json"

report="$results_dir/REPORT.md"
{
  echo "# Dropout vs. L2: the experiments' report"
  echo
  echo "Made by \`./run.sh\` (seed $seed, OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset})."
  echo "Every number below is computed by the experiment that wrote its section;"
  echo "each section's numbers are in its \`summary.json\`. The ${#experiments[@]} experiments took"
  echo "$(seconds $total_ms) s of wall time on $cores cores (\`timings.json\`).$build_sentence"
  echo
  for name in "${experiments[@]}"; do
    cat "$results_dir/$name/section.md"
    echo
  done
  # The computation graph, when run.sh drew it (examples/draw_graph.cpp writes this section).
  if [ -f "$results_dir/graph/section.md" ]; then
    cat "$results_dir/graph/section.md"
    echo
  fi
} > "$report.tmp"
mv "$report.tmp" "$report"
echo "==> Wrote $report"
