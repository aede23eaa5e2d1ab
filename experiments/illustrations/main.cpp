// experiments/illustrations: the post's three intuition-building computations replayed exactly
// as its code writes them, what they really do to the points, and what L2 regularisation and
// dropout really do on a regression with the same matrix as design. See README.md.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xview.hpp>

#include "autograd/random.hpp"
#include "experiments/common/cli.hpp"
#include "experiments/common/output.hpp"
#include "experiments/common/seeds.hpp"
#include "experiments/illustrations/clusters.hpp"
#include "experiments/illustrations/figures.hpp"
#include "experiments/illustrations/geometry.hpp"
#include "experiments/illustrations/replay.hpp"
#include "experiments/illustrations/report.hpp"
#include "experiments/illustrations/verdicts.hpp"
#include "experiments/illustrations/weights.hpp"

namespace {

using autograd::Array;
using autograd::Scalar;
using nlohmann::json;
namespace il = illustrations;

// The post's loop: `for n in range(1, 16)`.
constexpr std::size_t kPostSteps = 15;
// "Our outlier {3, 7}": the last row of the post's matrix.
constexpr std::size_t kOutlierRow = 2;
// Gradient descent stops when every weight is this close to the ridge solution.
constexpr Scalar kDescentTolerance = 1e-12;
constexpr std::size_t kMaxDescentSteps = 1'000'000;
// The replayed variation curve "departs" from the exact one where they differ by more than
// this (relative): far above the ~1e-15 agreement of the first steps, far below the factor-of-
// several disagreement once rounding takes over.
constexpr Scalar kDepartureTolerance = 0.01;

struct Settings {
  std::uint64_t points_per_cluster = 1000;  // the post's rvs(1000)
  Scalar weight_decay = 1.0;                // λ; the post's λ' = 1
  Scalar retain_prob = 0.5;                 // the theorem's p; the post's p = 0.5
  std::uint64_t seed = 0;
  bool quick = false;
};

json matrix_json(const Array& matrix) {
  json rows = json::array();
  for (std::size_t i = 0; i < matrix.shape()[0]; ++i) {
    const Array row = xt::row(matrix, i);
    rows.push_back(std::vector<double>(row.begin(), row.end()));
  }
  return rows;
}

std::vector<double> to_vector(const Array& a) {
  return {a.begin(), a.end()};
}

Array stack(const std::vector<Array>& matrices) {
  Array stacked = matrices.front();
  for (std::size_t k = 1; k < matrices.size(); ++k) {
    stacked = xt::concatenate(xt::xtuple(stacked, matrices[k]), 0);
  }
  return stacked;
}

// Distances, log-scale distances and the outlier's place in each of a replay's matrices.
json geometry(const std::vector<Array>& matrices) {
  json result;
  const std::vector<Scalar> first = il::pairwise_distances(matrices.front());
  Scalar max_distance_change = 0, min_ratio = INFINITY, max_ratio = 0;
  for (const Array& m : matrices) {
    const std::vector<Scalar> distances = il::pairwise_distances(m);
    std::vector<Scalar> from_others;
    for (std::size_t row = 0; row < m.shape()[0]; ++row) {
      from_others.push_back(il::distance_from_others(m, row));
    }
    for (std::size_t k = 0; k < distances.size(); ++k) {
      max_distance_change = std::max(max_distance_change, std::abs(distances[k] - first[k]));
      min_ratio = std::min(min_ratio, distances[k] / first[k]);
      max_ratio = std::max(max_ratio, distances[k] / first[k]);
    }
    const std::vector<Scalar> log_distances = il::log_pairwise_distances(m);
    result["pairwise_distances"].push_back(distances);
    result["log10_pairwise_distances"].push_back(log_distances);
    result["largest_log10_distance"].push_back(
        *std::max_element(log_distances.begin(), log_distances.end()));
    result["outlier_distance_from_others"].push_back(from_others[kOutlierRow]);
    result["outlier_is_farthest"].push_back(
        std::max_element(from_others.begin(), from_others.end()) - from_others.begin() ==
        static_cast<std::ptrdiff_t>(kOutlierRow));
  }
  result["max_abs_distance_change"] = max_distance_change;
  // Each matrix's distances over the initial matrix's, smallest and largest over the pairs
  // (a scaling gives one ratio per matrix; the last matrix's ratio is the total).
  const std::vector<Scalar> last = il::pairwise_distances(matrices.back());
  result["final_distance_ratio"] = last.front() / first.front();
  result["min_distance_ratio"] = min_ratio;
  result["max_distance_ratio"] = max_ratio;
  return result;
}

// The matrices of the post's first two cells: X and two steps of each rule.
struct ReplayedMatrices {
  std::vector<Array> l2;
  std::vector<Array> dropout;
};

ReplayedMatrices replayed_matrices() {
  const Array X = il::post_matrix();
  const Array l2_1 = il::post_l2_step(X);
  const Array dropout_1 = il::post_dropout_step(X);
  return {{X, l2_1, il::post_l2_step(l2_1)}, {X, dropout_1, il::post_dropout_step(dropout_1)}};
}

json replay_json(const ReplayedMatrices& replayed, const experiments::Output& out) {
  const std::vector<Array>& l2 = replayed.l2;
  const std::vector<Array>& dropout = replayed.dropout;
  const Array& X = l2[0];
  const Array& l2_1 = l2[1];
  const Array& l2_2 = l2[2];
  // Figure 1 stacks the L2 matrices; the post's second cell stacks them again
  // (`result = np.vstack([initial_matrix, matrix_l2_1, matrix_l2_2])`), so Figure 2 is drawn
  // from this, while it meant to draw the dropout matrices.
  const Array figure1 = stack(l2);
  const Array figure2_as_drawn = stack({X, l2_1, l2_2});
  const Array figure2_as_meant = stack(dropout);
  json replay;
  for (const Array& m : l2) replay["l2"].push_back(matrix_json(m));
  for (const Array& m : dropout) replay["dropout"].push_back(matrix_json(m));
  replay["l2_added"] = {(l2_1 - X)(0, 0), (l2_2 - l2_1)(0, 0)};
  replay["dropout_factor"] = il::post_dropout_factor(X);
  replay["dropout_second_factor"] = il::post_dropout_factor(dropout[1]);
  // Σ_i ‖f·x_i‖^½ = √f·Σ_i ‖x_i‖^½, so the second factor is f^{3/2}: X₂ = f^{5/2}·X.
  replay["dropout_second_factor_identity_error"] =
      std::abs(replay["dropout_second_factor"].get<double>() /
                   std::pow(replay["dropout_factor"].get<double>(), 1.5) -
               1);
  replay["figure2_as_drawn_vs_figure1_max_abs_difference"] =
      xt::amax(xt::abs(figure2_as_drawn - figure1))();
  replay["figure2_as_meant_vs_as_drawn_max_abs_difference"] =
      xt::amax(xt::abs(figure2_as_meant - figure2_as_drawn))();

  // CSV per figure: the stacked points with their iteration (the post's hue, i // 3) and
  // the points minus their matrix's centroid.
  const auto write_stack = [&](const std::string& file, const std::vector<Array>& matrices) {
    std::vector<std::vector<double>> rows;
    for (std::size_t k = 0; k < matrices.size(); ++k) {
      const Array centroid = xt::mean(matrices[k], {0});
      for (std::size_t i = 0; i < matrices[k].shape()[0]; ++i) {
        rows.push_back({double(k), matrices[k](i, 0), matrices[k](i, 1),
                        matrices[k](i, 0) - centroid(0), matrices[k](i, 1) - centroid(1)});
      }
    }
    out.write_csv(file, {"iteration", "x", "y", "x_minus_centroid", "y_minus_centroid"}, rows);
  };
  write_stack("l2_replay.csv", l2);
  write_stack("dropout_replay.csv", dropout);
  write_stack("figure2_as_drawn.csv", {X, l2_1, l2_2});
  return replay;
}

json variation_analysis(const Array& data, const il::VariationReplay& replay,
                        const il::ExactVariation& exact) {
  const std::size_t steps = replay.variation.size();
  json result;
  result["exact"] = exact.variation;
  result["offsets_exact"] = exact.offsets;
  Scalar replay_offset = 0, max_offset_difference = 0;
  for (std::size_t n = 0; n < steps; ++n) {
    replay_offset += replay.added[n];
    max_offset_difference = std::max(max_offset_difference,
                                     std::abs(replay_offset - exact.offsets[n]) / exact.offsets[n]);
  }
  // The added norms themselves are not what rounding spoils: they agree with the exact ones.
  result["offsets_max_relative_difference"] = max_offset_difference;
  std::vector<Scalar> ratios;
  for (std::size_t n = 1; n < steps; ++n)
    ratios.push_back(exact.variation[n] / exact.variation[n - 1]);
  result["exact_ratio_per_step"] = ratios;
  result["exact_ratio_min"] = *std::min_element(ratios.begin(), ratios.end());
  result["exact_ratio_max"] = *std::max_element(ratios.begin(), ratios.end());
  // For a large offset C, σ_max(data + C·11ᵀ) ≈ C·‖11ᵀ‖₂ = C·√(N·D): each step multiplies the
  // offset, hence divides the variation, by about 1 + √(N·D).
  const Scalar rows = data.shape()[0], columns = data.shape()[1];
  result["predicted_ratio"] = 1.0 / (1.0 + std::sqrt(rows * columns));
  result["exact_decades_per_step"] =
      (std::log10(exact.variation.front()) - std::log10(exact.variation.back())) / (steps - 1);
  std::size_t departure = 0;  // 0: never
  std::vector<Scalar> relative_difference;
  for (std::size_t n = 0; n < steps; ++n) {
    relative_difference.push_back(std::abs(replay.variation[n] - exact.variation[n]) /
                                  exact.variation[n]);
    if (departure == 0 && relative_difference.back() > kDepartureTolerance) departure = n + 1;
  }
  result["replay_vs_exact_relative_difference"] = relative_difference;
  result["departure_tolerance"] = kDepartureTolerance;
  result["first_departure_step"] = departure;
  // The same for the rounding of the data alone (compensated sums, replay.hpp).
  std::size_t data_departure = 0;
  for (std::size_t n = 0; n < steps && data_departure == 0; ++n) {
    if (replay.data_drift[n] > kDepartureTolerance) data_departure = n + 1;
  }
  result["first_data_departure_step"] = data_departure;
  if (departure > 0) {
    const Scalar offset = exact.offsets[departure - 1];
    const Scalar column_sum = rows * offset;  // what numpy's mean sums up to, per column
    // The spacing of doubles near x: the size of one rounding step there.
    const auto spacing = [](Scalar x) { return std::nextafter(x, INFINITY) - x; };
    result["offset_spacing_at_departure"] = spacing(offset);
    result["column_sum_at_departure"] = column_sum;
    result["column_sum_spacing_at_departure"] = spacing(column_sum);
    result["data_drift_at_departure"] = replay.data_drift[departure - 1];
    result["spread_drift_at_departure"] = replay.spread_drift[departure - 1];
    result["offset_at_departure"] = exact.offsets[departure - 1];
    result["last_agreeing_step_spread_drift"] =
        departure > 1 ? replay.spread_drift[departure - 2] : 0.0;
  }
  const auto smallest = std::min_element(replay.variation.begin(), replay.variation.end());
  result["replay_argmin_step"] = smallest - replay.variation.begin() + 1;
  result["replay_min"] = *smallest;
  result["replay_after_departure_min"] =
      departure > 0
          ? *std::min_element(replay.variation.begin() + (departure - 1), replay.variation.end())
          : 0.0;
  result["replay_after_departure_max"] =
      departure > 0
          ? *std::max_element(replay.variation.begin() + (departure - 1), replay.variation.end())
          : 0.0;
  result["rows"] = data.shape()[0];
  result["original_column_std"] = to_vector(il::column_std(data));
  result["original_column_mean"] = to_vector(il::column_mean(data));
  return result;
}

json translation_json(const il::TranslationCheck& check) {
  return {{"shift", check.shift},
          {"std_before", to_vector(check.std_before)},
          {"std_after", to_vector(check.std_after)},
          {"mean_before", to_vector(check.mean_before)},
          {"mean_after", to_vector(check.mean_after)},
          {"max_relative_std_change", check.max_relative_std_change},
          {"max_relative_mean_error", check.max_relative_mean_error},
          {"max_variation_ratio_error", check.max_variation_ratio_error}};
}

std::vector<Scalar> weight_decay_grid() {
  std::vector<Scalar> grid;  // 10^(k/4) from 1e-3 to 1e4: 29 points, four per decade
  for (int k = -12; k <= 16; ++k) grid.push_back(std::pow(10.0, k / 4.0));
  return grid;
}

// Retain probabilities whose deployed ridge strength (1−p)/p runs over 10^(k/4) from 1e-4 to
// 1e2, four per decade (k = 0 gives p = 0.5 exactly): p → 1 is least squares, p → 0 is w = 0.
std::vector<Scalar> retain_prob_grid() {
  std::vector<Scalar> grid;
  for (int k = -16; k <= 8; ++k) grid.push_back(1.0 / (1.0 + std::pow(10.0, k / 4.0)));
  return grid;
}

json weights_analysis(const Settings& s, const experiments::Output& out) {
  const il::Regression problem = il::post_regression();
  const Array X_before = problem.X, y_before = problem.y;
  const il::WeightDecayDescent run =
      il::weight_decay_descent(problem, s.weight_decay, kDescentTolerance, kMaxDescentSteps);
  const il::MarginalisedDropout dropout = il::marginalised_dropout(problem, s.retain_prob);
  std::vector<std::vector<double>> rows;
  std::vector<Scalar> norms;
  for (std::size_t t = 0; t < run.trajectory.size(); ++t) {
    const Array& w = run.trajectory[t];
    norms.push_back(std::sqrt(xt::sum(w * w)()));
    rows.push_back({double(t), w(0), w(1), norms.back()});
  }
  out.write_csv("weight_decay_trajectory.csv", {"step", "w1", "w2", "norm"}, rows);
  rows.clear();
  const std::vector<Scalar> lambdas = weight_decay_grid();
  const std::vector<Array> ridge = il::ridge_path(problem, lambdas);
  for (std::size_t k = 0; k < lambdas.size(); ++k) {
    rows.push_back({lambdas[k], ridge[k](0), ridge[k](1)});
  }
  out.write_csv("ridge_path.csv", {"weight_decay", "w1", "w2"}, rows);
  rows.clear();
  const std::vector<Scalar> probs = retain_prob_grid();
  const std::vector<Array> deployed = il::dropout_path(problem, probs);
  for (std::size_t k = 0; k < probs.size(); ++k) {
    rows.push_back({probs[k], deployed[k](0), deployed[k](1)});
  }
  out.write_csv("dropout_path.csv", {"retain_prob", "w1", "w2"}, rows);
  const Array fitted_ols = xt::linalg::dot(problem.X, run.ols);
  json l2 = {
      {"weight_decay", run.weight_decay},
      {"learning_rate", run.learning_rate},
      {"shrink_factor", run.shrink_factor},
      {"ols", to_vector(run.ols)},
      {"ridge", to_vector(run.ridge)},
      {"final_weights", to_vector(run.trajectory.back())},
      {"steps", run.steps},
      {"final_error", run.final_error},
      {"max_update_deviation", run.max_update_deviation},
      {"ratio_to_ols", to_vector(run.ridge / run.ols)},
      // cos of the angle between X's two columns: (XᵀX)_12 / √((XᵀX)_11·(XᵀX)_22)
      {"column_cosine", xt::sum(xt::col(problem.X, 0) * xt::col(problem.X, 1))() /
                            std::sqrt(xt::sum(xt::col(problem.X, 0) * xt::col(problem.X, 0))() *
                                      xt::sum(xt::col(problem.X, 1) * xt::col(problem.X, 1))())},
      {"ols_norm", norms.front()},
      {"final_norm", norms.back()},
      {"norm_never_increases",
       std::adjacent_find(norms.begin(), norms.end(), std::less<Scalar>()) == norms.end()},
      // Computed, not asserted: the regression's X and y after both computations, element
      // for element against copies taken before them and against the post's X.
      {"data_unchanged",
       problem.X == X_before && problem.y == y_before && problem.X == il::post_matrix()}};
  json drop = {{"retain_prob", dropout.retain_prob},
               {"gamma_squared",
                to_vector(dropout.penalties * dropout.retain_prob / (1 - dropout.retain_prob))},
               {"penalties", to_vector(dropout.penalties)},
               {"deployed", to_vector(dropout.deployed)},
               {"ridge_with_penalties", to_vector(dropout.ridge)},
               {"max_difference", dropout.max_difference},
               {"deployed_norm", std::sqrt(xt::sum(dropout.deployed * dropout.deployed)())},
               {"ratio_to_ols", to_vector(dropout.deployed / run.ols)}};
  return {{"regression",
           {{"X", matrix_json(problem.X)},
            {"y", to_vector(problem.y)},
            {"base_weights", to_vector(problem.base_weights)},
            {"perturbation", to_vector(problem.perturbation)}}},
          {"l2", l2},
          {"dropout", drop}};
}

}  // namespace

int main(int argc, char** argv) {
  experiments::CommonOptions common;
  Settings settings;
  experiments::Cli cli("illustrations",
                       "Replays the post's three intuition-building computations exactly as its "
                       "code writes them, measures what they do, and shows what L2 and dropout "
                       "actually do on the same data.");
  cli.add_common(common);
  cli.add_option("--points-per-cluster", "points drawn from each of the three Gaussian clusters",
                 settings.points_per_cluster);
  cli.add_option("--weight-decay", "lambda of the ridge / weight-decay demonstration",
                 settings.weight_decay);
  cli.add_option("--retain-prob", "retain probability p of the marginalised dropout (theorem's p)",
                 settings.retain_prob);
  cli.parse(argc, argv);
  if (settings.points_per_cluster < 2) cli.usage_error("--points-per-cluster must be at least 2");
  if (!(settings.weight_decay > 0)) {
    cli.usage_error("--weight-decay must be > 0, got " + std::to_string(settings.weight_decay));
  }
  if (!(settings.retain_prob > 0 && settings.retain_prob < 1)) {
    cli.usage_error("--retain-prob must be in (0, 1), got " + std::to_string(settings.retain_prob));
  }
  settings.seed = common.seed;
  settings.quick = common.quick;  // the full run takes well under a second: --quick is the same
  try {
    const experiments::Output out(common.out_dir);
    json summary;
    summary["config"] = {{"seed", settings.seed},
                         {"quick", settings.quick},
                         {"points_per_cluster", settings.points_per_cluster},
                         {"steps", kPostSteps},
                         {"weight_decay", settings.weight_decay},
                         {"retain_prob", settings.retain_prob},
                         {"descent_tolerance", kDescentTolerance}};
    const ReplayedMatrices replayed = replayed_matrices();
    summary["replay"] = replay_json(replayed, out);
    summary["geometry"] = {{"l2", geometry(replayed.l2)}, {"dropout", geometry(replayed.dropout)}};
    {
      const json& g = summary["geometry"];
      std::vector<std::vector<double>> rows;
      for (std::size_t k = 0; k < replayed.l2.size(); ++k) {
        const auto largest = [&](const char* rule) {
          const auto d = g[rule]["pairwise_distances"][k].get<std::vector<double>>();
          return *std::max_element(d.begin(), d.end());
        };
        rows.push_back({double(k), g["l2"]["outlier_distance_from_others"][k],
                        g["dropout"]["outlier_distance_from_others"][k], largest("l2"),
                        largest("dropout")});
      }
      out.write_csv("distances.csv",
                    {"iteration", "l2_outlier_distance", "dropout_outlier_distance",
                     "l2_largest_distance", "dropout_largest_distance"},
                    rows);
    }

    autograd::Generator gen(experiments::derive_seed(settings.seed, 1));
    const Array data = il::sample_clusters(il::post_clusters(), settings.points_per_cluster, gen);
    const il::VariationReplay replay = il::replay_variation(data, kPostSteps);
    const il::ExactVariation exact = il::exact_variation(data, kPostSteps);
    summary["replay"]["variation"] = replay.variation;
    summary["replay"]["variation_added"] = replay.added;
    summary["replay"]["variation_spread_drift"] = replay.spread_drift;
    summary["replay"]["variation_data_drift"] = replay.data_drift;
    summary["variation"] = variation_analysis(data, replay, exact);
    summary["translation"] = translation_json(il::check_translation(data, replay.added.front()));
    {
      std::vector<std::vector<double>> rows;
      for (std::size_t n = 0; n < kPostSteps; ++n) {
        rows.push_back({double(n + 1), replay.variation[n], exact.variation[n], replay.added[n],
                        exact.offsets[n], replay.spread_drift[n], replay.data_drift[n]});
      }
      out.write_csv("variation.csv",
                    {"n", "replay_variation", "exact_variation", "added_norm", "offset_exact",
                     "replay_spread_drift", "data_rounding_drift"},
                    rows);
      rows.clear();
      for (std::size_t i = 0; i < data.shape()[0]; ++i) {
        rows.push_back(
            {double(i / settings.points_per_cluster), data(i, 0), data(i, 1), data(i, 2)});
      }
      out.write_csv("clusters.csv", {"cluster", "x", "y", "z"}, rows);
    }
    summary["weights"] = weights_analysis(settings, out);
    summary["verdicts"] = il::verdicts(summary);
    const std::vector<experiments::Claim> claims = il::claims(summary, summary["verdicts"]);
    summary["claims"] = experiments::to_json(claims);
    const il::FigureLinks figures = il::draw_figures(out, summary);
    out.write_text("section.md", il::section(summary, claims, figures));
    out.write_json("summary.json", summary);
    std::cout << "illustrations: wrote " << out.path("summary.json") << " and "
              << out.path("section.md") << "\n";
  } catch (const std::exception& error) {
    std::cerr << "illustrations: error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
