#include "experiments/moons/mlp.hpp"

#include <charconv>
#include <stdexcept>

#include "nn/activations.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"

namespace moons {

std::shared_ptr<nn::Sequential> make_mlp(const MlpShape& shape, double drop_prob) {
  auto model = std::make_shared<nn::Sequential>();
  std::size_t width = shape.inputs;
  for (const std::size_t hidden : shape.hidden) {
    model->push_back(std::make_shared<nn::Linear>(width, hidden));
    model->push_back(std::make_shared<nn::ReLU>());
    if (drop_prob > 0) model->push_back(std::make_shared<nn::Dropout>(drop_prob));
    width = hidden;
  }
  model->push_back(std::make_shared<nn::Linear>(width, 1));
  return model;
}

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
