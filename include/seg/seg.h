/* The Seg C API: a stable C interface to compile `.seg` programs, open data and read
 * results, for services in any language. Opaque handles; no exception crosses it. Every
 * call that can fail returns a status (SEG_OK or a SEG_ERROR_* code) and, when `err` is not
 * null, sets *err: null on success, else a seg_error the caller frees with seg_error_free.
 * Output handles are null after a failure. Null handles are always safe (an error or a
 * neutral answer); using a handle after freeing it is undefined.
 *
 * Thread-safety: seg_dataset and seg_program are immutable once made: any number of
 * threads may run one program on one dataset at once. A seg_result may be read from many
 * threads. seg_run_options is a plain value: not shared while being set. docs/embedding.md. */
#ifndef SEG_H
#define SEG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEG_OK 0
#define SEG_ERROR_INVALID_ARGUMENT 1 /* null or malformed argument */
#define SEG_ERROR_COMPILE 2          /* the program has errors: see the diagnostics */
#define SEG_ERROR_DATA 3             /* data that cannot be opened or loaded */
#define SEG_ERROR_SCHEMA_MISMATCH 4  /* program and dataset schemas differ */
#define SEG_ERROR_NOT_FOUND 5        /* no definition of that name */
#define SEG_ERROR_INTERNAL 6         /* a bug in Seg */
#define SEG_ERROR_CANCELLED 7        /* the run was stopped through its seg_cancel_token */

#define SEG_ENGINE_JIT 0
#define SEG_ENGINE_INTERP 1
/* Auto: interpreted while the JIT code is compiled; whichever is ready first answers. */
#define SEG_ENGINE_AUTO 2

#define SEG_SEVERITY_ERROR 0
#define SEG_SEVERITY_WARNING 1

typedef struct seg_error seg_error;
typedef struct seg_dataset seg_dataset;
typedef struct seg_program seg_program;
typedef struct seg_result seg_result;
typedef struct seg_run_options seg_run_options;

const char* seg_version(void);

/* Errors. Strings returned live as long as the error. */
int seg_error_code(const seg_error* e);            /* SEG_ERROR_INVALID_ARGUMENT for null */
const char* seg_error_message(const seg_error* e); /* "" for null */
size_t seg_error_diagnostic_count(const seg_error* e);
/* i >= count: severity -1, line/column 0, strings "". */
int seg_error_diagnostic_severity(const seg_error* e, size_t i);
const char* seg_error_diagnostic_file(const seg_error* e, size_t i);
int seg_error_diagnostic_line(const seg_error* e, size_t i);   /* 1-based; 0 for a whole file */
int seg_error_diagnostic_column(const seg_error* e, size_t i); /* 1-based, in code points */
const char* seg_error_diagnostic_message(const seg_error* e, size_t i);
const char* seg_error_diagnostic_hint(const seg_error* e, size_t i);     /* hints joined by "\n" */
const char* seg_error_diagnostic_rendered(const seg_error* e, size_t i); /* with the caret */
void seg_error_free(seg_error* e);

/* Datasets. */
int seg_dataset_open(const char* snapshot_path, seg_dataset** out, seg_error** err);
int seg_dataset_load(const char* schema_path, const char* data_dir, seg_dataset** out,
                     seg_error** err);
/* Columns in the caller's memory, bound without copying (docs/embedding.md gives the
 * layouts): one seg_column per contact field in schema order, and events per type. The
 * memory must stay unchanged and alive until the dataset and every result of it are freed.
 * Events not in (contact, at) order are copied into it (seg_dataset_bind_notes says so).
 * Every value is checked first: a bad one is SEG_ERROR_INVALID_ARGUMENT naming its field and
 * row. New fields are only ever added to these structs in a new major version. */
typedef struct seg_column {
  const void* values;                 /* int64_t, double, uint8_t 0/1 or uint32_t codes */
  const uint64_t* validity;           /* bit r (word r/64, bit r%64): row r not null; null: none */
  const uint64_t* dictionary_offsets; /* string columns: dictionary_size + 1 offsets */
  const char* dictionary_bytes;
  size_t dictionary_size;
} seg_column;
typedef struct seg_event_columns {
  const char* type;
  size_t rows;
  const uint32_t* contact_rows; /* each event's contact row, 0-based */
  const int64_t* at;            /* UTC microseconds */
  const seg_column* properties; /* one per property of the type, in schema order */
  size_t property_count;
} seg_event_columns;
int seg_dataset_from_columns(const char* schema_path, size_t contacts,
                             const seg_column* contact_columns, size_t column_count,
                             const seg_event_columns* events, size_t event_count, seg_dataset** out,
                             seg_error** err);
const char* seg_dataset_bind_notes(const seg_dataset* d);  /* what binding copied; "" if nothing */
int64_t seg_dataset_contact_count(const seg_dataset* d);   /* -1 for null */
const char* seg_dataset_load_report(const seg_dataset* d); /* "" unless loaded from files */
void seg_dataset_free(seg_dataset* d);

/* Programs. import_dir: where the text's imports resolve (null: the working directory). */
int seg_program_compile_files(const char* const* paths, size_t n, seg_program** out,
                              seg_error** err);
int seg_program_compile_source(const char* text, const char* import_dir, seg_program** out,
                               seg_error** err);
/* Source text without a schema of its own, checked against the dataset's schema. */
int seg_program_compile_source_for(const char* text, const char* import_dir,
                                   const seg_dataset* schema_of, seg_program** out,
                                   seg_error** err);
size_t seg_program_warning_count(const seg_program* p);
const char* seg_program_warnings(const seg_program* p); /* rendered, "" when none */
void seg_program_free(seg_program* p);

/* Running. now_iso8601 null or "": the wall clock; threads 0: one per core. */
int seg_run(const seg_program* p, const seg_dataset* d, const char* now_iso8601, int threads,
            seg_result** out, seg_error** err);
seg_run_options* seg_run_options_new(void); /* null when out of memory */
/* now_iso8601 is checked when the program runs (seg_run_with: SEG_ERROR_INVALID_ARGUMENT). */
int seg_run_options_set_now(seg_run_options* o, const char* now_iso8601, seg_error** err);
int seg_run_options_set_threads(seg_run_options* o, int threads, seg_error** err);
int seg_run_options_set_engine(seg_run_options* o, int engine, seg_error** err);
/* Adds a segment, partition or metric to evaluate (and what it reads); none added: everything. */
int seg_run_options_select(seg_run_options* o, const char* definition, seg_error** err);
void seg_run_options_free(seg_run_options* o);
int seg_run_with(const seg_program* p, const seg_dataset* d, const seg_run_options* o,
                 seg_result** out, seg_error** err);

/* Cancelling runs: a token shared with the runs given it through seg_run_options_set_cancel;
 * seg_cancel_token_cancel (from any thread) makes them end within a batch of contacts with
 * SEG_ERROR_CANCELLED. The token must outlive those runs. */
typedef struct seg_cancel_token seg_cancel_token;
seg_cancel_token* seg_cancel_token_new(void); /* null when out of memory */
void seg_cancel_token_cancel(seg_cancel_token* t);
void seg_cancel_token_free(seg_cancel_token* t);
int seg_run_options_set_cancel(seg_run_options* o, seg_cancel_token* t, seg_error** err);

/* Results. Names: a segment, or a partition branch as "partition.branch". Pointers returned
 * live as long as the result. The readers returning int give SEG_OK, SEG_ERROR_NOT_FOUND (no
 * such name) or SEG_ERROR_INVALID_ARGUMENT (a null argument; for seg_result_segment_members
 * also a string contact key, which seg_result_segment_member_strings reads), their outputs
 * cleared unless SEG_OK. */
int64_t seg_result_contact_count(const seg_result* r);
const char* seg_result_engine(const seg_result* r); /* "jit" or "interp" */
int64_t seg_result_segment_count(const seg_result* r, const char* segment_name); /* -1: no such */
int seg_result_segment_members(const seg_result* r, const char* segment_name, const int64_t** keys,
                               size_t* n); /* int contact keys */
int seg_result_segment_member_strings(const seg_result* r, const char* segment_name,
                                      const char* const** keys, size_t* n); /* any key, text */
int seg_result_segment_rows(const seg_result* r, const char* segment_name, const uint32_t** rows,
                            size_t* n); /* contact rows, ascending */
int seg_result_segment_bitmap(const seg_result* r, const char* segment_name, const uint64_t** words,
                              size_t* n_words);
size_t seg_result_definition_count(const seg_result* r, int kind); /* kind: SEG_KIND_* */
const char* seg_result_definition_name(const seg_result* r, int kind,
                                       size_t i); /* null: i out of range */
int64_t seg_result_partition_branch_count(const seg_result* r,
                                          const char* partition); /* -1: no such */
const char* seg_result_partition_branch_name(const seg_result* r, const char* partition, size_t i);
int seg_result_score_values(const seg_result* r, const char* score, const double** values,
                            size_t* n); /* one per contact row, NaN for null */
int seg_result_score_distribution(const seg_result* r, const char* score, double out[6],
                                  uint64_t* count,
                                  uint64_t* nulls); /* min,p25,median,p75,max,mean */
int64_t seg_result_metric_row_count(const seg_result* r, const char* metric);  /* -1: no such */
size_t seg_result_metric_group_width(const seg_result* r, const char* metric); /* `by` fields */
const char* seg_result_metric_group(const seg_result* r, const char* metric, size_t row, size_t k);
/* SEG_OK with *value set and *is_null 0, or *is_null 1 when the metric is undefined for the
 * group (no contacts, say); SEG_ERROR_NOT_FOUND: no such metric or row. */
int seg_result_metric_value(const seg_result* r, const char* metric, size_t row, double* value,
                            int* is_null);
/* Clusters (SEG_KIND_CLUSTER names them): each is also a partition, branches c1 … ck. */
int64_t seg_result_cluster_feature_count(const seg_result* r,
                                         const char* cluster); /* -1: no such */
const char* seg_result_cluster_feature_name(const seg_result* r, const char* cluster, size_t f);
/* Branch i's (0: c1) size and centroid: one value per feature, in the features' units. */
int seg_result_cluster_centroid(const seg_result* r, const char* cluster, size_t branch,
                                const double** values, size_t* n, uint64_t* members);
const char* seg_result_json(const seg_result* r); /* the `seg run --format json` document */
void seg_result_free(seg_result* r);

#define SEG_KIND_SEGMENT 0
#define SEG_KIND_PARTITION 1
#define SEG_KIND_SCORE 2
#define SEG_KIND_METRIC 3
#define SEG_KIND_CLUSTER 4

#ifdef __cplusplus
}
#endif

#endif /* SEG_H */
