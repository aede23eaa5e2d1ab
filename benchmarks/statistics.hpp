// Summaries of repeated measurements: the median (robust to the odd slow repetition on a
// shared machine) and the range, which the report prints as the spread.
#pragma once

#include <cstddef>
#include <vector>

namespace bench {

struct Spread {
  double median = 0;
  double min = 0;
  double max = 0;
  std::size_t repetitions = 0;
};

// Throws std::invalid_argument for an empty sample.
Spread summarise(std::vector<double> values);

}  // namespace bench
