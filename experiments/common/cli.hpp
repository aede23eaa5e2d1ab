// Command line of every experiment: the shared options (--help, --seed, --out, --quick,
// --threads) and each experiment's own knobs, declared next to the variables they set.
//
// Bad usage (an unknown flag, a missing or malformed value) prints the error and the usage on
// stderr and exits with code 2; --help prints the usage on stdout and exits with 0, and
// --version prints the program's version and build (dropout_lab::version_text) and exits with 0.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace experiments {

struct CommonOptions {
  std::uint64_t seed = 0;
  std::string out_dir;  // default: results/<experiment name>
  bool quick = false;   // a small, fast variant, used by the tests
  std::size_t threads =
      1;  // worker threads; default: the machine's cores (results do not depend on it)
};

// Bad usage found by Cli::parse_or_throw; the message names the option or argument.
class UsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// What the command line asks for, when it is well formed.
enum class CliRequest { run, help, version };

class Cli {
 public:
  Cli(std::string program, std::string description);

  // Each option writes into `target` when given; its current value is shown as the default.
  void add_flag(const std::string& name, const std::string& help, bool& target);
  void add_option(const std::string& name, const std::string& help, double& target);
  // Counts and seeds, of any unsigned type: std::size_t and std::uint64_t are one type on
  // Debian amd64 but two elsewhere (unsigned long and unsigned long long on macOS). A value the
  // type cannot hold is malformed.
  template <std::unsigned_integral Count>
  void add_option(const std::string& name, const std::string& help, Count& target) {
    static_assert(!std::is_same_v<Count, bool>, "a bool is a flag: add_flag");
    static_assert(sizeof(Count) <= sizeof(std::uintmax_t));
    add_count(name, help, std::to_string(target), std::numeric_limits<Count>::max(),
              [&target](std::uintmax_t value) { target = static_cast<Count>(value); });
  }
  void add_option(const std::string& name, const std::string& help, std::string& target);
  // Any other value, read from its text by `parse`, which throws std::invalid_argument with the
  // reason when it cannot (the usage error then names the option and gives the reason);
  // `default_text` is the default the usage shows. E.g. moons' --hidden 64,64.
  template <class Value>
  void add_option(const std::string& name, const std::string& help, Value& target,
                  std::string default_text,
                  std::type_identity_t<std::function<Value(const std::string&)>> parse) {
    options_.push_back({name, help, std::move(default_text), true,
                        [&target, parse = std::move(parse)](const std::string& text) {
                          target = parse(text);
                          return true;
                        }});
  }

  // Adds --seed, --out, --quick and --threads; out_dir defaults to results/<program>, threads
  // to the machine's cores. (--help and --version are there from the start, for every program
  // with a Cli.)
  void add_common(CommonOptions& options);

  // The one --quick mechanism: when --quick is given, `make_quick` runs before any other option
  // is applied, so it changes the defaults and every option the user gives still wins.
  void on_quick(std::function<void()> make_quick) { make_quick_ = std::move(make_quick); }

  // Parses argv, or exits: 0 after --help or --version, 2 after bad usage.
  void parse(int argc, const char* const* argv);

  // The same parser without printing or exiting (parse calls it; the tests and the fuzzer,
  // fuzz/fuzz_cli.cpp, call it directly): throws UsageError on bad usage, and returns what was
  // asked for. Options are applied after --quick's defaults, in order, once every argument is
  // read: none after --help or --version or an unknown option, those before it after an invalid
  // value.
  CliRequest parse_or_throw(int argc, const char* const* argv);

  std::string usage() const;

  // For checks after parse (a probability outside its range, say): message, usage, exit 2.
  [[noreturn]] void usage_error(const std::string& message) const;

 private:
  void add_count(const std::string& name, const std::string& help, std::string default_text,
                 std::uintmax_t max, std::function<void(std::uintmax_t)> set);

  struct Option {
    std::string name;
    std::string help;
    std::string default_text;
    bool takes_value;
    // false, or std::invalid_argument with the reason, when the value is malformed
    std::function<bool(const std::string&)> set;
  };
  std::string program_;
  std::string description_;
  std::vector<Option> options_;
  std::function<void()> make_quick_;
};

}  // namespace experiments
