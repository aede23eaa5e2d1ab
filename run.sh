#!/usr/bin/env bash
# The project's one entry point. See README.md.
#   ./run.sh          install missing Debian packages, build the experiments (Release), run them
#   ./run.sh test     install missing Debian packages, build Release, run all tests (ctest)
#   ./run.sh build    install missing Debian packages and build Release, nothing else
#   ./run.sh test-sanitize   the same tests, built with AddressSanitizer, UBSan and xtensor's
#                     bounds assertions (build/sanitize)
#   ./run.sh test-clang   the same tests, built with clang++ (Debian clang 14) in build/clang
#   ./run.sh fuzz [SECONDS]   build the libFuzzer targets of fuzz/ with clang (build/fuzz) and
#                     run each for SECONDS (default 60); prints executions and findings
#   ./run.sh bench    build, then benchmark the engine against PyTorch and LibTorch into results/bench/
#   ./run.sh exercises [DIR]   write the student copy (default exercises/): docs/EXERCISES.md
#   ./run.sh help     this text
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Every Debian package the build, the tests and the experiments need.
PACKAGES=(
  cmake g++ make             # toolchain
  ninja-build ccache         # faster builds: Ninja, and a compiler cache (benchmarks/README.md)
  libxtensor-dev             # tensors
  libxtensor-blas-dev        # matrix products through BLAS
  libopenblas-dev            # the BLAS and LAPACK behind xtensor-blas
  catch2                     # unit tests (v2)
  nlohmann-json3-dev         # summary.json of the experiments
  libfmt-dev                 # the experiments' report prose (format strings, as std::format)
  gnuplot-nox                # figures of the experiments
  graphviz                   # pictures of the computation graph (examples/draw_graph.cpp)
  locales                    # the locale test builds a comma-decimal locale from its sources
)
# Only for ./run.sh bench (benchmarks/README.md), never for ./run.sh or ./run.sh test.
BENCH_PACKAGES=(
  python3-torch python3-sklearn  # the PyTorch peer, benchmarks/bench_torch.py (and its datasets)
  libtorch-dev               # the LibTorch (C++) peer, benchmarks/libtorch/ (about 44 MB)
  valgrind                   # instructions per step, benchmarks/callgrind_steps.sh
)

# Only for ./run.sh test-clang and ./run.sh fuzz: the second compiler, and libFuzzer (whose
# runtime, libclang_rt.fuzzer, is in libclang-rt-14-dev).
CLANG_PACKAGES=(clang libclang-rt-14-dev)
FUZZ_PACKAGES=(libfuzzer-14-dev)

# BLAS threads change results bit for bit (see README, "Reproducibility"):
# one thread unless the user says otherwise.
# (JOBS is counted first: GNU nproc reports OMP_NUM_THREADS when that is set, so counting
# after the export made every build single-threaded.)
JOBS="${JOBS:-$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null || echo 2)}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
BUILD_DIR="${BUILD_DIR:-build/release}"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

install_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "==> All ${#PACKAGES[@]} Debian packages present; skipping apt."
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  echo "==> Installing missing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Ninja when it is installed (it is in PACKAGES; make is the fallback). A build folder keeps
# the generator it was first configured with: CMake refuses to switch an existing one.
generator_args() {
  if [ -f "$1/CMakeCache.txt" ]; then return; fi
  if command -v ninja > /dev/null 2>&1; then echo "-G Ninja"; fi
}

# ccache's counters (hits, misses), to tell whether a build found the cache warm.
ccache_counts() {
  command -v ccache > /dev/null 2>&1 || { echo "0 0"; return; }
  ccache --print-stats 2> /dev/null | awk '
    $1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { hits += $2 }
    $1 == "cache_miss" { misses += $2 }
    END { print hits + 0, misses + 0 }'
}

# configure_and_build DIR BUILD_TYPE [cmake options]: configures and builds DIR (the targets in
# BUILD_TARGETS, or all), and writes how long it took, and how many compilations the cache
# answered, to DIR/build_timing.json (the experiments' timings.json and REPORT.md quote it).
configure_and_build() {
  local dir="$1" type="$2"
  shift 2
  local start_ns hits0 misses0 hits1 misses1
  start_ns=$(date +%s%N)
  read -r hits0 misses0 < <(ccache_counts)
  echo "==> Configuring ($dir, $type)"
  # shellcheck disable=SC2046 # the generator arguments are two words, or none
  cmake -S . -B "$dir" $(generator_args "$dir") -DCMAKE_BUILD_TYPE="$type" "$@"
  echo "==> Building with $JOBS jobs"
  # shellcheck disable=SC2086 # BUILD_TARGETS is a list of words
  cmake --build "$dir" --parallel "$JOBS" ${BUILD_TARGETS:+--target $BUILD_TARGETS}
  read -r hits1 misses1 < <(ccache_counts)
  local ms=$((($(date +%s%N) - start_ns) / 1000000))
  local hits=$((hits1 - hits0)) misses=$((misses1 - misses0)) cache
  if [ $((hits + misses)) -eq 0 ]; then
    cache="nothing compiled"
  elif [ "$hits" -ge "$misses" ]; then
    cache="warm"
  else
    cache="cold"
  fi
  printf '{"wall_seconds": %d.%01d, "cache": "%s", "cache_hits": %d, "cache_misses": %d, "jobs": %d, "generator": "%s", "targets": "%s"}\n' \
    $((ms / 1000)) $((ms % 1000 / 100)) "$cache" "$hits" "$misses" "$JOBS" \
    "$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$dir/CMakeCache.txt")" "${BUILD_TARGETS:-all}" \
    > "$dir/build_timing.json"
  echo "==> Built in $((ms / 1000)) s ($cache compiler cache: $hits hits, $misses misses)"
}

# The LibTorch peer of the benchmarks is built only by ./run.sh bench (its headers cost half a
# minute of compilation); every other build turns it off again in the same folder.
build() {
  configure_and_build "$BUILD_DIR" Release -DDROPOUT_LAB_LIBTORCH_BENCH=OFF
}

# ./run.sh builds only what it runs: the five experiments, the graph example and the libraries
# under them, not the tests and benchmarks (two fifths of the whole build); ./run.sh test builds
# the rest.
build_experiments() {
  BUILD_TARGETS="illustrations theorem dynamics moons weight_decay draw_graph" \
    configure_and_build "$BUILD_DIR" Release
}

sanitize() {
  BUILD_DIR="${SANITIZE_BUILD_DIR:-build/sanitize}"
  echo "==> The sanitizer build: -fsanitize=address,undefined, XTENSOR_ENABLE_ASSERT"
  configure_and_build "$BUILD_DIR" RelWithDebInfo -DDROPOUT_LAB_SANITIZE=ON
  # Any finding fails the test that caused it: leaks included, no recovery from UB.
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  run_tests
}

run_tests() {
  echo "==> Running the test suite through ctest"
  ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$JOBS"
}

# The second compiler: the whole build and every test with clang++, warnings on (build/clang).
test_clang() {
  BUILD_DIR="${CLANG_BUILD_DIR:-build/clang}"
  echo "==> The clang build: clang++ $(clang++ -dumpversion 2> /dev/null), in $BUILD_DIR"
  configure_and_build "$BUILD_DIR" Release -DCMAKE_CXX_COMPILER=clang++
  run_tests
}

# The fuzz targets of fuzz/ (fuzz/CMakeLists.txt), built with clang, libFuzzer, ASan and UBSan
# in build/fuzz, each run for $1 seconds from the seeds in fuzz/corpus/<target> plus what
# earlier runs found interesting (build/fuzz/corpus/<target>). libFuzzer stops a target at its
# first finding; the input is copied to fuzz/corpus/<target>/regressions/, which
# ./run.sh test replays (fuzz.replay.<target>): commit it with the fix.
FUZZ_TARGETS=(csv cli state_dict)
run_fuzz() {
  local seconds="$1"
  if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "run.sh fuzz: SECONDS must be a positive whole number, got '$seconds'" >&2
    exit 2
  fi
  BUILD_DIR="${FUZZ_BUILD_DIR:-build/fuzz}"
  echo "==> The fuzz build: clang++, -fsanitize=fuzzer,address,undefined, in $BUILD_DIR"
  BUILD_TARGETS="${FUZZ_TARGETS[*]/#/fuzz_}" configure_and_build "$BUILD_DIR" RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DDROPOUT_LAB_FUZZ=ON -DDROPOUT_LAB_BUILD_TESTS=OFF \
    -DDROPOUT_LAB_INSTALL=OFF
  local target total_findings=0 summary=""
  for target in "${FUZZ_TARGETS[@]}"; do
    local work="$BUILD_DIR/corpus/$target" findings="$BUILD_DIR/findings/$target"
    local log="$BUILD_DIR/fuzz_$target.log" status executions found
    mkdir -p "$work" "$findings"
    echo "==> fuzz_$target for $seconds s (seeds fuzz/corpus/$target; log $log)"
    set +e
    # FUZZ_SEED fixes libFuzzer's mutations (CI sets it, so a CI run is repeatable); unset, each
    # run explores differently.
    "$BUILD_DIR/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
      ${FUZZ_SEED:+-seed="$FUZZ_SEED"} -print_final_stats=1 -artifact_prefix="$findings/" \
      "$work" "fuzz/corpus/$target" > "$log" 2>&1
    status=$?
    set -e
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    found=0
    local artifact
    for artifact in "$findings"/*; do
      [ -f "$artifact" ] && [[ "$artifact" != *.reported ]] || continue
      mkdir -p "fuzz/corpus/$target/regressions"
      cp "$artifact" "fuzz/corpus/$target/regressions/"
      echo "    finding: $artifact (copied to fuzz/corpus/$target/regressions/)"
      mv "$artifact" "$artifact.reported"
      found=$((found + 1))
    done
    if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then
      echo "    fuzz_$target exited with $status and saved no input; see $log" >&2
      found=1
    fi
    [ "$found" -eq 0 ] || grep -E "^(==[0-9]+==ERROR|fuzz: property|SUMMARY)" "$log" | head -5 || true
    summary+="$(printf '  fuzz_%-11s %12s executions in %s s, %d findings' "$target" \
      "${executions:-?}" "$seconds" "$found")"$'\n'
    total_findings=$((total_findings + found))
  done
  echo "==> Fuzzing done:"
  printf '%s' "$summary"
  if [ "$total_findings" -ne 0 ]; then
    echo "==> $total_findings findings: fix them, and commit fuzz/corpus/*/regressions/" >&2
    exit 1
  fi
}

# The student copy (docs/EXERCISES.md): the project with every marked solution replaced by a
# stub that throws autograd::NotImplemented("exercise N.M: hint").
make_exercises() {
  tools/make_exercises.sh "$1"
  echo "==> Next: cd $1 && ./run.sh test (it builds; the tests fail until you write the exercises),"
  echo "    then follow docs/EXERCISES.md from exercise 1.1."
}

# The same student copy, generated under build/, built and checked: it compiles, each
# exercise's tests fail only with its own or an earlier exercise's NotImplemented, and the
# untagged tests pass (tools/check_exercises.sh). SKIP_EXERCISE_CHECK=1 skips it.
check_exercises() {
  if [ "${SKIP_EXERCISE_CHECK:-0}" = 1 ]; then
    echo "==> SKIP_EXERCISE_CHECK=1: the student copy is not checked"
    return
  fi
  tools/check_exercises.sh copy "$JOBS"
}

# The computation graph, drawn (examples/draw_graph.cpp): results/graph/ with the DOT files,
# their pictures (when Graphviz is installed) and a section.md that run_all.sh puts in REPORT.md.
draw_graph() {
  echo "==> The computation graph: $BUILD_DIR/examples/draw_graph --out results/graph"
  "$BUILD_DIR/examples/draw_graph" --out results/graph
}

run_experiments() {
  if [ -x experiments/run_all.sh ]; then
    experiments/run_all.sh "$BUILD_DIR" results
  else
    echo "==> No experiments yet: the build is ready, and ./run.sh test runs the tests."
  fi
}

mode="${1:-all}"
case "$mode" in
  all) install_packages; build_experiments; draw_graph; run_experiments ;;
  build) install_packages; build ;;
  test) install_packages; build; run_tests; check_exercises ;;
  test-sanitize) install_packages; sanitize ;;
  test-clang) PACKAGES+=("${CLANG_PACKAGES[@]}"); install_packages; test_clang ;;
  fuzz)
    PACKAGES+=("${CLANG_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}")
    install_packages
    run_fuzz "${2:-60}"
    ;;
  bench)
    PACKAGES+=("${BENCH_PACKAGES[@]}")
    install_packages
    configure_and_build "$BUILD_DIR" Release -DDROPOUT_LAB_LIBTORCH_BENCH=ON
    benchmarks/run_bench.sh "$BUILD_DIR" results
    ;;
  exercises) make_exercises "${2:-exercises}" ;;
  help | -h | --help) usage ;;
  *) echo "run.sh: unknown mode '$mode'" >&2; usage >&2; exit 2 ;;
esac
