#include "experiments/common/cli.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <thread>
#include <utility>

#include "autograd/build_info.hpp"

namespace experiments {

namespace {
// Whole-string parses: "12abc", "", "1e", "-3" for an unsigned are all errors.
bool parse_double(const std::string& text, double& out) {
  // from_chars, unlike strtod, does not read the C locale's decimal comma (as load_csv).
  const std::size_t sign = !text.empty() && text[0] == '+' ? 1 : 0;  // from_chars rejects '+'
  if (text.size() == sign || text[sign] == '-') return false;        // "+", "+-1"
  const char* end = text.data() + text.size();
  const auto [parsed_to, error] = std::from_chars(text.data() + sign, end, out);
  return error == std::errc() && parsed_to == end;
}

bool parse_unsigned(const std::string& text, std::uintmax_t max, std::uintmax_t& out) {
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && out <= max;
}

template <class T>
std::string show(const T& value) {
  std::ostringstream os;
  os << value;
  return os.str();
}
}  // namespace

Cli::Cli(std::string program, std::string description)
    : program_(std::move(program)), description_(std::move(description)) {
  options_.push_back(
      {"--help", "print this help and exit", "", false, [](const std::string&) { return true; }});
  options_.push_back({"--version",
                      "print the version and the build (commit, compiler, flags, BLAS) and exit",
                      "", false, [](const std::string&) { return true; }});
}

void Cli::add_flag(const std::string& name, const std::string& help, bool& target) {
  options_.push_back({name, help, "", false, [&target](const std::string&) {
                        target = true;
                        return true;
                      }});
}

void Cli::add_option(const std::string& name, const std::string& help, double& target) {
  options_.push_back({name, help, show(target), true,
                      [&target](const std::string& v) { return parse_double(v, target); }});
}

void Cli::add_count(const std::string& name, const std::string& help, std::string default_text,
                    std::uintmax_t max, std::function<void(std::uintmax_t)> set) {
  options_.push_back({name, help, std::move(default_text), true,
                      [max, set = std::move(set)](const std::string& v) {
                        std::uintmax_t value = 0;
                        if (!parse_unsigned(v, max, value)) return false;
                        set(value);
                        return true;
                      }});
}

void Cli::add_option(const std::string& name, const std::string& help, std::string& target) {
  options_.push_back({name, help, target, true, [&target](const std::string& v) {
                        target = v;
                        return !v.empty();
                      }});
}

void Cli::add_common(CommonOptions& options) {
  if (options.out_dir.empty()) options.out_dir = "results/" + program_;
  add_option("--seed", "seed of every random choice (data, split, init, masks)", options.seed);
  add_option("--out", "directory for summary.json, CSV, figures and report section",
             options.out_dir);
  add_flag("--quick", "small, fast variant (used by the tests)", options.quick);
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  add_option("--threads", "worker threads (results do not depend on it)", options.threads);
}

std::string Cli::usage() const {
  std::ostringstream os;
  os << "usage: " << program_ << " [options]\n" << description_ << "\n\noptions:\n";
  for (const Option& option : options_) {
    std::string left = "  " + option.name + (option.takes_value ? " VALUE" : "");
    if (left.size() < 24) left.resize(24, ' ');
    os << left << " " << option.help;
    if (!option.default_text.empty()) os << " (default " << option.default_text << ")";
    os << "\n";
  }
  return os.str();
}

void Cli::usage_error(const std::string& message) const {
  std::cerr << program_ << ": " << message << "\n\n" << usage();
  std::exit(2);
}

void Cli::parse(int argc, const char* const* argv) {
  CliRequest request = CliRequest::run;
  try {
    request = parse_or_throw(argc, argv);
  } catch (const UsageError& error) {
    usage_error(error.what());
  }
  if (request == CliRequest::help) {
    std::cout << usage();
    std::exit(0);
  }
  if (request == CliRequest::version) {
    std::cout << dropout_lab::version_text(program_);
    std::exit(0);
  }
}

CliRequest Cli::parse_or_throw(int argc, const char* const* argv) {
  // Read every option first and apply them after --quick has set its defaults.
  std::vector<std::pair<const Option*, std::string>> given;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_inline_value = false;
    if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);  // --name=value
      arg = arg.substr(0, eq);
      has_inline_value = true;
    }
    if (arg == "--help" || arg == "-h") return CliRequest::help;
    if (arg == "--version") return CliRequest::version;
    const Option* match = nullptr;
    for (const Option& option : options_) {
      if (option.name == arg) match = &option;
    }
    if (match == nullptr) throw UsageError("unknown option '" + arg + "'");
    if (match->takes_value && !has_inline_value) {
      if (i + 1 >= argc) throw UsageError("option " + arg + " needs a value");
      value = argv[++i];
    } else if (!match->takes_value && has_inline_value) {
      throw UsageError("option " + arg + " takes no value");
    }
    given.emplace_back(match, value);
  }
  const bool quick = std::any_of(given.begin(), given.end(), [](const auto& option) {
    return option.first->name == "--quick";
  });
  if (quick && make_quick_) make_quick_();
  for (const auto& [option, value] : given) {
    bool valid = false;
    std::string reason;
    try {
      valid = option->set(value);
    } catch (const std::invalid_argument& error) {  // a parser's reason (add_option with a parser)
      reason = std::string(": ") + error.what();
    }
    if (!valid) throw UsageError("invalid value '" + value + "' for " + option->name + reason);
  }
  return CliRequest::run;
}

}  // namespace experiments
