#include "experiments/common/contours.hpp"

#include <sstream>

namespace experiments {

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
