// Checks backward() against central finite differences, like torch.autograd.gradcheck.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

struct GradcheckResult {
  bool ok = true;            // every entry satisfies |analytic - numeric| <= atol + rtol·|numeric|
  double max_abs_error = 0;  // max |analytic - numeric| over all Jacobian entries
  double max_rel_error = 0;  // max |analytic - numeric| / max(|analytic|, |numeric|)
  std::string report;        // one line per failing entry (or a one-line summary when ok)
};

// Compares the full Jacobian of f at `inputs`: the analytic one, row by row, from backward()
// with one-hot grad_outputs, and the numeric one, column by column, from
// (f(x + eps·e_k) - f(x - eps·e_k)) / (2·eps). Only inputs with requires_grad are perturbed.
// f is evaluated on copies, so the caller's tensors and their gradients are left untouched.
GradcheckResult gradcheck(const std::function<Tensor(const std::vector<Tensor>&)>& f,
                          const std::vector<Tensor>& inputs, double eps = 1e-6, double atol = 1e-5,
                          double rtol = 1e-3);

}  // namespace autograd
