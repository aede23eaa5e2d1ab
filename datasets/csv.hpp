// CSV files: one example per line, features first, target last.
#pragma once

#include <string>
#include <vector>

#include "datasets/dataset.hpp"

namespace datasets {

// Reads comma-separated numbers: every column but the last is a feature (X, (n, d)), the last
// is the target (y, (n)). The first line is a header, and skipped, when any of its cells is not
// a number. Cells may be padded with spaces; "\r\n" line ends and blank lines at the end of the
// file are accepted. Numbers are parsed with std::from_chars, so they round exactly.
// Throws std::runtime_error when the file cannot be read, and std::invalid_argument, naming
// the path and the 1-based line number, for: no data rows, fewer than 2 columns, a row whose
// column count differs from the first line's, a cell that is not a number, a cell that is not
// finite (inf, nan: named with its line and column), a blank line between rows.
Dataset load_csv(const std::string& path);

// Writes X's columns then y, one row per line, each number with 17 significant digits (enough
// for any double, so load_csv(save_csv(d)) gives back d bit for bit). A non-empty `header`
// (d + 1 names, no commas, not all numbers, or load_csv would read it as data) is written as the
// first line. Throws std::invalid_argument for a bad dataset or header or a non-finite value,
// std::runtime_error when the file cannot be written (a full disk): the file is written to
// <path>.tmp and renamed, so a failed write leaves the old file or none, never a truncated one.
void save_csv(const Dataset& data, const std::string& path,
              const std::vector<std::string>& header = {});

}  // namespace datasets
