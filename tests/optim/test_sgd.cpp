// Exercise 8.1: SGD with weight decay, momentum, dampening and Nesterov, step for step as
// torch.optim.SGD.
#include <limits>

#include "fixtures.hpp"
#include "optim/sgd.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

TEST_CASE("SGD matches torch.optim.SGD to 1e-12 over five steps", "[optim][ex8][ex8.1]") {
  for (const auto& reference : test::pytorch_reference()["sgd"]) {
    const std::string name = reference["name"];
    SECTION(name) {
      std::vector<Tensor> params;
      for (const auto& initial : reference["params_initial"]) {
        params.emplace_back(test::json_to_array(initial), true);
      }
      optim::SGD sgd(params, reference["lr"], reference["momentum"], reference["dampening"],
                     reference["weight_decay"], reference["nesterov"]);
      for (std::size_t step = 0; step < reference["grads"].size(); ++step) {
        // Set each gradient as the fixture did (p.grad = g), then step.
        for (std::size_t i = 0; i < params.size(); ++i) {
          params[i].zero_grad();
          autograd::sum(params[i] * Tensor(test::json_to_array(reference["grads"][step][i])))
              .backward();
        }
        sgd.step();
        for (std::size_t i = 0; i < params.size(); ++i) {
          INFO("step " << step << ", parameter " << i);
          REQUIRE_ALL_CLOSE(params[i].value(),
                            test::json_to_array(reference["params_after_step"][step][i]), 1e-12);
        }
      }
    }
  }
}

TEST_CASE("SGD's weight decay does not write into the stored gradient", "[optim][ex8][ex8.1]") {
  Tensor param(Array{1.0, -2.0}, true);
  autograd::sum(param * 3.0).backward();
  optim::SGD sgd({param}, 0.1, 0.0, 0.0, 0.5);
  sgd.step();
  INFO("theta -= lr·(grad + weight_decay·theta), computed aside: param.grad() stays as it was");
  REQUIRE_ALL_CLOSE(param.grad(), (Array{3.0, 3.0}), 0);
  // θ − lr·(g + wd·θ) = [1 − 0.1·(3 + 0.5), −2 − 0.1·(3 − 1)], worked by hand.
  REQUIRE_ALL_CLOSE(param.value(), (Array{0.65, -2.2}), 1e-15);
}

TEST_CASE("SGD without weight decay adds no 0·θ term: an infinite parameter stays infinite",
          "[optim][ex8][ex8.1]") {
  // torch.optim.SGD adds wd·θ only when wd ≠ 0; 0·∞ would be NaN.
  for (const double momentum : {0.0, 0.9}) {
    INFO("momentum " << momentum);
    Tensor theta(Array{std::numeric_limits<double>::infinity(), 1.0}, true);
    optim::SGD sgd({theta}, 0.1, momentum);
    autograd::sum(theta * 2.0).backward();
    sgd.step();
    REQUIRE(theta.value()(0) == std::numeric_limits<double>::infinity());
    REQUIRE(theta.value()(1) == Approx(0.8));
  }
}

TEST_CASE("SGD skips a parameter without a gradient", "[optim][ex8][ex8.1]") {
  Tensor used(Array{1.0}, true);
  Tensor unused(Array{5.0}, true);
  autograd::sum(used * 2.0).backward();
  optim::SGD sgd({used, unused}, 0.1, 0.9, 0.0, 0.1);
  sgd.step();
  REQUIRE(unused.value()(0) == 5.0);
  REQUIRE(used.value()(0) == Approx(1.0 - 0.1 * (2.0 + 0.1)).epsilon(1e-15));
}

TEST_CASE("SGD rejects invalid options, naming the argument", "[optim]") {
  Tensor param(Array{1.0}, true);
  REQUIRE_THROWS_WITH(optim::SGD({param}, -0.1), Catch::Contains("lr") && Catch::Contains("-0.1"));
  REQUIRE_THROWS_WITH(optim::SGD({param}, 0.1, -0.5), Catch::Contains("momentum"));
  REQUIRE_THROWS_WITH(optim::SGD({param}, 0.1, 0.0, 0.0, -1.0), Catch::Contains("weight_decay"));
  REQUIRE_THROWS_WITH(optim::SGD({param}, 0.1, 0.0, 0.0, 0.0, true), Catch::Contains("nesterov"));
  REQUIRE_THROWS_WITH(optim::SGD({param}, 0.1, 0.9, 0.1, 0.0, true), Catch::Contains("dampening"));
  REQUIRE_THROWS_AS(optim::SGD({Tensor(Array{1.0})}, 0.1), std::invalid_argument);
}

TEST_CASE("SGD zero_grad clears every parameter's gradient", "[optim][ex8][ex8.1]") {
  Tensor param(Array{1.0}, true);
  autograd::sum(param * 2.0).backward();
  optim::SGD sgd({param}, 0.1);
  sgd.zero_grad();
  REQUIRE_FALSE(param.has_grad());
}
