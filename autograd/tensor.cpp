#include "autograd/tensor.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <xtensor/xio.hpp>

#include "autograd/broadcast.hpp"
#include "autograd/grad_mode.hpp"
#include "autograd/kernels.hpp"

namespace autograd {

// ---------------------------------------------------------------------------------------------
// Freeing a graph. A node owns its inputs, so the default destructor of a long chain recurses
// once per node and overflows the stack near 10^5 nodes. Instead, the outermost destructor
// drains a per-thread list of inputs to free; nested destructors only append to it.
Node::~Node() {
  thread_local std::vector<NodePtr> pending;
  thread_local bool draining = false;
  for (NodePtr& input : inputs) {
    if (input) pending.push_back(std::move(input));
  }
  if (draining) return;
  draining = true;
  while (!pending.empty()) {
    NodePtr last = std::move(pending.back());
    pending.pop_back();
    // `last` is destroyed here; if it was the final owner, its destructor appends its inputs.
  }
  draining = false;
}

// ---------------------------------------------------------------------------------------------
// The handle.

namespace {
// Nodes, like buffers, come from the per-thread cache: a step frees as many as it makes.
NodePtr new_node(Array&& value) {
  return std::allocate_shared<Node>(PoolAllocator<Node>(), std::move(value));
}
}  // namespace

Tensor::Tensor(Array value, bool requires_grad) : node_(new_node(std::move(value))) {
  node_->requires_grad = requires_grad;
}

Node& Tensor::checked_node() const {
  if (!node_) throw std::logic_error("Tensor: use of an empty (default-constructed) tensor");
  return *node_;
}

const Array& Tensor::value() const {
  return checked_node().value;
}
Array& Tensor::mutable_value() {
  return checked_node().value;
}
bool Tensor::has_grad() const {
  return checked_node().has_grad;
}
bool Tensor::requires_grad() const {
  return checked_node().requires_grad;
}
bool Tensor::is_leaf() const {
  return checked_node().is_leaf();
}
const char* Tensor::op_name() const {
  return checked_node().op;
}
std::size_t Tensor::dim() const {
  return value().dimension();
}
std::size_t Tensor::size() const {
  return value().size();
}

const Shape& Tensor::shape() const {
  return value().shape();
}

const Array& Tensor::grad() const {
  const Node& node = checked_node();
  if (!node.has_grad) {
    throw std::logic_error(
        "Tensor::grad: no gradient has been accumulated for this tensor of shape " +
        shape_to_string(node.value.shape()) +
        " (is it a leaf with requires_grad, and did backward() reach it?)");
  }
  return node.grad;
}

Scalar Tensor::item() const {
  const Array& v = value();
  if (v.size() != 1) {
    throw std::invalid_argument("Tensor::item: needs a one-element tensor, got shape " +
                                shape_to_string(v.shape()));
  }
  return v.data()[0];
}

void Tensor::zero_grad() {
  // Only the flag: the old buffer is freed when the next gradient is moved in (accumulate_grad),
  // which spares an optimizer's zero_grad() a free and an empty array per parameter per step.
  checked_node().has_grad = false;
}

void Tensor::retain_grad() {
  Node& node = checked_node();
  if (node.backward != nullptr) node.retains_grad = true;
}

bool Tensor::retains_grad() const {
  return checked_node().retains_grad;
}

Tensor Tensor::detach() const {
  return Tensor(value(), false);
}

std::string shape_to_string(const Shape& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  if (!t.defined()) return os << "Tensor(undefined)";
  os << "Tensor(shape=" << shape_to_string(t.shape()) << ", op=" << t.op_name()
     << (t.requires_grad() ? ", requires_grad" : "") << ")\n"
     << t.value();
  return os;
}

// ---------------------------------------------------------------------------------------------
// Recording ops.

namespace {
Tensor make_op_node(const char* op, Array&& value, BackwardFn backward,
                    std::array<const Tensor*, 3> inputs, OpAttributes attributes) {
  NodePtr node = new_node(std::move(value));
  node->op = op;
  bool any_requires_grad = false;
  for (const Tensor* input : inputs) {
    if (input != nullptr && input->defined() && input->requires_grad()) any_requires_grad = true;
  }
  if (any_requires_grad && is_grad_enabled()) {
    node->requires_grad = true;
    node->backward = backward;
    node->attributes = attributes;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i] != nullptr && inputs[i]->defined()) node->inputs[i] = inputs[i]->node();
    }
  }
  return Tensor(std::move(node));
}
}  // namespace

Tensor make_op(const char* op, Array value, BackwardFn backward, const Tensor& a,
               OpAttributes attributes) {
  return make_op_node(op, std::move(value), backward, {&a, nullptr, nullptr}, attributes);
}

Tensor make_op(const char* op, Array value, BackwardFn backward, const Tensor& a, const Tensor& b,
               OpAttributes attributes) {
  return make_op_node(op, std::move(value), backward, {&a, &b, nullptr}, attributes);
}

Tensor make_op(const char* op, Array value, BackwardFn backward, const Tensor& a, const Tensor& b,
               const Tensor& c, OpAttributes attributes) {
  return make_op_node(op, std::move(value), backward, {&a, &b, &c}, attributes);
}

void accumulate_grad(Node& input, Array contribution) {
  if (!input.requires_grad) return;
  if (contribution.shape() != input.value.shape()) {  // else nothing was broadcast: the common case
    contribution = sum_to_shape(std::move(contribution), input.value.shape());
  }
  const Array& reduced = contribution;
  if (!input.has_grad) {
    input.grad = std::move(contribution);
    input.has_grad = true;
    return;
  }
  // `grad += x` would silently resize grad by broadcasting; shapes must already agree.
  if (input.grad.shape() != reduced.shape()) {
    throw std::logic_error("accumulate_grad (" + std::string(input.op) + "): gradient of shape " +
                           shape_to_string(reduced.shape()) + " for a gradient of shape " +
                           shape_to_string(input.grad.shape()));
  }
  kernels::add_into(input.grad, reduced);
}

// ---------------------------------------------------------------------------------------------
// Backward.

namespace {

// The backward pass's reusable scratch state, one per thread. Kept between calls, so that a
// training step's backward allocates nothing (tests/nn/test_steady_state.cpp), and so that the
// sort needs no visited set: each call takes a new mark, and a node whose visit_mark holds it
// has been visited in this call.
struct BackwardScratch {
  std::uint64_t last_mark = 0;  // the mark of the latest call
  // The depth-first path from the root: (node, index of its next input to visit).
  std::vector<std::pair<Node*, std::size_t>> stack;
  // The order of the previous backward, whose capacity the next one reuses (a backward nested
  // in another finds it taken, and makes its own).
  std::vector<Node*> spare_order;
};

BackwardScratch& backward_scratch() {
  thread_local BackwardScratch scratch;
  return scratch;
}

// Fills `order` with the nodes reachable from root that require grad, each node after all
// nodes that consume it (root first). Iterative depth-first search with an explicit stack:
// recursion would overflow on deep graphs (micrograd's RecursionError past depth 1000).
void reverse_topological_order(Node& root, std::vector<Node*>& order) {
  BackwardScratch& scratch = backward_scratch();
  auto& stack = scratch.stack;  // empty: (node, index of its next input to visit)
  const std::uint64_t mark = ++scratch.last_mark;  // visited: node->visit_mark == mark
  order.clear();
  stack.clear();
  // BEGIN EXERCISE 4.1: post-order, explicit stack, reversed; one visit_mark per call; leaves too
  root.visit_mark = mark;
  stack.emplace_back(&root, 0);
  while (!stack.empty()) {
    auto& [node, next_input] = stack.back();
    if (next_input < node->inputs.size()) {
      Node* input = node->inputs[next_input++].get();
      if (input != nullptr && input->requires_grad && input->visit_mark != mark) {
        input->visit_mark = mark;
        stack.emplace_back(input, 0);
      }
      continue;
    }
    order.push_back(node);  // post-order: a node after all of its inputs
    stack.pop_back();
  }
  std::reverse(order.begin(), order.end());
  // END EXERCISE 4.1
}

}  // namespace

namespace {
// The body of both backward overloads. grad_output is taken by value, so that backward()
// moves its seed of ones in and backward(grad_output) copies the caller's array once.
void backward_from(Node& root, Array grad_output) {
  if (!root.requires_grad) {
    throw std::logic_error(
        "backward: this tensor does not require grad and has no history (was it made under "
        "NoGradGuard, by detach(), or from inputs without requires_grad?)");
  }
  if (root.released) {
    throw std::logic_error(
        "backward: trying to backward through the graph a second time; its buffers were "
        "released by the first backward");
  }
  if (grad_output.shape() != root.value.shape()) {
    throw std::invalid_argument("backward: grad_output has shape " +
                                shape_to_string(grad_output.shape()) + " but the tensor has " +
                                shape_to_string(root.value.shape()));
  }
  // Plain pointers: the graph stays alive through this tensor while backward runs.
  std::vector<Node*> order = std::move(backward_scratch().spare_order);
  reverse_topological_order(root, order);
  for (const Node* node : order) {
    if (node->released) {
      throw std::logic_error(
          "backward: trying to backward through a graph a second time (a node of op '" +
          std::string(node->op) + "' was released by an earlier backward)");
    }
  }
  // BEGIN EXERCISE 4.1: seed root.grad with grad_output, then run each node's backward in order
  accumulate_grad(root, std::move(grad_output));
  for (Node* node : order) {
    if (node->backward != nullptr && node->has_grad) node->backward(*node);
  }
  // END EXERCISE 4.1
  // Release the interior: inputs, backward and gradient buffers; leaves keep their grads, and
  // so do interior nodes asked to (retain_grad).
  // From the leaves' end: a node is freed only when its last consumer lets go of it, and its
  // consumers come before it in `order`, so no node is freed before its turn here.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    Node* node = *it;
    if (node->backward == nullptr) continue;
    node->inputs = {};
    node->backward = nullptr;
    if (!node->retains_grad) {
      node->grad.storage() = Array::storage_type();  // frees the buffer (see Node::grad)
      node->has_grad = false;
    }
    node->released = true;
  }
  backward_scratch().spare_order = std::move(order);
}
}  // namespace

void Tensor::backward() {
  Node& node = checked_node();
  if (node.value.size() != 1) {
    throw std::invalid_argument(
        "backward: the gradient can be implied only for a one-element tensor; this one has "
        "shape " +
        shape_to_string(node.value.shape()) + ", so call backward(grad_output)");
  }
  Array seed = Array::from_shape(node.value.shape());  // dL/dL = 1
  seed.fill(1.0);
  backward_from(node, std::move(seed));
}

void Tensor::backward(const Array& grad_output) {
  backward_from(checked_node(), grad_output);
}

}  // namespace autograd
