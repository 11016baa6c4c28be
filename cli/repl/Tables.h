// Rows of text with named columns, as `seg repl` shows members and answers: an aligned table
// for people, CSV or JSON (`:format`) for other programs, and CSV files (`:export`).
#pragma once

#include <iosfwd>
#include <seg/seg.hpp>
#include <string>
#include <vector>

namespace seg::cli::repl {

enum class AnswerFormat { Table, Csv, Json };

struct Table {
  std::vector<std::string> columns;
  std::vector<bool> numeric; // per column: written as a JSON number
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<bool>> nulls; // per row and column
};

// The members' rows: the key and the first four other fields (all fields when `allFields`),
// at most `limit` of them; personal data masked unless `pii`.
Table membersTable(const Dataset& data, const Members& members, std::size_t limit, bool pii,
                   bool allFields);

// Table: aligned, indented two spaces (nothing when there are no rows). Csv: RFC 4180 with a
// header. Json: an array of objects.
void writeTable(const Table& table, AnswerFormat format, std::ostream& out);
std::string jsonOf(const Table& table); // the Json form, for embedding in a larger answer

} // namespace seg::cli::repl
