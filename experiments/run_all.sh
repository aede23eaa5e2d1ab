#!/usr/bin/env bash
# Runs every experiment at its defaults and collects their report sections into REPORT.md.
#   experiments/run_all.sh BUILD_DIR RESULTS_DIR
set -euo pipefail
build_dir="${1:?usage: run_all.sh BUILD_DIR RESULTS_DIR}"
results_dir="${2:?usage: run_all.sh BUILD_DIR RESULTS_DIR}"
seed="${SEED:-0}"

# In report order. Each writes RESULTS_DIR/<name>/{summary.json,section.md,*.csv,*.png}.
experiments=(illustrations theorem dynamics moons)

mkdir -p "$results_dir"
for name in "${experiments[@]}"; do
  echo "==> Experiment: $name (seed $seed)"
  start_ns=$(date +%s%N)
  "$build_dir/experiments/$name/$name" --seed "$seed" --out "$results_dir/$name"
  elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  printf '    %s took %d.%01d s\n' "$name" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
done

report="$results_dir/REPORT.md"
{
  echo "# Dropout vs. L2: the experiments' report"
  echo
  echo "Made by \`./run.sh\` (seed $seed, OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset})."
  echo "Every number below is computed by the experiment that wrote its section;"
  echo "each section's numbers are in its \`summary.json\`."
  echo
  for name in "${experiments[@]}"; do
    cat "$results_dir/$name/section.md"
    echo
  done
} > "$report.tmp"
mv "$report.tmp" "$report"
echo "==> Wrote $report"
