// The Bayes accuracy of the noisy two moons: the best test accuracy any classifier can reach.
//
// make_moons puts n/2 points at t = linspace(0, π) on each arc, outer (cos t, sin t) for label
// 0 and inner (1 − cos t, 0.5 − sin t) for label 1, then adds N(0, σ²) to each coordinate.
// As n grows, each class is the uniform distribution over its arc's parameter t convolved
// with an isotropic Gaussian:
//
//   f_c(x) = (1/π) ∫₀^π φ_σ(x − a_c(t)) dt,     φ_σ(d) = exp(−|d|²/(2σ²)) / (2πσ²),
//
// and, the classes being equally likely, the Bayes classifier predicts argmax_c f_c(x) with
//
//   accuracy = ∫ max(½ f_0(x), ½ f_1(x)) dx.
//
// Both arcs have unit speed (|a_c'(t)| = 1), so the t-integrand is a Gaussian bump of width σ,
// integrated here by Gauss–Legendre quadrature. φ_σ factorises over the two coordinates, so on
// a grid of points the densities are a matrix product:
//   F_c[i, j] = Σ_k (w_k/π)·g(x_i − a_cx(t_k))·g(y_j − a_cy(t_k)),  g the 1-D N(0, σ²) density.
// The x-integral is the midpoint rule on a square grid that extends `margin_sigmas`·σ beyond
// the arcs (the Gaussian mass beyond 6σ is 2·10⁻⁹ per side).
#pragma once

#include <cstddef>
#include <vector>

#include "autograd/tensor.hpp"

namespace moons {

using autograd::Array;

struct BayesIntegral {
  double accuracy = 0;    // ∫ max(½f₀, ½f₁)
  double total_mass = 0;  // ∫ ½(f₀ + f₁), which should be 1: a check of the quadrature
  double step = 0;        // grid step h
  std::size_t grid_x = 0, grid_y = 0, t_nodes = 0;
};

// Gauss–Legendre nodes and weights on [low, high] (Newton on the Legendre recurrence).
void gauss_legendre(std::size_t count, double low, double high, std::vector<double>& nodes,
                    std::vector<double>& weights);

// The default quadrature for noise σ: step σ/20 and max(64, ⌈8π/σ⌉) t-nodes (the bump has
// width σ on an interval of length π). Halving the step and doubling the nodes is the
// convergence check the report quotes.
double default_bayes_step(double noise);
std::size_t default_bayes_t_nodes(double noise);

// σ = 0 gives 1 without integrating (the arcs do not meet). Throws std::invalid_argument for
// σ < 0, step ≤ 0 or t_nodes == 0.
BayesIntegral bayes_accuracy(double noise, double step, std::size_t t_nodes,
                             double margin_sigmas = 6);

// f_label at each row of points (n, 2), with `t_nodes` Gauss–Legendre nodes. σ > 0.
Array class_density(int label, const Array& points, double noise, std::size_t t_nodes);

// The Bayes classifier's labels at points (n, 2): 1 where f₁ > f₀.
Array bayes_predictions(const Array& points, double noise, std::size_t t_nodes);

}  // namespace moons
