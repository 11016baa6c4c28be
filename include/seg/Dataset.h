// seg::Dataset: contacts and their events, columnar: a mapped snapshot, files loaded from a
// folder, or columns owned by the caller and bound without copying. Thread-safety:
// immutable; copies share the data and may be run on from any threads at once.
#pragma once

#include "seg/Error.h"
#include "seg/Schema.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

// A column owned by the caller: `values` has one entry per row in the layout of its
// FieldType (see Schema.h); bit r of `validity` (Arrow's order: word r/64, bit r%64) is set
// when row r holds a value; null validity means no nulls.
struct ColumnView {
  const void* values = nullptr;
  const std::uint64_t* validity = nullptr;
  // String columns: code c is the text bytes[offsets[c] .. offsets[c+1]), UTF-8, each text
  // once; `dictionarySize` + 1 offsets.
  const std::uint64_t* dictionaryOffsets = nullptr;
  const char* dictionaryBytes = nullptr;
  std::size_t dictionarySize = 0;
};

struct EventColumns {
  std::string type; // an event type of the schema
  std::size_t rows = 0;
  // The contact row (0-based index into the contact columns) of each event.
  const std::uint32_t* contactRows = nullptr;
  const std::int64_t* at = nullptr; // UTC microseconds
  // Parallel to EventType::properties.
  std::vector<ColumnView> properties;
};

struct BindOptions {
  // Kept alive as long as anything (a dataset, a result) reads the caller's memory;
  // without it the caller keeps the memory alive for as long as the dataset and its
  // results exist.
  std::shared_ptr<const void> owner;
};

struct LoadOptions {
  std::uint64_t maxErrors = 0; // rejected rows tolerated (0: any bad row fails the load)
  unsigned threads = 0;        // 0: one per core
};

namespace detail {
struct DatasetData;
}

class Dataset {
public:
  // A snapshot written by `seg import`; mapped, so opening costs milliseconds.
  static Expected<Dataset> open(const std::string& snapshotPath);
  // A folder with contacts.csv (or .ndjson/.jsonl) and event files, checked against the
  // schema; loadReport() tells what was loaded and rejected.
  static Expected<Dataset> load(const Schema& schema, const std::string& dataDir,
                                const LoadOptions& options = {});
  static Expected<Dataset> load(const std::string& schemaPath, const std::string& dataDir,
                                const LoadOptions& options = {});
  // Columns in the caller's memory, one per contact field in schema order. Events already
  // in (contact, at) order are bound without copying; others are copied into that order
  // (stable: equal times keep the caller's order), which bindNotes() says. Every value is
  // checked (codes in range, keys unique and present, texts unique and UTF-8).
  static Expected<Dataset> fromColumns(const Schema& schema, std::size_t contacts,
                                       const std::vector<ColumnView>& contactColumns,
                                       const std::vector<EventColumns>& events,
                                       const BindOptions& options = {});

  const Schema& schema() const;
  std::size_t contactCount() const;
  std::size_t eventCount() const;                                       // all types
  std::optional<std::size_t> eventCount(const std::string& type) const; // nullopt: no such type
  bool fromSnapshot() const;
  // The loader's report (`seg run`'s text) for Dataset::load; empty otherwise.
  const std::string& loadReport() const;
  std::uint64_t rejectedRows() const;
  // Contact row `row`'s value of `field` as text, as `seg run --members` writes it (enums by
  // name, timestamps ISO-8601 UTC, floats in their shortest exact form); nullopt for null.
  // Personal data (`pii` fields) comes masked ("a***@example.com") unless `revealPii`.
  Expected<std::optional<std::string>> fieldText(std::string_view field, std::size_t row,
                                                 bool revealPii = false) const;
  // The row of the contact whose key is `key` (int keys in decimal); nullopt when none is.
  // The first call indexes the keys (tens of milliseconds for a million contacts).
  std::optional<std::size_t> findContact(std::string_view key) const;
  // What binding had to do, e.g. "events of 'purchase' were not in (contact, at) order: copied".
  const std::vector<std::string>& bindNotes() const;

  // Internal: libseg's own representation.
  explicit Dataset(std::shared_ptr<const detail::DatasetData> data);
  const std::shared_ptr<const detail::DatasetData>& data() const { return data_; }

private:
  std::shared_ptr<const detail::DatasetData> data_;
};

} // namespace seg
