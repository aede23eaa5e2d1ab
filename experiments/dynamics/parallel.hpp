// Independent tasks on a few threads, with results that do not depend on the scheduling: each
// task seeds its own generator from (seed, its index) and writes only its own result slot, and
// results are combined afterwards in task order.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace dynamics {

// Runs task(0), …, task(count − 1) on `threads` threads (1 runs them in order on the caller's
// thread), showing a progress line labelled `label` when it takes over a second. The first
// exception thrown by a task is rethrown here after every thread has stopped.
void run_tasks(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& task,
               const std::string& label);

}  // namespace dynamics
