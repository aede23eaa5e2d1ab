// The typed results as JSON (summary.json is for readers outside the program) and as the CSV
// tables the figures are drawn from.
#pragma once

#include <nlohmann/json.hpp>

#include "experiments/common/output.hpp"
#include "experiments/weight_decay/linear.hpp"
#include "experiments/weight_decay/settings.hpp"
#include "experiments/weight_decay/sweep.hpp"

namespace weight_decay {

nlohmann::json to_json(const LinearSettings& settings);
nlohmann::json to_json(const MoonsSettings& settings);
nlohmann::json to_json(const EqualityResult& result);
nlohmann::json to_json(const ScaleResult& result);
nlohmann::json to_json(const LinearResults& results);
nlohmann::json to_json(const SeedRun& run);
nlohmann::json to_json(const SweepPoint& point);
nlohmann::json to_json(const MoonsResults& results);

// linear_fixed_points.csv (one row per scale and coordinate), shrinkage.csv (feature 0's
// factor θ₀/θ₀ᴼᴸˢ per scale), ridge_curve.csv (ridge's factor on a fine grid of scales).
void write_linear_csv(const LinearSettings& settings, const LinearResults& results,
                      const experiments::Output& out, std::uint64_t seed);
// moons_<method>.csv (one row per strength) and moons_per_seed.csv.
void write_moons_csv(const MoonsResults& results, const experiments::Output& out);

}  // namespace weight_decay
