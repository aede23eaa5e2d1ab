// From raw results to what the experiment reports: summary.json (every number the report
// quotes) and the CSV tables and data files the figures are drawn from.
#pragma once

#include <nlohmann/json.hpp>

#include "experiments/common/output.hpp"
#include "experiments/moons/experiment.hpp"

namespace moons {

// Mean, sample standard deviation (n − 1) and standard error of the mean of per-seed numbers.
nlohmann::json seed_statistics(const std::vector<double>& per_seed);

// The whole summary (config included); no timings, so the same seed gives the same bytes.
nlohmann::json summarise(const Config& config, const Results& results);

// The CSV tables and the figures' data files (decision grid, test points, loss curves).
void write_tables(const Config& config, const Results& results, const nlohmann::json& summary,
                  const experiments::Output& out);

}  // namespace moons
