// Independent tasks on a few threads, with a progress line and cancellation.
//
// Each task builds its own models and seeds the library generator itself (autograd's generator,
// grad mode and graph bookkeeping are thread_local) and writes only its own result slot, so
// results do not depend on the thread count or on which thread ran what.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>

namespace experiments {

// A progress line on stderr for anything that runs longer than a second: redrawn in place on a
// terminal, a single closing line in a log.
class Progress {
 public:
  Progress(std::string label, std::size_t total);
  ~Progress();  // ends the line if one was printed
  // Call as often as you like: prints at most five times a second, and only after 1 s.
  void update(std::size_t done);

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  std::size_t total_;
  Clock::time_point start_;
  Clock::time_point last_print_;
  bool printed_ = false;       // a line was drawn on a terminal
  std::size_t last_done_ = 0;  // progress seen after 1 s when stderr is not a terminal
};

// Thrown by a long task that sees the cancel flag set: another task failed first, and that
// failure is the one reported.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

struct ParallelOptions {
  std::size_t threads = 1;
  std::string label;  // of the progress line on stderr; empty: no progress line
  // Progress counts finished tasks, unless the tasks count finer units (training steps, say):
  // then `total_units` is their number and `units_done` reads the running count.
  std::size_t total_units = 0;
  std::function<std::size_t()> units_done;
  // Set when a task fails, so that long tasks can stop early (they poll it and throw
  // Cancelled). Optional: without it, tasks already running finish normally.
  std::atomic<bool>* cancel = nullptr;
};

// Runs task(i) for every i in [0, count), picked up in index order by up to `threads` workers.
// When a task throws, no new task starts, and once all workers have stopped the exception of
// the lowest-indexed task that failed (other than by Cancelled) is rethrown. SIGINT or SIGTERM
// (interrupt.hpp) sets the cancel flag within 100 ms; once the workers have stopped,
// Interrupted is thrown.
void parallel_for(std::size_t count, const std::function<void(std::size_t)>& task,
                  const ParallelOptions& options);

}  // namespace experiments
