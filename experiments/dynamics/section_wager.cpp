// 4. Dropout on the inputs of logistic regression (Wager, Wang & Liang, 2013): the exact
// penalty E[A(x̃·β)] − A(x·β), summed over rows, against its quadratic approximation
// (wager_penalty.hpp), on design C with β = s·β₀.
#include <cmath>
#include <vector>

#include "datasets/regression.hpp"
#include "experiments/common/statistics.hpp"
#include "experiments/dynamics/results.hpp"
#include "experiments/dynamics/wager_penalty.hpp"

namespace dynamics {

namespace {

const std::vector<double> kBeta0{1, -0.5, 0.75, -1, 0.5, 0.25};  // the β₀
const std::vector<double> kDropProbs{0.1, 0.5, 0.8};             // δ
const std::vector<double> kScales{0.25, 1, 2};                   // s
// Small scales for the order of the error: each is twice the previous, so a relative error
// ∝ s² quadruples from one to the next.
const std::vector<double> kSmallScales{0.025, 0.05, 0.1, 0.2};
// The figure's scale grid: 10^(−2 + m/10), m = 0..26, i.e. from 0.01 to about 4.
constexpr int kCurvePoints = 27;

WagerCell penalties(const Array& X, double drop_prob, double scale) {
  Array beta = Array::from_shape({kBeta0.size()});
  for (std::size_t j = 0; j < kBeta0.size(); ++j) beta(j) = scale * kBeta0[j];
  WagerCell cell{drop_prob, scale,
                 exact_dropout_penalty(X, beta, drop_prob, logistic_log_partition),
                 quadratic_dropout_penalty(X, beta, drop_prob, logistic_curvature)};
  cell.ratio = cell.quadratic / cell.exact;
  return cell;
}

WagerSmallS small_s(const Array& X, double drop_prob) {
  WagerSmallS r;
  r.delta = drop_prob;
  r.s = kSmallScales;
  for (const double s : kSmallScales) {
    const WagerCell cell = penalties(X, drop_prob, s);
    r.relative_error.push_back(std::abs(cell.exact - cell.quadratic) / cell.exact);
    if (r.relative_error.size() > 1) {
      r.doubling_ratio.push_back(r.relative_error.back() /
                                 r.relative_error[r.relative_error.size() - 2]);
    }
  }
  r.slope = experiments::fit_loglog(kSmallScales, r.relative_error).slope;
  return r;
}

// The figure's curve: at each s of its grid, the penalties for every δ.
std::vector<std::vector<WagerCell>> penalty_curve(const Array& X) {
  std::vector<std::vector<WagerCell>> rows;
  for (int m = 0; m < kCurvePoints; ++m) {
    const double s = std::pow(10.0, -2.0 + m / 10.0);
    rows.emplace_back();
    for (const double delta : kDropProbs) rows.back().push_back(penalties(X, delta, s));
  }
  return rows;
}

}  // namespace

WagerResult measure_wager() {
  const Array X = datasets::design_C().X;
  WagerResult wager;
  wager.beta0 = kBeta0;
  for (const double delta : kDropProbs) {
    for (const double s : kScales) wager.table.push_back(penalties(X, delta, s));
    wager.small_s.push_back(small_s(X, delta));
  }
  wager.curve = penalty_curve(X);
  return wager;
}

}  // namespace dynamics
