// What the fuzz targets share: a checked property that aborts (so that libFuzzer, or the replay
// test, reports the input), and a scratch file for the loaders that read a path.
#pragma once

#include <unistd.h>  // getpid: a scratch name of this process's own

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace fuzz {

// A property that must hold for every input: when it does not, the reason on stderr and
// abort(), which libFuzzer reports as a crash and saves the input.
inline void require(bool holds, std::string_view what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: property violated: %.*s\n", static_cast<int>(what.size()),
               what.data());
  std::abort();
}

// The input as a string of bytes (NUL bytes included).
inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string() : std::string(reinterpret_cast<const char*>(data), size);
}

// The same bits: -0 differs from 0, and no rounding is forgiven.
inline bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// A file in the temporary directory, named after `stem` and this process, removed when the
// object goes (the loaders under test take a path, not bytes).
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& stem)
      : path_((std::filesystem::temp_directory_path() /
               ("dropout_lab_fuzz_" + stem + "_" + std::to_string(::getpid())))
                  .string()) {}
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile() { std::remove(path_.c_str()); }

  const std::string& path() const { return path_; }

  void write(const std::string& bytes) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    require(static_cast<bool>(out), "the scratch file " + path_ + " could be written");
  }

 private:
  std::string path_;
};

}  // namespace fuzz
