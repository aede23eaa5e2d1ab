#include "benchmarks/statistics.hpp"

#include <algorithm>
#include <stdexcept>

namespace bench {

Spread summarise(std::vector<double> values) {
  if (values.empty()) throw std::invalid_argument("summarise: no repetitions to summarise");
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  // The middle value, or the mean of the two middle values for an even count.
  const double median = n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  return {median, values.front(), values.back(), n};
}

}  // namespace bench
