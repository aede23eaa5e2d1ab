// Faults a run must survive (issue 21): SIGINT and SIGTERM, a full disk, a comma-decimal locale.
// Each leaves in --out complete files or none.
// The three that run the theorem executable carry its tag, [ex9.2]: in the student copy they
// need every exercise up to it.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "datasets/csv.hpp"
#include "experiments/common/cli.hpp"
#include "experiments/common/interrupt.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/parallel.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_paths.hpp"

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The theorem experiment with `args`, stdout and stderr into `log`; returns its pid.
pid_t start_theorem(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> words = {test::experiment_binary()};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(error == 0);
  return pid;
}

// Waits until `ready()` or a minute has passed (so that a test that goes wrong still ends).
template <class Ready>
void wait_until(Ready ready) {
  for (const auto start = Clock::now();
       !ready() && Clock::now() - start < std::chrono::minutes(1);) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Forgets the signal a test raised, however the test ends (a second one would end the binary).
struct ClearInterruptAtEnd {
  ClearInterruptAtEnd() = default;
  ClearInterruptAtEnd(const ClearInterruptAtEnd&) = delete;
  ClearInterruptAtEnd& operator=(const ClearInterruptAtEnd&) = delete;
  ~ClearInterruptAtEnd() { experiments::clear_interrupt(); }
};

// The names of the files in `dir` that a finished or stopped run must not leave: temporaries.
std::vector<std::string> temporaries_in(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp") != std::string::npos || name == ".write-test") found.push_back(name);
  }
  return found;
}

// Starts a long theorem run (minutes), sends `signal_number` once it has created --out, and
// checks that it ends by that signal within seconds, says so, and leaves no temporary file.
void check_interrupted_run(int signal_number) {
  const test::TempDir scratch("faults_interrupt");
  const fs::path out = scratch / "out";
  const pid_t pid = start_theorem(
      {"--quick", "--gradient-draws", "50000000", "--threads", "2", "--out", out.string()},
      scratch / "log");
  // --out is created after the handlers are installed: from then on the signal is handled.
  wait_until([&] { return fs::exists(out); });
  REQUIRE(fs::exists(out));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto sent = Clock::now();
  REQUIRE(::kill(pid, signal_number) == 0);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  const double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  const std::string log = test::read_file(scratch / "log");
  INFO(log);
  // By the signal itself, as a shell expects: its $? is then 128 + the signal (130, 143).
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == signal_number);
  REQUIRE(seconds < 10);  // the run alone takes minutes; the watchdog allows 2 s
  REQUIRE_THAT(
      log, Catch::Contains("theorem: interrupted by " + experiments::signal_name(signal_number)));
  REQUIRE(temporaries_in(out).empty());
  REQUIRE_FALSE(fs::exists(out / "summary.json"));
  // The same --out again: a normal run.
  const auto rerun =
      test::run_command(test::experiment_binary() + std::string(" --quick --out ") + out.string());
  INFO(rerun.output);
  REQUIRE(rerun.exit_code == 0);
  REQUIRE(fs::exists(out / "summary.json"));
  REQUIRE(temporaries_in(out).empty());
}

// Every file of `dir`, by name.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = test::read_file(entry.path());
  }
  return files;
}

}  // namespace

TEST_CASE(
    "interrupt: SIGINT ends a run by SIGINT, says so, leaves no temporary, and a rerun "
    "completes",
    "[experiments][faults][ex9][ex9.2]") {
  check_interrupted_run(SIGINT);
}

TEST_CASE(
    "interrupt: SIGTERM ends a run by SIGTERM, says so, leaves no temporary, and a rerun "
    "completes",
    "[experiments][faults][ex9][ex9.2]") {
  check_interrupted_run(SIGTERM);
}

TEST_CASE(
    "interrupt: after SIGINT parallel_for cancels its tasks and throws Interrupted, and "
    "no file is started",
    "[experiments][faults]") {
  experiments::install_interrupt_handlers();
  const ClearInterruptAtEnd clear_at_end;
  const test::TempDir dir("faults_parallel");
  const experiments::Output out(dir.string());
  std::atomic<bool> cancel{false};
  std::atomic<int> started{0};
  // Tasks that run until they see the cancel flag, as the experiments' long tasks do.
  const auto long_task = [&](std::size_t) {
    ++started;
    while (!cancel.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    throw experiments::Cancelled();
  };
  std::thread signaller([&] {
    wait_until([&] { return started.load() >= 2; });
    std::raise(SIGINT);
  });
  const auto start = Clock::now();
  experiments::ParallelOptions options;
  options.threads = 2;
  options.cancel = &cancel;
  REQUIRE_THROWS_AS(experiments::parallel_for(100, long_task, options), experiments::Interrupted);
  signaller.join();
  REQUIRE(Clock::now() - start < std::chrono::seconds(5));
  REQUIRE(started.load() == 2);  // no task started after the signal
  REQUIRE(experiments::interrupt_signal() == SIGINT);
  REQUIRE_THROWS_AS(out.write_text("late.txt", "text"), experiments::Interrupted);
  REQUIRE_FALSE(fs::exists(dir / "late.txt"));
  REQUIRE_FALSE(fs::exists(dir / "late.txt.tmp"));
  experiments::clear_interrupt();
  out.write_text("late.txt", "text");
  REQUIRE(test::read_file(dir / "late.txt") == "text");
}

TEST_CASE("interrupt: gnuplot is stopped and the file it was writing is removed",
          "[experiments][faults]") {
  if (!experiments::gnuplot_available()) {
    WARN("skipped: gnuplot is not installed");
    return;
  }
  experiments::install_interrupt_handlers();
  const ClearInterruptAtEnd clear_at_end;
  const test::TempDir dir("faults_gnuplot");
  const experiments::Output out(dir.string());
  // Writes a line of its output, then waits half a minute.
  out.write_text("slow.gp",
                 "set print '" + out.path("half.txt") + "'\nprint 'partial'\npause 30\n");
  std::thread signaller([&] {
    wait_until([&] { return fs::exists(dir / "half.txt"); });
    std::raise(SIGTERM);
  });
  const auto start = Clock::now();
  REQUIRE_THROWS_AS(out.run_gnuplot("slow.gp", {"half.txt"}), experiments::Interrupted);
  signaller.join();
  REQUIRE(Clock::now() - start < std::chrono::seconds(10));
  REQUIRE_FALSE(fs::exists(dir / "half.txt"));
}

TEST_CASE("full disk: Output::write_text names the file and leaves neither it nor its temporary",
          "[experiments][faults]") {
  if (!fs::exists("/dev/full")) {
    WARN("skipped: no /dev/full to write to");
    return;
  }
  const test::TempDir dir("faults_dev_full");
  const experiments::Output out(dir.string());
  // The temporary file is /dev/full, where every write fails with ENOSPC.
  fs::create_symlink("/dev/full", dir / "summary.json.tmp");
  REQUIRE_THROWS_WITH(out.write_text("summary.json", std::string(100000, 'x')),
                      Catch::Contains("cannot write '" + out.path("summary.json") + "'") &&
                          Catch::Contains(std::strerror(ENOSPC)));
  REQUIRE_FALSE(fs::exists(fs::symlink_status(dir / "summary.json.tmp")));
  REQUIRE_FALSE(fs::exists(dir / "summary.json"));
}

TEST_CASE(
    "full disk: a run whose writes fail exits 1 naming the file, and every file it left is "
    "complete",
    "[experiments][faults][ex9][ex9.2]") {
  const test::TempDir complete("faults_complete"), limited("faults_limited");
  fs::create_directories(complete / "out");
  fs::create_directories(limited / "out");
  const std::string binary = test::experiment_binary();
  const auto full = test::run_command(binary + " --quick --out " + (complete / "out").string());
  INFO(full.output);  // the reference run's own error, if it fails (in the student copy: a stub)
  REQUIRE(full.exit_code == 0);
  // A file size limit of 8 KB (16 blocks of 512 bytes in dash): a larger write fails with EFBIG,
  // as on a full disk (SIGXFSZ ignored, so the write returns the error instead of killing).
  const auto failed = test::run_command("trap '' XFSZ; ulimit -f 16; exec " + binary +
                                        " --quick --out " + (limited / "out").string());
  INFO(failed.output);
  REQUIRE(failed.exit_code == 1);
  REQUIRE_THAT(failed.output, Catch::Contains("theorem: error: cannot write '" +
                                              (limited / "out").string() + "/") &&
                                  Catch::Contains(std::strerror(EFBIG)));
  REQUIRE(temporaries_in(limited / "out").empty());
  REQUIRE_FALSE(fs::exists(limited / "out" / "summary.json"));
  const auto expected = files_of(complete / "out");
  for (const auto& [name, text] : files_of(limited / "out")) {
    INFO("file " << name);
    REQUIRE(expected.count(name) == 1);
    REQUIRE(text == expected.at(name));  // complete: the same bytes as the full run's
  }
}

namespace {

// LC_ALL set to a locale whose decimal point is a comma for the object's life, or `name()` empty
// when there is none: an installed one (de_DE.UTF-8, ...), else one compiled by localedef into
// `scratch` from a few lines (LOCPATH), which needs Debian's `locales` charmaps.
class CommaDecimalLocale {
 public:
  explicit CommaDecimalLocale(const fs::path& scratch) {
    for (const char* candidate : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
                                  "nl_NL.UTF-8", "ru_RU.UTF-8", "de_DE"}) {
      if (use(candidate)) return;
    }
    std::ofstream(scratch / "comma.src") << "LC_CTYPE\ncopy \"POSIX\"\nEND LC_CTYPE\n"
                                         << "LC_NUMERIC\ndecimal_point \"<U002C>\"\n"
                                         << "thousands_sep \"<U002E>\"\ngrouping 3;3\n"
                                         << "END LC_NUMERIC\n";
    const std::string command = "localedef -c -i '" + (scratch / "comma.src").string() +
                                "' -f ANSI_X3.4-1968 '" + (scratch / "comma").string() +
                                "' >/dev/null 2>&1";
    [[maybe_unused]] const int status = std::system(command.c_str());  // -c: warnings exit 1
    ::setenv("LOCPATH", scratch.c_str(), 1);
    if (!use("comma")) ::unsetenv("LOCPATH");
  }
  ~CommaDecimalLocale() {
    std::setlocale(LC_ALL, "C");
    ::unsetenv("LOCPATH");
  }
  const std::string& name() const { return name_; }

 private:
  bool use(const char* candidate) {
    if (std::setlocale(LC_ALL, candidate) == nullptr) return false;
    if (std::string(std::localeconv()->decimal_point) == ",") {
      name_ = candidate;
      return true;
    }
    std::setlocale(LC_ALL, "C");
    return false;
  }
  std::string name_;
};

}  // namespace

TEST_CASE("locale: the command line and load_csv read 0.25 as 0.25 under a comma-decimal locale",
          "[experiments][faults]") {
  const test::TempDir dir("faults_locale");
  const CommaDecimalLocale locale(dir.path());
  if (locale.name().empty()) {
    WARN(
        "skipped: no comma-decimal locale installed, and localedef could not make one "
        "(Debian: apt-get install locales)");
    return;
  }
  INFO("locale " << locale.name());
  REQUIRE(std::strtod("0.25", nullptr) == 0);  // the locale is in force: strtod stops at '.'
  double lr = 1;
  std::uint64_t seeds = 0;
  experiments::Cli cli("demo", "a demo");
  cli.add_option("--lr", "a rate", lr);
  cli.add_option("--seeds", "a count", seeds);
  const char* argv[] = {"demo", "--lr", "0.25", "--seeds=12"};
  cli.parse(4, argv);  // a value it cannot read would exit with code 2
  REQUIRE(lr == 0.25);
  REQUIRE(seeds == 12);
  const std::string csv = dir.file("data.csv");
  std::ofstream(csv) << "x0,x1,y\n0.5,-1.25e-3,1\n2.75,3,0\n";
  const datasets::Dataset data = datasets::load_csv(csv);
  REQUIRE(data.X(0, 0) == 0.5);
  REQUIRE(data.X(0, 1) == -1.25e-3);
  REQUIRE(data.X(1, 0) == 2.75);
}

TEST_CASE("full disk: a PNG that gnuplot leaves cut short is removed and the error names it",
          "[experiments][faults]") {
  if (!experiments::gnuplot_available()) {
    WARN("skipped: gnuplot is not installed");
    return;
  }
  const test::TempDir dir("faults_png");
  const experiments::Output out(dir.string());
  const std::string script = "set terminal pngcairo size 1600,1200\nset output '" +
                             out.path("noise.png") + "'\nset samples 5000\nplot sin(x*97)*x\n";
  // gnuplot inherits a file size limit of 4 KB, under which it writes a truncated PNG and
  // still exits with 0. SIGXFSZ ignored: the write fails with EFBIG instead of killing.
  struct rlimit old_limit {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  struct rlimit small_limit = old_limit;
  small_limit.rlim_cur = 4096;
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small_limit) == 0);
  std::string error;
  try {
    out.plot("noise.png", script);
  } catch (const std::runtime_error& thrown) {
    error = thrown.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_THAT(error, Catch::Contains("cannot write '" + out.path("noise.png") + "'"));
  REQUIRE_FALSE(fs::exists(dir / "noise.png"));
  // Without the limit the same figure is drawn whole.
  REQUIRE(out.plot("noise.png", script));
  REQUIRE(fs::file_size(dir / "noise.png") > 4096);
}
