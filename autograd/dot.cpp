#include "autograd/dot.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace autograd {

// ---------------------------------------------------------------------------------------------
// Capturing: an iterative depth-first walk (a graph 10^6 ops deep must not overflow the stack,
// micrograd's RecursionError), each node numbered after all of its inputs. Numbers follow the
// walk, never addresses, so the same graph always gets the same numbers and the same text.

CapturedGraph::CapturedGraph(const Tensor& root, std::size_t max_nodes)
    : CapturedGraph(root, max_nodes, KeepGrads::yes) {}

CapturedGraph::CapturedGraph(const Tensor& root, std::size_t max_nodes, KeepGrads keep_grads) {
  if (!root.defined()) {
    throw std::invalid_argument("to_dot: root is an empty (default-constructed) tensor");
  }
  constexpr std::ptrdiff_t in_progress = -1;
  std::unordered_map<const Node*, std::ptrdiff_t> index;  // node -> its entry, once numbered
  std::vector<std::pair<NodePtr, std::size_t>> stack;     // (node, next input slot to visit)
  const auto enter = [&](const NodePtr& node) {
    if (node->released) {
      throw std::logic_error(
          node == root.node()
              ? std::string("to_dot: backward() already released the graph behind this tensor "
                            "(op '") +
                    node->op +
                    "'); draw it before backward(), or capture it before backward() with "
                    "autograd::CapturedGraph and draw the capture (autograd/dot.hpp)"
              : std::string("to_dot: the graph reaches a tensor of op '") + node->op +
                    "' whose history an earlier backward() released; draw or capture a graph "
                    "before its backward()");
    }
    if (index.size() == max_nodes) {
      throw std::length_error(
          "to_dot: the graph has more than " + std::to_string(max_nodes) +
          " nodes (DotOptions::max_nodes); Graphviz would take very long to lay it out. Raise "
          "max_nodes to write the text anyway");
    }
    index.emplace(node.get(), in_progress);
    stack.emplace_back(node, 0);
  };
  enter(root.node());
  while (!stack.empty()) {
    auto& [node, next_slot] = stack.back();
    if (next_slot < node->inputs.size()) {
      const NodePtr& input = node->inputs[next_slot++];
      if (input && index.count(input.get()) == 0) enter(input);  // may move `node`: loop again
      continue;
    }
    // Post-order: every input is numbered already (a graph has no cycles).
    Entry entry{std::move(node), {-1, -1, -1}, false};
    entry.is_op = entry.node->backward != nullptr;
    for (std::size_t slot = 0; slot < entry.inputs.size(); ++slot) {
      if (entry.node->inputs[slot]) entry.inputs[slot] = index.at(entry.node->inputs[slot].get());
    }
    index[entry.node.get()] = static_cast<std::ptrdiff_t>(nodes_.size());
    nodes_.push_back(std::move(entry));
    stack.pop_back();
  }
  if (keep_grads == KeepGrads::yes) {
    for (Entry& entry : nodes_) {
      if (entry.is_op) entry.node->retains_grad = true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing DOT.

namespace {

std::string number(Scalar value, int precision) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, precision);
  return std::string(buffer, result.ptr);
}

// A DOT string literal's contents: backslashes and quotes escaped, newlines as \n.
std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// "0.7071", "[1, -2, 3]" or, past max_elements_shown, "min -1.2 max 3.4 norm 5.6".
std::string describe(const Array& values, const DotOptions& options) {
  const Scalar* data = values.data();
  const std::size_t n = values.size();
  if (n <= options.max_elements_shown) {
    if (n == 1) return number(data[0], options.precision);
    std::string text = "[";
    for (std::size_t i = 0; i < n; ++i) {
      text += (i > 0 ? ", " : "") + number(data[i], options.precision);
    }
    return text + "]";
  }
  Scalar min = std::numeric_limits<Scalar>::infinity();
  Scalar max = -min;
  Scalar sum_of_squares = 0;
  std::size_t non_finite = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(data[i])) {
      ++non_finite;
      continue;
    }
    min = std::min(min, data[i]);
    max = std::max(max, data[i]);
    sum_of_squares += data[i] * data[i];
  }
  std::string text = "min " + number(min, options.precision) + " max " +
                     number(max, options.precision) + " norm " +
                     number(std::sqrt(sum_of_squares), options.precision);
  if (non_finite > 0) text += " (" + std::to_string(non_finite) + " not finite)";
  return text;
}

// The op, with the constant the op keeps beside its inputs, if any.
std::string op_text(const Node& node, int precision) {
  const std::string_view op = node.op;
  if (op == "mul_scalar" || op == "div_scalar" || op == "rdiv_scalar") {
    return std::string(op) + " s=" + number(node.attributes.operand, precision);
  }
  if (op == "pow") return "pow k=" + number(node.attributes.exponent, precision);
  if (op == "dropout") return "dropout scale=" + number(node.attributes.scale, precision);
  if (op == "sum_axis" || op == "mean_axis") {
    return std::string(op) + " axis=" + std::to_string(node.attributes.axis) +
           (node.attributes.keepdims ? " keepdims" : "");
  }
  return std::string(op);
}

// What each input slot of an op means, where the order of its inputs matters; nullptr for
// ops whose edges need no label.
const char* argument_name(std::string_view op, std::size_t slot) {
  static constexpr const char* two[] = {"a", "b"};
  static constexpr const char* linear[] = {"input", "weight", "bias"};
  static constexpr const char* loss[] = {"logits", "target", "pos_weight"};
  static constexpr const char* dropout[] = {"input", "mask"};
  if (op == "sub" || op == "div" || op == "matmul") return slot < 2 ? two[slot] : nullptr;
  if (op == "linear") return linear[slot];
  if (op == "binary_cross_entropy_with_logits") return loss[slot];
  if (op == "dropout") return slot < 2 ? dropout[slot] : nullptr;
  return nullptr;
}

}  // namespace

std::string to_dot(const CapturedGraph& graph, const DotOptions& options) {
  std::unordered_map<const Node*, const std::string*> names;
  for (const auto& [name, tensor] : options.names) {
    if (tensor.defined()) names.emplace(tensor.node().get(), &name);  // the first name wins
  }
  std::string dot;
  dot.reserve(graph.nodes_.size() * 96 + 256);
  dot +=
      "// The computation graph behind a tensor, written by autograd::to_dot "
      "(autograd/dot.hpp).\n"
      "// Render: dot -Tpng this.dot -o this.png\n"
      "digraph autograd {\n";
  dot += options.left_to_right ? "  rankdir=LR;\n" : "  rankdir=TB;\n";
  dot +=
      "  node [fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  if (!options.title.empty()) {
    dot += "  labelloc=t;\n  label=\"" + escaped(options.title) + "\";\n";
  }
  for (std::size_t i = 0; i < graph.nodes_.size(); ++i) {
    const auto& entry = graph.nodes_[i];
    const Node& node = *entry.node;
    const auto name = names.find(&node);
    const bool named = name != names.end();
    // First line: what the tensor is, and its shape.
    std::string header;
    if (entry.is_op) {
      header = (named ? *name->second + " = " : std::string()) + op_text(node, options.precision);
    } else if (named) {
      header = *name->second;
    } else if (std::strcmp(node.op, "leaf") != 0) {
      header = std::string("constant (") + node.op + ")";  // an op's result, recorded no history
    } else {
      header = node.requires_grad ? "leaf" : "constant";
    }
    std::string label = escaped(header) + "  " + shape_to_string(node.value.shape());
    if (options.show_values) label += "\\nvalue " + describe(node.value, options);
    if (options.show_grads && node.has_grad) label += "\\ngrad " + describe(node.grad, options);
    // Leaves that learn (parameters, inputs with requires_grad) filled; constants dashed; ops
    // rounded, the root in bold.
    const char* style = entry.is_op ? (i + 1 == graph.nodes_.size() ? "rounded,bold" : "rounded")
                        : node.requires_grad ? "filled"
                                             : "dashed";
    dot += "  n" + std::to_string(i) + " [label=\"" + label + "\", shape=box, style=\"" + style +
           "\"" + (!entry.is_op && node.requires_grad ? ", fillcolor=lightblue" : "") + "];\n";
    for (std::size_t slot = 0; slot < entry.inputs.size(); ++slot) {
      if (entry.inputs[slot] < 0) continue;
      dot += "  n" + std::to_string(entry.inputs[slot]) + " -> n" + std::to_string(i);
      if (const char* argument = argument_name(node.op, slot)) {
        dot += std::string(" [label=\"") + argument + "\"]";
      }
      dot += ";\n";
    }
  }
  dot += "}\n";
  return dot;
}

std::string to_dot(const Tensor& root, const DotOptions& options) {
  return to_dot(CapturedGraph(root, options.max_nodes, CapturedGraph::KeepGrads::no), options);
}

}  // namespace autograd
