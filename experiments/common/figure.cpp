#include "experiments/common/figure.hpp"

#include <fstream>
#include <sstream>

namespace experiments {

namespace {

// A gnuplot string of plain text. Single quotes take it as it is; text with a ' goes in double
// quotes, where \\ and \" are the escapes (gnuplot misreads a single-quoted string that
// starts with the '' escape).
std::string quoted(const std::string& text) {
  if (text.find('\'') == std::string::npos) return "'" + text + "'";
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Whether `file` has a line of data (after the header, when it has one).
bool has_data(const Output& out, const Series& series) {
  std::ifstream in(out.path(series.file));
  std::string line;
  if (series.header) std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos && line[0] != '#') return true;
  }
  return false;
}

void write_series(std::ostringstream& gp, const Series& series) {
  gp << "'" << series.file << "'" << (series.header ? " skip 1" : "") << " using " << series.columns
     << " with " << series.style;
  if (!series.colour.empty()) gp << " lc rgb '" << series.colour << "'";
  if (series.title.empty()) {
    gp << " notitle";
  } else {
    gp << " title " << quoted(series.title);
  }
}

void write_panel(std::ostringstream& gp, const Panel& panel, const Output& out) {
  gp << "reset session\nset datafile separator ','\n";
  if (!panel.title.empty()) gp << "set title " << quoted(panel.title) << "\n";
  if (!panel.xlabel.empty()) gp << "set xlabel " << quoted(panel.xlabel) << "\n";
  if (!panel.ylabel.empty()) gp << "set ylabel " << quoted(panel.ylabel) << "\n";
  if (panel.log_x) gp << "set logscale x\n";
  if (panel.log_y) gp << "set logscale y\n";
  for (const std::string& line : panel.settings) gp << line << "\n";
  std::vector<const Series*> drawn;
  for (const Series& series : panel.series) {
    if (has_data(out, series)) drawn.push_back(&series);
  }
  if (drawn.empty()) {  // keep the panel's place in a multiplot, with a word on why it is empty
    gp << "unset key\nset label 1 'no data' at graph 0.5, 0.5 center\n"
       << "plot [0:1] [0:1] NaN notitle\n";
    return;
  }
  gp << (panel.three_d ? "splot " : "plot ");
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    gp << (i ? ", \\\n     " : "");
    write_series(gp, *drawn[i]);
  }
  gp << "\n";
}

}  // namespace

std::string gnuplot_script(const Figure& figure, const Output& out) {
  std::ostringstream gp;
  // Relative file names, resolved from the script's own folder (ARG0 is the script's path),
  // so that the script draws the same figure from any working directory.
  gp << "cd system(\"dirname '\" . ARG0 . \"'\")\n"
     << "set terminal pngcairo size " << figure.width << "," << figure.height
     << " noenhanced font 'sans,10'\n"
     << "set output '" << figure.png << "'\n";
  const bool multiplot = figure.panels.size() > 1;
  if (multiplot) {
    const std::string layout =
        figure.layout.empty() ? "1," + std::to_string(figure.panels.size()) : figure.layout;
    gp << "set multiplot layout " << layout << "\n";
  }
  for (const Panel& panel : figure.panels) write_panel(gp, panel, out);
  if (multiplot) gp << "unset multiplot\n";
  return gp.str();
}

std::string draw(const Figure& figure, const Output& out, const std::string& alt) {
  if (!out.plot(figure.png, gnuplot_script(figure, out))) return "";
  return "![" + alt + "](" + out.link(figure.png) + ")\n\n";
}

bool contour_tables(const Output& out, const std::string& script_file, const std::string& grid_file,
                    const std::vector<ContourTable>& tables) {
  std::ostringstream gp;
  // File names are relative to the script's own folder (ARG0 is the script's path).
  gp << "cd system(\"dirname '\" . ARG0 . \"'\")\n"
     << "set contour base\nunset surface\nset view map\n";
  for (const ContourTable& t : tables) {
    gp << "set cntrparam levels discrete " << exact(t.level) << "\nset table '" << t.table
       << "'\nsplot '" << grid_file << "' using 1:2:" << t.column
       << " with lines notitle\nunset table\n";
  }
  out.write_text(script_file, gp.str());
  std::vector<std::string> table_files;
  for (const ContourTable& t : tables) table_files.push_back(t.table);
  return out.run_gnuplot(script_file, table_files);
}

}  // namespace experiments
