// Independent tasks on a few threads. Each task builds its own model and optimizer and seeds
// the library generator itself (autograd's generator, grad mode and graph bookkeeping are
// thread_local), and writes only its own result slot, so results do not depend on which
// thread ran what, or when.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace moons {

// Runs task(i) for every i in [0, count) on `threads` worker threads (tasks are picked up in
// index order), calling `poll` on the calling thread about ten times a second until all are
// done. When a task throws, `cancel` is set (long tasks check it and throw Cancelled), no new
// task starts, and after all workers stop the exception of the lowest-indexed task that failed
// for a reason other than cancellation is rethrown.
void run_parallel(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t)>& task, std::atomic<bool>& cancel,
                  const std::function<void()>& poll);

}  // namespace moons
