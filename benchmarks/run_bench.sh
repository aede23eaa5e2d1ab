#!/usr/bin/env bash
# The benchmark suite of issue 9: our engine, then PyTorch (Python) and LibTorch (C++, issue 22)
# on the same workloads, then the report (RESULTS_DIR/bench/summary.json, bench.md,
# raw_repetitions.csv).
#   benchmarks/run_bench.sh BUILD_DIR RESULTS_DIR [--quick]
# Run from the repository root; BUILD_DIR holds benchmarks/bench_engine and bench_report.
# --quick is a smoke test (tiny sizes, written to RESULTS_DIR/bench-quick).
# PyTorch is Debian's python3-torch under /usr/bin/python3 (PYTHON=... overrides); without it
# the report leaves PyTorch's column empty and says so. LibTorch is BUILD_DIR/benchmarks/
# bench_libtorch, built when CMake ran with -DDROPOUT_LAB_LIBTORCH_BENCH=ON and found LibTorch
# (./run.sh bench does; BENCH_LIBTORCH=... overrides the path); without it, the same.
set -euo pipefail
build_dir="${1:?usage: run_bench.sh BUILD_DIR RESULTS_DIR [--quick]}"
results_dir="${2:?usage: run_bench.sh BUILD_DIR RESULTS_DIR [--quick]}"
quick=()
out="$results_dir/bench"
if [ "${3:-}" = "--quick" ]; then
  quick=(--quick)
  out="$results_dir/bench-quick"
elif [ -n "${3:-}" ]; then
  echo "run_bench.sh: unknown option '$3'" >&2
  exit 2
fi
python="${PYTHON:-/usr/bin/python3}"
libtorch="${BENCH_LIBTORCH:-$build_dir/benchmarks/bench_libtorch}"
script_dir="$(dirname "${BASH_SOURCE[0]}")"

# One thread for BLAS, OpenMP and MKL in both frameworks unless the caller says otherwise.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"

for exe in bench_engine bench_report; do
  if [ ! -x "$build_dir/benchmarks/$exe" ]; then
    echo "run_bench.sh: $build_dir/benchmarks/$exe not found; build it first" >&2
    exit 1
  fi
done

start_ns=$(date +%s%N)
mkdir -p "$out"
rm -f "$out/pytorch.json" "$out/libtorch.json"  # never merge a stale peer run with a fresh one
"$build_dir/benchmarks/bench_engine" "${quick[@]}" --out "$out"
if [ -x "$python" ]; then
  "$python" "$script_dir/bench_torch.py" --out "$out"
else
  echo "    PyTorch benchmarks skipped: $python not found"
  printf '{"available": false, "reason": "%s not found"}\n' "$python" > "$out/pytorch.json"
fi
if [ -x "$libtorch" ]; then
  "$libtorch" --out "$out"
else
  echo "    LibTorch benchmarks skipped: $libtorch not found (configure with -DDROPOUT_LAB_LIBTORCH_BENCH=ON and Debian's libtorch-dev)"
  printf '{"available": false, "reason": "%s not found"}\n' "$libtorch" > "$out/libtorch.json"
fi
# Instructions per batch-1 step (callgrind): steadier than any time on a loaded machine. Not in
# --quick (valgrind takes about half a minute); skipped without valgrind.
rm -f "$out/callgrind.json"
if [ ${#quick[@]} -eq 0 ] && command -v valgrind > /dev/null 2>&1; then
  "$script_dir/callgrind_steps.sh" "$build_dir" "$out"
elif [ ${#quick[@]} -eq 0 ]; then
  echo "    Instruction counts skipped: valgrind not found"
fi
"$build_dir/benchmarks/bench_report" --out "$out" --timings "$results_dir/timings.json"
elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
printf '==> Benchmarks took %d.%01d s\n' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
