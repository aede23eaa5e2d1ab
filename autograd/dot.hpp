// Drawing the computation graph: Graphviz DOT text of the graph behind a tensor, the graph that
// backward() walks. Each tensor is one node (its op, shape, value and gradient); an edge runs
// from each input to the op that consumed it. Render it with `dot -Tpng graph.dot -o graph.png`.
//
// When to call it. backward() releases the graph's interior (flashlight and PyTorch do the
// same): the inputs of every op and the gradients of every non-leaf are freed. So
//   * before backward, to_dot(loss) draws the values (and the leaves' gradients so far);
//   * to see the gradients of every node, as micrograd's draw_dot shows them, capture the graph
//     first, then run backward, then draw the capture:
//         autograd::CapturedGraph graph(loss);  // holds the nodes, keeps their gradients
//         loss.backward();
//         std::string dot = autograd::to_dot(graph, options);
//   * to_dot(loss) after loss.backward() throws std::logic_error saying so (the graph is gone).
// Parameters updated in place after backward (optimizer.step()) are drawn with their new
// values: draw before the step to see the values the gradients belong to.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "autograd/tensor.hpp"

namespace autograd {

struct DotOptions {
  // Labels for tensors, e.g. model.named_parameters() plus {"x", x}: a named tensor is drawn
  // with its name. The first name given to a tensor wins.
  std::vector<std::pair<std::string, Tensor>> names;
  bool show_values = true;  // each node's value (false: op, name and shape only)
  bool show_grads = true;   // each node's gradient, where it has one
  // A tensor of at most this many elements shows them all; a larger one a summary: its
  // minimum, maximum and Euclidean norm (a 64×64 weight is not 4,096 numbers in a picture).
  std::size_t max_elements_shown = 4;
  int precision = 4;  // significant digits of every number drawn
  // Graphviz takes minutes beyond a few thousand nodes, so a larger graph is refused with a
  // std::length_error naming this option; raise it to write the text anyway.
  std::size_t max_nodes = 10'000;
  std::string title;          // drawn above the graph when not empty
  bool left_to_right = true;  // inputs on the left (false: on top, for long narrow graphs)
};

// The graph behind `root`, held so that it can be drawn after backward() has released it: the
// nodes (each kept alive), their edges, and, through Tensor::retain_grad(), every interior
// node's gradient. Capture before backward(); it costs a walk of the graph and keeps its memory
// until the capture is destroyed. Throws std::logic_error if backward already released the
// graph, std::length_error past max_nodes.
class CapturedGraph {
 public:
  explicit CapturedGraph(const Tensor& root, std::size_t max_nodes = DotOptions{}.max_nodes);

  std::size_t size() const { return nodes_.size(); }  // number of tensors in the graph

 private:
  friend std::string to_dot(const Tensor& root, const DotOptions& options);
  friend std::string to_dot(const CapturedGraph& graph, const DotOptions& options);
  enum class KeepGrads { no, yes };  // to_dot(Tensor) draws the graph as it is: no
  CapturedGraph(const Tensor& root, std::size_t max_nodes, KeepGrads keep_grads);
  struct Entry {
    NodePtr node;
    std::array<std::ptrdiff_t, 3> inputs;  // index in nodes_ of each input slot, -1 if empty
    bool is_op;                            // recorded by an op (false: a leaf or constant)
  };
  std::vector<Entry> nodes_;  // inputs before the ops that consume them; the root last
};

// The DOT text of the graph behind `root` as it is now (see "When to call it" above). The text
// depends only on the graph and the options: the same graph gives the same text.
std::string to_dot(const Tensor& root, const DotOptions& options = {});
// The DOT text of a captured graph, with the gradients backward() left in it.
std::string to_dot(const CapturedGraph& graph, const DotOptions& options = {});

}  // namespace autograd
