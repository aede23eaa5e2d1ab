// Draws the computation graph that backward() walks, twice (autograd::to_dot, autograd/dot.hpp):
//
//  (a) micrograd's classic neuron, o = tanh(x1·w1 + x2·w2 + b), with every value and gradient;
//  (b) one batch-1 training step of the post's 2-64-64-1 MLP with dropout and BCE-with-logits,
//      each tensor summarised by min/max/norm (a 64×64 weight is not 4,096 numbers).
//
// Writes DIR/neuron.dot and DIR/mlp_step.dot, and, when Graphviz's `dot` is installed, a PNG
// and an SVG of each; then DIR/section.md, the section experiments/run_all.sh puts into
// results/REPORT.md. `./run.sh` runs it with --out results/graph.
//
//   draw_graph [--out DIR]     (default: results/graph; the directory must exist or be creatable)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "autograd/autograd.hpp"
#include "autograd/build_info.hpp"
#include "autograd/errors.hpp"
#include "nn/nn.hpp"
#include "optim/sgd.hpp"

namespace {

using autograd::Array;
using autograd::Tensor;

// Writes text to path through a temporary file and a rename: never half a file.
void write_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

bool have_graphviz() {
  return std::system("command -v dot > /dev/null 2>&1") == 0;
}

// DIR/name.dot, and DIR/name.png and .svg when Graphviz is installed. Returns whether the PNG
// was made.
bool write_graph(const std::string& dir, const std::string& name, const std::string& dot) {
  const std::string base = dir + "/" + name;
  write_file(base + ".dot", dot);
  std::cout << "wrote " << base << ".dot\n";
  if (!have_graphviz()) return false;
  for (const std::string format : {"png", "svg"}) {
    const std::string temporary = base + ".tmp." + format;
    const std::string command =
        "dot -T" + format + " " + shell_quoted(base + ".dot") + " -o " + shell_quoted(temporary);
    if (std::system(command.c_str()) != 0) {
      throw std::runtime_error("Graphviz failed: " + command);
    }
    std::filesystem::rename(temporary, base + "." + format);
    std::cout << "wrote " << base << "." << format << "\n";
  }
  return true;
}

std::string number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// (a) micrograd's neuron, with micrograd's numbers (its README and "The spelled-out intro to
// neural networks and backpropagation"): b is chosen so that n = 0.8814 and o = tanh(n) = √½.
struct Neuron {
  std::string dot;
  double o, do_dx1, do_dw1, do_dx2, do_dw2, do_db;
};

Neuron draw_neuron() {
  Tensor x1(Array{2.0}, true), x2(Array{0.0}, true);
  Tensor w1(Array{-3.0}, true), w2(Array{1.0}, true);
  Tensor b(Array{6.8813735870195432}, true);
  Tensor x1w1 = x1 * w1;
  Tensor x2w2 = x2 * w2;
  Tensor sum = x1w1 + x2w2;
  Tensor n = sum + b;
  Tensor o = autograd::tanh(n);

  // Capture first: backward() releases the graph's interior, gradients included.
  autograd::CapturedGraph graph(o);
  o.backward();

  autograd::DotOptions options;
  options.names = {{"x1", x1}, {"x2", x2},      {"w1", w1},      {"w2", w2},
                   {"b", b},   {"x1*w1", x1w1}, {"x2*w2", x2w2}, {"x1*w1 + x2*w2", sum},
                   {"n", n},   {"o", o}};
  options.title = "o = tanh(x1*w1 + x2*w2 + b), after o.backward()";
  return {autograd::to_dot(graph, options),
          o.item(),
          x1.grad()(0),
          w1.grad()(0),
          x2.grad()(0),
          w2.grad()(0),
          b.grad()(0)};
}

// (b) one training step of the post's MLP on one point, as the moons experiment trains it.
struct MlpStep {
  std::string dot;
  std::string model_text;
  std::size_t parameters;
  std::size_t nodes;
  double loss;
};

MlpStep draw_mlp_step() {
  autograd::manual_seed(0);
  nn::Sequential model({std::make_shared<nn::Linear>(2, 64), std::make_shared<nn::ReLU>(),
                        std::make_shared<nn::Dropout>(0.5), std::make_shared<nn::Linear>(64, 64),
                        std::make_shared<nn::ReLU>(), std::make_shared<nn::Dropout>(0.5),
                        std::make_shared<nn::Linear>(64, 1)});
  optim::SGD optimizer(model.parameters(), /*lr=*/0.001);
  const nn::BCEWithLogitsLoss criterion;

  Array point = Array::from_shape({1, 2});  // one point of the plane, batch size 1
  point(0, 0) = 0.5;
  point(0, 1) = -0.25;
  Tensor x(point);
  Array label = Array::from_shape({1, 1});
  label.fill(1.0);
  Tensor y(label);  // its label
  Tensor logit = model(x);
  Tensor loss = criterion(logit, y);
  autograd::CapturedGraph graph(loss);
  optimizer.zero_grad();
  loss.backward();

  autograd::DotOptions options;
  options.names = model.named_parameters();
  options.names.push_back({"x", x});
  options.names.push_back({"y", y});
  options.names.push_back({"logit", logit});
  options.names.push_back({"loss", loss});
  options.left_to_right = false;  // top to bottom: 18 tensors in a row are too wide
  options.title =
      "one training step of the 2-64-64-1 MLP (dropout 0.5, BCE-with-logits), "
      "after loss.backward()";
  MlpStep step{autograd::to_dot(graph, options), nn::repr(model), nn::parameter_count(model),
               graph.size(), loss.item()};
  optimizer.step();  // after drawing: the picture shows the values the gradients belong to
  return step;
}

std::string section(const Neuron& neuron, const MlpStep* mlp, bool pictures) {
  std::ostringstream md;
  md << "## The computation graph, drawn (`examples/draw_graph.cpp`)\n\n"
     << "What `backward()` walks, drawn by `autograd::to_dot` (`autograd/dot.hpp`) with Graphviz. "
        "Each box is one tensor: its name or op, its shape, its value and, after backward, "
        "its gradient. Filled boxes are leaves that learn (parameters; here also the "
        "neuron's inputs), dashed boxes are constants (data, labels, dropout masks), rounded "
        "boxes are results of ops, and the final one is bold. Each arrow runs from an op's "
        "input to its result; `backward()` runs the arrows in reverse, each op turning the "
        "gradient of its result into gradients of its inputs (exercise 4.1).\n\n";
  md << "### micrograd's neuron\n\n";
  if (pictures) md << "![micrograd's neuron with values and gradients](graph/neuron.png)\n\n";
  md << "o = tanh(x1·w1 + x2·w2 + b) with micrograd's numbers gives o = " << number(neuron.o)
     << ". Read the gradients from right to left: do/dn = 1 − o² = 0.5; `add` passes it on "
        "unchanged to b and to both products; `mul` multiplies it by the other factor, so "
        "do/dw1 = x1·0.5 = "
     << number(neuron.do_dw1) << " and do/dx1 = w1·0.5 = " << number(neuron.do_dx1)
     << ", do/dw2 = x2·0.5 = " << number(neuron.do_dw2)
     << " and do/dx2 = w2·0.5 = " << number(neuron.do_dx2) << ", do/db = " << number(neuron.do_db)
     << ". These are the numbers of micrograd's picture.\n\n";
  if (mlp != nullptr) {
    md << "### One training step of the post's MLP\n\n";
    if (pictures) md << "![one training step of the 2-64-64-1 MLP](graph/mlp_step.png)\n\n";
    md << "The model, printed as PyTorch prints it (`std::cout << model`), " << mlp->parameters
       << " parameters:\n\n```\n"
       << mlp->model_text << "\n```\n\n"
       << "One point x = (0.5, −0.25) with label 1 goes through it in training mode; the graph "
          "has "
       << mlp->nodes << " tensors, and the loss is " << number(mlp->loss)
       << ". Each Linear is one `linear` op with three inputs (input, weight, bias), each "
          "Dropout one `dropout` op whose mask is a constant, and the loss one "
          "`binary_cross_entropy_with_logits` op. Tensors of more than 4 elements show their "
          "minimum, maximum and norm.\n\n";
  }
  md << "The graphs' DOT text is in `graph/neuron.dot` and `graph/mlp_step.dot`; "
        "`autograd::to_dot` draws any graph the same way (see `autograd/dot.hpp`).\n\n";
  if (!pictures) {
    md << "Graphviz (`dot`, Debian package `graphviz`) is not installed, so the pictures were "
          "not drawn; the graphs are in `graph/neuron.dot` and `graph/mlp_step.dot` (render "
          "with `dot -Tpng FILE.dot -o FILE.png`).\n\n";
  }
  return md.str();
}

int usage(std::ostream& os, int code) {
  os << "usage: draw_graph [--out DIR] [--version]   (default DIR: results/graph)\n"
        "Draws micrograd's neuron and one training step of the post's MLP as Graphviz DOT\n"
        "(and PNG/SVG when Graphviz is installed), and writes DIR/section.md.\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = "results/graph";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return usage(std::cout, 0);
    if (arg == "--version") {
      std::cout << dropout_lab::version_text("draw_graph");
      return 0;
    }
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
      continue;
    }
    std::cerr << "draw_graph: unknown or incomplete argument '" << arg << "'\n";
    return usage(std::cerr, 2);
  }
  try {
    std::filesystem::create_directories(out);
    const Neuron neuron = draw_neuron();
    std::cout << "neuron: o = " << neuron.o << ", do/dx1 = " << neuron.do_dx1
              << ", do/dw1 = " << neuron.do_dw1 << ", do/dx2 = " << neuron.do_dx2
              << ", do/dw2 = " << neuron.do_dw2 << ", do/db = " << neuron.do_db << "\n";
    bool pictures = write_graph(out, "neuron", neuron.dot);
    // In the student copy (docs/EXERCISES.md) the neuron draws once exercise 4.1 is done; the
    // MLP step needs exercises 6 to 8 as well.
    std::optional<MlpStep> mlp;
    try {
      mlp = draw_mlp_step();
    } catch (const autograd::NotImplemented& missing) {
      std::cout << "the MLP step is not drawn: " << missing.what() << "\n";
    }
    if (mlp) {
      std::cout << mlp->model_text << "\n"
                << mlp->parameters << " parameters; the step's graph has " << mlp->nodes
                << " tensors\n";
      pictures = write_graph(out, "mlp_step", mlp->dot) && pictures;
    }
    if (!pictures) {
      std::cout << "Graphviz (dot) is not installed: the .dot files are written, the pictures "
                   "skipped\n";
    }
    write_file(out + "/section.md", section(neuron, mlp ? &*mlp : nullptr, pictures));
    std::cout << "wrote " << out << "/section.md\n";
  } catch (const std::exception& error) {
    std::cerr << "draw_graph: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
