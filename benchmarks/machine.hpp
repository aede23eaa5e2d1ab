// What the numbers were measured on: the report quotes it beside the table.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace bench {

// CPU model (/proc/cpuinfo), logical CPUs, the OpenBLAS build, core and thread count in use,
// the compiler, the build type and the load average when called.
nlohmann::json machine_info();

// This process's peak resident set size (VmHWM in /proc/self/status) in MiB; NaN if unknown.
// Read by the process itself: ru_maxrss of a child counts the memory of the process that
// spawned it until exec, which VmHWM (per address space) does not.
double peak_rss_mib();

// Runs this executable again with `arguments` (shell words) in a fresh process, one process
// per measured row, and parses the JSON line it prints last. Throws naming the command if it
// cannot start or fails.
nlohmann::json run_self(const std::string& arguments);

// The moons_model and peak_rss rows from `runs` fresh processes, each started by
// `run_moons_child` (this executable with --moons-child): their CPU and wall seconds, VmHWM,
// and the run's epochs, steps and last mean loss. Shared by bench_engine and bench_libtorch.
std::pair<nlohmann::json, nlohmann::json> measure_moons(
    std::size_t runs, const std::function<nlohmann::json()>& run_moons_child);

}  // namespace bench
