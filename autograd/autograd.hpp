// Everything of the autograd module in one include.
#pragma once

#include "autograd/arithmetic.hpp"
#include "autograd/broadcast.hpp"
#include "autograd/dot.hpp"
#include "autograd/grad_mode.hpp"
#include "autograd/gradcheck.hpp"
#include "autograd/linear.hpp"
#include "autograd/matmul.hpp"
#include "autograd/pointwise.hpp"
#include "autograd/random.hpp"
#include "autograd/reduction.hpp"
#include "autograd/shape_ops.hpp"
#include "autograd/tensor.hpp"
