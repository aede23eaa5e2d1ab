#include "experiments/common/interrupt.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>

#include <fcntl.h>
#include <unistd.h>

namespace experiments {

namespace {

// Lock-free atomics are async-signal-safe (C++17 [support.signal]); the handler does nothing else
// but write one byte to a pipe, which POSIX lists as async-signal-safe.
std::atomic<int> recorded_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
int wake_pipe[2] = {-1, -1};

extern "C" void on_interrupt(int signal_number) {
  const int saved_errno = errno;
  int expected = 0;
  if (!recorded_signal.compare_exchange_strong(expected, signal_number)) {
    // A second signal: the user insists, so stop now, by the default action.
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
  const char byte = 's';
  [[maybe_unused]] const ssize_t written = ::write(wake_pipe[1], &byte, 1);
  errno = saved_errno;
}

}  // namespace

Interrupted::Interrupted(int signal_number)
    : std::runtime_error("interrupted by " + signal_name(signal_number)),
      signal_number_(signal_number) {}

void install_interrupt_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (::pipe2(wake_pipe, O_CLOEXEC) != 0) {
      throw std::runtime_error("cannot create the pipe of the interrupt handler");
    }
    ::fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK);  // a full pipe must not block the handler
  });
  struct sigaction action = {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // library code that reads or waits carries on
  for (const int signal_number : {SIGINT, SIGTERM}) sigaction(signal_number, &action, nullptr);
}

int interrupt_signal() {
  return recorded_signal.load();
}

void throw_if_interrupted() {
  if (const int signal_number = interrupt_signal()) throw Interrupted(signal_number);
}

std::string signal_name(int signal_number) {
  if (signal_number == SIGINT) return "SIGINT";
  if (signal_number == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal_number);
}

void clear_interrupt() {
  recorded_signal = 0;
}

int wait_for_interrupt() {
  char byte = 0;
  while (::read(wake_pipe[0], &byte, 1) < 0 && errno == EINTR) {
  }
  return interrupt_signal();
}

void wake_interrupt_waiter() {
  const char byte = 'w';
  [[maybe_unused]] const ssize_t written = ::write(wake_pipe[1], &byte, 1);
}

void end_by_signal(int signal_number) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
  std::_Exit(128 + signal_number);  // not reached: the default action of both ends the process
}

}  // namespace experiments
