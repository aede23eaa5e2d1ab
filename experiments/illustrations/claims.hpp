// The illustrations' claims: each conclusion the post draws from its three computations,
// decided by named checks on what the computation does to the points (a translation, a
// scaling, a pull), with the copy-pasted second figure as a reasoning row. Each claim is a
// function of typed results, so a test can drive its verdict both ways.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/common/claims.hpp"
#include "experiments/illustrations/results.hpp"

namespace illustrations {

// Geometric facts are decided at this relative tolerance: far above double rounding of the
// small matrices (~1e-16), far below any change a plot could show.
constexpr double kRelativeTolerance = 1e-12;
// The step at which the post sees its minimum.
constexpr std::size_t kPostStep = 7;

// Over the pairs of points, with ratios last/first of X's distances and the last matrix's:
// max |ratio − 1| (0 for a translation), and (max − min)/max of the ratios (0 for a scaling).
double largest_relative_distance_change(const RuleGeometry& g);
double distance_ratio_spread(const RuleGeometry& g);

// The exact curve's per-step ratio into kPostStep, and the median of all its ratios.
double ratio_into_post_step(const VariationResults& v);
double median_ratio(const VariationResults& v);

// `measured` is the table's text of what was measured (verdicts.cpp).
experiments::Claim pulled_together_claim(const RuleGeometry& l2, std::string measured);
experiments::Claim outlier_claim(const RuleGeometry& l2, std::string measured);
experiments::Claim dropout_like_l2_claim(const RuleGeometry& l2, const RuleGeometry& dropout,
                                         std::string measured);
// Reasoning: the post's second figure stacks the L2 matrices again (its code, quoted).
experiments::Claim figure2_claim();
experiments::Claim collapse_claim(const VariationResults& v, std::string measured);

// The claims above with their measured text (verdicts.cpp): summary.json's "claims" and the
// report's verdict table.
std::vector<experiments::Claim> claims(const Results& results);

// summary.json's "verdicts", the format before the claims model: an array of {"claim",
// "quote", "measured", "holds", "verdict", "facts"} for the four measured claims. "holds" is
// read from the claim's verdict; the dropout entry also needs the inspected figure to differ
// from Figure 1, which the post's copied figure never does.
nlohmann::json legacy_verdicts(const Results& results,
                               const std::vector<experiments::Claim>& claims);

}  // namespace illustrations
