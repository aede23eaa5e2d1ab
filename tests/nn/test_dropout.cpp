// Exercise 6.3: Dropout in both conventions: PyTorch's inverted dropout (drop_prob, survivors
// scaled by 1/(1-p)) and Srivastava's (retain_prob, no rescaling, eval scales by p).
#include <cmath>

#include "nn/dropout.hpp"
#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

TEST_CASE("Dropout keeps each unit with probability 1 - drop_prob, within 4 standard errors",
          "[nn][ex6][ex6.3]") {
  autograd::manual_seed(11);
  const double drop_prob = 0.3;
  const std::size_t n = 100000;
  nn::Dropout dropout(drop_prob);
  dropout(Tensor(xt::ones<double>({n})));
  const double kept_share = xt::mean(dropout.last_mask())();
  const double se = std::sqrt(drop_prob * (1 - drop_prob) / n);  // binomial standard error
  INFO("kept share " << kept_share << ", expected " << 1 - drop_prob << " ± " << se);
  REQUIRE(std::abs(kept_share - (1 - drop_prob)) < 4 * se);
}

TEST_CASE("Dropout scales survivors by 1/(1 - p) so that the expected output is x",
          "[nn][ex6][ex6.3]") {
  autograd::manual_seed(12);
  const double drop_prob = 0.5;
  nn::Dropout dropout(drop_prob);
  const Array x = test::random_array({2000}, 13, 0.5, 1.5);
  const Array y = dropout(Tensor(x)).value();
  for (std::size_t i = 0; i < x.size(); ++i) {
    const bool kept = dropout.last_mask()(i) == 1.0;
    REQUIRE(y(i) == (kept ? x(i) / (1 - drop_prob) : 0.0));
  }
}

TEST_CASE("Dropout's gradient flows only through kept units, scaled by 1/(1 - p)",
          "[nn][ex6][ex6.3]") {
  autograd::manual_seed(14);
  nn::Dropout dropout(0.25);
  Tensor x(test::random_array({4, 5}, 15), true);
  dropout(x).backward(xt::ones<double>({4, 5}));
  REQUIRE_ALL_CLOSE(x.grad(), Array(dropout.last_mask() / 0.75), 0);
}

TEST_CASE("Dropout in eval mode or with p = 0 is the identity, and with p = 1 gives zeros",
          "[nn][ex6][ex6.3]") {
  const Array x = test::random_array({3, 4}, 16);
  nn::Dropout dropout(0.5);
  dropout.eval();
  {
    INFO("in eval mode dropout does nothing: y = x (inverted dropout scaled during training)");
    REQUIRE_ALL_CLOSE(dropout(Tensor(x)).value(), x, 0);
  }
  {
    INFO("p = 0 drops nothing and scales by 1/(1 - 0) = 1: y = x");
    REQUIRE_ALL_CLOSE(nn::Dropout(0.0)(Tensor(x)).value(), x, 0);
  }
  INFO("p = 1 drops everything: zeros, as PyTorch (not x·0/(1 - 1) = NaN)");
  REQUIRE_ALL_CLOSE(nn::Dropout(1.0)(Tensor(x)).value(), Array(xt::zeros_like(x)), 0);
}

TEST_CASE("Dropout rejects probabilities outside 0..1, naming drop_prob", "[nn]") {
  REQUIRE_THROWS_WITH(nn::Dropout(1.5), Catch::Contains("drop_prob") && Catch::Contains("1.5"));
  REQUIRE_THROWS_AS(nn::Dropout(-0.1), std::invalid_argument);
  REQUIRE_THROWS_AS(nn::Dropout(std::nan("")), std::invalid_argument);
  REQUIRE_THROWS_WITH(nn::SrivastavaDropout(2.0), Catch::Contains("retain_prob"));
}

TEST_CASE("the same seed gives the same dropout mask", "[nn][ex6][ex6.3]") {
  nn::Dropout dropout(0.5);
  autograd::manual_seed(17);
  dropout(Tensor(xt::ones<double>({50})));
  const Array first = dropout.last_mask();
  autograd::manual_seed(17);
  dropout(Tensor(xt::ones<double>({50})));
  REQUIRE_ALL_CLOSE(dropout.last_mask(), first, 0);
}

TEST_CASE("SrivastavaDropout keeps with retain_prob, does not rescale, and scales by p in eval",
          "[nn][ex6][ex6.3]") {
  autograd::manual_seed(18);
  const double retain_prob = 0.7;
  const std::size_t n = 100000;
  nn::SrivastavaDropout dropout(retain_prob);
  Tensor x(xt::full_like(Array::from_shape({n}), 2.0), true);
  Tensor y = dropout(x);
  const double kept_share = xt::mean(dropout.last_mask())();
  REQUIRE(std::abs(kept_share - retain_prob) < 4 * std::sqrt(retain_prob * (1 - retain_prob) / n));
  REQUIRE_ALL_CLOSE(y.value(), Array(2.0 * dropout.last_mask()), 0);  // y = R ∗ x
  y.backward(xt::ones<double>({n}));
  REQUIRE_ALL_CLOSE(x.grad(), dropout.last_mask(), 0);
  dropout.eval();
  REQUIRE_ALL_CLOSE(dropout(Tensor(Array{1.0, -2.0})).value(), (Array{0.7, -1.4}), 1e-15);
}

TEST_CASE("apply_dropout_mask gives x·mask·scale and passes gradcheck", "[nn][ex6][ex6.3]") {
  const Tensor mask(Array{{1.0, 0.0, 1.0}, {0.0, 1.0, 1.0}});
  Tensor x(Array{{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}}, true);
  Tensor y = nn::apply_dropout_mask(x, mask, 2.0);
  REQUIRE_ALL_CLOSE(y.value(), (Array{{2.0, 0.0, 6.0}, {0.0, 10.0, 12.0}}), 0);
  y.backward(Array{{1.0, 1.0, 1.0}, {1.0, 1.0, 3.0}});
  INFO("d(x·m·s)/dx = m·s: dropped units get no gradient");
  REQUIRE_ALL_CLOSE(x.grad(), (Array{{2.0, 0.0, 2.0}, {0.0, 2.0, 6.0}}), 0);
  const std::vector<Tensor> inputs{Tensor(test::random_array({2, 3}, 14), true)};
  REQUIRE_GRADCHECK(
      [&](const std::vector<Tensor>& in) { return nn::apply_dropout_mask(in[0], mask, 1.25); },
      inputs);
}

TEST_CASE("apply_dropout_mask rejects a mask of another shape, naming both, or one with grad",
          "[nn]") {
  REQUIRE_THROWS_WITH(nn::apply_dropout_mask(Tensor(xt::ones<double>({2, 3})),
                                             Tensor(xt::ones<double>({3, 2})), 1.0),
                      "apply_dropout_mask: mask of shape [3, 2] for an input of shape [2, 3]");
  REQUIRE_THROWS_WITH(nn::apply_dropout_mask(Tensor(xt::ones<double>({2})),
                                             Tensor(xt::ones<double>({2}), true), 1.0),
                      Catch::Contains("mask must not require grad"));
}
