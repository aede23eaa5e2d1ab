#include "experiments/common/output.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace experiments {

namespace fs = std::filesystem;

Output::Output(std::string dir) : dir_(std::move(dir)) {
  std::error_code error;
  fs::create_directories(dir_, error);
  if (error || !fs::is_directory(dir_)) {
    throw std::runtime_error("cannot create output directory '" + dir_ +
                             "': " + (error ? error.message() : "not a directory"));
  }
  write_text(".write-test", "");  // fails loudly now rather than after the computation
  fs::remove(path(".write-test"));
}

std::string Output::link(const std::string& file) const {
  return fs::path(dir_).lexically_normal().filename().string() + "/" + file;
}

void Output::write_text(const std::string& file, const std::string& text) const {
  const std::string final_path = path(file);
  const std::string temporary = final_path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write '" + temporary + "'");
  }
  std::error_code error;
  fs::rename(temporary, final_path, error);
  if (error) {
    throw std::runtime_error("cannot move '" + temporary + "' to '" + final_path +
                             "': " + error.message());
  }
}

void Output::write_json(const std::string& file, const nlohmann::json& value) const {
  write_text(file, value.dump(2) + "\n");
}

std::string exact(double value) {
  std::ostringstream os;
  os << std::setprecision(17) << value;
  return os.str();
}

std::string rounded(double value, int digits) {
  std::ostringstream os;
  os << std::setprecision(digits) << value;
  return os.str();
}

void Output::write_csv(const std::string& file, const std::vector<std::string>& header,
                       const std::vector<std::vector<double>>& rows) const {
  std::ostringstream os;
  for (std::size_t j = 0; j < header.size(); ++j) os << (j ? "," : "") << header[j];
  os << "\n";
  for (const auto& row : rows) {
    for (std::size_t j = 0; j < row.size(); ++j) os << (j ? "," : "") << exact(row[j]);
    os << "\n";
  }
  write_text(file, os.str());
}

bool Output::plot(const std::string& png_file, const std::string& script) const {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
    std::cerr << "note: gnuplot not found; figure " << path(png_file)
              << " skipped (its data is in the CSV files)\n";
    return false;
  }
  const std::string script_file = png_file.substr(0, png_file.rfind('.')) + ".gp";
  write_text(script_file, script);  // kept beside the figure, so it can be re-drawn by hand
  const std::string command = "gnuplot '" + path(script_file) + "' 2>&1";
  if (std::system(command.c_str()) != 0 || !fs::exists(path(png_file))) {
    std::cerr << "warning: gnuplot failed on " << path(script_file) << "; figure skipped\n";
    return false;
  }
  return true;
}

}  // namespace experiments
