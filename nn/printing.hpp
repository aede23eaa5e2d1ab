// Printing a model as PyTorch prints it, and counting its parameters.
//
//   std::cout << *model;            // Sequential(
//                                   //   (0): Linear(in_features=2, out_features=64, bias=True)
//                                   //   (1): ReLU()
//                                   //   (2): Dropout(p=0.5, inplace=False)
//                                   //   ...
//                                   // )
//   nn::parameter_count(*model)     // 4417 for the post's 2-64-64-1 MLP
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

#include "nn/module.hpp"

namespace nn {

// PyTorch's repr(module), character for character (torch.nn.Module.__repr__): the type name,
// then in parentheses its extra_repr() and, one per line and indented by two spaces, each
// child as "(name): <its repr>".
std::string repr(const Module& module);
std::ostream& operator<<(std::ostream& os, const Module& module);

// The number of scalars in all parameters, children's included:
// sum(p.numel() for p in model.parameters()) in PyTorch.
std::size_t parameter_count(const Module& module);

// A double as Python's repr(float) writes it: the shortest text that reads back to the same
// double, with ".0" on whole numbers and an exponent below 1e-4 and from 1e16 ("0.5", "1.0",
// "0.0001", "1e-05", "1e+16", "inf", "nan"). For extra_repr(), so settings print as in PyTorch.
std::string python_float_repr(double value);

}  // namespace nn
