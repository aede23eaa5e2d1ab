// The statistics every experiment reports, in one place: mean, standard deviation, standard
// error, median, z-scores, least-squares slopes with their standard errors, and running Monte
// Carlo moments.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace experiments {

// "No value": a statistic of too few points, or a grid value that is not there.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Arithmetic mean, accumulated as Σ xᵢ/n (the order the experiments' numbers were made with).
inline double mean(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double sum = 0;
  for (const double value : x) sum += value / n;
  return sum;
}

// Sample standard deviation √(Σ(xᵢ − x̄)²/(n − 1)); 0 for fewer than two values.
inline double sample_sd(const std::vector<double>& x) {
  if (x.size() < 2) return 0;
  const double m = mean(x);
  double squares = 0;
  for (const double value : x) squares += (value - m) * (value - m);
  return std::sqrt(squares / (static_cast<double>(x.size()) - 1));
}

// A mean with its standard error s/√n, and how many standard errors it lies from a value.
struct MeanSe {
  double mean = kNaN;
  double se = kNaN;
  double z(double reference = 0) const { return (mean - reference) / se; }
};

inline MeanSe mean_se(const std::vector<double>& x) {
  if (x.empty()) return {};
  return {mean(x), sample_sd(x) / std::sqrt(static_cast<double>(x.size()))};
}

// The differences a[s] − b[s] of two numbers measured on the same seeds (paired: the same
// data and initial weights behind both), for mean_se.
inline std::vector<double> paired_differences(const std::vector<double>& a,
                                              const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired_differences: unequal lengths");
  std::vector<double> d;
  for (std::size_t s = 0; s < a.size(); ++s) d.push_back(a[s] - b[s]);
  return d;
}

// z-score of `value` against `reference`, in units of the standard error `se`.
inline double z_score(double value, double reference, double se) {
  return (value - reference) / se;
}

// The median: the middle value, or the mean of the two middle values for an even count (as
// numpy.median and R's median; not torch.median, which returns the lower one).
inline double median(std::vector<double> x) {
  if (x.empty()) throw std::invalid_argument("median: no values");
  const std::size_t half = x.size() / 2;
  std::nth_element(x.begin(), x.begin() + half, x.end());
  const double upper = x[half];
  if (x.size() % 2 == 1) return upper;
  const double lower = *std::max_element(x.begin(), x.begin() + half);
  return lower + (upper - lower) / 2;
}

// Ordinary least squares y ≈ a + b·x: the slope b = Sxy/Sxx, the intercept, and the slope's
// standard error √(Σrᵢ²/(n − 2) / Sxx) from the residuals rᵢ (exact for independent normal
// errors; indicative when the points are correlated, as on one run's curve).
struct LineFit {
  double slope = 0;
  double intercept = 0;
  double slope_se = 0;
  std::size_t points = 0;
};

inline LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 3) {
    throw std::invalid_argument("fit_line: need at least 3 points of x and y, got " +
                                std::to_string(x.size()) + " and " + std::to_string(y.size()));
  }
  const double n = static_cast<double>(x.size());
  const double mean_x = mean(x), mean_y = mean(y);
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
  }
  LineFit fit;
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  fit.points = x.size();
  double residual_squares = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = y[i] - mean_y - fit.slope * (x[i] - mean_x);
    residual_squares += r * r;
  }
  fit.slope_se = std::sqrt(residual_squares / (n - 2) / sxx);
  return fit;
}

// The same fit through (log x, log y): the exponent of a power law y ∝ xᵇ.
inline LineFit fit_loglog(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> log_x, log_y;
  for (const double value : x) log_x.push_back(std::log(value));
  for (const double value : y) log_y.push_back(std::log(value));
  return fit_line(log_x, log_y);
}

class RunningMoments {
 public:
  // shift: a number near the mean (the value under test, say); the sums are of (x − shift),
  // which keeps them small and the variance free of cancellation.
  explicit RunningMoments(double shift = 0) : shift_(shift) {}

  void add(double x) {
    const double d = x - shift_;
    const double d2 = d * d;
    ++n_;
    s1_ += d;
    s2_ += d2;
    s3_ += d2 * d;
    s4_ += d2 * d2;
  }

  std::size_t count() const { return n_; }
  double mean() const { return shift_ + s1_ / n_; }
  // Unbiased sample variance, Σ(x − x̄)²/(n − 1).
  double variance() const { return (s2_ - s1_ * s1_ / n_) / (n_ - 1); }
  // Standard error of the mean, s/√n.
  double mean_se() const { return std::sqrt(variance() / n_); }
  // Standard error of the sample variance, √((μ₄ − σ⁴)/n), with the central moments estimated
  // from the sample: the large-sample variance of s² is (μ₄ − σ⁴)/n.
  double variance_se() const {
    const double m1 = s1_ / n_, m2 = s2_ / n_, m3 = s3_ / n_, m4 = s4_ / n_;
    const double central2 = m2 - m1 * m1;
    const double central4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
    return std::sqrt((central4 - central2 * central2) / n_);
  }

 private:
  double shift_;
  std::size_t n_ = 0;
  double s1_ = 0, s2_ = 0, s3_ = 0, s4_ = 0;
};

}  // namespace experiments
