// The C API's datasets: seg_dataset opened from a snapshot or loaded from a folder of data
// files, wrapping seg::Dataset.
#include "CHandles.h"

#include <memory>
#include <vector>

using seg::capi::fail;
using seg::capi::guarded;
using seg::capi::nullArgument;

namespace {

// Hands the dataset to *out, or its error to *err.
int made(seg::Expected<seg::Dataset>&& dataset, seg_dataset** out, seg_error** err) {
  if (!dataset) return fail(err, dataset.error());
  *out = new seg_dataset{std::move(dataset).value(), {}};
  return SEG_OK;
}

} // namespace

int seg_dataset_open(const char* snapshot_path, seg_dataset** out, seg_error** err) {
  constexpr const char* function = "seg_dataset_open";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (snapshot_path == nullptr) return nullArgument(err, function, "snapshot_path");
    return made(seg::Dataset::open(snapshot_path), out, err);
  });
}

int seg_dataset_load(const char* schema_path, const char* data_dir, seg_dataset** out,
                     seg_error** err) {
  constexpr const char* function = "seg_dataset_load";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (schema_path == nullptr) return nullArgument(err, function, "schema_path");
    if (data_dir == nullptr) return nullArgument(err, function, "data_dir");
    return made(seg::Dataset::load(std::string(schema_path), std::string(data_dir)), out, err);
  });
}

namespace {

seg::ColumnView viewOf(const seg_column& c) {
  return {c.values, c.validity, c.dictionary_offsets, c.dictionary_bytes, c.dictionary_size};
}

} // namespace

int seg_dataset_from_columns(const char* schema_path, size_t contacts,
                             const seg_column* contact_columns, size_t column_count,
                             const seg_event_columns* events, size_t event_count, seg_dataset** out,
                             seg_error** err) {
  constexpr const char* function = "seg_dataset_from_columns";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (schema_path == nullptr) return nullArgument(err, function, "schema_path");
    if (contact_columns == nullptr && column_count > 0)
      return nullArgument(err, function, "contact_columns");
    if (events == nullptr && event_count > 0) return nullArgument(err, function, "events");
    seg::Expected<seg::Schema> schema = seg::Schema::compileFiles({schema_path});
    if (!schema) return fail(err, schema.error());
    std::vector<seg::ColumnView> columns;
    for (std::size_t c = 0; c < column_count; ++c)
      columns.push_back(viewOf(contact_columns[c]));
    std::vector<seg::EventColumns> bound;
    for (std::size_t e = 0; e < event_count; ++e) {
      const seg_event_columns& given = events[e];
      if (given.type == nullptr) return nullArgument(err, function, "events[].type");
      if (given.properties == nullptr && given.property_count > 0)
        return nullArgument(err, function, "events[].properties");
      seg::EventColumns columnsOfType{given.type, given.rows, given.contact_rows, given.at, {}};
      for (std::size_t p = 0; p < given.property_count; ++p)
        columnsOfType.properties.push_back(viewOf(given.properties[p]));
      bound.push_back(std::move(columnsOfType));
    }
    seg::Expected<seg::Dataset> dataset =
        seg::Dataset::fromColumns(*schema, contacts, columns, bound);
    if (!dataset) return fail(err, dataset.error());
    auto handle = std::make_unique<seg_dataset>(seg_dataset{std::move(dataset).value(), {}});
    for (const std::string& note : handle->dataset.bindNotes())
      handle->bindNotes += note + "\n";
    *out = handle.release();
    return SEG_OK;
  });
}

const char* seg_dataset_bind_notes(const seg_dataset* d) {
  return d == nullptr ? "" : d->bindNotes.c_str();
}

int64_t seg_dataset_contact_count(const seg_dataset* d) {
  return d == nullptr ? -1 : static_cast<int64_t>(d->dataset.contactCount());
}

const char* seg_dataset_load_report(const seg_dataset* d) {
  return d == nullptr ? "" : d->dataset.loadReport().c_str();
}

void seg_dataset_free(seg_dataset* d) {
  delete d;
}
