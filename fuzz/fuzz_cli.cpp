// libFuzzer target: the experiments' command line, experiments::Cli (the parser every
// experiment's main uses through experiments::run_experiment), on arguments made from the
// input's bytes: each NUL byte ends an argument.
//
// The Cli has what the experiments declare: the common options (--seed, --out, --quick,
// --threads), a double, counts of three unsigned types (std::uint64_t, std::size_t and a 32-bit
// one, whose range is checked), a string and a flag, and an --quick that changes defaults.
//
// What must hold, for every input:
// - parse_or_throw returns, or throws experiments::UsageError whose message names an argument
//   that was given (any other exception escapes, and libFuzzer reports it);
// - after --help, --version, an unknown option, or an option missing its value or given one it
//   does not take, no option has changed (an invalid value is found only as options are set);
// - what parses is reproduced by a canonical command line (--name=value for every option, the
//   doubles with 17 digits): parsing that gives the same values, bit for bit.
// - nothing is read outside the input (AddressSanitizer, in the fuzz build).
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "experiments/common/cli.hpp"
#include "fuzz_support.hpp"

namespace {

// Every value an option can set, with the experiments' kinds of defaults.
struct Settings {
  experiments::CommonOptions common;
  double lr = 0.05;
  std::uint64_t steps = 1000;
  std::size_t runs = 4;
  std::uint32_t hidden = 64;
  std::string data_file;
  bool verbose = false;
  bool quick_defaults_applied = false;
};

// The Cli that writes into `s`, declared as an experiment's main does.
experiments::Cli make_cli(Settings& s) {
  experiments::Cli cli("fuzz_cli", "the experiments' command-line parser, fuzzed");
  cli.add_common(s.common);
  cli.add_option("--lr", "learning rate", s.lr);
  cli.add_option("--steps", "training steps", s.steps);
  cli.add_option("--runs", "independent runs", s.runs);
  cli.add_option("--hidden", "hidden units (a 32-bit count)", s.hidden);
  cli.add_option("--data", "a CSV file to train on", s.data_file);
  cli.add_flag("--verbose", "print more", s.verbose);
  cli.on_quick([&s] {
    s.steps = 10;
    s.lr = 0.5;
    s.quick_defaults_applied = true;
  });
  return cli;
}

bool same(const Settings& a, const Settings& b) {
  // NaN (strtod reads "nan") compares by its sign: its payload is not part of the value.
  const bool same_lr = fuzz::same_bits(a.lr, b.lr) || (std::isnan(a.lr) && std::isnan(b.lr) &&
                                                       std::signbit(a.lr) == std::signbit(b.lr));
  return a.common.seed == b.common.seed && a.common.out_dir == b.common.out_dir &&
         a.common.quick == b.common.quick && a.common.threads == b.common.threads && same_lr &&
         a.steps == b.steps && a.runs == b.runs && a.hidden == b.hidden &&
         a.data_file == b.data_file && a.verbose == b.verbose;
}

std::string exact(double value) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
  return std::string(buffer, result.ptr);
}

// The arguments that give `s` from the defaults.
std::vector<std::string> canonical_arguments(const Settings& s) {
  std::vector<std::string> arguments = {
      "--seed=" + std::to_string(s.common.seed),
      "--out=" + s.common.out_dir,
      "--threads=" + std::to_string(s.common.threads),
      "--lr=" + exact(s.lr),
      "--steps=" + std::to_string(s.steps),
      "--runs=" + std::to_string(s.runs),
      "--hidden=" + std::to_string(s.hidden),
  };
  if (!s.data_file.empty()) arguments.push_back("--data=" + s.data_file);
  if (s.common.quick) arguments.push_back("--quick");
  if (s.verbose) arguments.push_back("--verbose");
  return arguments;
}

experiments::CliRequest parse(experiments::Cli& cli, const std::vector<std::string>& arguments) {
  std::vector<const char*> argv = {"fuzz_cli"};
  for (const std::string& argument : arguments) argv.push_back(argument.c_str());
  return cli.parse_or_throw(static_cast<int>(argv.size()), argv.data());
}

// The parser's four messages: "unknown option 'X'", "option X needs a value", "option X takes
// no value", "invalid value 'V' for X". Told apart by their fixed parts at the start and the
// end, never by a search inside: a value may hold any text, "needs a value" included.
enum class Usage { unknown_option, needs_value, takes_no_value, invalid_value, other };

struct UsageMessage {
  Usage kind = Usage::other;
  std::string option;  // the X of the message
};

UsageMessage read_usage_message(const std::string& message) {
  const std::string unknown = "unknown option '", option = "option ", invalid = "invalid value '";
  if (message.starts_with(unknown) && message.ends_with("'")) {
    return {Usage::unknown_option,
            message.substr(unknown.size(), message.size() - unknown.size() - 1)};
  }
  if (message.starts_with(option)) {
    for (const auto& [suffix, kind] :
         {std::pair{std::string(" needs a value"), Usage::needs_value},
          std::pair{std::string(" takes no value"), Usage::takes_no_value}}) {
      if (message.ends_with(suffix)) {
        return {kind,
                message.substr(option.size(), message.size() - option.size() - suffix.size())};
      }
    }
  }
  const std::size_t for_option = message.rfind("' for ");
  if (message.starts_with(invalid) && for_option != std::string::npos) {
    return {Usage::invalid_value, message.substr(for_option + 6)};
  }
  return {};
}

// Whether `option` was given, alone or as --name=value.
bool was_given(const std::string& option, const std::vector<std::string>& arguments) {
  for (const std::string& argument : arguments) {
    if (argument == option || argument.starts_with(option + "=")) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Arguments: the input split at NUL bytes (a final NUL ends the last one; none is empty
  // unless the input says so).
  std::vector<std::string> arguments;
  const std::string text = fuzz::as_text(data, size);
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\0', start), text.size());
    arguments.push_back(text.substr(start, end - start));
    start = end + 1;
  }

  Settings defaults;
  experiments::Cli defaults_cli = make_cli(defaults);  // add_common sets the default --out
  Settings settings;
  experiments::Cli cli = make_cli(settings);
  experiments::CliRequest request;
  try {
    request = parse(cli, arguments);
  } catch (const experiments::UsageError& error) {
    const std::string message = error.what();
    const UsageMessage usage = read_usage_message(message);
    fuzz::require(usage.kind != Usage::other && was_given(usage.option, arguments),
                  "a usage error names the argument: " + message);
    // Only an invalid value is found after options are set: the other three are found while
    // the arguments are read, before any is applied.
    if (usage.kind != Usage::invalid_value) {
      fuzz::require(same(settings, defaults), "no option changes before every argument is read");
    }
    return 0;
  }
  if (request != experiments::CliRequest::run) {
    fuzz::require(same(settings, defaults), "--help and --version change no option");
    return 0;
  }
  fuzz::require(!settings.common.out_dir.empty(), "--out is never empty");
  fuzz::require(settings.quick_defaults_applied == settings.common.quick,
                "--quick's defaults are applied exactly when --quick is given");

  Settings again;
  experiments::Cli again_cli = make_cli(again);
  const std::vector<std::string> canonical = canonical_arguments(settings);
  try {
    fuzz::require(parse(again_cli, canonical) == experiments::CliRequest::run,
                  "the canonical command line asks for a run");
  } catch (const experiments::UsageError& error) {
    fuzz::require(false, std::string("the canonical command line parses: ") + error.what());
  }
  fuzz::require(same(settings, again), "the canonical command line gives the same values");
  return 0;
}
