#include "experiments/common/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <unistd.h>

#include "experiments/common/interrupt.hpp"

namespace experiments {

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), start_(Clock::now()), last_print_(start_) {}

void Progress::update(std::size_t done) {
  const auto now = Clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  // Into a log (not a terminal), one line at the end is enough: see the destructor.
  if (!isatty(fileno(stderr))) {
    last_done_ = done;
    return;
  }
  if (printed_ && now - last_print_ < std::chrono::milliseconds(200) && done < total_) return;
  last_print_ = now;
  printed_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double percent = total_ ? 100.0 * static_cast<double>(done) / total_ : 100.0;
  std::fprintf(stderr, "\r  %s: %5.1f%% (%zu/%zu, %.1f s)", label_.c_str(), percent, done, total_,
               seconds);
  std::fflush(stderr);
}

Progress::~Progress() {
  if (printed_) {
    std::fprintf(stderr, "\n");
  } else if (last_done_ > 0) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    std::fprintf(stderr, "  %s: %zu/%zu in %.1f s\n", label_.c_str(), last_done_, total_, seconds);
  }
}

void parallel_for(std::size_t count, const std::function<void(std::size_t)>& task,
                  const ParallelOptions& options) {
  std::atomic<bool> own_cancel{false};
  std::atomic<bool>& cancel = options.cancel ? *options.cancel : own_cancel;
  std::vector<std::exception_ptr> failures(count);  // one slot per task: no lock needed
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  const std::size_t workers = std::max<std::size_t>(1, std::min(options.threads, count));
  std::size_t running = workers;  // guarded by mutex
  std::mutex mutex;
  std::condition_variable all_stopped;
  auto worker = [&] {
    for (std::size_t i = next++; i < count && !cancel.load(); i = next++) {
      try {
        task(i);
      } catch (const Cancelled&) {
        // another task failed first; its exception is the one reported
      } catch (...) {
        failures[i] = std::current_exception();
        cancel = true;
      }
      ++finished;
    }
    const std::lock_guard<std::mutex> lock(mutex);
    if (--running == 0) all_stopped.notify_one();
  };

  std::unique_ptr<Progress> progress;
  if (!options.label.empty()) {
    progress =
        std::make_unique<Progress>(options.label, options.units_done ? options.total_units : count);
  }
  auto report = [&] {
    if (progress) progress->update(options.units_done ? options.units_done() : finished.load());
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < workers; ++t) pool.emplace_back(worker);
  // The progress line is drawn from this thread only (Progress is not thread-safe).
  // A short run must not wait for the next tick: the workers wake this thread when they stop.
  // SIGINT or SIGTERM becomes the cancel flag, which the long tasks poll.
  for (std::unique_lock<std::mutex> lock(mutex); running > 0;) {
    lock.unlock();
    if (interrupt_signal() != 0) cancel = true;
    report();
    lock.lock();
    all_stopped.wait_for(lock, std::chrono::milliseconds(100), [&] { return running == 0; });
  }
  for (std::thread& thread : pool) thread.join();
  report();
  throw_if_interrupted();  // before the failures: a task may have failed because of it
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace experiments
