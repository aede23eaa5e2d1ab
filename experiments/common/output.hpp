// Where an experiment writes: its directory of summary.json, CSV tables, PNG figures and a
// Markdown section that run_all.sh collects into results/REPORT.md.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace experiments {

class Output {
 public:
  // Creates the directory; throws std::runtime_error naming it if that fails or it is not
  // writable.
  explicit Output(std::string dir);

  const std::string& dir() const { return dir_; }
  std::string path(const std::string& file) const { return dir_ + "/" + file; }
  // The directory's last component: how REPORT.md (one level up) links to its files.
  std::string link(const std::string& file) const;

  // Each writer writes to a temporary file and renames it into place, so a reader never sees
  // a half-written file (a crash leaves the old file or none).
  void write_text(const std::string& file, const std::string& text) const;
  void write_json(const std::string& file, const nlohmann::json& value) const;
  void write_csv(const std::string& file, const std::vector<std::string>& header,
                 const std::vector<std::vector<double>>& rows) const;

  // Runs gnuplot on `script` (which should `set output` to path(png_file)); returns whether the
  // PNG was made. Without gnuplot, says that the figure was skipped and returns false.
  bool plot(const std::string& png_file, const std::string& script) const;

 private:
  std::string dir_;
};

// Full-precision text of a number for CSV and reports: 17 significant digits round-trip.
std::string exact(double value);
// A number rounded for reading: `digits` significant digits.
std::string rounded(double value, int digits = 4);

}  // namespace experiments
