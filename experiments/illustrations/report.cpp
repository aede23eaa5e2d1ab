#include "experiments/illustrations/report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <xtensor/xview.hpp>

#include "experiments/common/markdown.hpp"
#include "experiments/illustrations/claims.hpp"

namespace illustrations {

namespace {

using experiments::Claim;

// "[[1, 1], [2, 3], [3, 7]]", each entry to 8 significant digits.
std::string matrix_text(const Array& matrix) {
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < matrix.shape()[0]; ++i) {
    const Array row = xt::row(matrix, i);
    rows.push_back(fmt::format("[{:.8g}]", fmt::join(row, ", ")));
  }
  return fmt::format("[{}]", fmt::join(rows, ", "));
}

std::string l2_replay(const MatrixReplay& r, const FigureLinks& figures) {
  const auto& distances = r.l2_geometry.pairwise_distances;
  return fmt::format(
             "### 1. The \"L2 norm\" on X\n\n"
             "The post's code adds ½·Σ X² to *every entry* of X (`initial_matrix + "
             "(1/2)*np.sum(np.square(initial_matrix))`), then does the same to the result:\n\n"
             "{}\n"
             "Adding one number to every entry moves all three points by the same vector: the "
             "distances between them are ({:.6g}) in X, ({:.6g}) in X₂. On log-log axes points "
             "far from the origin crowd together, which is all the post's figure shows (left); "
             "with the centroid of each matrix subtracted, the three triangles lie on top of "
             "each other (right).\n\n",
             experiments::markdown_table(
                 {"matrix", "replayed value"},
                 {{"X", matrix_text(r.l2[0])},
                  {fmt::format("X₁ = X + {:.8g}", r.l2_added[0]), matrix_text(r.l2[1])},
                  {fmt::format("X₂ = X₁ + {:.8g}", r.l2_added[1]), matrix_text(r.l2[2])}}),
             fmt::join(distances.front(), ", "), fmt::join(distances.back(), ", ")) +
         figures.l2;
}

std::string dropout_replay(const MatrixReplay& r, const WeightsResults& w,
                           const FigureLinks& figures) {
  return fmt::format(
             "### 2. The \"marginalised dropout\" on X\n\n"
             "The post's code multiplies X by one number, "
             "`np.sum(np.sqrt(np.power(np.diag(np.dot(X, X.T)), 1/2)))` = Σᵢ ‖xᵢ‖^½ = {:.10g}, "
             "then does the same to the result (factor {:.10g} = first factor^1.5, relative "
             "difference {:.2g}):\n\n{}\n"
             "This is not Γ: the theorem's Γ = diag(XᵀX)^½ is a matrix over *features* "
             "(columns), here diag({:.6g})^½, and XΓ would scale each column by its own number. "
             "The post instead takes the diagonal of XXᵀ (rows), fourth roots, and sums them "
             "into one scalar. And the post's second figure never shows it: its cell stacks "
             "`[initial_matrix, matrix_l2_1, matrix_l2_2]` again, so the plot it inspected is "
             "Figure 1 again (read from the code), drawn left below; the dropout matrices it "
             "meant to draw are in the middle: a scaling keeps the shape on log axes (spread "
             "({:.3g}) decades) and multiplies distances (×{:.5g} after two steps), right.\n\n",
             r.dropout_factor, r.dropout_second_factor, r.second_factor_identity_error,
             experiments::markdown_table(
                 {"matrix", "replayed value"},
                 {{fmt::format("X₁ = {:.6g}·X", r.dropout_factor), matrix_text(r.dropout[1])},
                  {fmt::format("X₂ = {:.6g}·X₁", r.dropout_second_factor),
                   matrix_text(r.dropout[2])}}),
             fmt::join(w.gamma_squared, ", "),
             fmt::join(r.dropout_geometry.largest_log10_distance, ", "),
             r.dropout_geometry.final_distance_ratio) +
         figures.dropout;
}

std::string translation(const Results& results, bool spread_kept) {
  const TranslationCheck& t = results.variation.translation;
  return fmt::format(
      "### 3. \"Variation after n norms applied\"\n\n"
      "The data: three Gaussian clusters, {} points each (means (0,0,0), (5,0,0), (10,5,0); "
      "covariances I, 2I, diag(3,3,1); drawn with the project's generator from seed {}). The "
      "post's loop adds the matrix 2-norm (largest singular value) of the data to *every "
      "entry*, {} times, and plots the mean over columns of std/mean (scipy's `variation`, "
      "ddof 0).\n\n"
      "**A translation leaves the spread alone.** Adding c = {:.8g} (the first step) changes "
      "the column standard deviations ({:.8g}) by at most {:.2g} (relative), moves the means "
      "({:.5g}) by c (error {:.2g}), and divides each column's variation by exactly "
      "(mean + c)/mean (error {:.2g}). {}\n\n",
      results.settings.points_per_cluster, results.seed, kPostSteps, t.shift,
      fmt::join(t.std_before, ", "), t.max_relative_std_change, fmt::join(t.mean_before, ", "),
      t.max_relative_mean_error, t.max_variation_ratio_error,
      spread_kept ? "The variation falls because the mean grows, not because anything collapses."
                  : fmt::format("(Here the spread changed by more than the tolerance {:g}: a "
                                "check failed.)",
                                kRelativeTolerance));
}

std::string exact_curve(const VariationResults& v, bool nothing_at_7) {
  return fmt::format(
      "**{}** In exact arithmetic the data after n steps is data₀ + C_n, so the variation is "
      "std₀/(mean₀ + C_n); for large C the added norm is ≈ C·√(N·D), so C grows by the factor "
      "1 + √(N·D) each step and the variation falls by {:.4g} decades per step (ratio {:.5g} to "
      "{:.5g}, predicted {:.5g}).\n\n",
      nothing_at_7 ? "The curve is a straight line, with nothing at 7."
                   : "The exact curve changes its per-step ratio at step 7.",
      v.exact_decades_per_step, v.exact_ratio_min, v.exact_ratio_max, v.predicted_ratio);
}

std::string rounding(const VariationResults& v) {
  const std::size_t departure = v.first_departure_step;
  if (departure == 0) {
    return fmt::format(
        "The replay in doubles agrees with the exact curve at every step (within {:.2g}%).\n\n",
        100 * kDepartureTolerance);
  }
  return fmt::format(
      "**The bend is rounding.** The replay in doubles (the post's computation) agrees with the "
      "exact curve until step {} and differs by more than {:.2g}% from step {} on. There the "
      "offset is {:.3g} and std/mean first sum each column, {} numbers near the offset, into a "
      "total near {:.3g}, where doubles are {:.3g} apart (near the offset itself: {:.3g}). Plain "
      "running sums, numpy's way along axis 0, then miss the mean by a fraction of the spread, "
      "and the computed spread is off by {:.3g}%, while the rounded data themselves still keep "
      "their spread to {:.2g} (compensated sums show it); the data are rounded away only from "
      "step {}. From then on the replayed curve is rounding noise between {:.3g} and {:.3g} (its "
      "smallest value is at step {}). The added norms themselves are unaffected (they match the "
      "exact ones to {:.2g}).\n\n",
      departure - 1, 100 * kDepartureTolerance, departure, v.offset_at_departure, v.data.shape()[0],
      v.column_sum_at_departure, v.column_sum_spacing_at_departure, v.offset_spacing_at_departure,
      100 * v.spread_drift_at_departure, v.data_drift_at_departure, v.first_data_departure_step,
      v.replay_after_departure_min, v.replay_after_departure_max, v.replay_argmin_step,
      v.offsets_max_relative_difference);
}

std::string variation(const Results& results, const std::vector<Claim>& claims,
                      const FigureLinks& figures) {
  const std::vector<experiments::Check>& checks =
      experiments::claim_with_id(claims, "illustrations.l2_collapses_distribution_minimum_after_7")
          .checks;
  const bool spread_kept = experiments::passed(checks, "translation.max_relative_std_change");
  const bool nothing_at_7 =
      experiments::passed(checks, "variation.ratio_into_step_7_relative_to_median");
  return translation(results, spread_kept) + exact_curve(results.variation, nothing_at_7) +
         rounding(results.variation) + figures.variation;
}

std::string weights(const WeightsResults& w, const FigureLinks& figures) {
  const WeightDecayDescent& run = w.descent;
  const Regression& problem = w.regression;
  return fmt::format(
             "### What L2 regularisation and dropout actually do, on the same X\n\n"
             "Both act on the *weights* of a model, through its loss{} Take the post's X as the "
             "design of a regression with target y = X·({:.3g}) + ({:.3g}) = ({:.6g}) (a fixed "
             "perturbation, so that no w fits exactly).\n\n",
             w.data_unchanged ? "; neither changes the data (X and y are, element for element, "
                                "what they were before both computations)."
                              : ". (Here the data changed during the computations, which is a "
                                "bug.)",
             fmt::join(problem.base_weights, ", "), fmt::join(problem.perturbation, ", "),
             fmt::join(problem.y, ", ")) +
         fmt::format(
             "- **L2 (weight decay).** Gradient descent on ½‖y − Xw‖² with `optim::SGD`'s "
             "weight_decay = λ = {:.4g} and lr = 1/(λ_max(XᵀX) + λ) = {:.6g} takes the step "
             "w ← (1 − lr·λ)·w − lr·∇loss: every step multiplies w by {:.8g} before the gradient "
             "step (checked against the hand-written update to {:.2g}). Started at the "
             "least-squares fit ({:.6g}) (‖w‖ = {:.6g}), it reaches the ridge solution "
             "(XᵀX + λI)⁻¹Xᵀy = ({:.6g}) (‖w‖ = {:.6g}) to {:.2g} in {} steps; ‖w‖ {}. The norm "
             "shrinks, not every weight: relative to least squares the weights are multiplied "
             "by ({:.4g}) (the columns of X are nearly parallel, cosine {:.4g}, so the penalty "
             "trades one weight against the other).\n",
             run.weight_decay, run.learning_rate, run.shrink_factor, run.max_update_deviation,
             fmt::join(run.ols, ", "), w.trajectory_norms.front(), fmt::join(run.ridge, ", "),
             w.trajectory_norms.back(), run.final_error, run.steps,
             w.norm_never_increases ? "never increases on the way" : "is not monotone",
             fmt::join(w.ridge_ratio_to_ols, ", "), w.column_cosine) +
         fmt::format(
             "- **Dropout, marginalised** (retain probability p = {:.3g}; see the theorem "
             "section). The deployed weights p·w* solve ridge regression with a penalty *per "
             "feature*, ((1 − p)/p)·(XᵀX)_jj = ({:.6g}): p·w* = ({:.6g}), the per-feature ridge "
             "solution to {:.2g}. Like L2 it shrinks the norm (‖p·w*‖ = {:.6g} against {:.6g}); "
             "unlike the plain ‖w‖² penalty it charges each feature by its column's size, and "
             "the weights are multiplied by ({:.4g}) relative to least squares, against column "
             "sizes (XᵀX)_jj = ({:.6g}).\n\n",
             w.dropout.retain_prob, fmt::join(w.dropout.penalties, ", "),
             fmt::join(w.dropout.deployed, ", "), w.dropout.max_difference, w.deployed_norm,
             w.trajectory_norms.front(), fmt::join(w.deployed_ratio_to_ols, ", "),
             fmt::join(w.gamma_squared, ", ")) +
         figures.weights;
}

}  // namespace

std::string section(const Results& results, const std::vector<Claim>& claims,
                    const FigureLinks& figures) {
  const std::size_t departure = results.variation.first_departure_step;
  return fmt::format(
      "## The post's intuition, replayed (`experiments/illustrations`)\n\n"
      "Before its theorem the post builds intuition with three computations and draws "
      "conclusions from their plots. Here each is replayed exactly as the post's code writes it, "
      "each conclusion is checked against what the computation does to the points, and the last "
      "part shows what L2 regularisation and dropout actually do on the same matrix. Geometric "
      "facts are decided at relative tolerance {:g}.\n\n"
      "Each verdict is chosen by the checks listed with it; the copied second figure is argued "
      "from the post's code, not measured.\n\n{}{}{}{}{}"
      "**For a student.** The post's three computations change the *data*: two of them add one "
      "number to every entry, which moves every point by the same vector, and one multiplies "
      "every entry by one number, which stretches the picture about the origin. A translation "
      "keeps every distance and every standard deviation; it only makes the points look close "
      "on a log axis and makes std/mean small because the mean grew. None of this is "
      "regularisation. L2 regularisation adds (λ/2)‖w‖² to the *loss*, so each gradient step "
      "multiplies the weights by 1 − lr·λ; marginalised dropout adds p(1 − p)·Σⱼ (XᵀX)ⱼⱼ·wⱼ² to "
      "it. They are alike because both are quadratic penalties on w (the theorem), not because "
      "of anything in these three figures. To check the post's third figure yourself: print "
      "`data_l2.std(axis=0)` inside its loop. It should never change; it stays put as long as "
      "doubles can carry the sums ({}), and after that it is rounding error.\n\n",
      kRelativeTolerance, experiments::claims_table(claims), l2_replay(results.matrices, figures),
      dropout_replay(results.matrices, results.weights, figures),
      variation(results, claims, figures), weights(results.weights, figures),
      departure > 0 ? fmt::format("here up to step {}", departure - 1) : "here at every step");
}

experiments::Report run(const Settings& settings, const experiments::Context& context) {
  const Results results = compute(settings, context.seed, context.quick);
  write_tables(results, context.out);
  const std::vector<Claim> claims = illustrations::claims(results);
  nlohmann::json summary = to_json(results);
  summary["claims"] = experiments::to_json(claims);
  summary["verdicts"] = legacy_verdicts(results, claims);
  const FigureLinks figures = draw_figures(results, context.out);
  return {summary, section(results, claims, figures), ""};
}

}  // namespace illustrations
