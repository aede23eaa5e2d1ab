// make_moons: two interleaving half circles, the classic 2-D toy classification set.
#pragma once

#include <cstddef>
#include <cstdint>

#include "datasets/dataset.hpp"

namespace datasets {

// scikit-learn 1.2's sklearn.datasets.make_moons, step for step: n/2 (rounded down) outer
// points (cos t, sin t) with label 0, then the remaining inner points (1 − cos t, 0.5 − sin t)
// with label 1, t = numpy.linspace(0, π, count) on each arc; if `shuffle`, the rows are put in
// a random permutation; then, if noise > 0, N(0, noise²) is added to every coordinate (row-major
// draws). All randomness comes from an autograd::Generator of its own seeded with `seed`, so
// the library generator is untouched. X is (n, 2), y is (n) with values 0.0 and 1.0.
// Noise-free, unshuffled output equals scikit-learn's to rounding; random draws differ from
// NumPy's (a different engine).
// Throws std::invalid_argument for n_samples == 0 or noise < 0.
Dataset make_moons(std::size_t n_samples = 100, double noise = 0.0, std::uint64_t seed = 0,
                   bool shuffle = true);

}  // namespace datasets
