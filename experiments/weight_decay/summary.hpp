// The typed results as JSON (summary.json is for readers outside the program) and as the CSV
// tables the figures are drawn from.
#pragma once

#include <nlohmann/json.hpp>

#include "experiments/common/json.hpp"
#include "experiments/common/output.hpp"
#include "experiments/weight_decay/linear.hpp"
#include "experiments/weight_decay/settings.hpp"
#include "experiments/weight_decay/sweep.hpp"

namespace weight_decay {

// summary.json: the settings and the results, each member under its own name (where a key
// differs from the member, or a block holds more, summary.cpp says so).
EXPERIMENTS_TO_JSON(EqualityResult, model, optimizer, steps, lambda, max_abs_difference,
                    max_abs_parameter)
EXPERIMENTS_TO_JSON(SeedRun, test_accuracy, train_accuracy, weight_norm, predicted_ones, n_test,
                    constant)
EXPERIMENTS_TO_JSON(ScaleResult, scale, ols, ridge, adam_l2, adamw, adam_l2_tail_range,
                    adamw_tail_range, adam_l2_to_ridge, adamw_to_ridge, adamw_box_residual)
void to_json(nlohmann::json& j, const LinearResults& results);
EXPERIMENTS_TO_JSON(LinearSettings, rows, true_weights, noise, lambda, scales, adam_lr, steps, tail,
                    sgd_lr, equality_steps)
// (MoonsSettings' shape is written by settings_json, as "hidden": its widths.)
EXPERIMENTS_TO_JSON(MoonsSettings, samples, noise, test_size, epochs, seeds, sgd_lr, adam_lr,
                    sgd_weight_decays, adam_l2_weight_decays, adamw_weight_decays, drop_probs,
                    common_lambda, equality_epochs, equality_lambda)
void to_json(nlohmann::json& j, const SweepPoint& point);
void to_json(nlohmann::json& j, const MoonsResults& results);
nlohmann::json settings_json(const Settings& settings);

// linear_fixed_points.csv (one row per scale and coordinate), shrinkage.csv (feature 0's
// factor θ₀/θ₀ᴼᴸˢ per scale), ridge_curve.csv (ridge's factor on a fine grid of scales).
void write_linear_csv(const LinearResults& results, const experiments::Output& out);
// moons_<method>.csv (one row per strength) and moons_per_seed.csv.
void write_moons_csv(const MoonsResults& results, const experiments::Output& out);

}  // namespace weight_decay
