// Reading the PyTorch reference values in tests/fixtures/pytorch_reference.json (made by
// tests/fixtures/make_pytorch_reference.py; see tests/fixtures/README.md).
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "autograd/tensor.hpp"
#include "test_paths.hpp"

namespace test {

inline const nlohmann::json& pytorch_reference() {
  static const nlohmann::json reference = [] {
    const std::string path = std::string(fixtures_dir()) + "/pytorch_reference.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open fixture " + path);
    return nlohmann::json::parse(in);
  }();
  return reference;
}

// tests/fixtures/pytorch_models.json (made by tests/fixtures/make_pytorch_models.py): the
// post's MLP's outputs, repr() of modules, tanh.
inline const nlohmann::json& pytorch_models() {
  static const nlohmann::json reference = [] {
    const std::string path = std::string(fixtures_dir()) + "/pytorch_models.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open fixture " + path);
    return nlohmann::json::parse(in);
  }();
  return reference;
}

// A number, a list of numbers or a list of lists, as a 0-D, 1-D or 2-D array.
inline autograd::Array json_to_array(const nlohmann::json& value) {
  if (value.is_number()) return autograd::Array(value.get<double>());
  if (!value.is_array())
    throw std::invalid_argument("fixture value is not numeric: " + value.dump());
  if (value.empty() || value[0].is_number()) {
    autograd::Array result = autograd::Array::from_shape({value.size()});
    for (std::size_t i = 0; i < value.size(); ++i) result(i) = value[i].get<double>();
    return result;
  }
  const std::size_t rows = value.size();
  const std::size_t cols = value[0].size();
  autograd::Array result = autograd::Array::from_shape({rows, cols});
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) result(i, j) = value[i][j].get<double>();
  }
  return result;
}

}  // namespace test
