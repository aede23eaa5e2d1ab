#include "autograd/gradcheck.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "autograd/grad_mode.hpp"

namespace autograd {

namespace {
std::vector<Tensor> fresh_copies(const std::vector<Tensor>& inputs) {
  std::vector<Tensor> copies;
  copies.reserve(inputs.size());
  for (const Tensor& input : inputs) copies.emplace_back(input.value(), input.requires_grad());
  return copies;
}
}  // namespace

GradcheckResult gradcheck(const std::function<Tensor(const std::vector<Tensor>&)>& f,
                          const std::vector<Tensor>& inputs, double eps, double atol, double rtol) {
  if (!(eps > 0)) throw std::invalid_argument("gradcheck: eps must be positive");
  std::vector<Tensor> point = fresh_copies(inputs);
  const Array output = f(point).value();
  const std::size_t n_out = output.size();

  // analytic[i][j * n_in + k] = d out_j / d input_i[k], one backward per output element.
  std::vector<std::vector<double>> analytic(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) analytic[i].assign(n_out * inputs[i].size(), 0);
  // BEGIN EXERCISE 5.1: for each output j: fresh copies, backward(one-hot j), copy input grads
  for (std::size_t j = 0; j < n_out; ++j) {
    std::vector<Tensor> copies = fresh_copies(inputs);
    Tensor out = f(copies);
    if (!out.requires_grad()) break;  // f does not depend on any input: all zeros
    Array one_hot = xt::zeros_like(out.value());
    one_hot.data()[j] = 1.0;
    out.backward(one_hot);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (!copies[i].requires_grad() || !copies[i].has_grad()) continue;
      const Array& g = copies[i].grad();
      std::copy(g.begin(), g.end(), analytic[i].begin() + j * inputs[i].size());
    }
  }
  // END EXERCISE 5.1

  GradcheckResult result;
  std::ostringstream failures;
  std::size_t n_failures = 0;
  NoGradGuard no_grad;
  // BEGIN EXERCISE 5.1: each input element k: (f(x+eps) - f(x-eps)) / 2eps vs analytic, atol + rtol
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i].requires_grad()) continue;
    Array& x = point[i].mutable_value();
    for (std::size_t k = 0; k < x.size(); ++k) {
      const Scalar original = x.data()[k];
      x.data()[k] = original + eps;
      const Array plus = f(point).value();
      x.data()[k] = original - eps;
      const Array minus = f(point).value();
      x.data()[k] = original;
      for (std::size_t j = 0; j < n_out; ++j) {
        const double numeric = (plus.data()[j] - minus.data()[j]) / (2 * eps);
        const double exact = analytic[i][j * x.size() + k];
        const double abs_error = std::abs(exact - numeric);
        const double scale = std::max(std::abs(exact), std::abs(numeric));
        const double rel_error = scale > 0 ? abs_error / scale : 0.0;
        result.max_abs_error = std::max(result.max_abs_error, abs_error);
        result.max_rel_error = std::max(result.max_rel_error, rel_error);
        if (!(abs_error <= atol + rtol * std::abs(numeric))) {  // also catches NaN
          result.ok = false;
          if (++n_failures <= 10) {
            failures << "  input " << i << " element " << k << ", output element " << j
                     << ": analytic " << exact << ", numeric " << numeric << "\n";
          }
        }
      }
    }
  }
  // END EXERCISE 5.1
  std::ostringstream report;
  report << "gradcheck " << (result.ok ? "passed" : "FAILED") << ": max abs error "
         << result.max_abs_error << ", max rel error " << result.max_rel_error << " (eps " << eps
         << ", atol " << atol << ", rtol " << rtol << ")";
  if (!result.ok) report << "; " << n_failures << " entries out of tolerance:\n" << failures.str();
  result.report = report.str();
  return result;
}

}  // namespace autograd
