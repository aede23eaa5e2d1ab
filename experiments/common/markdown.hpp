// Markdown pieces of the report sections: tables from rows of already formatted cells.
#pragma once

#include <string>
#include <vector>

namespace experiments {

// | a | b |\n| --- | --- |\n| 1 | 2 |\n — every row must have as many cells as the header.
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows);

}  // namespace experiments
