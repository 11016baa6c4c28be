// What a load read, loaded and rejected, per file: every rejected row with its reason
// (the first 100 in full, then a count per kind), warnings, and the rows themselves for
// the reject files.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace seg::runtime {

enum class RejectKind : std::uint8_t {
  Malformed,        // the CSV/JSON record itself is broken
  FieldCount,       // too many or too few fields
  BadValue,         // a value that does not parse as its column's type
  MissingValue,     // empty where the field cannot be null
  DuplicateKey,     // a second contact with the same key
  UnknownContact,   // an event whose contact_id matches no contact
  UnknownEventType, // a `type` that the schema does not declare
  ForeignProperty,  // a value in a property column that the row's event type lacks
  Count_
};

std::string_view rejectKindName(RejectKind kind, bool plural);

struct RejectedRow {
  std::string file;
  std::uint64_t line = 0;
  RejectKind kind = RejectKind::BadValue;
  std::string message; // "column 'age': value 'abc' is not a valid int"
  std::string raw;     // the record exactly as read (kept for reject files)
};

struct FileSummary {
  std::string path;
  std::uint64_t read = 0;
  std::uint64_t loaded = 0;
  std::uint64_t rejected = 0;
  std::vector<std::string> warnings;
};

class LoadReport {
public:
  static constexpr std::size_t kDetailedRejects = 100;

  FileSummary& file(const std::string& path);
  void reject(RejectedRow row);
  // A problem that stops the load (unreadable file, missing required column).
  void fatal(std::string message) { fatal_.push_back(std::move(message)); }

  bool hasFatal() const { return !fatal_.empty(); }
  std::uint64_t rejectedCount() const { return rejectedTotal_; }
  const std::vector<FileSummary>& files() const { return files_; }
  const std::vector<RejectedRow>& rejects() const { return rejects_; }
  const std::vector<std::string>& fatalErrors() const { return fatal_; }

  // Messages (fatal, then rejected rows in file order), warnings, then the per-file summary.
  std::string render() const;

private:
  std::vector<FileSummary> files_;
  std::vector<RejectedRow> rejects_; // every rejected row, in the order reported
  std::array<std::uint64_t, static_cast<std::size_t>(RejectKind::Count_)> perKind_{};
  std::uint64_t rejectedTotal_ = 0;
  std::vector<std::string> fatal_;
};

// "1,234,567": summaries of large loads are read by people.
std::string withThousands(std::uint64_t n);

} // namespace seg::runtime
