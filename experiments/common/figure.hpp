// Figures as data: a gnuplot figure is a list of panels, each a list of series read from the
// columns of files in the experiment's output directory. draw() writes the script beside the
// data (<figure>.gp, runnable from any directory: `gnuplot results/moons/accuracy.gp`) and runs
// gnuplot; without gnuplot it says so and the data stays in the CSV files.
#pragma once

#include <string>
#include <vector>

#include "experiments/common/output.hpp"

namespace experiments {

struct Series {
  std::string file;             // in the output directory
  std::string columns;          // gnuplot's `using`, e.g. "1:2" or "1:($3*100)"
  std::string title;            // legend entry; empty: none
  std::string style = "lines";  // gnuplot's `with`: "lines", "points pt 7 ps 0.6", "yerrorbars"...
  std::string colour;           // "#1f77b4"; empty: gnuplot's next colour
  bool header = true;           // the file's first line names the columns (CSV)
};

struct Panel {
  std::string title, xlabel, ylabel;
  bool log_x = false, log_y = false;
  std::vector<std::string>
      settings;  // further gnuplot lines: "set key top left", "set yrange [0:1]"
  std::vector<Series> series;
  bool three_d = false;  // splot: a series' columns are x:y:z
};

struct Figure {
  std::string png;  // file name in the output directory
  int width = 800, height = 500;
  std::vector<Panel> panels;  // more than one: side by side, or as `layout` says ("2,2")
  std::string layout;
};

// The gnuplot script of `figure`. Titles and labels are plain text: a ' in them is escaped. A
// series whose file is missing or has no data rows in `out` is left out (gnuplot would warn "no
// valid points"); a panel left with no series says so.
std::string gnuplot_script(const Figure& figure, const Output& out);

// Writes the script and draws the PNG. Returns the Markdown image line for REPORT.md
// ("![alt](dir/figure.png)\n\n"), or "" when the figure could not be drawn.
std::string draw(const Figure& figure, const Output& out, const std::string& alt);

// Contour lines of a surface on a grid, computed by gnuplot (`set table`) into data files
// before a figure is built, so that a figure draws them as ordinary series, and the figure
// builder leaves out a level the surface never reaches (its table has no data): gnuplot then
// prints no "no valid points" warning for it.
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
