/* embed.c: the Seg C API in one page. Opens data, compiles the CRM example, runs it and
 * prints three segment counts and one metric; any error is printed and exits with 1.
 * Usage: embed_c CRM_DIR DATA   (DATA: a snapshot from `seg import`, or a folder of CSV files) */
#include <seg/seg.h>
#include <stdio.h>
#include <sys/stat.h>

#define NOW "2026-11-01T00:00:00Z" /* a fixed evaluation time: reproducible counts */

/* A folder is loaded (and checked) against the schema; anything else is opened as a snapshot. */
static int open_data(const char* schema, const char* data, seg_dataset** out, seg_error** err) {
  struct stat st;
  if (stat(data, &st) == 0 && S_ISDIR(st.st_mode)) return seg_dataset_load(schema, data, out, err);
  return seg_dataset_open(data, out, err);
}

static int print_results(const seg_result* result) {
  const char* segments[] = {"vip", "hot_leads", "lifecycle.churned"}; /* a partition's branch */
  for (size_t i = 0; i < 3; ++i) {
    int64_t count = seg_result_segment_count(result, segments[i]);
    if (count < 0) {
      fprintf(stderr, "embed: no segment '%s'\n", segments[i]);
      return SEG_ERROR_NOT_FOUND;
    }
    printf("%s: %lld\n", segments[i], (long long)count);
  }
  const char* metric = "nps_by_plan"; /* one row per plan */
  int64_t rows = seg_result_metric_row_count(result, metric);
  if (rows < 0) {
    fprintf(stderr, "embed: no metric '%s'\n", metric);
    return SEG_ERROR_NOT_FOUND;
  }
  printf("%s:\n", metric);
  for (size_t row = 0; row < (size_t)rows; ++row) {
    double value;
    int is_null;
    if (seg_result_metric_value(result, metric, row, &value, &is_null) != SEG_OK)
      return SEG_ERROR_NOT_FOUND;
    const char* plan = seg_result_metric_group(result, metric, row, 0);
    if (is_null)
      printf("  %s: null\n", plan);
    else
      printf("  %s: %.2f\n", plan, value);
  }
  return SEG_OK;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s CRM_DIR DATA\n", argv[0]);
    return 2;
  }
  const char* names[] = {"crm.schema.seg", "segments.seg", "scores.seg", "metrics.seg"};
  char files[4][4096];
  const char* paths[4];
  for (size_t i = 0; i < 4; ++i) {
    snprintf(files[i], sizeof files[i], "%s/%s", argv[1], names[i]);
    paths[i] = files[i];
  }

  /* Each step runs only if the previous succeeded; freeing null handles is safe, so one
   * cleanup serves every path. */
  seg_error* err = NULL;
  seg_dataset* data = NULL;
  seg_program* program = NULL;
  seg_result* result = NULL;
  int status = open_data(paths[0], argv[2], &data, &err);
  if (status == SEG_OK) status = seg_program_compile_files(paths, 4, &program, &err);
  if (status == SEG_OK) status = seg_run(program, data, NOW, 0, &result, &err); /* 0: all cores */
  if (status == SEG_OK) status = print_results(result);

  if (err != NULL) {
    /* Compile errors: every diagnostic with its source line and caret; else the message. */
    size_t n = seg_error_diagnostic_count(err);
    for (size_t i = 0; i < n; ++i)
      fputs(seg_error_diagnostic_rendered(err, i), stderr);
    if (n == 0) fprintf(stderr, "embed: %s\n", seg_error_message(err));
  }
  seg_error_free(err);
  seg_result_free(result);
  seg_program_free(program);
  seg_dataset_free(data);
  return status == SEG_OK ? 0 : 1;
}
