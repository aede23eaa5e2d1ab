#include "datasets/moons.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "autograd/random.hpp"

namespace datasets {

namespace {

// numpy.linspace(start, stop, count) with endpoint=True: start + i·step with
// step = (stop − start)/(count − 1), and the last point set to exactly `stop` (NumPy does the
// same, so i·step rounding cannot leave it short). count == 1 gives {start}.
std::vector<double> linspace(double start, double stop, std::size_t count) {
  std::vector<double> points(count);
  if (count == 0) return points;
  if (count == 1) {
    points[0] = start;
    return points;
  }
  const double step = (stop - start) / static_cast<double>(count - 1);
  for (std::size_t i = 0; i < count; ++i) points[i] = start + static_cast<double>(i) * step;
  points[count - 1] = stop;
  return points;
}

}  // namespace

Dataset make_moons(std::size_t n_samples, double noise, std::uint64_t seed, bool shuffle) {
  if (n_samples == 0) {
    throw std::invalid_argument("make_moons: n_samples must be positive, got n_samples = 0");
  }
  if (!(noise >= 0.0)) {  // also rejects NaN
    throw std::invalid_argument("make_moons: noise must be >= 0, got noise = " +
                                detail::format_value(noise));
  }
  // sklearn: n_samples_out = n_samples // 2, n_samples_in = n_samples - n_samples_out.
  const std::size_t n_outer = n_samples / 2;
  const std::size_t n_inner = n_samples - n_outer;

  Dataset moons;
  moons.X = autograd::Array::from_shape({n_samples, 2});
  moons.y = autograd::Array::from_shape({n_samples});
  std::size_t row = 0;
  for (const double t : linspace(0.0, std::numbers::pi, n_outer)) {
    moons.X(row, 0) = std::cos(t);
    moons.X(row, 1) = std::sin(t);
    moons.y(row) = 0.0;
    ++row;
  }
  for (const double t : linspace(0.0, std::numbers::pi, n_inner)) {
    // Written as sklearn writes it, 1 - sin(t) - 0.5, so the roundings agree.
    moons.X(row, 0) = 1.0 - std::cos(t);
    moons.X(row, 1) = 1.0 - std::sin(t) - 0.5;
    moons.y(row) = 1.0;
    ++row;
  }

  // sklearn draws the shuffle and then the noise from one generator; so do we.
  autograd::Generator gen(seed);
  if (shuffle) moons = select_rows(moons, autograd::permutation(n_samples, gen));
  if (noise > 0.0) {
    for (autograd::Scalar& coordinate : moons.X) {
      coordinate += noise * autograd::standard_normal(gen);
    }
  }
  return moons;
}

}  // namespace datasets
