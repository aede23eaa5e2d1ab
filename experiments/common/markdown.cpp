#include "experiments/common/markdown.hpp"

#include <stdexcept>

namespace experiments {

namespace {
std::string row_text(const std::vector<std::string>& cells) {
  std::string text = "|";
  for (const std::string& cell : cells) text += " " + cell + " |";
  return text + "\n";
}
}  // namespace

std::string markdown_cell(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows) {
  std::string text = row_text(header) + row_text(std::vector<std::string>(header.size(), "---"));
  for (const std::vector<std::string>& row : rows) {
    if (row.size() != header.size()) {
      throw std::invalid_argument("markdown_table: a row has " + std::to_string(row.size()) +
                                  " cells, the header " + std::to_string(header.size()));
    }
    text += row_text(row);
  }
  return text;
}

}  // namespace experiments
