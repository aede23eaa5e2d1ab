// Contour lines of a surface on a grid, computed by gnuplot (`set table`) into data files
// before a figure is built, so that a figure draws them as ordinary series, and the figure
// builder leaves out a level the surface never reaches (its table has no data): gnuplot then
// prints no "no valid points" warning for it.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/output.hpp"

namespace experiments {

struct ContourTable {
  std::string table;  // the file to write, in the output directory
  int column = 3;     // the surface: a column of the grid file (1 and 2 are x and y)
  double level = 0.5;
};

// `grid_file` holds rows "x y v1 v2 …" with a blank line after each scan line (gnuplot's grid
// format). Writes the script as `script_file` beside the data (it works from any directory:
// `gnuplot results/moons/decision_contours.gp`) and runs it. Returns false without gnuplot or
// when gnuplot fails (the figures that need the tables are then drawn without them, or not).
bool contour_tables(const Output& out, const std::string& script_file, const std::string& grid_file,
                    const std::vector<ContourTable>& tables);

}  // namespace experiments
