#include "benchmarks/machine.hpp"

#include <cblas.h>  // OpenBLAS's CBLAS declares openblas_get_config and friends

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <unistd.h>  // readlink

#ifndef BENCH_BUILD_TYPE
#define BENCH_BUILD_TYPE "unknown"
#endif

namespace bench {

namespace {

// The value of the first "key : value" line of a /proc file whose key is `key`.
std::string proc_field(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name != key) continue;
    const auto start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

// The 1-, 5- and 15-minute load averages: other work on the machine slows every figure.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

}  // namespace

nlohmann::json machine_info() {
  const char* threads_env = std::getenv("OPENBLAS_NUM_THREADS");
  return {{"cpu_model", proc_field("/proc/cpuinfo", "model name")},
          {"logical_cpus", std::thread::hardware_concurrency()},
          {"openblas_config", openblas_get_config()},
          {"openblas_core", openblas_get_corename()},
          {"openblas_threads", openblas_get_num_threads()},
          {"OPENBLAS_NUM_THREADS", threads_env ? threads_env : "unset"},
          {"compiler_version", __VERSION__},
          {"build_type", BENCH_BUILD_TYPE},
          {"load_average", load_average()}};
}

double peak_rss_mib() {
  // "VmHWM:    12345 kB"
  std::istringstream value(proc_field("/proc/self/status", "VmHWM"));
  double kib = 0;
  std::string unit;
  if (!(value >> kib >> unit) || unit != "kB") return std::numeric_limits<double>::quiet_NaN();
  constexpr double kKibPerMib = 1024;
  return kib / kKibPerMib;
}

namespace {

std::string own_executable() {
  std::array<char, 4096> path{};
  const ssize_t length = readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (length <= 0) throw std::runtime_error("cannot read /proc/self/exe");
  return std::string(path.data(), static_cast<std::size_t>(length));
}

}  // namespace

nlohmann::json run_self(const std::string& arguments) {
  const std::string command = "'" + own_executable() + "' " + arguments;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot start: " + command);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  if (pclose(pipe) != 0) throw std::runtime_error("the child process failed: " + command);
  while (!output.empty() && output.back() == '\n') output.pop_back();
  const auto newline = output.rfind('\n');
  return nlohmann::json::parse(newline == std::string::npos ? output : output.substr(newline + 1));
}

std::pair<nlohmann::json, nlohmann::json> measure_moons(
    std::size_t runs, const std::function<nlohmann::json()>& run_moons_child) {
  nlohmann::json moons = {{"unit", "s"},
                          {"values", nlohmann::json::array()},
                          {"wall_values", nlohmann::json::array()},
                          {"timed", "the training loop, in a fresh process per repetition"}};
  nlohmann::json peak_rss = {{"unit", "MiB"},
                             {"values", nlohmann::json::array()},
                             {"measured", "VmHWM of the process that trained one moons model"}};
  for (std::size_t run = 0; run < runs; ++run) {
    const nlohmann::json child = run_moons_child();
    moons["values"].push_back(child["cpu_seconds"]);
    moons["wall_values"].push_back(child["wall_seconds"]);
    peak_rss["values"].push_back(child["peak_rss_mib"]);
    for (const char* key : {"epochs", "steps", "last_epoch_mean_loss"}) moons[key] = child[key];
  }
  return {moons, peak_rss};
}

}  // namespace bench
