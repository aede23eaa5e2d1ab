// An array's elements as a std::vector<double>: how the typed results hold vectors (and so how
// summary.json stores them), without pulling nlohmann's JSON into the files that compute them.
#pragma once

#include <vector>

#include "autograd/tensor.hpp"

namespace experiments {

// The elements of an array in row-major order.
inline std::vector<double> to_vector(const autograd::Array& a) {
  return {a.begin(), a.end()};
}

}  // namespace experiments
