// The C API on null handles and bad arguments: every function answers with the documented
// code or neutral value, names the argument, clears its outputs and never crashes.
#include "CApiSupport.h"

#include <gtest/gtest.h>
#include <string>

namespace seg::capitest {
namespace {

// The error's code, with its message checked to name `argument`; frees the error.
int codeNaming(seg_error* err, const std::string& argument) {
  ErrorPtr owned(err);
  EXPECT_NE(err, nullptr);
  EXPECT_NE(std::string(seg_error_message(err)).find(argument), std::string::npos)
      << seg_error_message(err);
  return seg_error_code(err);
}

TEST(CApiArguments, NullErrorIsNeutral) {
  EXPECT_EQ(seg_error_code(nullptr), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(seg_error_message(nullptr), "");
  EXPECT_EQ(seg_error_diagnostic_count(nullptr), 0u);
  EXPECT_EQ(seg_error_diagnostic_severity(nullptr, 0), -1);
  EXPECT_STREQ(seg_error_diagnostic_file(nullptr, 0), "");
  EXPECT_EQ(seg_error_diagnostic_line(nullptr, 0), 0);
  EXPECT_EQ(seg_error_diagnostic_column(nullptr, 0), 0);
  EXPECT_STREQ(seg_error_diagnostic_message(nullptr, 0), "");
  EXPECT_STREQ(seg_error_diagnostic_hint(nullptr, 0), "");
  EXPECT_STREQ(seg_error_diagnostic_rendered(nullptr, 0), "");
  seg_error_free(nullptr);
}

TEST(CApiArguments, Datasets) {
  seg_error* err = nullptr;
  auto* stale = reinterpret_cast<seg_dataset*>(0x1); // must be cleared, never read
  seg_dataset* out = stale;
  EXPECT_EQ(seg_dataset_open(nullptr, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(codeNaming(err, "snapshot_path"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_dataset_open("x.segdb", nullptr, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "out"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_dataset_open(nullptr, nullptr, nullptr), SEG_ERROR_INVALID_ARGUMENT);

  out = stale;
  EXPECT_EQ(seg_dataset_load(nullptr, "dir", &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(codeNaming(err, "schema_path"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_dataset_load("s.seg", nullptr, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "data_dir"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_dataset_load("s.seg", "dir", nullptr, nullptr), SEG_ERROR_INVALID_ARGUMENT);

  EXPECT_EQ(seg_dataset_contact_count(nullptr), -1);
  EXPECT_STREQ(seg_dataset_load_report(nullptr), "");
  seg_dataset_free(nullptr);
}

TEST(CApiArguments, Programs) {
  seg_error* err = nullptr;
  seg_program* out = reinterpret_cast<seg_program*>(0x1);
  EXPECT_EQ(seg_program_compile_files(nullptr, 1, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(codeNaming(err, "paths"), SEG_ERROR_INVALID_ARGUMENT);
  const char* withNull[] = {"a.seg", nullptr};
  EXPECT_EQ(seg_program_compile_files(withNull, 2, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "paths[1]"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_program_compile_files(withNull, 0, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "no program files"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_program_compile_files(withNull, 1, nullptr, nullptr), SEG_ERROR_INVALID_ARGUMENT);

  EXPECT_EQ(seg_program_compile_source(nullptr, nullptr, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "text"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_program_compile_source("", nullptr, nullptr, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "out"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_program_compile_source_for("segment a = true", nullptr, nullptr, &out, &err),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "schema_of"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_program_compile_source_for(nullptr, nullptr, nullptr, &out, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);

  EXPECT_EQ(seg_program_warning_count(nullptr), 0u);
  EXPECT_STREQ(seg_program_warnings(nullptr), "");
  seg_program_free(nullptr);
}

TEST(CApiArguments, Runs) {
  ProgramPtr program = compileCrm();
  DatasetPtr dataset = loadCrm();
  ASSERT_TRUE(program && dataset);
  seg_error* err = nullptr;
  seg_result* out = reinterpret_cast<seg_result*>(0x1);
  EXPECT_EQ(seg_run(nullptr, dataset.get(), kNow, 0, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(codeNaming(err, "program"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run(program.get(), nullptr, kNow, 0, &out, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "dataset"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run(program.get(), dataset.get(), kNow, 0, nullptr, &err),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "out"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run(program.get(), dataset.get(), kNow, -1, &out, &err),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "threads"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run(program.get(), dataset.get(), "yesterday", 0, &out, &err),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "yesterday"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run(nullptr, nullptr, nullptr, 0, nullptr, nullptr), SEG_ERROR_INVALID_ARGUMENT);

  EXPECT_EQ(seg_run_options_set_now(nullptr, kNow, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "o"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_set_threads(nullptr, 1, nullptr), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_set_engine(nullptr, SEG_ENGINE_JIT, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_select(nullptr, "vip", nullptr), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_set_cancel(nullptr, nullptr, nullptr), SEG_ERROR_INVALID_ARGUMENT);
  seg_run_options_free(nullptr);
  seg_cancel_token_cancel(nullptr);
  seg_cancel_token_free(nullptr);

  OptionsPtr options(seg_run_options_new());
  ASSERT_NE(options, nullptr);
  EXPECT_EQ(seg_run_options_set_threads(options.get(), -2, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "threads"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_set_engine(options.get(), 7, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "engine 7"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_select(options.get(), nullptr, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "definition"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_select(options.get(), "", &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "empty"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_options_set_cancel(options.get(), nullptr, &err), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "t is null"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_with(program.get(), dataset.get(), nullptr, &out, &err),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(codeNaming(err, "options"), SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_with(nullptr, dataset.get(), options.get(), &out, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_with(program.get(), nullptr, options.get(), &out, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(seg_run_with(program.get(), dataset.get(), options.get(), nullptr, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);
}

// Every reader of a result, on a null result and (where it takes them) null names and outputs.
TEST(CApiArguments, Results) {
  const seg_result* none = nullptr;
  EXPECT_EQ(seg_result_contact_count(none), -1);
  EXPECT_STREQ(seg_result_engine(none), "");
  EXPECT_EQ(seg_result_segment_count(none, "vip"), -1);
  EXPECT_EQ(seg_result_definition_count(none, SEG_KIND_SEGMENT), 0u);
  EXPECT_EQ(seg_result_definition_name(none, SEG_KIND_SEGMENT, 0), nullptr);
  EXPECT_EQ(seg_result_partition_branch_count(none, "lifecycle"), -1);
  EXPECT_EQ(seg_result_partition_branch_name(none, "lifecycle", 0), nullptr);
  EXPECT_EQ(seg_result_metric_row_count(none, "nps"), -1);
  EXPECT_EQ(seg_result_metric_group_width(none, "nps"), 0u);
  EXPECT_EQ(seg_result_metric_group(none, "nps", 0, 0), nullptr);
  EXPECT_STREQ(seg_result_json(none), "");
  seg_result_free(nullptr);

  ProgramPtr program = compileCrm();
  DatasetPtr dataset = loadCrm();
  ASSERT_TRUE(program && dataset);
  ResultPtr owned = run(program.get(), dataset.get());
  ASSERT_NE(owned, nullptr);
  for (const seg_result* r : {none, static_cast<const seg_result*>(owned.get())}) {
    const int64_t* keys = reinterpret_cast<const int64_t*>(0x1);
    size_t n = 99;
    EXPECT_EQ(seg_result_segment_members(r, r ? nullptr : "vip", &keys, &n),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(keys, nullptr);
    EXPECT_EQ(n, 0u);
    EXPECT_EQ(seg_result_segment_members(r, "vip", nullptr, &n), SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_segment_members(r, "vip", &keys, nullptr), SEG_ERROR_INVALID_ARGUMENT);
    const char* const* texts = nullptr;
    EXPECT_EQ(seg_result_segment_member_strings(r, r ? nullptr : "vip", &texts, &n),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_segment_member_strings(r, "vip", nullptr, &n), SEG_ERROR_INVALID_ARGUMENT);
    const uint32_t* rows = nullptr;
    EXPECT_EQ(seg_result_segment_rows(r, r ? nullptr : "vip", &rows, &n),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_segment_rows(r, "vip", &rows, nullptr), SEG_ERROR_INVALID_ARGUMENT);
    const uint64_t* words = nullptr;
    EXPECT_EQ(seg_result_segment_bitmap(r, r ? nullptr : "vip", &words, &n),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_segment_bitmap(r, "vip", nullptr, &n), SEG_ERROR_INVALID_ARGUMENT);
    const double* values = reinterpret_cast<const double*>(0x1);
    EXPECT_EQ(seg_result_score_values(r, r ? nullptr : "lead_score", &values, &n),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(values, nullptr);
    EXPECT_EQ(seg_result_score_values(r, "lead_score", nullptr, &n), SEG_ERROR_INVALID_ARGUMENT);
    double six[6];
    uint64_t count = 0, nulls = 0;
    EXPECT_EQ(seg_result_score_distribution(r, r ? nullptr : "lead_score", six, &count, &nulls),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_score_distribution(r, "lead_score", nullptr, &count, &nulls),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_score_distribution(r, "lead_score", six, nullptr, &nulls),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_score_distribution(r, "lead_score", six, &count, nullptr),
              SEG_ERROR_INVALID_ARGUMENT);
    double value = 0;
    int isNull = 0;
    EXPECT_EQ(seg_result_metric_value(r, r ? nullptr : "nps", 0, &value, &isNull),
              SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_metric_value(r, "nps", 0, nullptr, &isNull), SEG_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seg_result_metric_value(r, "nps", 0, &value, nullptr), SEG_ERROR_INVALID_ARGUMENT);
  }
  const seg_result* r = owned.get();
  EXPECT_EQ(seg_result_segment_count(r, nullptr), -1);
  EXPECT_EQ(seg_result_partition_branch_count(r, nullptr), -1);
  EXPECT_EQ(seg_result_partition_branch_name(r, nullptr, 0), nullptr);
  EXPECT_EQ(seg_result_metric_row_count(r, nullptr), -1);
  EXPECT_EQ(seg_result_metric_group_width(r, nullptr), 0u);
  EXPECT_EQ(seg_result_metric_group(r, nullptr, 0, 0), nullptr);
  EXPECT_EQ(seg_result_definition_count(r, -1), 0u);
  EXPECT_EQ(seg_result_definition_count(r, 4), 0u);
  EXPECT_EQ(seg_result_definition_name(r, 9, 0), nullptr);
}

// A successful call leaves *err null, whatever it held before (the caller freed that).
TEST(CApiArguments, SuccessClearsTheError) {
  seg_error* err = nullptr;
  EXPECT_EQ(seg_dataset_open(nullptr, nullptr, &err), SEG_ERROR_INVALID_ARGUMENT);
  ErrorPtr earlier(err);
  OptionsPtr options(seg_run_options_new());
  EXPECT_EQ(seg_run_options_set_threads(options.get(), 2, &err), SEG_OK);
  EXPECT_EQ(err, nullptr);
}

} // namespace
} // namespace seg::capitest
