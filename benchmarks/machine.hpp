// What the numbers were measured on: the report quotes it beside the table.
#pragma once

#include <string>

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

}  // namespace bench
