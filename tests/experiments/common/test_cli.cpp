// experiments::Cli's parser without exiting (Cli::parse_or_throw): counts of every unsigned
// type, whatever std::size_t and std::uint64_t are on the platform, and usage errors that name
// the option. (The fuzzer, fuzz/fuzz_cli.cpp, checks the same parser on arbitrary arguments.)
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "experiments/common/cli.hpp"

using experiments::Cli;
using experiments::CliRequest;
using experiments::UsageError;

namespace {
CliRequest parse(Cli& cli, std::vector<const char*> arguments) {
  arguments.insert(arguments.begin(), "program");
  return cli.parse_or_throw(static_cast<int>(arguments.size()), arguments.data());
}
}  // namespace

TEST_CASE("Cli: unsigned long and unsigned long long options both parse, as distinct types",
          "[experiments][cli]") {
  // On Debian amd64 std::uint64_t is unsigned long; on macOS it is unsigned long long and
  // std::size_t is unsigned long. Both must work wherever the other is std::uint64_t.
  static_assert(!std::is_same_v<unsigned long, unsigned long long>);
  unsigned long count_long = 1;
  unsigned long long count_long_long = 2;
  Cli cli("program", "test");
  cli.add_option("--a", "an unsigned long", count_long);
  cli.add_option("--b", "an unsigned long long", count_long_long);
  REQUIRE(parse(cli, {"--a", "18446744073709551615", "--b=12345678901234567890"}) ==
          CliRequest::run);
  REQUIRE(count_long == std::numeric_limits<unsigned long>::max());
  REQUIRE(count_long_long == 12345678901234567890ull);
}

TEST_CASE("Cli: a value beyond a 32-bit count's range is an invalid value naming the option",
          "[experiments][cli]") {
  std::uint32_t hidden = 64;
  Cli cli("program", "test");
  cli.add_option("--hidden", "hidden units", hidden);
  REQUIRE(parse(cli, {"--hidden=4294967295"}) == CliRequest::run);
  REQUIRE(hidden == 4294967295u);
  REQUIRE_THROWS_MATCHES(parse(cli, {"--hidden=4294967296"}), UsageError,
                         Catch::Message("invalid value '4294967296' for --hidden"));
  REQUIRE(hidden == 4294967295u);
}

TEST_CASE("Cli: parse_or_throw reports help, version and each usage error without exiting",
          "[experiments][cli]") {
  double lr = 0.5;
  bool quick = false;
  Cli cli("program", "test");
  cli.add_option("--lr", "learning rate", lr);
  cli.add_flag("--quick", "small run", quick);
  REQUIRE(parse(cli, {"--lr=2", "--help", "--bogus"}) == CliRequest::help);
  REQUIRE(parse(cli, {"--version"}) == CliRequest::version);
  REQUIRE(lr == 0.5);  // nothing is applied when the program is not going to run
  REQUIRE_THROWS_MATCHES(parse(cli, {"--bogus=1"}), UsageError,
                         Catch::Message("unknown option '--bogus'"));
  REQUIRE_THROWS_MATCHES(parse(cli, {"--lr"}), UsageError,
                         Catch::Message("option --lr needs a value"));
  REQUIRE_THROWS_MATCHES(parse(cli, {"--quick=yes"}), UsageError,
                         Catch::Message("option --quick takes no value"));
  REQUIRE_THROWS_MATCHES(parse(cli, {"--lr", "fast"}), UsageError,
                         Catch::Message("invalid value 'fast' for --lr"));
}

TEST_CASE(
    "Cli: an option read by a parser sets its value, shows its default text, and a "
    "malformed value's error names the option and gives the parser's reason",
    "[experiments][cli]") {
  // A parser as moons' --hidden has one: "a,b" into two widths, anything else refused.
  const auto parse_pair = [](const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == text.size()) {
      throw std::invalid_argument("want two widths, got \"" + text + "\"");
    }
    return std::vector<std::string>{text.substr(0, comma), text.substr(comma + 1)};
  };
  std::vector<std::string> widths{"64", "64"};
  Cli cli("program", "test");
  cli.add_option("--pair", "two widths", widths, "64,64", parse_pair);
  REQUIRE(cli.usage().find("--pair") != std::string::npos);
  REQUIRE(cli.usage().find("(default 64,64)") != std::string::npos);
  REQUIRE(parse(cli, {"--pair", "8,16"}) == CliRequest::run);
  REQUIRE(widths == std::vector<std::string>{"8", "16"});
  REQUIRE_THROWS_MATCHES(
      parse(cli, {"--pair=8"}), UsageError,
      Catch::Message("invalid value '8' for --pair: want two widths, got \"8\""));
  REQUIRE(widths == std::vector<std::string>{"8", "16"});  // a refused value changes nothing
}
