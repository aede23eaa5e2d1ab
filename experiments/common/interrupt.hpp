// SIGINT and SIGTERM during a run: the handler only records the signal (async-signal-safe);
// parallel_for turns it into its cancel flag, the file writers refuse to start a file and stop
// gnuplot, and run_experiment then ends the run by the same signal (exit status 130 or 143),
// leaving in --out complete files or none.
#pragma once

#include <stdexcept>
#include <string>

namespace experiments {

// Thrown where a run sees that SIGINT or SIGTERM arrived; run_experiment ends the process.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal_number);
  int signal_number() const { return signal_number_; }

 private:
  int signal_number_;
};

// Installs the handlers of SIGINT and SIGTERM (again at each call, over any other handler such
// as a test framework's). A second signal, once the first is recorded, ends the process at once,
// by that signal.
void install_interrupt_handlers();

// The signal that arrived (SIGINT or SIGTERM), or 0.
int interrupt_signal();

// Throws Interrupted when a signal arrived.
void throw_if_interrupted();

// "SIGINT" or "SIGTERM" (or "signal N").
std::string signal_name(int signal_number);

// Forgets a recorded signal: for tests, which raise one and carry on.
void clear_interrupt();

// Blocks until a signal arrives or wake_interrupt_waiter() is called (the handler writes to a
// pipe that this reads); returns the signal, or 0 when woken without one. For the runner's
// watchdog thread; needs install_interrupt_handlers() first.
int wait_for_interrupt();
void wake_interrupt_waiter();

// Ends the process by `signal_number` with its default action (so that a shell running it sees
// exit status 128 + signal_number and stops a script too), after flushing stdout and stderr.
[[noreturn]] void end_by_signal(int signal_number);

}  // namespace experiments
