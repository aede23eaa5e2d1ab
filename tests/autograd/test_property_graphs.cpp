// Property tests: hundreds of random expression graphs, each checked with gradcheck.
//
// Each case draws two or three inputs whose shapes broadcast against each other, then a chain
// of random ops over them (smooth ones, with values kept away from kinks and poles), and
// compares backward() with finite differences. The cases are seeded: a failing case prints its
// number, its expression and its inputs, and
//   DROPOUT_LAB_PROPERTY_CASE=<number> build/release/tests/test_autograd "[property]"
// replays that case alone.
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>

#include "test_helpers.hpp"

using autograd::Array;
using autograd::Generator;
using autograd::Shape;
using autograd::Tensor;
using Inputs = std::vector<Tensor>;

namespace {

struct Expression {
  std::string text;                               // e.g. "mul(sigmoid(x0), x1)"
  std::function<Tensor(const Inputs&)> evaluate;  // builds the graph from the inputs
};

std::size_t pick(std::size_t n, Generator& gen) {
  return autograd::uniform_index(n, gen);
}

// A shape that broadcasts with (rows, cols): the full shape, a row, a column, a 1x1, a vector,
// or a 0-D scalar.
Shape broadcastable_shape(std::size_t rows, std::size_t cols, Generator& gen) {
  switch (pick(6, gen)) {
    case 0:
      return {rows, cols};
    case 1:
      return {1, cols};
    case 2:
      return {rows, 1};
    case 3:
      return {1, 1};
    case 4:
      return {cols};
    default:
      return {};
  }
}

// One random smooth op applied to one or two expressions. Unary ops are chosen to keep values
// bounded and away from non-differentiable points; division is by b² + 1, never near 0.
Expression random_op(const std::vector<Expression>& pool, Generator& gen) {
  const Expression a = pool[pick(pool.size(), gen)];
  const Expression b = pool[pick(pool.size(), gen)];
  using F = std::function<Tensor(const Inputs&)>;
  const F fa = a.evaluate;
  const F fb = b.evaluate;
  switch (pick(12, gen)) {
    case 0:
      return {"add(" + a.text + ", " + b.text + ")",
              [=](const Inputs& x) { return fa(x) + fb(x); }};
    case 1:
      return {"sub(" + a.text + ", " + b.text + ")",
              [=](const Inputs& x) { return fa(x) - fb(x); }};
    case 2:
      return {"mul(" + a.text + ", " + b.text + ")",
              [=](const Inputs& x) { return fa(x) * fb(x); }};
    case 3:
      return {"div(" + a.text + ", " + b.text + "^2 + 1)",
              [=](const Inputs& x) { return fa(x) / (autograd::pow(fb(x), 2.0) + 1.0); }};
    case 4:
      return {"sigmoid(" + a.text + ")", [=](const Inputs& x) { return autograd::sigmoid(fa(x)); }};
    case 5:
      return {"softplus(" + a.text + ")",
              [=](const Inputs& x) { return autograd::softplus(fa(x)); }};
    case 6:
      return {"log(" + a.text + "^2 + 1)",
              [=](const Inputs& x) { return autograd::log(autograd::pow(fa(x), 2.0) + 1.0); }};
    case 7:
      return {"exp(-" + a.text + "^2)",
              [=](const Inputs& x) { return autograd::exp(-autograd::pow(fa(x), 2.0)); }};
    case 8:
      return {"pow(" + a.text + "^2 + 0.5, 1.5)",
              [=](const Inputs& x) { return autograd::pow(autograd::pow(fa(x), 2.0) + 0.5, 1.5); }};
    case 9:
      return {"(1.7 * " + a.text + " - 0.3)", [=](const Inputs& x) { return 1.7 * fa(x) - 0.3; }};
    case 10:
      return {"mean(" + a.text + ")", [=](const Inputs& x) { return autograd::mean(fa(x)); }};
    default:
      return {"neg(" + a.text + ")", [=](const Inputs& x) { return -fa(x); }};
  }
}

// Reduces the final expression by an axis reduction or a matmul when its shape allows, so
// those ops are exercised on random shapes too.
Expression random_finish(const Expression& e, const Shape& shape, Generator& gen) {
  const auto f = e.evaluate;
  if (shape.size() == 2 && pick(3, gen) == 0) {
    const std::size_t axis = pick(2, gen);
    const bool keepdims = pick(2, gen) == 1;
    return {"sum(" + e.text + ", axis " + std::to_string(axis) + (keepdims ? ", keepdims)" : ")"),
            [=](const Inputs& x) { return autograd::sum(f(x), axis, keepdims); }};
  }
  if (shape.size() == 2 && pick(3, gen) == 0) {
    return {"matmul(" + e.text + ", transpose(" + e.text + "))", [=](const Inputs& x) {
              const Tensor t = f(x);
              return autograd::matmul(t, autograd::transpose(t));
            }};
  }
  return e;
}

std::string describe_inputs(const Inputs& inputs) {
  std::ostringstream os;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    os << "x" << i << " = " << test::to_string(inputs[i].value()) << "\n";
  }
  return os.str();
}

}  // namespace

TEST_CASE("random expression graphs with broadcasting pass gradcheck",
          "[autograd][ex5][ex5.1][property]") {
  const std::size_t cases = 300;
  std::size_t first = 0, last = cases;
  if (const char* only = std::getenv("DROPOUT_LAB_PROPERTY_CASE")) {
    first = std::strtoul(only, nullptr, 10);
    last = first + 1;
  }
  for (std::size_t c = first; c < last; ++c) {
    Generator gen(1'000'003 * (c + 1));  // case c's own stream: replayable alone
    const std::size_t rows = 1 + pick(3, gen);
    const std::size_t cols = 1 + pick(4, gen);
    Inputs inputs;
    std::vector<Expression> pool;
    const std::size_t n_inputs = 2 + pick(2, gen);
    for (std::size_t i = 0; i < n_inputs; ++i) {
      const Shape shape = broadcastable_shape(rows, cols, gen);
      inputs.emplace_back(test::away_from_zero(shape, gen()), true);
      pool.push_back({"x" + std::to_string(i), [i](const Inputs& x) { return x[i]; }});
    }
    const std::size_t n_ops = 2 + pick(5, gen);
    for (std::size_t k = 0; k < n_ops; ++k) pool.push_back(random_op(pool, gen));
    const Expression& last_op = pool.back();
    const Shape shape = last_op.evaluate(inputs).shape();
    const Expression expression = random_finish(last_op, shape, gen);
    const auto result = autograd::gradcheck(expression.evaluate, inputs, 1e-6, 1e-6, 1e-5);
    INFO("case " << c << " (replay: DROPOUT_LAB_PROPERTY_CASE=" << c << ")\n"
                 << "f = " << expression.text << "\n"
                 << describe_inputs(inputs) << result.report);
    REQUIRE(result.ok);
  }
}
