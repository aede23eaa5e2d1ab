#include "datasets/csv.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace datasets {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    cells.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return cells;
    start = comma + 1;
  }
}

// The whole cell as a double, or nothing. from_chars is locale-independent and correctly
// rounded, which the bit-exact round trip relies on (strtod depends on the C locale).
std::optional<double> parse_number(std::string_view cell) {
  if (!cell.empty() && cell.front() == '+') {
    cell.remove_prefix(1);                                          // from_chars rejects '+'
    if (!cell.empty() && cell.front() == '-') return std::nullopt;  // "+-1"
  }
  double value = 0.0;
  const char* end = cell.data() + cell.size();
  const auto [parsed_to, error] = std::from_chars(cell.data(), end, value);
  if (cell.empty() || error != std::errc() || parsed_to != end) return std::nullopt;
  return value;
}

bool is_blank(std::string_view line) {
  return trim(line).empty();
}

std::string where(const std::string& path, std::size_t line_number) {
  return "load_csv: " + path + ", line " + std::to_string(line_number) + ": ";
}

}  // namespace

Dataset load_csv(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("load_csv: cannot open " + path + " for reading");
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  if (file.bad()) throw std::runtime_error("load_csv: error while reading " + path);
  // A UTF-8 byte-order mark (Excel and Windows tools write one) is not part of the first cell:
  // left in, it would make a first data row look like a header and drop it.
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (!lines.empty() && std::string_view(lines[0]).substr(0, 3) == kUtf8Bom) lines[0].erase(0, 3);
  while (!lines.empty() && is_blank(lines.back())) lines.pop_back();
  if (lines.empty()) {
    throw std::invalid_argument(where(path, 1) + "no data rows (the file is empty)");
  }

  // A header is a first line with a cell that is not a number (sklearn/pandas files have one).
  const std::vector<std::string_view> first_cells = split_cells(lines[0]);
  bool has_header = false;
  for (const std::string_view cell : first_cells) has_header |= !parse_number(cell).has_value();
  const std::size_t n_columns = first_cells.size();
  if (n_columns < 2) {
    throw std::invalid_argument(where(path, 1) + "found " + std::to_string(n_columns) +
                                " column, need at least 2 (features, then the target)");
  }
  const std::size_t first_data_line = has_header ? 1 : 0;  // 0-based index into lines
  const std::size_t n_rows = lines.size() - first_data_line;
  if (n_rows == 0) {
    throw std::invalid_argument(where(path, 2) + "no data rows after the header");
  }

  Dataset data;
  data.X = autograd::Array::from_shape({n_rows, n_columns - 1});
  data.y = autograd::Array::from_shape({n_rows});
  for (std::size_t row = 0; row < n_rows; ++row) {
    const std::size_t line_index = first_data_line + row;
    const std::size_t line_number = line_index + 1;
    if (is_blank(lines[line_index])) {
      throw std::invalid_argument(where(path, line_number) + "blank line between data rows");
    }
    const std::vector<std::string_view> cells = split_cells(lines[line_index]);
    if (cells.size() != n_columns) {
      throw std::invalid_argument(where(path, line_number) + "expected " +
                                  std::to_string(n_columns) + " columns (as on line 1), found " +
                                  std::to_string(cells.size()));
    }
    for (std::size_t column = 0; column < n_columns; ++column) {
      const std::optional<double> value = parse_number(cells[column]);
      if (!value) {
        throw std::invalid_argument(where(path, line_number) + "column " +
                                    std::to_string(column + 1) + ": \"" +
                                    std::string(cells[column]) + "\" is not a number");
      }
      // Rejected here, not later as a non-finite loss that points at the learning rate.
      if (!std::isfinite(*value)) {
        throw std::invalid_argument(
            where(path, line_number) + "column " + std::to_string(column + 1) + ": \"" +
            std::string(cells[column]) + "\" is not finite (features and targets must be)");
      }
      if (column + 1 < n_columns) {
        data.X(row, column) = *value;
      } else {
        data.y(row) = *value;
      }
    }
  }
  return data;
}

namespace {

void check_header(const std::vector<std::string>& header, std::size_t n_features) {
  if (header.empty()) return;
  if (header.size() != n_features + 1) {
    throw std::invalid_argument("save_csv: header has " + std::to_string(header.size()) +
                                " names, expected " + std::to_string(n_features + 1) +
                                " (X's columns and the target)");
  }
  bool all_numbers = true;
  for (const std::string& name : header) {
    if (name.find_first_of(",\r\n") != std::string::npos) {
      throw std::invalid_argument("save_csv: header name \"" + name +
                                  "\" contains a comma or a line break");
    }
    all_numbers &= parse_number(trim(name)).has_value();
  }
  if (all_numbers) {
    throw std::invalid_argument(
        "save_csv: every header name is a number, so load_csv would read the header as data");
  }
}

// The file's text. 17 significant digits identify every double uniquely (DBL_DECIMAL_DIG);
// to_chars is locale-independent, unlike iostream formatting.
std::string csv_text(const Dataset& data, const std::vector<std::string>& header) {
  std::string text;
  for (std::size_t i = 0; i < header.size(); ++i) text += (i ? "," : "") + header[i];
  if (!header.empty()) text += '\n';
  const std::size_t n_features = data.X.shape()[1];
  char buffer[64];
  const auto append_number = [&](double value, std::size_t row, std::size_t column) {
    if (!std::isfinite(value)) {  // load_csv would refuse the file
      throw std::invalid_argument("save_csv: row " + std::to_string(row + 1) + ", column " +
                                  std::to_string(column + 1) + " is " + std::to_string(value) +
                                  "; a CSV of load_csv holds finite numbers only");
    }
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
    text.append(buffer, result.ptr);
  };
  for (std::size_t row = 0; row < data.size(); ++row) {
    for (std::size_t column = 0; column < n_features; ++column) {
      append_number(data.X(row, column), row, column);
      text += ',';
    }
    append_number(data.y.data()[row], row, n_features);
    text += '\n';
  }
  return text;
}

// Through a temporary file and a rename: a failed or interrupted write leaves the old file or
// none, never a truncated one. The stream is checked after the writes and after close().
void write_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw std::runtime_error("save_csv: cannot open " + temporary + " for writing (for " + path +
                             "): " + std::strerror(errno));
  }
  errno = 0;
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) {
    const std::string reason = errno != 0 ? std::strerror(errno) : "write failed";
    std::remove(temporary.c_str());
    throw std::runtime_error("save_csv: error while writing " + path + ": " + reason +
                             " (the partial file was removed)");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw std::runtime_error("save_csv: cannot rename " + temporary + " to " + path + ": " +
                             reason);
  }
}

}  // namespace

void save_csv(const Dataset& data, const std::string& path,
              const std::vector<std::string>& header) {
  check_dataset(data, "save_csv");
  const std::size_t n = data.size();
  const std::size_t n_features = data.X.shape()[1];
  if (data.y.size() != n) {
    throw std::invalid_argument("save_csv: y must hold one target per row, got shape " +
                                autograd::shape_to_string(data.y.shape()));
  }
  if (n == 0 || n_features == 0) {
    throw std::invalid_argument("save_csv: nothing to write, X has shape " +
                                autograd::shape_to_string(data.X.shape()) +
                                " (load_csv needs at least one row and one feature)");
  }
  check_header(header, n_features);
  write_atomically(path, csv_text(data, header));
}

}  // namespace datasets
