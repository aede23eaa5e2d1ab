// Running Monte Carlo statistics: mean with its standard error, and the sample variance with
// its (large-sample) standard error, from shifted power sums.
#pragma once

#include <cmath>
#include <cstddef>

namespace experiments {

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
