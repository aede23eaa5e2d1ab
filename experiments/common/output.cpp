#include "experiments/common/output.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "experiments/common/interrupt.hpp"

extern char** environ;

namespace experiments {

namespace fs = std::filesystem;

namespace {

// Writes `text` to `file_path` (created or truncated) with write(2), checking every call,
// close(2) included (where a network file system reports a full disk); returns "" or the error.
std::string write_whole_file(const std::string& file_path, const std::string& text) {
  const int fd = ::open(file_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return std::strerror(errno);
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t written = ::write(fd, text.data() + done, text.size() - done);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      const std::string error = written < 0 ? std::strerror(errno) : "nothing written";
      ::close(fd);
      return error;
    }
    done += static_cast<std::size_t>(written);
  }
  if (::close(fd) != 0) return std::strerror(errno);
  return "";
}

// Waits for gnuplot (pid) to end; when SIGINT or SIGTERM arrives first, stops it. Returns its
// wait status.
int wait_for_gnuplot(pid_t pid) {
  int status = 0;
  while (true) {
    const pid_t ended = ::waitpid(pid, &status, WNOHANG);
    if (ended == pid) return status;
    if (ended < 0 && errno != EINTR) return -1;
    if (interrupt_signal() != 0) {
      ::kill(pid, SIGTERM);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Runs `gnuplot script`, its stdout and stderr on this program's stdout (as `2>&1`); returns
// whether it exited with 0.
bool run_gnuplot_process(const std::string& script) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::string program = "gnuplot", argument = script;
  char* argv[] = {program.data(), argument.data(), nullptr};
  pid_t pid = 0;
  const int error = ::posix_spawnp(&pid, "gnuplot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return false;
  const int status = wait_for_gnuplot(pid);
  return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Whether `file` ends with the IEND chunk that closes every PNG: gnuplot exits with 0 even when
// a full disk cut its PNG short.
bool png_complete(const std::string& file) {
  static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in || in.tellg() < 12) return false;
  in.seekg(-12, std::ios::end);
  char tail[12];
  in.read(tail, sizeof tail);
  return in && std::memcmp(tail, iend, sizeof iend) == 0;
}

}  // namespace

std::unique_lock<std::mutex> hold_output_files() {
  static std::mutex files;
  return std::unique_lock<std::mutex>(files);
}

bool gnuplot_available() {
  const char* search_path = std::getenv("PATH");
  std::istringstream dirs(search_path ? search_path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/gnuplot";
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return true;
  }
  return false;
}

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
  const auto writing = hold_output_files();
  throw_if_interrupted();
  const std::string final_path = path(file);
  const std::string temporary = final_path + ".tmp";
  if (const std::string error = write_whole_file(temporary, text); !error.empty()) {
    ::unlink(temporary.c_str());
    throw std::runtime_error("cannot write '" + final_path + "': " + error + " (" + file +
                             " is as it was; no partial file is left)");
  }
  if (std::rename(temporary.c_str(), final_path.c_str()) != 0) {
    const std::string error = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw std::runtime_error("cannot move '" + temporary + "' to '" + final_path + "': " + error);
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
  if (!gnuplot_available()) {
    std::cerr << "note: gnuplot not found; figure " << path(png_file)
              << " skipped (its data is in the CSV files)\n";
    return false;
  }
  const std::string script_file = png_file.substr(0, png_file.rfind('.')) + ".gp";
  write_text(script_file, script);  // kept beside the figure, so it can be re-drawn by hand
  if (!run_gnuplot(script_file, {png_file}) || !fs::exists(path(png_file))) {
    std::cerr << "warning: gnuplot failed on " << path(script_file) << "; figure skipped\n";
    return false;
  }
  if (!png_complete(path(png_file))) {  // a write error, not a bad script
    ::unlink(path(png_file).c_str());
    throw std::runtime_error("cannot write '" + path(png_file) +
                             "': gnuplot left it incomplete (a full disk?); it was removed");
  }
  return true;
}

bool Output::run_gnuplot(const std::string& script_file,
                         const std::vector<std::string>& outputs) const {
  if (!gnuplot_available()) return false;
  const auto drawing = hold_output_files();
  throw_if_interrupted();
  if (run_gnuplot_process(path(script_file))) return true;
  for (const std::string& file : outputs) ::unlink(path(file).c_str());  // perhaps half written
  throw_if_interrupted();
  return false;
}

}  // namespace experiments
