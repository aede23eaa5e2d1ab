#include "experiments/common/arrays.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace experiments {

double max_abs_difference(const std::vector<Array>& a, const std::vector<Array>& b) {
  if (a.size() != b.size()) {
    throw std::invalid_argument(fmt::format(
        "max_abs_difference: {} arrays against {} (not the same model)", a.size(), b.size()));
  }
  double largest = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].shape() != b[k].shape()) {
      throw std::invalid_argument(
          fmt::format("max_abs_difference: array {} has shape ({}) against ({})", k,
                      fmt::join(a[k].shape(), ", "), fmt::join(b[k].shape(), ", ")));
    }
    for (std::size_t i = 0; i < a[k].size(); ++i) {
      const double difference = std::abs(a[k].data()[i] - b[k].data()[i]);
      if (std::isnan(difference)) return kNaN;
      largest = std::max(largest, difference);
    }
  }
  return largest;
}

double parameter_norm(const std::vector<Array>& parameters) {
  double squares = 0;
  for (const Array& parameter : parameters) {
    for (const double value : parameter) squares += value * value;
  }
  return std::sqrt(squares);
}

}  // namespace experiments
