// The C API's behaviour: compile errors and their diagnostics, non-UTF-8 source, schema
// mismatches, unknown names, string keys, run options, and the version.
#include "CApiSupport.h"
#include "TempDir.h"
#include "seg/Version.h"

#include <gtest/gtest.h>
#include <string>

namespace seg::capitest {
namespace {

// Compiles `text` with imports resolved in examples/crm; the error (null on success).
ErrorPtr compileError(const char* text, ProgramPtr* program = nullptr) {
  seg_program* out = nullptr;
  seg_error* err = nullptr;
  int status = seg_program_compile_source(text, crmFile("").c_str(), &out, &err);
  EXPECT_EQ(status, err == nullptr ? SEG_OK : seg_error_code(err));
  ProgramPtr owned(out);
  if (program != nullptr) *program = std::move(owned);
  return ErrorPtr(err);
}

TEST(CApi, VersionIsTheHeaders) {
  EXPECT_STREQ(seg_version(), SEG_VERSION_STRING);
}

TEST(CApi, CompileErrorsCarryTheDiagnostics) {
  ErrorPtr err = compileError("import \"crm.schema.seg\"\n"
                              "segment inactive = last_seen < now - 30d\n");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(seg_error_code(err.get()), SEG_ERROR_COMPILE);
  ASSERT_EQ(seg_error_diagnostic_count(err.get()), 1u);
  EXPECT_EQ(seg_error_diagnostic_severity(err.get(), 0), SEG_SEVERITY_ERROR);
  EXPECT_STREQ(seg_error_diagnostic_file(err.get(), 0), "<source>");
  EXPECT_EQ(seg_error_diagnostic_line(err.get(), 0), 2);
  EXPECT_EQ(seg_error_diagnostic_column(err.get(), 0), 20);
  EXPECT_STREQ(seg_error_diagnostic_message(err.get(), 0), "unknown name 'last_seen'");
  EXPECT_STREQ(seg_error_diagnostic_hint(err.get(), 0), "did you mean 'last_seen_at'?");
  std::string rendered = seg_error_diagnostic_rendered(err.get(), 0);
  EXPECT_NE(rendered.find("<source>:2:20: error: unknown name 'last_seen'"), std::string::npos)
      << rendered;
  EXPECT_NE(rendered.find("^~~~~~~~~"), std::string::npos) << rendered;
  // The message: every rendered diagnostic, then the summary.
  EXPECT_NE(std::string(seg_error_message(err.get())).find(rendered), std::string::npos);
  // Past the end: the documented neutral answers.
  EXPECT_EQ(seg_error_diagnostic_severity(err.get(), 1), -1);
  EXPECT_EQ(seg_error_diagnostic_line(err.get(), 1), 0);
  EXPECT_STREQ(seg_error_diagnostic_rendered(err.get(), 1), "");
}

TEST(CApi, CompileErrorsInFilesNameTheFile) {
  test::TempDir dir;
  std::string file = dir.write("bad.seg", "segment a = true\nsegment b = nope\n");
  const char* paths[] = {file.c_str()};
  seg_program* program = nullptr;
  seg_error* err = nullptr;
  EXPECT_EQ(seg_program_compile_files(paths, 1, &program, &err), SEG_ERROR_COMPILE);
  ErrorPtr owned(err);
  EXPECT_EQ(program, nullptr);
  ASSERT_GE(seg_error_diagnostic_count(err), 1u);
  EXPECT_EQ(seg_error_diagnostic_file(err, 0), file);
  EXPECT_EQ(seg_error_diagnostic_line(err, 0), 2);
  EXPECT_EQ(seg_error_diagnostic_column(err, 0), 13);
}

TEST(CApi, NonUtf8SourceIsACompileError) {
  ErrorPtr err = compileError("segment a = true\nsegment b = \xff\xfe\n");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(seg_error_code(err.get()), SEG_ERROR_COMPILE);
  ASSERT_EQ(seg_error_diagnostic_count(err.get()), 1u);
  EXPECT_EQ(seg_error_diagnostic_line(err.get(), 0), 2);
  EXPECT_EQ(seg_error_diagnostic_column(err.get(), 0), 13);
  EXPECT_STREQ(seg_error_diagnostic_message(err.get(), 0), "file is not valid UTF-8 (byte 0xFF)");
  EXPECT_STREQ(seg_error_diagnostic_hint(err.get(), 0), "Seg source files must be UTF-8 text");
}

TEST(CApi, WarningsStayWithTheProgram) {
  ProgramPtr program;
  ErrorPtr err = compileError("import \"crm.schema.seg\"\n"
                              "segment a = company_size is null\n"
                              "segment e = plan in []\n",
                              &program);
  ASSERT_EQ(err, nullptr) << seg_error_message(err.get());
  EXPECT_EQ(seg_program_warning_count(program.get()), 2u);
  std::string warnings = seg_program_warnings(program.get());
  EXPECT_NE(warnings.find("<source>:2:13: warning: this value is never null"), std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("<source>:3:13: warning: the list is empty"), std::string::npos);
}

TEST(CApi, AProgramForAnotherSchemaDoesNotRun) {
  ProgramPtr program;
  ErrorPtr err = compileError("schema { contact { id: int key  age: int? } }\n"
                              "segment adults = age >= 18\n",
                              &program);
  ASSERT_EQ(err, nullptr) << seg_error_message(err.get());
  DatasetPtr dataset = loadCrm();
  ASSERT_NE(dataset, nullptr);
  seg_result* result = reinterpret_cast<seg_result*>(0x1);
  seg_error* runErr = nullptr;
  EXPECT_EQ(seg_run(program.get(), dataset.get(), kNow, 0, &result, &runErr),
            SEG_ERROR_SCHEMA_MISMATCH);
  ErrorPtr owned(runErr);
  EXPECT_EQ(result, nullptr);
  EXPECT_EQ(seg_error_code(runErr), SEG_ERROR_SCHEMA_MISMATCH);
  EXPECT_NE(std::string(seg_error_message(runErr)).find("schema"), std::string::npos);
}

TEST(CApi, SourceCompiledForADatasetsSchema) {
  DatasetPtr dataset = loadCrm();
  ProgramPtr crm = compileCrm();
  ASSERT_TRUE(dataset && crm);
  seg_program* program = nullptr;
  seg_error* err = nullptr;
  // The definition of the example's enterprise_accounts, without the example's files.
  ASSERT_EQ(
      seg_program_compile_source_for("segment ea = plan == enterprise or company_size >= 1000",
                                     nullptr, dataset.get(), &program, &err),
      SEG_OK)
      << seg_error_message(err);
  ProgramPtr owned(program);
  ResultPtr adHoc = run(program, dataset.get());
  ResultPtr full = run(crm.get(), dataset.get());
  ASSERT_TRUE(adHoc && full);
  EXPECT_GT(seg_result_segment_count(adHoc.get(), "ea"), 0);
  EXPECT_EQ(seg_result_segment_count(adHoc.get(), "ea"),
            seg_result_segment_count(full.get(), "enterprise_accounts"));
  EXPECT_EQ(seg_result_definition_count(adHoc.get(), SEG_KIND_SEGMENT), 1u);
}

TEST(CApi, UnknownNamesAreNotFound) {
  ProgramPtr program = compileCrm();
  DatasetPtr dataset = loadCrm();
  ASSERT_TRUE(program && dataset);
  ResultPtr result = run(program.get(), dataset.get());
  ASSERT_NE(result, nullptr);
  const seg_result* r = result.get();
  size_t n = 0;
  const int64_t* keys = nullptr;
  const char* const* texts = nullptr;
  const uint32_t* rows = nullptr;
  const uint64_t* words = nullptr;
  const double* values = nullptr;
  EXPECT_EQ(seg_result_segment_count(r, "nope"), -1);
  EXPECT_EQ(seg_result_segment_members(r, "nope", &keys, &n), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_segment_member_strings(r, "nope", &texts, &n), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_segment_rows(r, "nope", &rows, &n), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_segment_bitmap(r, "lifecycle.nope", &words, &n), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_segment_count(r, "lifecycle"), -1); // a partition, not a branch
  EXPECT_EQ(seg_result_partition_branch_count(r, "vip"), -1);
  EXPECT_EQ(seg_result_partition_branch_name(r, "lifecycle", 99), nullptr);
  EXPECT_EQ(seg_result_score_values(r, "vip", &values, &n), SEG_ERROR_NOT_FOUND);
  double six[6];
  uint64_t count = 0, nulls = 0;
  EXPECT_EQ(seg_result_score_distribution(r, "nope", six, &count, &nulls), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_metric_row_count(r, "nope"), -1);
  EXPECT_EQ(seg_result_metric_group_width(r, "nope"), 0u);
  double value = 0;
  int isNull = 0;
  EXPECT_EQ(seg_result_metric_value(r, "nope", 0, &value, &isNull), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_metric_value(r, "nps", 1, &value, &isNull), SEG_ERROR_NOT_FOUND);
  EXPECT_EQ(seg_result_metric_group(r, "nps_by_plan", 0, 1), nullptr); // one `by` field
  EXPECT_EQ(seg_result_metric_group(r, "nps_by_plan", 99, 0), nullptr);
  EXPECT_EQ(seg_result_definition_name(r, SEG_KIND_METRIC, 9999), nullptr);

  OptionsPtr options(seg_run_options_new());
  seg_error* err = nullptr;
  ASSERT_EQ(seg_run_options_select(options.get(), "nope", &err), SEG_OK);
  seg_result* out = nullptr;
  EXPECT_EQ(seg_run_with(program.get(), dataset.get(), options.get(), &out, &err),
            SEG_ERROR_NOT_FOUND);
  ErrorPtr owned(err);
  EXPECT_EQ(out, nullptr);
  EXPECT_NE(std::string(seg_error_message(err)).find("'nope'"), std::string::npos);
}

TEST(CApi, MissingDataIsADataError) {
  seg_dataset* dataset = nullptr;
  seg_error* err = nullptr;
  EXPECT_EQ(seg_dataset_open("/nonexistent/crm.segdb", &dataset, &err), SEG_ERROR_DATA);
  ErrorPtr owned(err);
  EXPECT_EQ(dataset, nullptr);
  EXPECT_NE(std::string(seg_error_message(err)).find("/nonexistent/crm.segdb"), std::string::npos)
      << seg_error_message(err);
}

TEST(CApi, SnapshotsAndFoldersHoldTheSameContacts) {
  seg_dataset* snapshot = nullptr;
  seg_error* err = nullptr;
  ASSERT_EQ(seg_dataset_open(generatedCrm().snapshot.c_str(), &snapshot, &err), SEG_OK)
      << seg_error_message(err);
  DatasetPtr owned(snapshot);
  DatasetPtr folder = loadCrm();
  ASSERT_NE(folder, nullptr);
  EXPECT_EQ(seg_dataset_contact_count(snapshot), 2000);
  EXPECT_EQ(seg_dataset_contact_count(folder.get()), 2000);
  EXPECT_STREQ(seg_dataset_load_report(snapshot), "");
  EXPECT_NE(std::string(seg_dataset_load_report(folder.get())).find("contacts.csv"),
            std::string::npos);
}

// A string contact key: members as text only; the int accessor says which to use.
TEST(CApi, StringKeysAreReadAsText) {
  test::TempDir dir;
  std::string schema = dir.write("s.seg", "schema { contact { email: string key  age: int } }\n");
  dir.write("data/contacts.csv", "email,age\na@x.org,30\nb@x.org,12\nc@x.org,45\n");
  seg_dataset* dataset = nullptr;
  seg_error* err = nullptr;
  ASSERT_EQ(seg_dataset_load(schema.c_str(), (dir.path() / "data").c_str(), &dataset, &err), SEG_OK)
      << seg_error_message(err);
  DatasetPtr ownedDataset(dataset);
  seg_program* program = nullptr;
  ASSERT_EQ(seg_program_compile_source_for("segment adults = age >= 18", nullptr, dataset, &program,
                                           &err),
            SEG_OK)
      << seg_error_message(err);
  ProgramPtr ownedProgram(program);
  ResultPtr result = run(program, dataset);
  ASSERT_NE(result, nullptr);
  const int64_t* keys = nullptr;
  size_t n = 1;
  EXPECT_EQ(seg_result_segment_members(result.get(), "adults", &keys, &n),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(n, 0u);
  const char* const* texts = nullptr;
  ASSERT_EQ(seg_result_segment_member_strings(result.get(), "adults", &texts, &n), SEG_OK);
  ASSERT_EQ(n, 2u);
  EXPECT_STREQ(texts[0], "a@x.org");
  EXPECT_STREQ(texts[1], "c@x.org");
}

TEST(CApi, RunOptionsChooseEngineAndSelection) {
  ProgramPtr program = compileCrm();
  DatasetPtr dataset = loadCrm();
  ASSERT_TRUE(program && dataset);
  ResultPtr full = run(program.get(), dataset.get());
  OptionsPtr options(seg_run_options_new());
  ASSERT_EQ(seg_run_options_set_now(options.get(), kNow, nullptr), SEG_OK);
  ASSERT_EQ(seg_run_options_set_threads(options.get(), 3, nullptr), SEG_OK);
  ASSERT_EQ(seg_run_options_set_engine(options.get(), SEG_ENGINE_INTERP, nullptr), SEG_OK);
  ASSERT_EQ(seg_run_options_select(options.get(), "vip", nullptr), SEG_OK);
  seg_result* out = nullptr;
  seg_error* err = nullptr;
  ASSERT_EQ(seg_run_with(program.get(), dataset.get(), options.get(), &out, &err), SEG_OK)
      << seg_error_message(err);
  ResultPtr selected(out);
  EXPECT_STREQ(seg_result_engine(selected.get()), "interp");
  EXPECT_STREQ(seg_result_engine(full.get()), "jit");
  EXPECT_EQ(seg_result_segment_count(selected.get(), "vip"),
            seg_result_segment_count(full.get(), "vip"));
  EXPECT_LT(seg_result_definition_count(selected.get(), SEG_KIND_SEGMENT),
            seg_result_definition_count(full.get(), SEG_KIND_SEGMENT));

  ASSERT_EQ(seg_run_options_set_now(options.get(), "not a time", nullptr), SEG_OK);
  EXPECT_EQ(seg_run_with(program.get(), dataset.get(), options.get(), &out, nullptr),
            SEG_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
}

TEST(CApi, ACancelledTokenStopsTheRun) {
  ProgramPtr program = compileCrm();
  DatasetPtr dataset = loadCrm();
  ASSERT_TRUE(program && dataset);
  CancelPtr token(seg_cancel_token_new());
  OptionsPtr options(seg_run_options_new());
  ASSERT_TRUE(token && options);
  ASSERT_EQ(seg_run_options_set_cancel(options.get(), token.get(), nullptr), SEG_OK);
  seg_result* out = nullptr;
  ASSERT_EQ(seg_run_with(program.get(), dataset.get(), options.get(), &out, nullptr), SEG_OK);
  ResultPtr before(out); // not cancelled yet: runs
  seg_cancel_token_cancel(token.get());
  seg_error* err = nullptr;
  EXPECT_EQ(seg_run_with(program.get(), dataset.get(), options.get(), &out, &err),
            SEG_ERROR_CANCELLED);
  ErrorPtr owned(err);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(seg_error_code(err), SEG_ERROR_CANCELLED);
}

} // namespace
} // namespace seg::capitest
