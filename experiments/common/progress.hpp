// A progress line on stderr for anything that runs longer than a second: redrawn in place on a
// terminal, a single closing line in a log.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace experiments {

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

}  // namespace experiments
