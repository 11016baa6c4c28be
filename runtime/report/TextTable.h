// A plain-text table for terminals: columns sized to their widest cell (counted in code
// points), numbers right-aligned, no trailing spaces.
#pragma once

#include <string>
#include <vector>

namespace seg::report {

class TextTable {
public:
  enum class Align { Left, Right };
  struct Column {
    std::string header;
    Align align = Align::Left;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // Missing trailing cells are empty.
  void addRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  // The header line and every row, each prefixed with `indent`.
  std::string render(const std::string& indent = "") const;

private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Code points in UTF-8 text (what a terminal shows for the scripts our data uses).
std::size_t displayWidth(const std::string& text);

} // namespace seg::report
