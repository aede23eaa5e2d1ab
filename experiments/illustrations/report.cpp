#include "experiments/illustrations/report.hpp"

#include <sstream>

#include "experiments/common/output.hpp"

namespace illustrations {

namespace {

using experiments::rounded;
using nlohmann::json;

std::string vector_text(const json& values, int digits) {
  std::string text = "(";
  for (std::size_t k = 0; k < values.size(); ++k) {
    text += (k ? ", " : "") + rounded(values[k].get<double>(), digits);
  }
  return text + ")";
}

std::string matrix_text(const json& matrix, int digits) {
  std::string text = "[";
  for (std::size_t i = 0; i < matrix.size(); ++i) {
    text += (i ? ", " : "") + std::string("[");
    for (std::size_t j = 0; j < matrix[i].size(); ++j) {
      text += (j ? ", " : "") + rounded(matrix[i][j].get<double>(), digits);
    }
    text += "]";
  }
  return text + "]";
}

std::string replays(const json& s, const FigureLinks& figures) {
  const json& r = s["replay"];
  const json& gl = s["geometry"]["l2"];
  const json& gd = s["geometry"]["dropout"];
  const json& drop = s["weights"]["dropout"];
  std::ostringstream md;
  md << "### 1. The \"L2 norm\" on X\n\n"
     << "The post's code adds ½·Σ X² to *every entry* of X (`initial_matrix + (1/2)*np.sum("
     << "np.square(initial_matrix))`), then does the same to the result:\n\n"
     << "| matrix | replayed value |\n|---|---|\n"
     << "| X | " << matrix_text(r["l2"][0], 8) << " |\n"
     << "| X₁ = X + " << rounded(r["l2_added"][0], 8) << " | " << matrix_text(r["l2"][1], 8)
     << " |\n"
     << "| X₂ = X₁ + " << rounded(r["l2_added"][1], 8) << " | " << matrix_text(r["l2"][2], 8)
     << " |\n\n"
     << "Adding one number to every entry moves all three points by the same vector: the "
     << "distances between them are " << vector_text(gl["pairwise_distances"][0], 6) << " in X, "
     << vector_text(gl["pairwise_distances"][2], 6) << " in X₂. On log-log axes points far "
     << "from the origin crowd together, which is all the post's figure shows (left); with the "
     << "centroid of each matrix subtracted, the three triangles lie on top of each other "
     << "(right).\n\n"
     << figures.l2 << "### 2. The \"marginalised dropout\" on X\n\n"
     << "The post's code multiplies X by one number, "
     << "`np.sum(np.sqrt(np.power(np.diag(np.dot(X, X.T)), 1/2)))` = Σᵢ ‖xᵢ‖^½ = "
     << rounded(r["dropout_factor"], 10) << ", then does the same to the result (factor "
     << rounded(r["dropout_second_factor"], 10) << " = first factor^1.5, relative difference "
     << rounded(r["dropout_second_factor_identity_error"], 2) << "):\n\n"
     << "| matrix | replayed value |\n|---|---|\n"
     << "| X₁ = " << rounded(r["dropout_factor"], 6) << "·X | " << matrix_text(r["dropout"][1], 8)
     << " |\n"
     << "| X₂ = " << rounded(r["dropout_second_factor"], 6) << "·X₁ | "
     << matrix_text(r["dropout"][2], 8) << " |\n\n"
     << "This is not Γ: the theorem's Γ = diag(XᵀX)^½ is a matrix over *features* (columns), "
     << "here diag" << vector_text(drop["gamma_squared"], 6) << "^½, and XΓ would scale each "
     << "column by its own number. The post instead takes the diagonal of XXᵀ (rows), fourth "
     << "roots, and sums them into one scalar. And the post's second figure never shows it: "
     << "its cell stacks `[initial_matrix, matrix_l2_1, matrix_l2_2]` again, so the plot it "
     << "inspected is Figure 1 again (read from the code), drawn left below; the dropout matrices "
        "it meant to draw are in the middle: a "
     << "scaling keeps the shape on log axes (spread "
     << vector_text(gd["largest_log10_distance"], 3) << " decades) and multiplies distances (×"
     << rounded(gd["final_distance_ratio"], 5) << " after two steps), right.\n\n"
     << figures.dropout;
  return md.str();
}

std::string variation(const json& s, const std::vector<experiments::Claim>& claims,
                      const FigureLinks& figures) {
  const std::vector<experiments::Check>& checks =
      experiments::claim_with_id(claims, "illustrations.l2_collapses_distribution_minimum_after_7")
          .checks;
  const bool spread_kept = experiments::passed(checks, "translation.max_relative_std_change");
  const bool nothing_at_7 =
      experiments::passed(checks, "variation.ratio_into_step_7_relative_to_median");
  const json& v = s["variation"];
  const json& t = s["translation"];
  const json& c = s["config"];
  std::ostringstream md;
  md << "### 3. \"Variation after n norms applied\"\n\n"
     << "The data: three Gaussian clusters, " << c["points_per_cluster"] << " points each "
     << "(means (0,0,0), (5,0,0), (10,5,0); covariances I, 2I, diag(3,3,1); drawn with the "
     << "project's generator from seed " << c["seed"] << "). The post's loop adds the matrix "
     << "2-norm (largest singular value) of the data to *every entry*, " << c["steps"]
     << " times, and plots the mean over columns of std/mean (scipy's `variation`, ddof 0).\n\n"
     << "**A translation leaves the spread alone.** Adding c = " << rounded(t["shift"], 8)
     << " (the first step) changes the column standard deviations "
     << vector_text(t["std_before"], 8) << " by at most "
     << rounded(t["max_relative_std_change"], 2) << " (relative), moves the means "
     << vector_text(t["mean_before"], 5) << " by c (error "
     << rounded(t["max_relative_mean_error"], 2) << "), and divides each column's variation by "
     << "exactly (mean + c)/mean (error " << rounded(t["max_variation_ratio_error"], 2) << ")."
     << (spread_kept ? " The variation falls because the mean grows, not because anything "
                       "collapses."
                     : " (Here the spread changed by more than the tolerance 1e-12: a check "
                       "failed.)")
     << "\n\n"
     << (nothing_at_7 ? "**The curve is a straight line, with nothing at 7.** "
                      : "**The exact curve changes its per-step ratio at step 7.** ")
     << "In exact arithmetic the data after "
     << "n steps is data₀ + C_n, so the variation is std₀/(mean₀ + C_n); for large C the added "
     << "norm is ≈ C·√(N·D), so C grows by the factor 1 + √(N·D) each step and the variation "
     << "falls by " << rounded(v["exact_decades_per_step"], 4) << " decades per step (ratio "
     << rounded(v["exact_ratio_min"], 5) << " to " << rounded(v["exact_ratio_max"], 5)
     << ", predicted " << rounded(v["predicted_ratio"], 5) << ").\n\n";
  const std::size_t departure = v["first_departure_step"];
  if (departure > 0) {
    md << "**The bend is rounding.** The replay in doubles (the post's computation) agrees with "
       << "the exact curve until step " << departure - 1 << " and differs by more than "
       << rounded(100 * v["departure_tolerance"].get<double>(), 2) << "% from step " << departure
       << " on. There the offset is " << rounded(v["offset_at_departure"], 3)
       << " and std/mean first sum each column, " << v["rows"]
       << " numbers near the offset, into a total near " << rounded(v["column_sum_at_departure"], 3)
       << ", where doubles are " << rounded(v["column_sum_spacing_at_departure"], 3)
       << " apart (near the offset itself: " << rounded(v["offset_spacing_at_departure"], 3)
       << "). Plain running sums, numpy's way along axis 0, then miss the mean by a fraction "
       << "of the spread, and the computed spread is off by "
       << rounded(100 * v["spread_drift_at_departure"].get<double>(), 3)
       << "%, while the rounded data themselves still keep their spread to "
       << rounded(v["data_drift_at_departure"], 2) << " (compensated sums show it); the data "
       << "are rounded away only from step " << v["first_data_departure_step"] << ". From then on "
       << "the replayed curve is rounding noise between "
       << rounded(v["replay_after_departure_min"], 3) << " and "
       << rounded(v["replay_after_departure_max"], 3) << " (its smallest value is at "
       << "step " << v["replay_argmin_step"] << "). The added norms themselves are unaffected "
       << "(they match the exact ones to " << rounded(v["offsets_max_relative_difference"], 2)
       << ").\n\n";
  } else {
    md << "The replay in doubles agrees with the exact curve at every step (within "
       << rounded(100 * v["departure_tolerance"].get<double>(), 2) << "%).\n\n";
  }
  md << figures.variation;
  return md.str();
}

std::string weights(const json& s, const FigureLinks& figures) {
  const json& w = s["weights"];
  const json& l2 = w["l2"];
  const json& drop = w["dropout"];
  const json& reg = w["regression"];
  std::ostringstream md;
  md << "### What L2 regularisation and dropout actually do, on the same X\n\n"
     << "Both act on the *weights* of a model, through its loss"
     << (l2["data_unchanged"].get<bool>()
             ? "; neither changes the data (X and y are, element for element, what they were "
               "before both computations). Take "
             : ". (Here the data changed during the computations, which is a bug.) Take ")
     << "the post's X as the design of a regression with target y = X·"
     << vector_text(reg["base_weights"], 3) << " + " << vector_text(reg["perturbation"], 3) << " = "
     << vector_text(reg["y"], 6) << " (a fixed perturbation, so that no w fits exactly).\n\n"
     << "- **L2 (weight decay).** Gradient descent on ½‖y − Xw‖² with `optim::SGD`'s "
     << "weight_decay = λ = " << rounded(l2["weight_decay"], 4)
     << " and lr = 1/(λ_max(XᵀX) + λ) = " << rounded(l2["learning_rate"], 6)
     << " takes the step w ← (1 − lr·λ)·w − lr·∇loss: every "
     << "step multiplies w by " << rounded(l2["shrink_factor"], 8) << " before the gradient "
     << "step (checked against the hand-written update to "
     << rounded(l2["max_update_deviation"], 2) << "). Started at the least-squares fit "
     << vector_text(l2["ols"], 6) << " (‖w‖ = " << rounded(l2["ols_norm"], 6)
     << "), it reaches the ridge solution (XᵀX + λI)⁻¹Xᵀy = " << vector_text(l2["ridge"], 6)
     << " (‖w‖ = " << rounded(l2["final_norm"], 6) << ") to " << rounded(l2["final_error"], 2)
     << " in " << l2["steps"] << " steps; ‖w‖ "
     << (l2["norm_never_increases"].get<bool>() ? "never increases on the way" : "is not monotone")
     << ". The norm shrinks, not every weight: relative to least squares the weights are "
     << "multiplied by " << vector_text(l2["ratio_to_ols"], 4) << " (the columns of X are "
     << "nearly parallel, cosine " << rounded(l2["column_cosine"], 4) << ", so the penalty "
     << "trades one weight against the other).\n"
     << "- **Dropout, marginalised** (retain probability p = " << rounded(drop["retain_prob"], 3)
     << "; see the theorem section). The deployed weights p·w* solve ridge regression with a "
     << "penalty *per feature*, ((1 − p)/p)·(XᵀX)_jj = " << vector_text(drop["penalties"], 6)
     << ": p·w* = " << vector_text(drop["deployed"], 6) << ", the per-feature ridge solution to "
     << rounded(drop["max_difference"], 2)
     << ". Like L2 it shrinks the norm (‖p·w*‖ = " << rounded(drop["deployed_norm"], 6)
     << " against " << rounded(l2["ols_norm"], 6)
     << "); unlike the plain ‖w‖² penalty it charges each feature by its column's size, and the "
     << "weights are multiplied by " << vector_text(drop["ratio_to_ols"], 4)
     << " relative to least squares, against column sizes (XᵀX)_jj = "
     << vector_text(drop["gamma_squared"], 6) << ".\n\n"
     << figures.weights;
  return md.str();
}

}  // namespace

std::string section(const json& summary, const std::vector<experiments::Claim>& claims,
                    const FigureLinks& figures) {
  const int departure = summary["variation"]["first_departure_step"];
  std::ostringstream md;
  md << "## The post's intuition, replayed (`experiments/illustrations`)\n\n"
     << "Before its theorem the post builds intuition with three computations and draws "
     << "conclusions from their plots. Here each is replayed exactly as the post's code writes "
     << "it, each conclusion is checked against what the computation does to the points, and "
     << "the last part shows what L2 regularisation and dropout actually do on the same matrix. "
     << "Geometric facts are decided at relative tolerance 1e-12.\n\n"
     << "Each verdict is chosen by the checks listed with it; the copied second figure is "
     << "argued from the post's code, not measured.\n\n"
     << experiments::claims_table(claims) << replays(summary, figures)
     << variation(summary, claims, figures) << weights(summary, figures)
     << "**For a student.** The post's three computations change the *data*: two of them add "
     << "one number to every entry, which moves every point by the same vector, and one "
     << "multiplies every entry by one number, which stretches the picture about the origin. "
     << "A translation keeps every distance and every standard deviation; it only makes the "
     << "points look close on a log axis and makes std/mean small because the mean grew. None "
     << "of this is regularisation. L2 regularisation adds (λ/2)‖w‖² to the *loss*, so each "
     << "gradient step multiplies the weights by 1 − lr·λ; marginalised dropout adds "
     << "p(1 − p)·Σⱼ (XᵀX)ⱼⱼ·wⱼ² to it. They are alike because both are quadratic penalties on "
     << "w (the theorem), not because of anything in these three figures. To check the post's "
     << "third figure yourself: print `data_l2.std(axis=0)` inside its loop. It should never "
     << "change; it stays put as long as doubles can carry the sums ("
     << (departure > 0 ? "here up to step " + std::to_string(departure - 1)
                       : std::string("here at every step"))
     << "), and after that it is rounding error.\n\n";
  return md.str();
}

}  // namespace illustrations
