#include "experiments/common/runner.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <iostream>
#include <mutex>
#include <thread>

#include "experiments/common/interrupt.hpp"
#include "experiments/common/provenance.hpp"

namespace experiments {

namespace {

// How long a run may take to stop by itself after SIGINT or SIGTERM: parallel_for and the file
// writers stop within a tenth of a second, but code between them does not poll the flag.
constexpr std::chrono::seconds kGracePeriod{2};

std::string interrupted_message(const std::string& program, const std::string& out_dir,
                                int signal_number) {
  return program + ": interrupted by " + signal_name(signal_number) + "; every file in " + out_dir +
         " is complete or absent (run again to make the rest)\n";
}

// Ends the process when a run does not stop within kGracePeriod of SIGINT or SIGTERM: it waits
// until no file is being written (hold_output_files), so it too leaves complete files or none.
class Watchdog {
 public:
  Watchdog(std::string program, std::string out_dir)
      : program_(std::move(program)), out_dir_(std::move(out_dir)), thread_([this] { watch(); }) {}
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  ~Watchdog() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      finished_ = true;
    }
    run_ended_.notify_all();
    wake_interrupt_waiter();
    thread_.join();
  }

 private:
  void watch() {
    while (true) {
      const int signal_number = wait_for_interrupt();
      std::unique_lock<std::mutex> lock(mutex_);
      if (finished_) return;
      if (signal_number == 0) continue;  // a wake-up left over from an earlier run
      if (run_ended_.wait_for(lock, kGracePeriod, [this] { return finished_; })) return;
      lock.unlock();
      const auto no_file_half_written = hold_output_files();
      std::cerr << "\n" << interrupted_message(program_, out_dir_, signal_number);
      end_by_signal(signal_number);
    }
  }

  const std::string program_, out_dir_;
  std::mutex mutex_;
  std::condition_variable run_ended_;
  bool finished_ = false;
  std::thread thread_;  // last: it starts once the members above exist
};

// Runs the experiment and writes its files; returns the exit code, or the signal that stopped
// the run as a negative number.
int run_and_write(const ExperimentSpec& spec, const CommonOptions& common) {
  const Watchdog watchdog(spec.name, common.out_dir);
  try {
    const Output out(common.out_dir);
    Report report = spec.run(Context{common.seed, common.quick, common.threads, out});
    // Which version and build made these numbers (the same for every run of one build).
    report.summary["provenance"] = provenance_json();
    out.write_text("section.md", report.section);
    out.write_json("summary.json", report.summary);
    std::cout << report.console << spec.name << ": wrote " << out.path("summary.json") << " and "
              << out.path("section.md") << "\n";
  } catch (const Interrupted& interrupted) {
    return -interrupted.signal_number();
  } catch (const std::exception& error) {
    // A task that failed because of the signal (a closed pipe, say) is not the story.
    if (interrupt_signal() != 0) return -interrupt_signal();
    std::cerr << spec.name << ": error: " << error.what() << "\n";
    return 1;
  }
  return interrupt_signal() != 0 ? -interrupt_signal() : 0;
}

}  // namespace

int run_experiment(int argc, const char* const* argv, const ExperimentSpec& spec) {
  Cli cli(spec.name, spec.description);
  CommonOptions common;
  cli.add_common(common);
  if (spec.options) spec.options(cli);
  if (spec.make_quick) cli.on_quick(spec.make_quick);
  cli.parse(argc, argv);
  if (common.threads == 0) cli.usage_error("--threads must be at least 1");
  if (spec.validate) spec.validate(cli);
  install_interrupt_handlers();
  const int code = run_and_write(spec, common);
  if (code < 0) {
    const auto no_file_half_written = hold_output_files();
    std::cerr << "\n" << interrupted_message(spec.name, common.out_dir, -code);
    end_by_signal(-code);
  }
  return code;
}

}  // namespace experiments
