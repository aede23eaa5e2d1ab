// Markdown pieces of the report sections: tables from rows of already formatted cells.
#pragma once

#include <string>
#include <vector>

namespace experiments {

// Text made safe for a table cell: a | would end the cell, so it is written \|.
std::string markdown_cell(const std::string& text);

// | a | b |\n| --- | --- |\n| 1 | 2 |\n — every row must have as many cells as the header.
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows);

}  // namespace experiments
