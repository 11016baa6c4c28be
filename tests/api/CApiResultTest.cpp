// The C API's result readers agree with seg_result_json (the `seg run --format json`
// document) on generated CRM data: counts, members, partitions, scores and metrics; and a
// result read from many threads at once hands out the same arrays.
#include "CApiSupport.h"

#include <bit>
#include <cmath>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace seg::capitest {
namespace {

using Json = nlohmann::ordered_json; // keeps the document's definition order

class CApiResult : public ::testing::Test {
protected:
  void SetUp() override {
    program_ = compileCrm();
    dataset_ = loadCrm();
    ASSERT_TRUE(program_ && dataset_);
    result_ = run(program_.get(), dataset_.get());
    ASSERT_NE(result_, nullptr);
    json_ = Json::parse(seg_result_json(result_.get()));
  }

  // The names of one kind of definition, as the result lists them.
  std::vector<std::string> names(int kind) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < seg_result_definition_count(result_.get(), kind); ++i)
      out.emplace_back(seg_result_definition_name(result_.get(), kind, i));
    return out;
  }

  // Every reader of one segment's members agrees with `expected`, the JSON's count.
  void checkMembers(const std::string& name, std::int64_t expected) const {
    SCOPED_TRACE(name);
    const seg_result* r = result_.get();
    EXPECT_EQ(seg_result_segment_count(r, name.c_str()), expected);
    const int64_t* keys = nullptr;
    const char* const* texts = nullptr;
    const uint32_t* rows = nullptr;
    const uint64_t* words = nullptr;
    size_t nKeys = 0, nTexts = 0, nRows = 0, nWords = 0;
    ASSERT_EQ(seg_result_segment_members(r, name.c_str(), &keys, &nKeys), SEG_OK);
    ASSERT_EQ(seg_result_segment_member_strings(r, name.c_str(), &texts, &nTexts), SEG_OK);
    ASSERT_EQ(seg_result_segment_rows(r, name.c_str(), &rows, &nRows), SEG_OK);
    ASSERT_EQ(seg_result_segment_bitmap(r, name.c_str(), &words, &nWords), SEG_OK);
    ASSERT_EQ(nKeys, static_cast<size_t>(expected));
    ASSERT_EQ(nTexts, nKeys);
    ASSERT_EQ(nRows, nKeys);
    EXPECT_EQ(nWords, (static_cast<size_t>(seg_result_contact_count(r)) + 63) / 64);
    std::int64_t bits = 0;
    for (size_t w = 0; w < nWords; ++w)
      bits += std::popcount(words[w]);
    EXPECT_EQ(bits, expected);
    for (size_t i = 0; i < nKeys; ++i) {
      EXPECT_EQ(std::to_string(keys[i]), texts[i]);
      EXPECT_TRUE((words[rows[i] / 64] >> (rows[i] % 64)) & 1u) << "row " << rows[i];
      if (i > 0) {
        EXPECT_LT(rows[i - 1], rows[i]);
      }
    }
  }

  ProgramPtr program_;
  DatasetPtr dataset_;
  ResultPtr result_;
  Json json_;
};

TEST_F(CApiResult, ContextAgrees) {
  EXPECT_EQ(seg_result_contact_count(result_.get()), json_["contacts"].get<std::int64_t>());
  EXPECT_EQ(seg_result_contact_count(result_.get()), 2000);
  EXPECT_EQ(seg_result_engine(result_.get()), json_["engine"].get<std::string>());
  EXPECT_EQ(json_["now"], kNow);
}

TEST_F(CApiResult, SegmentsAgree) {
  std::vector<std::string> segments = names(SEG_KIND_SEGMENT);
  ASSERT_FALSE(segments.empty());
  ASSERT_EQ(segments.size(), json_["segments"].size());
  size_t i = 0;
  for (const auto& [name, segment] : json_["segments"].items()) {
    EXPECT_EQ(segments[i++], name); // both in definition order
    checkMembers(name, segment["members"].get<std::int64_t>());
  }
}

TEST_F(CApiResult, PartitionsAgree) {
  std::vector<std::string> partitions = names(SEG_KIND_PARTITION);
  ASSERT_EQ(partitions.size(), json_["partitions"].size());
  ASSERT_FALSE(partitions.empty());
  for (const std::string& partition : partitions) {
    const Json& branches = json_["partitions"][partition]["branches"];
    ASSERT_EQ(seg_result_partition_branch_count(result_.get(), partition.c_str()),
              static_cast<std::int64_t>(branches.size()));
    size_t i = 0;
    for (const auto& [branch, members] : branches.items()) {
      EXPECT_STREQ(seg_result_partition_branch_name(result_.get(), partition.c_str(), i++),
                   branch.c_str());
      checkMembers(partition + "." + branch, members["members"].get<std::int64_t>());
    }
  }
}

TEST_F(CApiResult, ScoresAgree) {
  std::vector<std::string> scores = names(SEG_KIND_SCORE);
  ASSERT_FALSE(scores.empty());
  ASSERT_EQ(scores.size(), json_["scores"].size());
  for (const std::string& score : scores) {
    SCOPED_TRACE(score);
    const Json& expected = json_["scores"][score];
    const double* values = nullptr;
    size_t n = 0;
    ASSERT_EQ(seg_result_score_values(result_.get(), score.c_str(), &values, &n), SEG_OK);
    ASSERT_EQ(n, 2000u);
    std::uint64_t valued = 0;
    double sum = 0;
    for (size_t row = 0; row < n; ++row)
      if (!std::isnan(values[row])) ++valued, sum += values[row];
    EXPECT_EQ(valued, expected["count"].get<std::uint64_t>());
    double d[6];
    std::uint64_t count = 0, nulls = 0;
    ASSERT_EQ(seg_result_score_distribution(result_.get(), score.c_str(), d, &count, &nulls),
              SEG_OK);
    EXPECT_EQ(count, valued);
    EXPECT_EQ(nulls, expected["nulls"].get<std::uint64_t>());
    const char* fields[] = {"min", "p25", "median", "p75", "max", "mean"};
    for (int k = 0; k < 6; ++k)
      EXPECT_DOUBLE_EQ(d[k], expected[fields[k]].get<double>()) << fields[k];
    EXPECT_NEAR(d[5], sum / static_cast<double>(valued), 1e-9 * (1 + std::fabs(d[5])));
  }
}

TEST_F(CApiResult, MetricsAgree) {
  std::vector<std::string> metrics = names(SEG_KIND_METRIC);
  ASSERT_FALSE(metrics.empty());
  ASSERT_EQ(metrics.size(), json_["metrics"].size());
  for (const std::string& metric : metrics) {
    SCOPED_TRACE(metric);
    const Json& expected = json_["metrics"][metric];
    const char* m = metric.c_str();
    // Ungrouped metrics are one row without group values; grouped ones list their rows.
    Json rows = expected.contains("rows") ? expected["rows"] : Json::array({expected});
    std::vector<std::string> by = expected.value("by", std::vector<std::string>{});
    ASSERT_EQ(seg_result_metric_row_count(result_.get(), m),
              static_cast<std::int64_t>(rows.size()));
    ASSERT_EQ(seg_result_metric_group_width(result_.get(), m), by.size());
    for (size_t row = 0; row < rows.size(); ++row) {
      for (size_t k = 0; k < by.size(); ++k)
        EXPECT_EQ(seg_result_metric_group(result_.get(), m, row, k),
                  rows[row]["group"][by[k]].get<std::string>());
      double value = 0;
      int isNull = -1;
      ASSERT_EQ(seg_result_metric_value(result_.get(), m, row, &value, &isNull), SEG_OK);
      const Json& v = rows[row]["value"];
      EXPECT_EQ(isNull, v.is_null() ? 1 : 0);
      if (!v.is_null()) {
        EXPECT_DOUBLE_EQ(value, v.get<double>());
      }
    }
  }
}

// The lazily made arrays and strings are made once: eight threads reading at once see the
// same pointers and the same document.
TEST_F(CApiResult, ReadsFromManyThreadsAgree) {
  struct Seen {
    const char* const* texts = nullptr;
    const uint32_t* rows = nullptr;
    const double* values = nullptr;
    const char* json = nullptr;
    const char* group = nullptr;
  };
  std::vector<Seen> seen(8);
  {
    std::vector<std::jthread> threads;
    for (Seen& s : seen)
      threads.emplace_back([&] {
        size_t n = 0;
        seg_result_segment_member_strings(result_.get(), "newsletter", &s.texts, &n);
        seg_result_segment_rows(result_.get(), "lifecycle.active", &s.rows, &n);
        seg_result_score_values(result_.get(), "engagement", &s.values, &n);
        s.json = seg_result_json(result_.get());
        s.group = seg_result_metric_group(result_.get(), "nps_by_plan_device", 0, 1);
      });
  }
  for (const Seen& s : seen) {
    EXPECT_NE(s.texts, nullptr);
    EXPECT_EQ(s.texts, seen[0].texts);
    EXPECT_EQ(s.rows, seen[0].rows);
    EXPECT_EQ(s.values, seen[0].values);
    EXPECT_EQ(s.json, seen[0].json);
    EXPECT_NE(s.group, nullptr);
    EXPECT_EQ(s.group, seen[0].group);
  }
}

// A cluster definition's features and centroids, against the JSON document.
TEST(CApiClusters, CentroidsAgreeWithTheJsonDocument) {
  const std::string file = std::string(SEG_SOURCE_DIR) + "/examples/clusters/personas.seg";
  const char* paths[] = {file.c_str()};
  seg_program* compiled = nullptr;
  seg_error* err = nullptr;
  ASSERT_EQ(seg_program_compile_files(paths, 1, &compiled, &err), SEG_OK) << seg_error_message(err);
  ProgramPtr program(compiled);
  DatasetPtr dataset = loadCrm();
  ResultPtr result = run(program.get(), dataset.get());
  ASSERT_NE(result, nullptr);
  const seg_result* r = result.get();
  const Json doc = Json::parse(seg_result_json(r))["clusters"]["personas"];
  ASSERT_EQ(seg_result_definition_count(r, SEG_KIND_CLUSTER), 1u);
  EXPECT_STREQ(seg_result_definition_name(r, SEG_KIND_CLUSTER, 0), "personas");
  ASSERT_EQ(seg_result_cluster_feature_count(r, "personas"), 4);
  EXPECT_STREQ(seg_result_cluster_feature_name(r, "personas", 3), "days_away");
  EXPECT_EQ(seg_result_cluster_feature_name(r, "personas", 4), nullptr);
  EXPECT_EQ(seg_result_cluster_feature_count(r, "persona"), -1);
  EXPECT_EQ(seg_result_partition_branch_count(r, "personas"), 4);
  for (size_t b = 0; b < 4; ++b) {
    const std::string branch = "c" + std::to_string(b + 1);
    const double* values = nullptr;
    size_t n = 0;
    uint64_t members = 0;
    ASSERT_EQ(seg_result_cluster_centroid(r, "personas", b, &values, &n, &members), SEG_OK);
    ASSERT_EQ(n, 4u);
    EXPECT_EQ(members, doc["clusters"][branch]["members"].get<uint64_t>());
    EXPECT_EQ(static_cast<int64_t>(members),
              seg_result_segment_count(r, ("personas." + branch).c_str()));
    EXPECT_EQ(values[0], doc["clusters"][branch]["centroid"]["spend"].get<double>());
  }
  const double* values = nullptr;
  size_t n = 0;
  EXPECT_EQ(seg_result_cluster_centroid(r, "personas", 4, &values, &n, nullptr),
            SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(values, nullptr);
}

} // namespace
} // namespace seg::capitest
