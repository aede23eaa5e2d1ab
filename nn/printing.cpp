#include "nn/printing.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <system_error>
#include <vector>

namespace nn {

namespace {

// PyTorch's _addindent: every line but the first indented by two spaces.
std::string indent_continuation_lines(const std::string& text) {
  std::string out;
  for (const char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

}  // namespace

std::string repr(const Module& module) {
  // torch.nn.Module.__repr__ (1.13): lines = extra_repr's lines + "(name): child" for each
  // child; one extra line and no child go on the same line as the name, anything else one per
  // line, indented, with the closing parenthesis on a line of its own.
  std::vector<std::string> extra_lines;
  const std::string extra = module.extra_repr();
  if (!extra.empty()) {
    std::size_t start = 0;
    while (true) {
      const std::size_t newline = extra.find('\n', start);
      extra_lines.push_back(extra.substr(start, newline - start));
      if (newline == std::string::npos) break;
      start = newline + 1;
    }
  }
  std::vector<std::string> lines = extra_lines;
  for (const auto& [name, child] : module.named_children()) {
    lines.push_back("(" + name + "): " + indent_continuation_lines(repr(*child)));
  }
  std::string text = module.type_name() + "(";
  if (extra_lines.size() == 1 && module.named_children().empty()) {
    text += extra_lines[0];
  } else if (!lines.empty()) {
    text += "\n";
    for (const std::string& line : lines) text += "  " + line + "\n";
  }
  return text + ")";
}

std::ostream& operator<<(std::ostream& os, const Module& module) {
  return os << repr(module);
}

std::size_t parameter_count(const Module& module) {
  std::size_t count = 0;
  for (const Tensor& parameter : module.parameters()) count += parameter.size();
  return count;
}

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  // The shortest round-trip digits, in scientific form: "-1.2345e-05" (C++17 to_chars, as
  // Python's repr, produces the shortest digit string that reads back exactly).
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);
  const std::size_t e = scientific.find('e');
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  // Python's float_repr_style 'r': positional for 1e-4 <= |x| < 1e16, exponent otherwise.
  const int point = exponent + 1;  // digits before the decimal point
  if (point <= -4 || point > 16) return scientific;
  const bool negative = value < 0;
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i) {
    if (scientific[i] != '.') digits += scientific[i];
  }
  std::string text = negative ? "-" : "";
  const int n = static_cast<int>(digits.size());
  if (point <= 0) {
    text += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= n) {
    text += digits + std::string(static_cast<std::size_t>(point - n), '0') + ".0";
  } else {
    text += digits.substr(0, static_cast<std::size_t>(point)) + "." +
            digits.substr(static_cast<std::size_t>(point));
  }
  return text;
}

}  // namespace nn
