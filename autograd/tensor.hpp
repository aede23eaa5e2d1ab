// Tensor: a cheap, shallow-copy handle to a node of the computation graph.
//
// A node holds the forward value, the accumulated gradient, whether it requires a gradient,
// and, for the result of an op, its inputs and a function that propagates its gradient to
// them. Copies of a Tensor share one node, as torch.Tensor objects share storage.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <xtensor/xarray.hpp>

#include "autograd/memory.hpp"

namespace autograd {

using Scalar = double;  // the one element type of the whole engine
// The value and gradient container. Its buffers come from a per-thread cache (memory.hpp):
// a training step then reuses the blocks the previous step freed instead of calling malloc.
using Array = xt::xarray<Scalar, xt::layout_type::row_major, PoolAllocator<Scalar>>;
// A shape, e.g. Shape{3, 4}: the value's own shape type (xtensor's svector, with up to four
// sizes stored inline), so that Tensor::shape() hands out the value's shape without a copy.
using Shape = Array::shape_type;

// An array of shape [0]: made without allocating, unlike a default xarray, which is 0-D and
// holds one element.
inline Array empty_array() {
  return Array(Array::shape_type{0});
}

struct Node;
using NodePtr = std::shared_ptr<Node>;

// Propagates out.grad to out's inputs. A plain function pointer (ops pass captureless lambdas)
// so that recording an op allocates no closure.
using BackwardFn = void (*)(Node& out);

// The few non-tensor arguments an op's backward needs, each under its own name; an op sets the
// ones it uses (make_op(..., {.exponent = k})) and the others keep their defaults.
struct OpAttributes {
  Scalar exponent = 0;    // pow: the k of a^k
  Scalar operand = 0;     // a tensor-scalar op: the constant s of a·s, a/s, s/a
  Scalar scale = 0;       // dropout, BCE: the constant factor of the gradient (1/(1 − p), 1/n)
  std::size_t axis = 0;   // sum and mean along an axis: the axis reduced
  bool keepdims = false;  // ... and whether the result keeps it with size 1
};

struct Node {
  Array value;
  // Meaningful only when has_grad. Without a gradient it is whatever is cheapest to leave:
  // a default (0-D) array on a new node, and, once backward has released it, an array whose
  // buffer is freed (no storage, stale shape). Everything that reads it checks has_grad first,
  // and accumulate_grad replaces it whole.
  Array grad;
  bool has_grad = false;  // a default xarray is 0-D with size 1, so "no grad" needs a flag
  bool requires_grad = false;
  bool released = false;      // backward ran and freed this interior node's inputs
  bool retains_grad = false;  // an interior node that keeps its grad through backward
  const char* op = "leaf";
  std::array<NodePtr, 3> inputs;  // unused slots are null
  BackwardFn backward = nullptr;  // null for leaves
  OpAttributes attributes;
  std::uint64_t visit_mark = 0;  // used by the topological sort instead of a visited set

  Node& input(std::size_t i) { return *inputs[i]; }
  bool has_input(std::size_t i) const { return inputs[i] != nullptr; }
  const Node& input(std::size_t i) const { return *inputs[i]; }
  bool is_leaf() const { return backward == nullptr && !released; }

  // By rvalue reference: the value is moved once, from the op into the node (an xarray move
  // copies its three shape containers).
  explicit Node(Array&& node_value) : value(std::move(node_value)) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  ~Node();  // iterative: a chain of 10^6 nodes must not overflow the stack when freed
};

class Tensor {
 public:
  Tensor() = default;  // empty handle; defined() is false
  explicit Tensor(Array value, bool requires_grad = false);
  explicit Tensor(NodePtr node) : node_(std::move(node)) {}

  bool defined() const { return node_ != nullptr; }
  const Array& value() const;
  // In-place access for optimizers and initialisers; outside the graph, like `p.data` in PyTorch.
  Array& mutable_value();
  const Array& grad() const;  // throws std::logic_error when no gradient has been accumulated
  bool has_grad() const;
  bool requires_grad() const;
  bool is_leaf() const;
  const Shape& shape() const;  // the value's shape, not a copy
  std::size_t dim() const;
  std::size_t size() const;
  Scalar item() const;  // the value of a one-element tensor
  const char* op_name() const;

  // Reverse-mode differentiation from this tensor. backward() needs a one-element tensor;
  // backward(grad_output) takes dL/d(this) of this tensor's shape. Leaf gradients accumulate;
  // the graph's interior buffers are released, so a second backward through it throws.
  void backward();
  void backward(const Array& grad_output);
  // Forgets the accumulated gradient (PyTorch's set_to_none): has_grad() is false and the next
  // backward sets a fresh gradient. The buffer is released when that gradient arrives.
  void zero_grad();
  // Keep this interior tensor's gradient when backward() releases the graph, as PyTorch's
  // retain_grad() (a no-op for leaves, which always keep theirs). For looking inside a graph,
  // e.g. drawing it with its gradients (autograd/dot.hpp); training never needs it.
  void retain_grad();
  bool retains_grad() const;
  Tensor detach() const;  // same value, no history, no grad

  const NodePtr& node() const { return node_; }

 private:
  Node& checked_node() const;
  NodePtr node_;
};

std::ostream& operator<<(std::ostream& os, const Tensor& t);

// "[3, 4]": how shapes appear in every error message.
std::string shape_to_string(const Shape& shape);
template <class S>
std::string shape_to_string(const S& shape) {
  return shape_to_string(Shape(shape.begin(), shape.end()));
}

// For op authors: records an op's result. When gradients are enabled and some input
// requires one, the result keeps its inputs and backward; otherwise it is a plain leaf.
Tensor make_op(const char* op, Array value, BackwardFn backward, const Tensor& a,
               OpAttributes attributes = {});
Tensor make_op(const char* op, Array value, BackwardFn backward, const Tensor& a, const Tensor& b,
               OpAttributes attributes = {});
// Three inputs; an undefined (default-constructed) tensor leaves its slot empty.
Tensor make_op(const char* op, Array value, BackwardFn backward, const Tensor& a, const Tensor& b,
               const Tensor& c, OpAttributes attributes = {});

// For op authors: adds a gradient contribution to an input, first summing away the axes that
// broadcasting added or stretched (the single place where broadcasting is undone).
//
// The rule for backward functions: an op with several inputs computes an input's contribution
// only `if (input.requires_grad)`, so a constant input (data, a target, a mask) costs nothing;
// an op with one input needs no test, since make_op records a backward only when some input
// requires grad. (accumulate_grad also ignores an input that does not require grad.)
void accumulate_grad(Node& input, Array contribution);

}  // namespace autograd
