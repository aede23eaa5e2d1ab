#include "experiments/moons/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <thread>
#include <vector>

#include "experiments/moons/training.hpp"

namespace moons {

void run_parallel(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t)>& task, std::atomic<bool>& cancel,
                  const std::function<void()>& poll) {
  std::vector<std::exception_ptr> failures(count);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> running{std::max<std::size_t>(1, std::min(threads, count))};
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
    }
    --running;
  };
  const std::size_t thread_count = running.load();
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < thread_count; ++t) pool.emplace_back(worker);
  constexpr auto kPollInterval = std::chrono::milliseconds(100);
  while (running.load() > 0) {
    poll();
    std::this_thread::sleep_for(kPollInterval);
  }
  for (std::thread& thread : pool) thread.join();
  poll();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace moons
