// One batch of changes as it arrived: contacts files (upserts) and event files (appends) in
// the layouts `seg import` reads, with their bytes. The unit the change log makes durable and
// the live store applies whole or not at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime::live {

enum class ChangeKind : std::uint8_t { Contacts = 0, Events = 1 };

struct ChangePart {
  ChangeKind kind = ChangeKind::Events;
  // The name reports use; its extension says the format (.ndjson/.jsonl/.json: NDJSON, else
  // CSV) and, for events without a `type` column, its stem may name the type.
  std::string name;
  std::string type; // events: the type when given as TYPE=PATH
  std::string bytes;
};

struct ChangeBatch {
  std::vector<ChangePart> parts;
};

// The log record's payload: u64 part count, then per part u8 kind, str name, str type, str
// bytes (str = u64 length + bytes), little-endian.
std::string encodeBatch(const ChangeBatch& batch);
std::optional<ChangeBatch> decodeBatch(std::string_view payload);

} // namespace seg::runtime::live
