// The member files' columns and the personal-data note (see MemberColumns.h).
#include "MemberColumns.h"

#include "base/Suggest.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace seg::cli {
namespace {

std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates) {
  std::optional<std::string> close = base::closestName(name, candidates);
  return close ? fmt::format("; did you mean '{}'?", *close) : "";
}

} // namespace

std::optional<std::vector<std::size_t>> memberColumns(const RunOptions& options,
                                                      const runtime::StoreSchema& schema) {
  std::vector<std::size_t> fields{static_cast<std::size_t>(schema.keyField)};
  std::vector<std::string> names;
  for (const runtime::ColumnSpec& spec : schema.contactFields)
    names.push_back(spec.name);
  for (const std::string& name : options.memberFields) {
    int index = schema.contactFieldIndex(name);
    if (index < 0) {
      fmt::print(stderr, "seg run: --member-fields: no contact field named '{}'{}\n", name,
                 didYouMean(name, names));
      return std::nullopt;
    }
    if (std::find(fields.begin(), fields.end(), static_cast<std::size_t>(index)) == fields.end())
      fields.push_back(static_cast<std::size_t>(index));
  }
  return fields;
}

void notePiiMasking(const runtime::StoreSchema& schema, const std::vector<std::size_t>& fields) {
  std::vector<std::string> masked;
  for (std::size_t field : fields)
    if (schema.contactFields[field].isPii) masked.push_back(schema.contactFields[field].name);
  if (masked.empty()) return;
  const runtime::ColumnSpec& key = schema.contactFields[schema.keyField];
  if (key.isPii)
    fmt::print(stderr,
               "seg run: the contact key '{}' is personal data (pii): member files hold it "
               "masked, so they cannot be matched back to contacts; pass --allow-pii to write "
               "it in clear\n",
               key.name);
  else
    fmt::print(stderr,
               "seg run: personal data masked in member files: {} (pass --allow-pii to "
               "write it in clear)\n",
               fmt::join(masked, ", "));
}

} // namespace seg::cli
