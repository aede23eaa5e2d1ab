// 4. Dropout on the inputs of logistic regression (Wager, Wang & Liang, 2013): the exact
// penalty E[A(x̃·β)] − A(x·β), summed over rows, against its quadratic approximation
// (wager_penalty.hpp), on design C with β = s·β₀.
#include <cmath>
#include <string>
#include <vector>

#include "datasets/regression.hpp"
#include "experiments/dynamics/sections.hpp"
#include "experiments/dynamics/series.hpp"
#include "experiments/dynamics/wager_penalty.hpp"

namespace dynamics {

using nlohmann::json;

namespace {

const std::vector<double> kBeta0{1, -0.5, 0.75, -1, 0.5, 0.25};  // the β₀
const std::vector<double> kDropProbs{0.1, 0.5, 0.8};             // δ
const std::vector<double> kScales{0.25, 1, 2};                   // s
// Small scales for the order of the error: each is twice the previous, so a relative error
// ∝ s² quadruples from one to the next.
const std::vector<double> kSmallScales{0.025, 0.05, 0.1, 0.2};
// The figure's scale grid: 10^(−2 + m/10), m = 0..26, i.e. from 0.01 to about 4.
constexpr int kCurvePoints = 27;

struct Penalties {
  double exact, quadratic;
  double ratio() const { return quadratic / exact; }
  double relative_error() const { return std::abs(exact - quadratic) / exact; }
};

Penalties penalties(const Array& X, double drop_prob, double scale) {
  Array beta = Array::from_shape({kBeta0.size()});
  for (std::size_t j = 0; j < kBeta0.size(); ++j) beta(j) = scale * kBeta0[j];
  return {exact_dropout_penalty(X, beta, drop_prob, logistic_log_partition),
          quadratic_dropout_penalty(X, beta, drop_prob, logistic_curvature)};
}

}  // namespace

json wager_section(const experiments::Output& out) {
  const Array X = datasets::design_C().X;
  json table = json::array();
  for (const double delta : kDropProbs) {
    for (const double s : kScales) {
      const Penalties p = penalties(X, delta, s);
      table.push_back({{"delta", delta},
                       {"s", s},
                       {"exact", p.exact},
                       {"quadratic", p.quadratic},
                       {"ratio", p.ratio()}});
    }
  }
  json small = json::array();
  for (const double delta : kDropProbs) {
    std::vector<double> relative_errors, doubling_ratios;
    for (const double s : kSmallScales) {
      relative_errors.push_back(penalties(X, delta, s).relative_error());
      if (relative_errors.size() > 1) {
        doubling_ratios.push_back(relative_errors.back() /
                                  relative_errors[relative_errors.size() - 2]);
      }
    }
    const SlopeFit fit = loglog_slope(kSmallScales, relative_errors);
    small.push_back({{"delta", delta},
                     {"s", kSmallScales},
                     {"relative_error", relative_errors},
                     {"doubling_ratio", doubling_ratios},
                     {"slope", fit.slope}});
  }
  std::vector<std::vector<double>> curve;
  for (int m = 0; m < kCurvePoints; ++m) {
    const double s = std::pow(10.0, -2.0 + m / 10.0);
    std::vector<double> row{s};
    for (const double delta : kDropProbs) {
      const Penalties p = penalties(X, delta, s);
      row.insert(row.end(), {p.exact, p.quadratic, p.ratio()});
    }
    curve.push_back(row);
  }
  std::vector<std::string> header{"s"};
  for (const double delta : kDropProbs) {
    const std::string tag = "_delta_" + experiments::rounded(delta);
    header.insert(header.end(), {"exact" + tag, "quadratic" + tag, "ratio" + tag});
  }
  out.write_csv("wager_curve.csv", header, curve);
  return {{"table", table}, {"small_s", small}, {"beta0", kBeta0}};
}

}  // namespace dynamics
