// The C API's datasets: seg_dataset opened from a snapshot or loaded from a folder of data
// files, wrapping seg::Dataset.
#include "CHandles.h"

using seg::capi::fail;
using seg::capi::guarded;
using seg::capi::nullArgument;

namespace {

// Hands the dataset to *out, or its error to *err.
int made(seg::Expected<seg::Dataset>&& dataset, seg_dataset** out, seg_error** err) {
  if (!dataset) return fail(err, dataset.error());
  *out = new seg_dataset{std::move(dataset).value()};
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

int64_t seg_dataset_contact_count(const seg_dataset* d) {
  return d == nullptr ? -1 : static_cast<int64_t>(d->dataset.contactCount());
}

const char* seg_dataset_load_report(const seg_dataset* d) {
  return d == nullptr ? "" : d->dataset.loadReport().c_str();
}

void seg_dataset_free(seg_dataset* d) {
  delete d;
}
