// autograd::to_dot: the Graphviz text of a graph, exactly; hiding values; drawing after
// backward through a capture, and the error without one; deep graphs; Tensor::retain_grad.
// to_dot itself is given code; the tags name the exercises whose ops and backward it draws.
#include <stdexcept>
#include <string>

#include "test_helpers.hpp"

using autograd::Array;
using autograd::Tensor;

namespace {

// micrograd's neuron: o = tanh(x1·w1 + x2·w2 + b), with its numbers.
struct Neuron {
  Tensor x1{Array{2.0}, true}, x2{Array{0.0}, true};
  Tensor w1{Array{-3.0}, true}, w2{Array{1.0}, true};
  Tensor b{Array{6.8813735870195432}, true};
  Tensor n = x1 * w1 + x2 * w2 + b;
  Tensor o = autograd::tanh(n);

  autograd::DotOptions options() const {
    autograd::DotOptions options;
    options.names = {{"x1", x1}, {"x2", x2}, {"w1", w1}, {"w2", w2}, {"b", b}, {"n", n}};
    return options;
  }
};

const std::string preamble =
    "// The computation graph behind a tensor, written by autograd::to_dot (autograd/dot.hpp).\n"
    "// Render: dot -Tpng this.dot -o this.png\n"
    "digraph autograd {\n"
    "  rankdir=LR;\n"
    "  node [fontname=\"Helvetica\", fontsize=11];\n"
    "  edge [fontname=\"Helvetica\", fontsize=9];\n";

}  // namespace

TEST_CASE("to_dot writes the expected text for micrograd's neuron before backward",
          "[autograd][dot][ex1][ex1.1]") {
  Neuron neuron;
  const std::string expected =
      preamble +
      "  n0 [label=\"x1  [1]\\nvalue 2\", shape=box, style=\"filled\", fillcolor=lightblue];\n"
      "  n1 [label=\"w1  [1]\\nvalue -3\", shape=box, style=\"filled\", fillcolor=lightblue];\n"
      "  n2 [label=\"mul  [1]\\nvalue -6\", shape=box, style=\"rounded\"];\n"
      "  n0 -> n2;\n"
      "  n1 -> n2;\n"
      "  n3 [label=\"x2  [1]\\nvalue 0\", shape=box, style=\"filled\", fillcolor=lightblue];\n"
      "  n4 [label=\"w2  [1]\\nvalue 1\", shape=box, style=\"filled\", fillcolor=lightblue];\n"
      "  n5 [label=\"mul  [1]\\nvalue 0\", shape=box, style=\"rounded\"];\n"
      "  n3 -> n5;\n"
      "  n4 -> n5;\n"
      "  n6 [label=\"add  [1]\\nvalue -6\", shape=box, style=\"rounded\"];\n"
      "  n2 -> n6;\n"
      "  n5 -> n6;\n"
      "  n7 [label=\"b  [1]\\nvalue 6.881\", shape=box, style=\"filled\", fillcolor=lightblue];\n"
      "  n8 [label=\"n = add  [1]\\nvalue 0.8814\", shape=box, style=\"rounded\"];\n"
      "  n6 -> n8;\n"
      "  n7 -> n8;\n"
      "  n9 [label=\"tanh  [1]\\nvalue 0.7071\", shape=box, style=\"rounded,bold\"];\n"
      "  n8 -> n9;\n"
      "}\n";
  REQUIRE(autograd::to_dot(neuron.o, neuron.options()) == expected);
}

TEST_CASE("to_dot gives the same text for the same graph built twice, and for a copy",
          "[autograd][dot][ex1][ex1.1]") {
  Neuron first;
  Neuron second;  // other nodes at other addresses: the text must not depend on them
  const std::string text = autograd::to_dot(first.o, first.options());
  REQUIRE(autograd::to_dot(second.o, second.options()) == text);
  REQUIRE(autograd::to_dot(first.o, first.options()) == text);
  // And it draws a shared input once, with one edge per use: x·x has two edges from x.
  Tensor x(Array{3.0}, true);
  const std::string square = autograd::to_dot(x * x);
  REQUIRE(square.find("  n0 -> n1;\n  n0 -> n1;\n") != std::string::npos);
  REQUIRE(square.find("n2") == std::string::npos);
}

TEST_CASE("to_dot with show_values and show_grads off draws only names, ops and shapes",
          "[autograd][dot][ex1][ex1.1]") {
  Neuron neuron;
  autograd::DotOptions options = neuron.options();
  options.show_values = false;
  options.show_grads = false;
  const std::string text = autograd::to_dot(neuron.o, options);
  REQUIRE(text.find("\\nvalue") == std::string::npos);
  REQUIRE(text.find("\\ngrad") == std::string::npos);
  REQUIRE(text.find("  n9 [label=\"tanh  [1]\", shape=box, style=\"rounded,bold\"];\n") !=
          std::string::npos);
  REQUIRE(
      text.find("  n7 [label=\"b  [1]\", shape=box, style=\"filled\", fillcolor=lightblue];\n") !=
      std::string::npos);
}

TEST_CASE("to_dot summarises large tensors by min, max and norm, and labels argument edges",
          "[autograd][dot][ex2][ex2.1]") {
  Array values = Array::from_shape({2, 3});
  for (std::size_t i = 0; i < 6; ++i) values.data()[i] = static_cast<double>(i) - 2.0;  // -2..3
  Tensor a(values, true);
  Tensor c(Array{0.5, 1.0, 2.0});  // a constant: no requires_grad (broadcast: exercise 2.1)
  autograd::DotOptions options;
  options.names = {{"a", a}, {"alias", a}};  // the first name of a tensor wins
  options.title = "a \"quoted\" title";
  const std::string text = autograd::to_dot(a - c, options);
  INFO(text);
  // √(4 + 1 + 0 + 1 + 4 + 9) = √19 = 4.359
  REQUIRE(text.find("  n0 [label=\"a  [2, 3]\\nvalue min -2 max 3 norm 4.359\", shape=box, "
                    "style=\"filled\", fillcolor=lightblue];\n") != std::string::npos);
  REQUIRE(text.find("  n1 [label=\"constant  [3]\\nvalue [0.5, 1, 2]\", shape=box, "
                    "style=\"dashed\"];\n") != std::string::npos);
  REQUIRE(text.find("  n0 -> n2 [label=\"a\"];\n  n1 -> n2 [label=\"b\"];\n") != std::string::npos);
  REQUIRE(text.find("  label=\"a \\\"quoted\\\" title\";\n") != std::string::npos);
}

TEST_CASE("to_dot after backward throws, and a graph captured before backward draws the grads",
          "[autograd][dot][ex4][ex4.1]") {
  Neuron neuron;
  autograd::CapturedGraph graph(neuron.o);
  REQUIRE(graph.size() == 10);
  neuron.o.backward();
  // The interior is released: drawing the tensor itself is an error that says what to do.
  REQUIRE_THROWS_WITH(
      autograd::to_dot(neuron.o),
      Catch::Contains("backward() already released the graph") && Catch::Contains("CapturedGraph"));
  REQUIRE_THROWS_AS(autograd::to_dot(neuron.o), std::logic_error);
  // The capture still has every node, with micrograd's gradients: do/dn = 1 - o² = 0.5,
  // do/dx1 = w1·0.5 = -1.5, do/dw1 = x1·0.5 = 1, do/dx2 = w2·0.5 = 0.5, do/dw2 = x2·0.5 = 0.
  const std::string expected =
      preamble +
      "  n0 [label=\"x1  [1]\\nvalue 2\\ngrad -1.5\", shape=box, style=\"filled\", "
      "fillcolor=lightblue];\n"
      "  n1 [label=\"w1  [1]\\nvalue -3\\ngrad 1\", shape=box, style=\"filled\", "
      "fillcolor=lightblue];\n"
      "  n2 [label=\"mul  [1]\\nvalue -6\\ngrad 0.5\", shape=box, style=\"rounded\"];\n"
      "  n0 -> n2;\n"
      "  n1 -> n2;\n"
      "  n3 [label=\"x2  [1]\\nvalue 0\\ngrad 0.5\", shape=box, style=\"filled\", "
      "fillcolor=lightblue];\n"
      "  n4 [label=\"w2  [1]\\nvalue 1\\ngrad 0\", shape=box, style=\"filled\", "
      "fillcolor=lightblue];\n"
      "  n5 [label=\"mul  [1]\\nvalue 0\\ngrad 0.5\", shape=box, style=\"rounded\"];\n"
      "  n3 -> n5;\n"
      "  n4 -> n5;\n"
      "  n6 [label=\"add  [1]\\nvalue -6\\ngrad 0.5\", shape=box, style=\"rounded\"];\n"
      "  n2 -> n6;\n"
      "  n5 -> n6;\n"
      "  n7 [label=\"b  [1]\\nvalue 6.881\\ngrad 0.5\", shape=box, style=\"filled\", "
      "fillcolor=lightblue];\n"
      "  n8 [label=\"n = add  [1]\\nvalue 0.8814\\ngrad 0.5\", shape=box, style=\"rounded\"];\n"
      "  n6 -> n8;\n"
      "  n7 -> n8;\n"
      "  n9 [label=\"tanh  [1]\\nvalue 0.7071\\ngrad 1\", shape=box, style=\"rounded,bold\"];\n"
      "  n8 -> n9;\n"
      "}\n";
  REQUIRE(autograd::to_dot(graph, neuron.options()) == expected);
  // A capture taken after backward is refused like to_dot itself.
  REQUIRE_THROWS_AS(autograd::CapturedGraph(neuron.o), std::logic_error);
}

TEST_CASE("to_dot refuses a graph reaching a tensor whose history backward released",
          "[autograd][dot][ex4][ex4.1]") {
  Tensor x(Array{1.0, 2.0}, true);
  Tensor y = x * 2.0;
  autograd::sum(y).backward();  // releases y's history
  Tensor z = y + 1.0;
  REQUIRE_THROWS_WITH(autograd::to_dot(z), Catch::Contains("of op 'mul_scalar'") &&
                                               Catch::Contains("earlier backward() released"));
}

TEST_CASE("to_dot draws a 1,000,000-op chain without overflowing the stack, and has a limit",
          "[autograd][dot][ex1][ex1.1]") {
  Tensor x(Array{0.5}, true);
  Tensor y = x;
  for (int i = 0; i < 1'000'000; ++i) y = y + 1e-6;
  INFO("the walk must use an explicit stack: recursion overflows near 10^5 nodes");
  autograd::DotOptions options;
  REQUIRE_THROWS_AS(autograd::to_dot(y, options), std::length_error);
  REQUIRE_THROWS_WITH(autograd::to_dot(y, options),
                      Catch::Contains("more than 10000 nodes") && Catch::Contains("max_nodes"));
  options.max_nodes = 1'000'001;
  options.show_values = false;
  const std::string text = autograd::to_dot(y, options);
  REQUIRE(text.find("  n0 [label=\"leaf  [1]\"") != std::string::npos);
  REQUIRE(text.find("  n999999 -> n1000000;\n}\n") != std::string::npos);
  options.max_nodes = 1'000'000;  // one short
  REQUIRE_THROWS_AS(autograd::to_dot(y, options), std::length_error);
}

TEST_CASE("to_dot draws a lone tensor and rejects an empty one", "[autograd][dot]") {
  Tensor constant(Array{1.0, 2.0});
  REQUIRE(autograd::to_dot(constant) ==
          preamble +
              "  n0 [label=\"constant  [2]\\nvalue [1, 2]\", shape=box, style=\"dashed\"];\n}\n");
  REQUIRE_THROWS_AS(autograd::to_dot(Tensor()), std::invalid_argument);
}

TEST_CASE("retain_grad keeps an interior gradient through backward, others are released",
          "[autograd][ex4][ex4.1]") {
  Tensor x(Array{1.0, -2.0}, true);
  Tensor y = x * 3.0;
  Tensor z = y * y;  // z = 9x², dz/dy = 2y
  y.retain_grad();
  REQUIRE(y.retains_grad());
  x.retain_grad();  // a leaf: no-op, as in PyTorch (leaves keep their gradients anyway)
  REQUIRE_FALSE(x.retains_grad());
  autograd::sum(z).backward();
  REQUIRE(y.has_grad());
  REQUIRE_ALL_CLOSE(y.grad(), (Array{6.0, -12.0}), 0);   // 2y
  REQUIRE_FALSE(z.has_grad());                           // released as usual
  REQUIRE_ALL_CLOSE(x.grad(), (Array{18.0, -36.0}), 0);  // 18x
}
