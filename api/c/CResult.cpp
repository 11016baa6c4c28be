// The C API's results: seg_result over seg::Result, with the per-name index and the lazily
// made copies that let arrays and strings handed to C live as long as the handle.
#include "CHandles.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <span>

using seg::capi::answered;
using seg::capi::find;

seg_result::seg_result(seg::Result r) : result(std::move(r)) {
  names[SEG_KIND_SEGMENT] = result.segmentNames();
  names[SEG_KIND_PARTITION] = result.partitionNames();
  names[SEG_KIND_SCORE] = result.scoreNames();
  names[SEG_KIND_METRIC] = result.metricNames();
  names[SEG_KIND_CLUSTER] = result.clusterNames();
  for (const std::string& name : names[SEG_KIND_CLUSTER])
    clusters.try_emplace(name, result.cluster(name).value());
  for (const std::string& name : names[SEG_KIND_SEGMENT])
    members.try_emplace(name, result.segment(name).value());
  for (const std::string& name : names[SEG_KIND_PARTITION]) {
    std::vector<std::string>& branchNames = branches[name];
    // A named local: a range-for over a temporary's member would dangle (before C++23).
    seg::Partition partition = result.partition(name).value();
    for (const seg::Members& branch : partition.branches) {
      // Members name a branch "partition.branch"; the C API lists the branch part.
      branchNames.push_back(branch.name().substr(name.size() + 1));
      members.try_emplace(branch.name(), branch);
    }
  }
  for (const std::string& name : names[SEG_KIND_SCORE])
    scores.try_emplace(name, result.score(name).value());
  for (const std::string& name : names[SEG_KIND_METRIC])
    metrics.try_emplace(name);
}

namespace {

// The shape of every call that hands out an array: outputs cleared first, then checked
// arguments, then `view` (filling a span that lives as long as the result) for SEG_OK.
template <class T, class F>
int viewOut(const seg_result* r, const char* name, const T** data, size_t* n, F&& view) noexcept {
  if (data != nullptr) *data = nullptr;
  if (n != nullptr) *n = 0;
  if (r == nullptr || name == nullptr || data == nullptr || n == nullptr)
    return SEG_ERROR_INVALID_ARGUMENT;
  return answered(SEG_ERROR_INTERNAL, [&] {
    std::span<const T> out;
    int status = view(out);
    if (status == SEG_OK) {
      *data = out.data();
      *n = out.size();
    }
    return status;
  });
}

seg::capi::MemberCache* membersOf(const seg_result* r, const char* name) {
  return r == nullptr ? nullptr : find(r->members, name);
}

const seg::Metric* metricOf(const seg_result* r, const char* name) {
  seg::capi::MetricCache* cache = r == nullptr ? nullptr : find(r->metrics, name);
  if (cache == nullptr) return nullptr;
  std::call_once(cache->once, [&] { cache->metric = r->result.metric(name).value(); });
  return &cache->metric;
}

const std::vector<std::string>* branchesOf(const seg_result* r, const char* partition) {
  return r == nullptr ? nullptr : find(r->branches, partition);
}

} // namespace

int64_t seg_result_contact_count(const seg_result* r) {
  return r == nullptr ? -1 : static_cast<int64_t>(r->result.contacts());
}

const char* seg_result_engine(const seg_result* r) {
  return r == nullptr ? "" : r->result.engine().c_str();
}

int64_t seg_result_segment_count(const seg_result* r, const char* segment_name) {
  const seg::capi::MemberCache* cache = membersOf(r, segment_name);
  return cache == nullptr ? -1 : static_cast<int64_t>(cache->members.count());
}

int seg_result_segment_members(const seg_result* r, const char* segment_name, const int64_t** keys,
                               size_t* n) {
  return viewOut(r, segment_name, keys, n, [&](std::span<const int64_t>& out) {
    const seg::capi::MemberCache* cache = membersOf(r, segment_name);
    if (cache == nullptr) return SEG_ERROR_NOT_FOUND;
    // A string key: SEG_ERROR_INVALID_ARGUMENT, seg_result_segment_member_strings reads it.
    auto intKeys = cache->members.intKeys();
    if (!intKeys) return static_cast<int>(intKeys.error().code());
    out = *intKeys; // the C++ result keeps these keys
    return SEG_OK;
  });
}

int seg_result_segment_member_strings(const seg_result* r, const char* segment_name,
                                      const char* const** keys, size_t* n) {
  return viewOut(r, segment_name, keys, n, [&](std::span<const char* const>& out) {
    seg::capi::MemberCache* cache = membersOf(r, segment_name);
    if (cache == nullptr) return SEG_ERROR_NOT_FOUND;
    std::call_once(cache->textOnce, [&] {
      cache->text = cache->members.keys();
      for (const std::string& key : cache->text)
        cache->textPointers.push_back(key.c_str());
    });
    out = cache->textPointers;
    return SEG_OK;
  });
}

int seg_result_segment_rows(const seg_result* r, const char* segment_name, const uint32_t** rows,
                            size_t* n) {
  return viewOut(r, segment_name, rows, n, [&](std::span<const uint32_t>& out) {
    seg::capi::MemberCache* cache = membersOf(r, segment_name);
    if (cache == nullptr) return SEG_ERROR_NOT_FOUND;
    out = cache->members.rows(); // a view the result keeps
    return SEG_OK;
  });
}

int seg_result_segment_bitmap(const seg_result* r, const char* segment_name, const uint64_t** words,
                              size_t* n_words) {
  return viewOut(r, segment_name, words, n_words, [&](std::span<const uint64_t>& out) {
    const seg::capi::MemberCache* cache = membersOf(r, segment_name);
    if (cache == nullptr) return SEG_ERROR_NOT_FOUND;
    out = cache->members.bitmap(); // views the result's memory
    return SEG_OK;
  });
}

size_t seg_result_definition_count(const seg_result* r, int kind) {
  if (r == nullptr || kind < SEG_KIND_SEGMENT || kind > SEG_KIND_CLUSTER) return 0;
  return r->names[kind].size();
}

const char* seg_result_definition_name(const seg_result* r, int kind, size_t i) {
  if (i >= seg_result_definition_count(r, kind)) return nullptr;
  return r->names[kind][i].c_str();
}

int64_t seg_result_partition_branch_count(const seg_result* r, const char* partition) {
  const std::vector<std::string>* names = branchesOf(r, partition);
  return names == nullptr ? -1 : static_cast<int64_t>(names->size());
}

const char* seg_result_partition_branch_name(const seg_result* r, const char* partition, size_t i) {
  const std::vector<std::string>* names = branchesOf(r, partition);
  return names == nullptr || i >= names->size() ? nullptr : (*names)[i].c_str();
}

int64_t seg_result_cluster_feature_count(const seg_result* r, const char* cluster) {
  const seg::Cluster* c = r == nullptr || cluster == nullptr ? nullptr : find(r->clusters, cluster);
  return c == nullptr ? -1 : static_cast<int64_t>(c->features.size());
}

const char* seg_result_cluster_feature_name(const seg_result* r, const char* cluster, size_t f) {
  const seg::Cluster* c = r == nullptr || cluster == nullptr ? nullptr : find(r->clusters, cluster);
  return c == nullptr || f >= c->features.size() ? nullptr : c->features[f].c_str();
}

int seg_result_cluster_centroid(const seg_result* r, const char* cluster, size_t branch,
                                const double** values, size_t* n, uint64_t* members) {
  if (members != nullptr) *members = 0;
  return viewOut(r, cluster, values, n, [&](std::span<const double>& out) {
    const seg::Cluster* c = find(r->clusters, cluster);
    if (c == nullptr || branch >= c->centroids.size()) return SEG_ERROR_NOT_FOUND;
    out = c->centroids[branch];
    if (members != nullptr) *members = c->sizes[branch];
    return SEG_OK;
  });
}

int seg_result_score_values(const seg_result* r, const char* score, const double** values,
                            size_t* n) {
  return viewOut(r, score, values, n, [&](std::span<const double>& out) {
    seg::capi::ScoreCache* cache = find(r->scores, score);
    if (cache == nullptr) return SEG_ERROR_NOT_FOUND;
    std::call_once(cache->valuesOnce, [&] { cache->valuesWithNaN = cache->score.valuesWithNaN(); });
    out = cache->valuesWithNaN;
    return SEG_OK;
  });
}

int seg_result_score_distribution(const seg_result* r, const char* score, double out[6],
                                  uint64_t* count, uint64_t* nulls) {
  if (out != nullptr) std::fill(out, out + 6, std::numeric_limits<double>::quiet_NaN());
  if (count != nullptr) *count = 0;
  if (nulls != nullptr) *nulls = 0;
  if (r == nullptr || score == nullptr || out == nullptr || count == nullptr || nulls == nullptr)
    return SEG_ERROR_INVALID_ARGUMENT;
  return answered(SEG_ERROR_INTERNAL, [&] {
    const seg::capi::ScoreCache* cache = find(r->scores, score);
    if (cache == nullptr) return SEG_ERROR_NOT_FOUND;
    seg::Distribution d = cache->score.distribution();
    const double values[6] = {d.min, d.p25, d.median, d.p75, d.max, d.mean};
    std::copy(values, values + 6, out);
    *count = d.count;
    *nulls = d.nulls;
    return SEG_OK;
  });
}

int64_t seg_result_metric_row_count(const seg_result* r, const char* metric) {
  return answered<int64_t>(-1, [&]() -> int64_t {
    const seg::Metric* m = metricOf(r, metric);
    return m == nullptr ? -1 : static_cast<int64_t>(m->rows.size());
  });
}

size_t seg_result_metric_group_width(const seg_result* r, const char* metric) {
  return answered<size_t>(0, [&]() -> size_t {
    const seg::Metric* m = metricOf(r, metric);
    return m == nullptr ? 0 : m->groupBy.size();
  });
}

const char* seg_result_metric_group(const seg_result* r, const char* metric, size_t row, size_t k) {
  return answered<const char*>(nullptr, [&]() -> const char* {
    const seg::Metric* m = metricOf(r, metric);
    if (m == nullptr || row >= m->rows.size() || k >= m->rows[row].group.size()) return nullptr;
    return m->rows[row].group[k].c_str();
  });
}

int seg_result_metric_value(const seg_result* r, const char* metric, size_t row, double* value,
                            int* is_null) {
  if (value != nullptr) *value = std::numeric_limits<double>::quiet_NaN();
  if (is_null != nullptr) *is_null = 1;
  if (r == nullptr || metric == nullptr || value == nullptr || is_null == nullptr)
    return SEG_ERROR_INVALID_ARGUMENT;
  return answered(SEG_ERROR_INTERNAL, [&] {
    const seg::Metric* m = metricOf(r, metric);
    if (m == nullptr || row >= m->rows.size()) return SEG_ERROR_NOT_FOUND;
    const std::optional<double>& v = m->rows[row].value;
    if (v) *value = *v;
    *is_null = v ? 0 : 1;
    return SEG_OK;
  });
}

const char* seg_result_json(const seg_result* r) {
  if (r == nullptr) return "";
  return answered<const char*>("", [&] {
    std::call_once(r->jsonOnce, [&] { r->json = r->result.toJson(); });
    return r->json.c_str();
  });
}

void seg_result_free(seg_result* r) {
  delete r;
}
