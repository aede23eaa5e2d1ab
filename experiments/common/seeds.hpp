// One user seed, many independent streams: each stage of an experiment reseeds the library
// generator from (seed, stage) so that its numbers do not depend on which stages ran before.
#pragma once

#include <cstdint>

namespace experiments {

// SplitMix64 (Steele, Lea & Flood, 2014) of seed and stage: well-mixed, and portable.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stage) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stage + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace experiments
