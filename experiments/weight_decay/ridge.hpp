// The closed forms the linear rows are measured against, in this experiment's convention.
//
// Convention: loss (1/n)‖Xθ − y‖² (torch's MSELoss, mean) plus the penalty (λ/2)‖θ‖², whose
// gradient (2/n)Xᵀ(Xθ − y) + λθ vanishes at
//     (XᵀX + (nλ/2)·I) θ = Xᵀy,
// the ridge solution; λ = 0 gives ordinary least squares. The solve itself is the shared one
// (dropout_ridge::ridge_solution, LAPACK gesv), with every per-feature penalty nλ/2.
#pragma once

#include <vector>

#include "autograd/tensor.hpp"

namespace weight_decay {

// The ridge solution above for X (n, d) and y (n); throws std::invalid_argument for λ < 0 or
// mismatched shapes.
std::vector<double> ridge_solution(const autograd::Array& X, const autograd::Array& y,
                                   double lambda);

// The loss gradient (2/n)Xᵀ(Xθ − y) at θ, without the penalty.
std::vector<double> loss_gradient(const autograd::Array& X, const autograd::Array& y,
                                  const std::vector<double>& theta);

}  // namespace weight_decay
