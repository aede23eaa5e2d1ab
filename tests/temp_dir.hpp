// Temporary directories of the tests, removed when they go out of scope, whether the test
// passed or failed (a failed REQUIRE unwinds the stack). DROPOUT_LAB_KEEP_TEMP=1 keeps them and
// prints where each one is, to look inside after a failure.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace test {

inline bool keep_temp_dirs() {
  const char* keep = std::getenv("DROPOUT_LAB_KEEP_TEMP");
  return keep != nullptr && std::string(keep) != "" && std::string(keep) != "0";
}

// A fresh, empty directory <system temp>/dropout_lab_<name>_<pid>_<n>, removed with its contents
// by the destructor (unless DROPOUT_LAB_KEEP_TEMP=1: then it says where it is).
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("dropout_lab_" + name + "_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    if (keep_temp_dirs()) {
      std::cerr << "DROPOUT_LAB_KEEP_TEMP: kept " << path_.string() << "\n";
      return;
    }
    std::error_code ignored;  // a destructor must not throw; a leftover is harmless
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }
  std::filesystem::path operator/(const std::string& file) const { return path_ / file; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A fresh, empty directory that lasts until the test binary exits and is removed then, as a
// TempDir (ctest runs each test case in a process of its own, so that is the end of the test).
// For runs that several test cases share through a static cache.
inline std::filesystem::path fresh_directory(const std::string& name) {
  static std::vector<std::unique_ptr<TempDir>> until_exit;
  until_exit.push_back(std::make_unique<TempDir>(name));
  return until_exit.back()->path();
}

}  // namespace test
