// What the experiment writes, from the typed summary: the CSV tables and the figures' data
// (tables.cpp), the figures (figures.cpp), and section.md and the console lines (report.cpp).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "experiments/common/claims.hpp"
#include "experiments/common/output.hpp"
#include "experiments/moons/summary.hpp"

namespace moons {

// decision_grid.dat: "x y" and then σ(logit) of each model on seed 0, and the Bayes posterior
// f₁/(f₀ + f₁): column 3 + k holds kGridColumns[k].
inline const std::array<const char*, 7> kGridColumns = {
    "weight_decay",        "dropout",        "none", "logistic",
    "replay_weight_decay", "replay_dropout", "bayes"};

// corrected_per_seed.csv, replay_by_bug.csv, sweep_*.csv, loss_curves.csv, and seed 0's test
// points and decision grid.
void write_tables(const Results& results, const Summary& summary, const experiments::Output& out);

// The figures' Markdown (image line and caption), "" for a figure that could not be drawn.
struct Figures {
  std::string sweep_weight_decay, sweep_drop_prob;  // only when the sweep ran
  std::string decision_boundaries, loss_curves;
};
Figures draw_figures(const Summary& summary, const experiments::Output& out);

// The parts of section.md about the replay (report_replay.cpp): the post's Table 1 beside
// ours and its scale, where 0.487879 comes from, and what each of the post's bugs does.
std::string table_1(const Summary& summary);
std::string scale(const Summary& summary);
std::string where_0487879_comes_from(const Summary& summary);
std::string what_each_bug_does(const Summary& summary);

std::string section(const Summary& summary, const std::vector<experiments::Claim>& claims,
                    const Figures& figures);

// The replay's headline and the corrected accuracies, for stdout.
std::string console_lines(const Summary& summary);

}  // namespace moons
