#include "ColumnMapping.h"

#include "base/Suggest.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace seg::runtime {

int findColumn(const std::vector<std::string>& sourceColumns, std::string_view name) {
  for (std::size_t i = 0; i < sourceColumns.size(); ++i)
    if (sourceColumns[i] == name) return static_cast<int>(i);
  return -1;
}

ColumnMapping mapColumns(const std::vector<std::string>& sourceColumns,
                         const std::vector<const ColumnSpec*>& specs,
                         const std::vector<std::string>& extraKnown, bool requireAll) {
  ColumnMapping mapping;
  std::set<std::string> seen;
  for (const std::string& column : sourceColumns)
    if (!seen.insert(column).second)
      mapping.fatal.push_back(fmt::format("the column '{}' appears twice in the header", column));

  std::vector<std::string> unused;
  for (const std::string& column : sourceColumns) {
    bool known = std::find(extraKnown.begin(), extraKnown.end(), column) != extraKnown.end() ||
                 std::any_of(specs.begin(), specs.end(),
                             [&](const ColumnSpec* s) { return s->name == column; });
    if (!known) unused.push_back(column);
  }
  for (const ColumnSpec* spec : specs) {
    int source = findColumn(sourceColumns, spec->name);
    mapping.sourceOf.push_back(source);
    if (source >= 0 || !requireAll) continue;
    if (spec->nullable) {
      mapping.warnings.push_back(
          fmt::format("no column '{}': every row gets null for it", spec->name));
      continue;
    }
    std::string message = fmt::format("missing column '{}', which the schema requires", spec->name);
    if (auto near = base::closestName(spec->name, unused))
      message += fmt::format(" (the file has '{}': a typo?)", *near);
    mapping.fatal.push_back(message);
  }
  for (const std::string& column : unused)
    mapping.warnings.push_back(fmt::format("unknown column '{}' is ignored", column));
  return mapping;
}

} // namespace seg::runtime
