#include "experiments/common/progress.hpp"

#include <cstdio>

#include <unistd.h>

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

}  // namespace experiments
