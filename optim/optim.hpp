// Everything of the optim module in one include.
#pragma once

#include "optim/adam.hpp"
#include "optim/optimizer.hpp"
#include "optim/sgd.hpp"
