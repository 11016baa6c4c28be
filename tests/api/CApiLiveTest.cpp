// The C API's live data sets on a copy of generated CRM data: changes applied durably, the
// deltas' rows and keys, a rejected batch, the JSON document, compaction and null arguments.
#include "CApiSupport.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

namespace seg::capitest {
namespace {

using LivePtr = std::unique_ptr<seg_live, Freer<seg_live_free>>;
using DeltasPtr = std::unique_ptr<seg_deltas, Freer<seg_deltas_free>>;

std::string copyOfSnapshot() {
  namespace fs = std::filesystem;
  const fs::path copy =
      fs::temp_directory_path() / ("seg-c-live-" + std::to_string(::getpid()) + ".segdb");
  for (const char* suffix : {"", ".log", ".watch", ".lock"})
    fs::remove(copy.string() + suffix);
  fs::copy_file(generatedCrm().snapshot, copy);
  return copy.string();
}

std::size_t indexOf(const seg_deltas* d, const std::string& name) {
  for (std::size_t i = 0; i < seg_deltas_count(d); ++i)
    if (name == seg_deltas_name(d, i)) return i;
  return seg_deltas_count(d);
}

TEST(CApiLive, ChangesDeltasAndCompaction) {
  const std::string snapshot = copyOfSnapshot();
  ProgramPtr program = compileCrm();
  ASSERT_TRUE(program);
  seg_live* raw = nullptr;
  seg_error* error = nullptr;
  ASSERT_EQ(seg_live_open(snapshot.c_str(), &raw, &error), SEG_OK) << seg_error_message(error);
  LivePtr live(raw);
  OptionsPtr options(seg_run_options_new());
  ASSERT_EQ(seg_run_options_set_now(options.get(), kNow, &error), SEG_OK);

  seg_deltas* first = nullptr;
  ASSERT_EQ(seg_live_advance(live.get(), program.get(), options.get(), &first, &error), SEG_OK)
      << seg_error_message(error);
  DeltasPtr firstDeltas(first);
  EXPECT_EQ(seg_deltas_evaluation(first), 1u);
  const std::size_t vip = indexOf(first, "vip");
  ASSERT_LT(vip, seg_deltas_count(first));
  const uint32_t* rows = nullptr;
  size_t n = 0;
  ASSERT_EQ(seg_deltas_entered(first, vip, &rows, &n, &error), SEG_OK);
  EXPECT_EQ(static_cast<int64_t>(n), seg_deltas_members(first, vip));

  const std::string events = "contact_id,type,at,amount,campaign,url\n"
                             "17,purchase,2026-10-31T18:00:00Z,2500.00,,\n"
                             "17,purchase,2026-10-30T09:00:00Z,1900.00,,\n";
  uint64_t sequence = 0;
  ASSERT_EQ(seg_live_apply(live.get(), SEG_CHANGE_EVENTS, "new.csv", events.data(), events.size(),
                           &sequence, &error),
            SEG_OK)
      << seg_error_message(error);
  EXPECT_EQ(sequence, 1u);
  const std::string bad = "contact_id,type,at\n424242424,form_submit,2026-10-31T10:00:00Z\n";
  EXPECT_EQ(seg_live_apply(live.get(), SEG_CHANGE_EVENTS, "bad.csv", bad.data(), bad.size(),
                           nullptr, &error),
            SEG_ERROR_DATA);
  EXPECT_NE(std::string(seg_error_message(error)).find("nothing of it was applied"),
            std::string::npos);
  seg_error_free(error);
  error = nullptr;

  seg_deltas* second = nullptr;
  ASSERT_EQ(seg_live_advance(live.get(), program.get(), options.get(), &second, &error), SEG_OK);
  DeltasPtr secondDeltas(second);
  EXPECT_EQ(std::string(seg_deltas_method(second)).rfind("incremental: 1 contact", 0), 0u)
      << seg_deltas_method(second);
  const std::size_t buyers = indexOf(second, "recent_buyers");
  ASSERT_EQ(seg_deltas_entered(second, buyers, &rows, &n, &error), SEG_OK);
  ASSERT_EQ(n, 1u);
  EXPECT_STREQ(seg_deltas_key(second, rows[0]), "17");
  EXPECT_EQ(seg_deltas_key(second, 0xFFFFFFFFu), nullptr);
  nlohmann::json doc = nlohmann::json::parse(seg_deltas_json(second));
  EXPECT_EQ(doc["evaluation"], 2);
  EXPECT_EQ(doc["segments"]["recent_buyers"]["entered"], nlohmann::json::array({17}));

  EXPECT_EQ(seg_live_compact(live.get(), &error), SEG_OK) << seg_error_message(error);
  EXPECT_EQ(seg_live_apply(nullptr, SEG_CHANGE_EVENTS, "x.csv", "", 0, nullptr, &error),
            SEG_ERROR_INVALID_ARGUMENT);
  seg_error_free(error);
  error = nullptr;
  EXPECT_EQ(seg_live_apply(live.get(), 7, "x.csv", "", 0, nullptr, &error),
            SEG_ERROR_INVALID_ARGUMENT);
  seg_error_free(error);
  EXPECT_EQ(seg_deltas_count(nullptr), 0u);
  EXPECT_STREQ(seg_deltas_name(second, 100000), "");
  live.reset();
  for (const char* suffix : {"", ".log", ".watch", ".lock"})
    std::filesystem::remove(snapshot + suffix);
}

} // namespace
} // namespace seg::capitest
