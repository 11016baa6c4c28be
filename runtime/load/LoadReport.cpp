#include "LoadReport.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg::runtime {

std::string_view rejectKindName(RejectKind kind, bool plural) {
  switch (kind) {
  case RejectKind::Malformed:
    return plural ? "malformed records" : "malformed record";
  case RejectKind::FieldCount:
    return plural ? "wrong field counts" : "wrong field count";
  case RejectKind::BadValue:
    return plural ? "invalid values" : "invalid value";
  case RejectKind::MissingValue:
    return plural ? "missing values" : "missing value";
  case RejectKind::DuplicateKey:
    return plural ? "duplicate contact keys" : "duplicate contact key";
  case RejectKind::UnknownContact:
    return plural ? "events for unknown contacts" : "event for an unknown contact";
  case RejectKind::UnknownEventType:
    return plural ? "unknown event types" : "unknown event type";
  case RejectKind::ForeignProperty:
    return plural ? "values in another event type's column"
                  : "value in another event type's column";
  case RejectKind::Count_:
    break;
  }
  return "?";
}

std::string withThousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

FileSummary& LoadReport::file(const std::string& path) {
  for (FileSummary& f : files_)
    if (f.path == path) return f;
  files_.push_back({path, 0, 0, 0, {}});
  return files_.back();
}

void LoadReport::reject(RejectedRow row) {
  ++perKind_[static_cast<std::size_t>(row.kind)];
  ++rejectedTotal_;
  file(row.file).rejected++;
  rejects_.push_back(std::move(row));
}

std::string LoadReport::render() const {
  std::string out;
  for (const std::string& message : fatal_)
    out += fmt::format("error: {}\n", message);
  std::vector<const RejectedRow*> ordered;
  for (const RejectedRow& r : rejects_)
    ordered.push_back(&r);
  // Rows are reported per file in line order, whatever order threads found them in.
  std::stable_sort(ordered.begin(), ordered.end(), [](const RejectedRow* a, const RejectedRow* b) {
    return a->file != b->file ? a->file < b->file : a->line < b->line;
  });
  for (std::size_t i = 0; i < ordered.size() && i < kDetailedRejects; ++i)
    out += fmt::format("{}:{}: {}\n", ordered[i]->file, ordered[i]->line, ordered[i]->message);
  if (ordered.size() > kDetailedRejects) {
    std::array<std::uint64_t, static_cast<std::size_t>(RejectKind::Count_)> rest{};
    for (std::size_t i = kDetailedRejects; i < ordered.size(); ++i)
      ++rest[static_cast<std::size_t>(ordered[i]->kind)];
    std::string parts;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      if (rest[k] == 0) continue;
      if (!parts.empty()) parts += ", ";
      parts += fmt::format("{} {}", withThousands(rest[k]),
                           rejectKindName(static_cast<RejectKind>(k), rest[k] != 1));
    }
    out += fmt::format("… and {} more rejected rows ({})\n",
                       withThousands(ordered.size() - kDetailedRejects), parts);
  }
  for (const FileSummary& f : files_)
    for (const std::string& w : f.warnings)
      out += fmt::format("{}: warning: {}\n", f.path, w);
  for (const FileSummary& f : files_)
    out += fmt::format("{}: {} rows read, {} loaded, {} rejected\n", f.path, withThousands(f.read),
                       withThousands(f.loaded), withThousands(f.rejected));
  return out;
}

} // namespace seg::runtime
