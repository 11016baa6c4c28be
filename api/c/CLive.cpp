// The C API's live data sets: seg_live over seg::LiveDataset (changes applied durably,
// evaluations recorded) and seg_deltas over seg::Deltas.
#include "CHandles.h"

#include <map>
#include <mutex>

using seg::capi::fail;
using seg::capi::guarded;
using seg::capi::invalidArgument;
using seg::capi::nullArgument;

struct seg_live {
  seg::LiveDataset live;
};

struct seg_deltas {
  seg::Deltas deltas;
  mutable std::mutex mutex; // guards the strings handed out below
  mutable std::map<std::uint32_t, std::string> keys;
  mutable std::string json;
};

int seg_live_open(const char* snapshot_path, seg_live** out, seg_error** err) {
  constexpr const char* function = "seg_live_open";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (snapshot_path == nullptr) return nullArgument(err, function, "snapshot_path");
    seg::Expected<seg::LiveDataset> live = seg::LiveDataset::open(snapshot_path);
    if (!live) return fail(err, live.error());
    *out = new seg_live{std::move(live).value()};
    return SEG_OK;
  });
}

int seg_live_apply(seg_live* l, int kind, const char* name, const char* text, size_t text_size,
                   uint64_t* sequence, seg_error** err) {
  constexpr const char* function = "seg_live_apply";
  return guarded(err, function, [&] {
    if (l == nullptr) return nullArgument(err, function, "l");
    if (name == nullptr) return nullArgument(err, function, "name");
    if (text == nullptr && text_size != 0) return nullArgument(err, function, "text");
    if (kind != SEG_CHANGE_EVENTS && kind != SEG_CHANGE_CONTACTS)
      return invalidArgument(err, function, "kind is SEG_CHANGE_EVENTS or SEG_CHANGE_CONTACTS");
    seg::Change change{kind == SEG_CHANGE_EVENTS ? seg::ChangeKind::Events
                                                 : seg::ChangeKind::Contacts,
                       name, "", std::string(text == nullptr ? "" : text, text_size)};
    seg::Expected<seg::ApplyReport> applied = l->live.apply({std::move(change)});
    if (!applied) return fail(err, applied.error());
    if (sequence != nullptr) *sequence = applied->sequence;
    return SEG_OK;
  });
}

int seg_live_advance(seg_live* l, const seg_program* p, const seg_run_options* options,
                     seg_deltas** out, seg_error** err) {
  constexpr const char* function = "seg_live_advance";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (l == nullptr) return nullArgument(err, function, "l");
    if (p == nullptr) return nullArgument(err, function, "p");
    seg::Expected<seg::Deltas> deltas =
        l->live.advance(p->program, options != nullptr ? options->options : seg::RunOptions{});
    if (!deltas) return fail(err, deltas.error());
    *out = new seg_deltas{std::move(deltas).value(), {}, {}, {}};
    return SEG_OK;
  });
}

int seg_live_compact(seg_live* l, seg_error** err) {
  constexpr const char* function = "seg_live_compact";
  return guarded(err, function, [&] {
    if (l == nullptr) return nullArgument(err, function, "l");
    seg::Expected<seg::CompactReport> report = l->live.compact();
    if (!report) return fail(err, report.error());
    return SEG_OK;
  });
}

void seg_live_free(seg_live* l) {
  delete l;
}

uint64_t seg_deltas_evaluation(const seg_deltas* d) {
  return d == nullptr ? 0 : d->deltas.evaluation;
}

const char* seg_deltas_method(const seg_deltas* d) {
  return d == nullptr ? "" : d->deltas.method.c_str();
}

size_t seg_deltas_count(const seg_deltas* d) {
  return d == nullptr ? 0 : d->deltas.segments.size();
}

const char* seg_deltas_name(const seg_deltas* d, size_t i) {
  if (d == nullptr || i >= d->deltas.segments.size()) return "";
  return d->deltas.segments[i].name.c_str();
}

namespace {

int rowsOf(const seg_deltas* d, size_t i, bool entered, const uint32_t** rows, size_t* n,
           seg_error** err, const char* function) {
  return guarded(err, function, [&] {
    if (rows == nullptr) return nullArgument(err, function, "rows");
    if (n == nullptr) return nullArgument(err, function, "n");
    *rows = nullptr;
    *n = 0;
    if (d == nullptr) return nullArgument(err, function, "d");
    if (i >= d->deltas.segments.size())
      return invalidArgument(err, function, "i is past the last segment (seg_deltas_count)");
    const std::vector<std::uint32_t>& list =
        entered ? d->deltas.segments[i].entered : d->deltas.segments[i].left;
    *rows = list.data();
    *n = list.size();
    return SEG_OK;
  });
}

} // namespace

int seg_deltas_entered(const seg_deltas* d, size_t i, const uint32_t** rows, size_t* n,
                       seg_error** err) {
  return rowsOf(d, i, true, rows, n, err, "seg_deltas_entered");
}

int seg_deltas_left(const seg_deltas* d, size_t i, const uint32_t** rows, size_t* n,
                    seg_error** err) {
  return rowsOf(d, i, false, rows, n, err, "seg_deltas_left");
}

int64_t seg_deltas_members(const seg_deltas* d, size_t i) {
  if (d == nullptr || i >= d->deltas.segments.size()) return -1;
  return static_cast<int64_t>(d->deltas.segments[i].members);
}

const char* seg_deltas_key(const seg_deltas* d, uint32_t row) {
  return seg::capi::answered<const char*>(nullptr, [&]() -> const char* {
    if (d == nullptr) return nullptr;
    std::optional<std::string> key = d->deltas.key(row);
    if (!key) return nullptr;
    std::lock_guard lock(d->mutex);
    return d->keys.try_emplace(row, std::move(*key)).first->second.c_str();
  });
}

const char* seg_deltas_json(const seg_deltas* d) {
  return seg::capi::answered<const char*>("", [&]() -> const char* {
    if (d == nullptr) return "";
    std::lock_guard lock(d->mutex);
    if (d->json.empty()) d->json = d->deltas.toJson();
    return d->json.c_str();
  });
}

void seg_deltas_free(seg_deltas* d) {
  delete d;
}
