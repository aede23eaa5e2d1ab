// A plain timing harness: warm-up calls, then timed repetitions, each on two clocks.
// (Google Benchmark would pick its own iteration counts; here every framework must run the
// same number of steps, so the harness is ours and a few lines long.)
//
// Why two clocks: the development machine has 2 cores shared with other work (load averages
// of 6 to 9 are common), so wall time measures our share of a core as much as our code. The
// process's CPU time (user + system, all threads) counts only the time the process ran; for
// single-threaded work on an idle machine the two agree. The report's figures use CPU time
// and give the wall-clock ratios beside them.
#pragma once

#include <chrono>
#include <cstddef>
#include <ctime>
#include <vector>

namespace bench {

struct RepetitionTime {
  double wall_seconds;
  double cpu_seconds;
};

// CPU time consumed by this process so far, in seconds.
inline double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// Calls run_once() `warmup` times untimed, then `repetitions` times, and returns the wall and
// CPU time of each timed call.
template <class F>
std::vector<RepetitionTime> time_repetitions(std::size_t warmup, std::size_t repetitions,
                                             F&& run_once) {
  using Clock = std::chrono::steady_clock;
  for (std::size_t i = 0; i < warmup; ++i) run_once();
  std::vector<RepetitionTime> times;
  times.reserve(repetitions);
  for (std::size_t i = 0; i < repetitions; ++i) {
    const auto wall_start = Clock::now();
    const double cpu_start = process_cpu_seconds();
    run_once();
    const double cpu = process_cpu_seconds() - cpu_start;
    times.push_back({std::chrono::duration<double>(Clock::now() - wall_start).count(), cpu});
  }
  return times;
}

}  // namespace bench
