#include "repl/Tables.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

namespace seg::cli::repl {
namespace {

// Code points, so columns line up under non-ASCII text.
std::size_t codePoints(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

nlohmann::ordered_json jsonValue(const Table& t, std::size_t row, std::size_t column) {
  if (t.nulls[row][column]) return nullptr;
  const std::string& text = t.rows[row][column];
  if (t.numeric[column]) {
    nlohmann::ordered_json number = nlohmann::ordered_json::parse(text, nullptr, false);
    if (!number.is_discarded() && number.is_number()) return number;
  }
  return text;
}

nlohmann::ordered_json jsonTable(const Table& t) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      row[t.columns[c]] = jsonValue(t, r, c);
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace

Table membersTable(const Dataset& data, const Members& members, std::size_t limit, bool pii,
                   bool allFields) {
  Table table;
  std::vector<const Field*> fields{&data.schema().keyField()};
  for (const Field& f : data.schema().fields())
    if (!f.key && (allFields || fields.size() < 5)) fields.push_back(&f);
  for (const Field* f : fields) {
    table.columns.push_back(f->name);
    table.numeric.push_back(f->type == FieldType::Int || f->type == FieldType::Float);
  }
  std::span<const std::uint32_t> memberRows = members.rows();
  for (std::size_t i = 0; i < memberRows.size() && i < limit; ++i) {
    std::vector<std::string> row;
    std::vector<bool> nulls;
    for (const Field* f : fields) {
      Expected<std::optional<std::string>> text = data.fieldText(f->name, memberRows[i], pii);
      bool isNull = !text.ok() || !text->has_value();
      row.push_back(isNull ? "null" : **text);
      nulls.push_back(isNull);
    }
    table.rows.push_back(std::move(row));
    table.nulls.push_back(std::move(nulls));
  }
  return table;
}

std::string jsonOf(const Table& table) {
  return jsonTable(table).dump();
}

void writeTable(const Table& t, AnswerFormat format, std::ostream& out) {
  if (format == AnswerFormat::Json) {
    out << jsonOf(t) << "\n";
    return;
  }
  if (format == AnswerFormat::Csv) {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      out << (c ? "," : "") << csvField(t.columns[c]);
    out << "\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        out << (c ? "," : "") << (t.nulls[r][c] ? "" : csvField(t.rows[r][c]));
      out << "\n";
    }
    return;
  }
  if (t.rows.empty()) return;
  std::vector<std::size_t> widths(t.columns.size(), 0);
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    widths[c] = codePoints(t.columns[c]);
  for (const auto& row : t.rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], codePoints(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = " ";
    for (std::size_t c = 0; c < cells.size(); ++c)
      text += " " + cells[c] + std::string(widths[c] - codePoints(cells[c]) + 1, ' ');
    while (!text.empty() && text.back() == ' ')
      text.pop_back();
    out << text << "\n";
  };
  line(t.columns);
  for (const auto& row : t.rows)
    line(row);
}

} // namespace seg::cli::repl
