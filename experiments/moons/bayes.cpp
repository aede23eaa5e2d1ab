#include "experiments/moons/bayes.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "experiments/common/linalg.hpp"

namespace moons {

namespace linalg = experiments::linalg;

namespace {
constexpr double kPi = std::numbers::pi;

// Arc c at parameter t (sklearn's make_moons): outer for label 0, inner for label 1.
double arc_x(int label, double t) {
  return label == 0 ? std::cos(t) : 1 - std::cos(t);
}
double arc_y(int label, double t) {
  return label == 0 ? std::sin(t) : 0.5 - std::sin(t);
}

double normal_density(double d, double sigma) {
  return std::exp(-0.5 * (d / sigma) * (d / sigma)) / (std::sqrt(2 * kPi) * sigma);
}

// g(coordinate_i − arc(t_k))·scale_k as a (points × nodes) matrix.
Array kernel_matrix(const std::vector<double>& coordinates, const std::vector<double>& arc,
                    const std::vector<double>& scale, double sigma) {
  Array m = xt::zeros<double>({coordinates.size(), arc.size()});
  for (std::size_t i = 0; i < coordinates.size(); ++i) {
    for (std::size_t k = 0; k < arc.size(); ++k) {
      m(i, k) = normal_density(coordinates[i] - arc[k], sigma) * scale[k];
    }
  }
  return m;
}
}  // namespace

void gauss_legendre(std::size_t count, double low, double high, std::vector<double>& nodes,
                    std::vector<double>& weights) {
  nodes.assign(count, 0);
  weights.assign(count, 0);
  const double half_width = 0.5 * (high - low), mid = 0.5 * (high + low);
  for (std::size_t i = 0; i < (count + 1) / 2; ++i) {
    // Tricomi's initial guess for the i-th root of P_n, then Newton on P_n(u) = 0.
    double u = std::cos(kPi * (static_cast<double>(i) + 0.75) / (static_cast<double>(count) + 0.5));
    double derivative = 1;
    for (int iteration = 0; iteration < 100; ++iteration) {
      double p_prev = 1, p = u;  // P_0, P_1; recurrence (k+1)P_{k+1} = (2k+1)uP_k − kP_{k−1}
      for (std::size_t k = 1; k < count; ++k) {
        const double p_next = ((2.0 * k + 1) * u * p - k * p_prev) / (k + 1.0);
        p_prev = p;
        p = p_next;
      }
      derivative = static_cast<double>(count) * (u * p - p_prev) / (u * u - 1);
      const double delta = p / derivative;
      u -= delta;
      if (std::abs(delta) < 1e-15) break;
    }
    const double weight = 2 / ((1 - u * u) * derivative * derivative);
    nodes[i] = mid - half_width * u;
    nodes[count - 1 - i] = mid + half_width * u;
    weights[i] = weights[count - 1 - i] = half_width * weight;
  }
}

double default_bayes_step(double noise) {
  return noise / 20;
}

std::size_t default_bayes_t_nodes(double noise) {
  return std::max<std::size_t>(64, static_cast<std::size_t>(std::ceil(8 * kPi / noise)));
}

BayesIntegral bayes_accuracy(double noise, double step, std::size_t t_nodes, double margin_sigmas) {
  if (!(noise >= 0) || !(step > 0) || t_nodes == 0) {
    throw std::invalid_argument("bayes_accuracy: need noise >= 0, step > 0, t_nodes > 0; got " +
                                std::to_string(noise) + ", " + std::to_string(step) + ", " +
                                std::to_string(t_nodes));
  }
  BayesIntegral result;
  result.step = step;
  result.t_nodes = t_nodes;
  if (noise == 0) {  // two disjoint curves: the label is a function of the point
    result.accuracy = result.total_mass = 1;
    return result;
  }
  // The arcs span x ∈ [−1, 2], y ∈ [−0.5, 1].
  const double margin = margin_sigmas * noise;
  const double x_low = -1 - margin, y_low = -0.5 - margin;
  result.grid_x = static_cast<std::size_t>(std::ceil((3 + 2 * margin) / step));
  result.grid_y = static_cast<std::size_t>(std::ceil((1.5 + 2 * margin) / step));
  std::vector<double> xs(result.grid_x), ys(result.grid_y);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = x_low + (i + 0.5) * step;
  for (std::size_t j = 0; j < ys.size(); ++j) ys[j] = y_low + (j + 0.5) * step;

  std::vector<double> t, w;
  gauss_legendre(t_nodes, 0, kPi, t, w);
  std::vector<double> scale(t_nodes), ones(t_nodes, 1.0);
  for (std::size_t k = 0; k < t_nodes; ++k) scale[k] = w[k] / kPi;  // the 1/π of the uniform t

  Array density[2];
  for (int label = 0; label < 2; ++label) {
    std::vector<double> ax(t_nodes), ay(t_nodes);
    for (std::size_t k = 0; k < t_nodes; ++k) {
      ax[k] = arc_x(label, t[k]);
      ay[k] = arc_y(label, t[k]);
    }
    const Array along_x = kernel_matrix(xs, ax, scale, noise);
    const Array along_y = kernel_matrix(ys, ay, ones, noise);
    density[label] = linalg::dot_transpose(along_x, along_y);  // (grid_x, grid_y)
  }
  double best = 0, mass = 0;
  for (std::size_t i = 0; i < result.grid_x; ++i) {
    for (std::size_t j = 0; j < result.grid_y; ++j) {
      best += 0.5 * std::max(density[0](i, j), density[1](i, j));
      mass += 0.5 * (density[0](i, j) + density[1](i, j));
    }
  }
  result.accuracy = best * step * step;
  result.total_mass = mass * step * step;
  return result;
}

Array class_density(int label, const Array& points, double noise, std::size_t t_nodes) {
  std::vector<double> t, w;
  gauss_legendre(t_nodes, 0, kPi, t, w);
  const std::size_t n = points.shape()[0];
  Array density = xt::zeros<double>({n});
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (std::size_t k = 0; k < t_nodes; ++k) {
      sum += w[k] / kPi * normal_density(points(i, 0) - arc_x(label, t[k]), noise) *
             normal_density(points(i, 1) - arc_y(label, t[k]), noise);
    }
    density(i) = sum;
  }
  return density;
}

Array bayes_predictions(const Array& points, double noise, std::size_t t_nodes) {
  const Array f0 = class_density(0, points, noise, t_nodes);
  const Array f1 = class_density(1, points, noise, t_nodes);
  Array labels = xt::zeros<double>({points.shape()[0]});
  for (std::size_t i = 0; i < labels.size(); ++i) labels(i) = f1(i) > f0(i) ? 1.0 : 0.0;
  return labels;
}

}  // namespace moons
