// Where an experiment writes: its directory of summary.json, CSV tables, PNG figures and a
// Markdown section that run_all.sh collects into results/REPORT.md.
#pragma once

#include <mutex>
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

  // Each writer writes to a temporary file (<file>.tmp) and renames it into place, so a reader
  // never sees a half-written file: a crash leaves the old file or none (and perhaps the .tmp),
  // SIGINT or SIGTERM leaves the old file or the new one. A write error (a full disk) throws
  // std::runtime_error naming the file and the system's reason, after removing the .tmp. After
  // SIGINT or SIGTERM (interrupt.hpp) a writer throws Interrupted instead of starting a file.
  void write_text(const std::string& file, const std::string& text) const;
  void write_json(const std::string& file, const nlohmann::json& value) const;
  void write_csv(const std::string& file, const std::vector<std::string>& header,
                 const std::vector<std::vector<double>>& rows) const;

  // Runs gnuplot on `script` (which should `set output` to path(png_file)); returns whether the
  // PNG was made. Without gnuplot, or when gnuplot fails, says that the figure was skipped and
  // returns false. A PNG cut short (gnuplot says nothing of a full disk) is removed and throws
  // std::runtime_error naming it.
  bool plot(const std::string& png_file, const std::string& script) const;

  // Runs gnuplot on the script `script_file` (already written), which writes `outputs`. Returns
  // whether gnuplot ran and succeeded; when it fails, or is stopped by SIGINT or SIGTERM (then
  // Interrupted is thrown), the outputs it may have half written are removed.
  bool run_gnuplot(const std::string& script_file, const std::vector<std::string>& outputs) const;

 private:
  std::string dir_;
};

// Held by every writer while it writes a file (and by gnuplot's runs): whoever holds it knows
// that no file is half written. The runner's watchdog takes it before it ends the process.
std::unique_lock<std::mutex> hold_output_files();

// Whether gnuplot is on the PATH.
bool gnuplot_available();

// Full-precision text of a number for CSV and reports: 17 significant digits round-trip.
std::string exact(double value);
// A number rounded for reading: `digits` significant digits.
std::string rounded(double value, int digits = 4);

}  // namespace experiments
