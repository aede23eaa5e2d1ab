#include "experiments/dynamics/parallel.hpp"

#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "experiments/common/progress.hpp"

namespace dynamics {

void run_tasks(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& task,
               const std::string& label) {
  experiments::Progress progress(label, count);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;  // written once, under the mutex
  std::mutex failure_mutex;
  auto worker = [&] {
    for (std::size_t index = next++; index < count; index = next++) {
      try {
        task(index);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
        next = count;  // stop handing out tasks
      }
      ++done;
    }
  };
  if (threads <= 1) {
    for (std::size_t index = 0; index < count; ++index) {
      task(index);
      progress.update(index + 1);
    }
    return;
  }
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  // The progress line is drawn from this thread only (Progress is not thread-safe).
  while (done < count && !failed) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    progress.update(done);
  }
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  progress.update(count);
}

}  // namespace dynamics
