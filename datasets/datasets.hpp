// Everything of the datasets module in one include.
#pragma once

#include "datasets/csv.hpp"
#include "datasets/data_loader.hpp"
#include "datasets/dataset.hpp"
#include "datasets/moons.hpp"
#include "datasets/regression.hpp"
#include "datasets/split.hpp"
