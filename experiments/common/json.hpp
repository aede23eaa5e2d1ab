// Typed results to JSON (summary.json is for readers outside; reports take the typed values).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "autograd/tensor.hpp"

namespace experiments {

// The elements of an array in row-major order, as summary.json stores vectors.
inline std::vector<double> to_vector(const autograd::Array& a) {
  return {a.begin(), a.end()};
}

// A 2-D array as a list of rows.
inline nlohmann::json rows_json(const autograd::Array& matrix) {
  nlohmann::json rows = nlohmann::json::array();
  const std::size_t columns = matrix.dimension() == 2 ? matrix.shape()[1] : 0;
  for (std::size_t i = 0; columns > 0 && i < matrix.shape()[0]; ++i) {
    std::vector<double> row(columns);
    for (std::size_t j = 0; j < columns; ++j) row[j] = matrix(i, j);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace experiments
