// Sizes of lists of arrays: a model's parameters (one array per weight matrix and bias), or an
// experiment's curves. One definition each for every experiment that compares two models, or a
// model with where it started.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "autograd/tensor.hpp"
#include "experiments/common/statistics.hpp"

namespace experiments {

using autograd::Array;

// max |a[k]ᵢ − b[k]ᵢ| over every entry of every array (0 for two empty lists). The lists must
// hold arrays of the same shapes, in the same order (std::invalid_argument otherwise). A NaN
// difference makes the result NaN: a parameter gone NaN is not "unchanged".
double max_abs_difference(const std::vector<Array>& a, const std::vector<Array>& b);

// ‖θ‖₂ = √(Σ θᵢ²) over every entry of every array (biases included), summed in order, array
// by array and entry by entry.
double parameter_norm(const std::vector<Array>& parameters);

// max |xᵢ| over every entry of every part (0 when there are none): `parts` is a list of
// containers of doubles (std::vector<Array>, or curves as std::vector<std::vector<double>>).
// A NaN entry makes the result NaN, as in max_abs_difference.
template <class Parts>
double max_abs_entry(const Parts& parts) {
  double largest = 0;
  for (const auto& part : parts) {
    for (const double value : part) {
      const double size = std::abs(value);
      if (std::isnan(size)) return kNaN;
      largest = std::max(largest, size);
    }
  }
  return largest;
}

}  // namespace experiments
