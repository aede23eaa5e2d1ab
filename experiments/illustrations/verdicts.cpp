#include "experiments/illustrations/claims.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace illustrations {

namespace {

using experiments::Claim;
using nlohmann::json;

std::string pulled_together_text(const MatrixReplay& r) {
  const RuleGeometry& g = r.l2_geometry;
  return fmt::format(
      "{} updates ({} matrices, the first being X), each adding one number to every entry "
      "(+{:.8g}): every distance between points is unchanged (largest change {:.3g}); on the "
      "log-log axes the points span {:.3g} decades",
      r.l2.size() - 1, r.l2.size(), fmt::join(r.l2_added, ", then +"), g.max_abs_distance_change,
      fmt::join(g.largest_log10_distance, ", "));
}

std::string outlier_text(const RuleGeometry& l2) {
  const auto& farthest = l2.outlier_is_farthest;
  return fmt::format(
      "distance of {{3, 7}} from the centroid of the other two points: {:.6g} (X, one step, two "
      "steps); it is the farthest point in {} of {} matrices",
      fmt::join(l2.outlier_distance_from_others, ", "),
      std::count(farthest.begin(), farthest.end(), true), farthest.size());
}

// What the two rules do to the points, without the copied figure (a reasoning row of its own).
std::string motions_text(const MatrixReplay& r) {
  return fmt::format(
      "the dropout rule multiplies every entry (by {:.6g}, then {:.6g}), so every distance grows "
      "×{:.5g} in two steps, while the L2 rule adds one number to every entry and leaves them "
      "×{:.5g}; on log axes the dropout points keep their spread ({:.3g} decades) while the L2 "
      "points lose it ({:.3g})",
      r.dropout_factor, r.dropout_second_factor, r.dropout_geometry.final_distance_ratio,
      r.l2_geometry.final_distance_ratio,
      fmt::join(r.dropout_geometry.largest_log10_distance, ", "),
      fmt::join(r.l2_geometry.largest_log10_distance, ", "));
}

std::string collapse_text(const VariationResults& v) {
  const std::vector<Scalar>& added = v.replay.added;
  std::string text = fmt::format(
      "each step adds one number to every entry ({:.4g}, {:.4g}, …, {:.4g}), which leaves each "
      "column's spread as it was (largest relative change after the first step {:.2g}); the "
      "variation std/mean falls only because the mean grows, by the same factor every step "
      "(per-step ratio {:.5g} to {:.5g}, predicted 1/(1 + √(N·D)) = {:.5g}; into step {}: {:.5g})",
      added.front(), added[1], added.back(), v.translation.max_relative_std_change,
      v.exact_ratio_min, v.exact_ratio_max, v.predicted_ratio, kPostStep, ratio_into_post_step(v));
  if (v.first_departure_step == 0) return text;
  return text + fmt::format(
                    ". The replayed curve leaves the exact one at step {}, where the offset is "
                    "{:.3g}: the column sums inside std/mean (near {:.3g}, where doubles are "
                    "{:.3g} apart) lose the data's deviations, and the computed spread is off by "
                    "{:.3g}% (the rounded data themselves still keep it to {:.2g}, by compensated "
                    "sums); from then on the curve is rounding noise between {:.3g} and {:.3g}",
                    v.first_departure_step, v.offset_at_departure, v.column_sum_at_departure,
                    v.column_sum_spacing_at_departure, 100 * v.spread_drift_at_departure,
                    v.data_drift_at_departure, v.replay_after_departure_min,
                    v.replay_after_departure_max);
}

bool verdict_holds(const Claim& claim) {
  return claim.verdict == "holds";
}

json legacy_verdict(const Claim& claim, bool holds, const std::string& fails, json facts) {
  return {{"claim", claim.id.substr(claim.id.find('.') + 1)},
          {"quote", claim.quote},
          {"measured", claim.measured},
          {"holds", holds},
          {"verdict", holds ? "holds" : "**fails**: " + fails},
          {"facts", std::move(facts)}};
}

// The older entry of the collapse claim: it holds when the claim does. Its facts keep the older
// format's keys; "spread_shrinks" (some column's spread falls by more than the tolerance) is the
// claim's check translation.largest_relative_std_fall.
json legacy_collapse(const VariationResults& v, const Claim& claim) {
  const TranslationCheck& t = v.translation;
  const bool spread_shrinks =
      experiments::passed(claim.checks, "translation.largest_relative_std_fall");
  const bool special =
      !experiments::passed(claim.checks, "variation.ratio_into_step_7_relative_to_median");
  const std::string bend = v.first_departure_step == 0
                               ? ""
                               : fmt::format(
                                     "the bend near step {} is floating-point rounding, "
                                     "and ",
                                     v.first_departure_step);
  return legacy_verdict(claim, verdict_holds(claim),
                        "a translation, not a collapse; " + bend + "nothing is minimised",
                        {{"spread_shrinks", spread_shrinks},
                         {"max_relative_std_change", t.max_relative_std_change},
                         {"exact_ratio_min", v.exact_ratio_min},
                         {"exact_ratio_max", v.exact_ratio_max},
                         {"exact_ratio_into_step_7", ratio_into_post_step(v)},
                         {"exact_ratio_median", median_ratio(v)},
                         {"special_at_step_7", special},
                         {"exact_keeps_falling", v.exact_ratio_max < 1},
                         {"first_departure_step", v.first_departure_step},
                         {"first_data_departure_step", v.first_data_departure_step}});
}

}  // namespace

std::vector<Claim> claims(const Results& results) {
  const MatrixReplay& r = results.matrices;
  return {pulled_together_claim(r.l2_geometry, pulled_together_text(r)),
          outlier_claim(r.l2_geometry, outlier_text(r.l2_geometry)), figure2_claim(),
          dropout_like_l2_claim(r.l2_geometry, r.dropout_geometry, motions_text(r)),
          collapse_claim(results.variation, collapse_text(results.variation))};
}

json legacy_verdicts(const Results& results, const std::vector<Claim>& claims) {
  const MatrixReplay& r = results.matrices;
  const RuleGeometry& l2 = r.l2_geometry;
  Claim dropout_like = claims.at(3);
  dropout_like.measured = fmt::format(
      "the post's second plot stacks the L2 matrices again: it differs from Figure 1 by {:.3g} "
      "and from the dropout matrices it meant to show by up to {:.4g}. The dropout rule "
      "multiplies every entry (by {:.6g}, then {:.6g}), so distances grow ×{:.5g} in two steps, "
      "while the L2 rule leaves them ×{:.5g}; on log axes the dropout points keep their spread "
      "({:.3g} decades) while the L2 points lose it ({:.3g})",
      r.figure2_as_drawn_vs_figure1, r.figure2_as_meant_vs_as_drawn, r.dropout_factor,
      r.dropout_second_factor, r.dropout_geometry.final_distance_ratio, l2.final_distance_ratio,
      fmt::join(r.dropout_geometry.largest_log10_distance, ", "),
      fmt::join(l2.largest_log10_distance, ", "));
  return json::array(
      {legacy_verdict(claims.at(0), verdict_holds(claims[0]),
                      "a translation, not a pull; only the log axes make the points look close",
                      {{"updates", r.l2.size() - 1},
                       {"distance_ratio", l2.final_distance_ratio},
                       {"max_abs_distance_change", l2.max_abs_distance_change},
                       {"largest_log10_distance", l2.largest_log10_distance}}),
       legacy_verdict(claims.at(1), verdict_holds(claims[1]),
                      "the outlier is where it was, relative to the other points",
                      {{"outlier_distance_from_others", l2.outlier_distance_from_others},
                       {"still_farthest", l2.outlier_is_farthest.back()}}),
       legacy_verdict(
           dropout_like, verdict_holds(dropout_like) && r.figure2_as_drawn_vs_figure1 > 0,
           "the figure inspected is Figure 1 redrawn, and the two computations do "
           "different things (a scaling vs. a translation)",
           {{"figure2_as_drawn_vs_figure1_max_abs_difference", r.figure2_as_drawn_vs_figure1},
            {"figure2_as_meant_vs_as_drawn_max_abs_difference", r.figure2_as_meant_vs_as_drawn},
            {"l2_distance_ratio", l2.final_distance_ratio},
            {"dropout_distance_ratio", r.dropout_geometry.final_distance_ratio}}),
       legacy_collapse(results.variation, claims.at(4))});
}

}  // namespace illustrations
