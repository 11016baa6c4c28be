#include "report/TextTable.h"

#include <algorithm>

namespace seg::report {

std::size_t displayWidth(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string TextTable::render(const std::string& indent) const {
  std::vector<std::size_t> widths(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c)
    widths[c] = displayWidth(columns_[c].header);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size() && c < columns_.size(); ++c)
      widths[c] = std::max(widths[c], displayWidth(row[c]));

  // The last non-empty cell ends the line, so left-aligned text never leaves padding.
  auto line = [&](auto cellAt) {
    std::string out = indent;
    std::size_t last = 0;
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (!cellAt(c).empty()) last = c;
    for (std::size_t c = 0; c <= last; ++c) {
      const std::string& cell = cellAt(c);
      std::string pad(widths[c] - displayWidth(cell), ' ');
      if (c > 0) out += "  ";
      if (columns_[c].align == Align::Right)
        out += pad + cell;
      else
        out += c == last ? cell : cell + pad;
    }
    return out + "\n";
  };
  static const std::string kEmpty;
  std::string out = line([&](std::size_t c) -> const std::string& { return columns_[c].header; });
  for (const auto& row : rows_)
    out +=
        line([&](std::size_t c) -> const std::string& { return c < row.size() ? row[c] : kEmpty; });
  return out;
}

} // namespace seg::report
