#include "experiments/common/contours.hpp"

#include <cstdlib>
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
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) return false;
  const std::string command = "gnuplot '" + out.path(script_file) + "' 2>&1";
  return std::system(command.c_str()) == 0;
}

}  // namespace experiments
