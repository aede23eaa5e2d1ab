// The closed forms the linear rows are measured against, written here (small) rather than
// taken from another experiment's folder: the ridge solution in this experiment's convention,
// and a dense solve for the d×d systems it needs.
//
// Convention: loss (1/n)‖Xθ − y‖² (torch's MSELoss, mean) plus the penalty (λ/2)‖θ‖², whose
// gradient (2/n)Xᵀ(Xθ − y) + λθ vanishes at
//     (XᵀX + (nλ/2)·I) θ = Xᵀy,
// the ridge solution; λ = 0 gives ordinary least squares.
#pragma once

#include <vector>

#include "autograd/tensor.hpp"

namespace weight_decay {

// Solves A x = b for a square, non-singular A (Gaussian elimination with partial pivoting);
// throws std::invalid_argument for mismatched shapes and std::domain_error when A is singular.
std::vector<double> solve(const autograd::Array& A, const std::vector<double>& b);

// The ridge solution above for X (n, d) and y (n); λ ≥ 0.
std::vector<double> ridge_solution(const autograd::Array& X, const autograd::Array& y,
                                   double lambda);

// The loss gradient (2/n)Xᵀ(Xθ − y) at θ, without the penalty.
std::vector<double> loss_gradient(const autograd::Array& X, const autograd::Array& y,
                                  const std::vector<double>& theta);

}  // namespace weight_decay
