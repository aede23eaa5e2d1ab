#include "benchmarks/statistics.hpp"

#include <algorithm>
#include <stdexcept>

#include "experiments/common/statistics.hpp"

namespace bench {

Spread summarise(std::vector<double> values) {
  if (values.empty()) throw std::invalid_argument("summarise: no repetitions to summarise");
  const auto [min, max] = std::minmax_element(values.begin(), values.end());
  // The experiments' median: the middle value, or the mean of the two middle values for an even
  // count (formed as lower + (upper − lower)/2, which can differ from (lower + upper)/2 in the
  // last bit).
  return {experiments::median(values), *min, *max, values.size()};
}

}  // namespace bench
