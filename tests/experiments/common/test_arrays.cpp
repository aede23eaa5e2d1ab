// experiments/common/arrays.hpp: the largest difference, the largest entry and the norm over a
// list of arrays (a model's parameters), shared by moons, weight_decay, illustrations, dynamics.
#include <cmath>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "experiments/common/arrays.hpp"

using experiments::Array;
using experiments::kNaN;

TEST_CASE("arrays: max_abs_difference is the largest |a − b| over every entry of every array",
          "[experiments][arrays]") {
  const std::vector<Array> a = {Array{{1.0, 2.0}, {3.0, 4.0}}, Array{0.5}};
  const std::vector<Array> b = {Array{{1.0, 2.5}, {3.0, 4.0}}, Array{-1.5}};
  REQUIRE(experiments::max_abs_difference(a, b) == 2.0);  // the second array's 0.5 − (−1.5)
  REQUIRE(experiments::max_abs_difference(a, a) == 0.0);
  REQUIRE(experiments::max_abs_difference({}, {}) == 0.0);
}

TEST_CASE("arrays: a NaN entry makes max_abs_difference and max_abs_entry NaN, not 'unchanged'",
          "[experiments][arrays]") {
  const std::vector<Array> a = {Array{1.0, kNaN, 2.0}};
  const std::vector<Array> b = {Array{1.0, 1.0, 2.0}};
  REQUIRE(std::isnan(experiments::max_abs_difference(a, b)));
  REQUIRE(std::isnan(experiments::max_abs_entry(a)));
}

TEST_CASE("arrays: max_abs_difference of lists of different lengths or shapes throws",
          "[experiments][arrays]") {
  const std::vector<Array> one = {Array{1.0, 2.0}};
  REQUIRE_THROWS_AS(experiments::max_abs_difference(one, {one[0], one[0]}), std::invalid_argument);
  REQUIRE_THROWS_AS(experiments::max_abs_difference(one, {Array{{1.0, 2.0}}}),
                    std::invalid_argument);
}

TEST_CASE("arrays: parameter_norm is √Σθ² over all arrays (3, 4 and 12 give 13)",
          "[experiments][arrays]") {
  REQUIRE(experiments::parameter_norm({Array{3.0, 4.0}, Array{12.0}}) == 13.0);
  REQUIRE(experiments::parameter_norm({}) == 0.0);
}

TEST_CASE("arrays: max_abs_entry reads arrays and curves alike", "[experiments][arrays]") {
  REQUIRE(experiments::max_abs_entry(std::vector<Array>{Array{1.0, -7.0}, Array{3.0}}) == 7.0);
  const std::vector<std::vector<double>> curves = {{0.5, -2.0}, {}, {1.5}};
  REQUIRE(experiments::max_abs_entry(curves) == 2.0);
  REQUIRE(experiments::max_abs_entry(std::vector<std::vector<double>>{}) == 0.0);
}
