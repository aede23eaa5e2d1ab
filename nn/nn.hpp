// Everything of the nn module in one include.
#pragma once

#include "nn/activations.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/losses.hpp"
#include "nn/module.hpp"
#include "nn/printing.hpp"
#include "nn/sequential.hpp"
#include "nn/serialization.hpp"
