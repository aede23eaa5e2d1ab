#include "experiments/moons/mlp.hpp"

#include <charconv>
#include <stdexcept>

namespace moons {

std::vector<std::size_t> parse_hidden(const std::string& text) {
  std::vector<std::size_t> widths;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::size_t width = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + comma;
    const auto [end, error] = std::from_chars(first, last, width);
    if (first == last || error != std::errc() || end != last || width == 0) {
      throw std::invalid_argument(
          "hidden layer widths must be positive integers separated by "
          "commas (e.g. \"64,64\"), got \"" +
          text + "\"");
    }
    widths.push_back(width);
    start = comma + 1;
  }
  return widths;
}

std::string hidden_to_string(const std::vector<std::size_t>& hidden) {
  std::string text;
  for (std::size_t i = 0; i < hidden.size(); ++i) {
    text += (i ? "," : "") + std::to_string(hidden[i]);
  }
  return text;
}

}  // namespace moons
