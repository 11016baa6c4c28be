// Helpers of the C API tests: handles owned by unique_ptr, and CRM data made by the `seg`
// command, so that the tests use nothing of Seg but seg.h and the command line.
#pragma once

#include "seg/seg.h"

#include <memory>
#include <string>
#include <vector>

namespace seg::capitest {

template <auto Free> struct Freer {
  template <class T> void operator()(T* handle) const { Free(handle); }
};
using ErrorPtr = std::unique_ptr<seg_error, Freer<seg_error_free>>;
using DatasetPtr = std::unique_ptr<seg_dataset, Freer<seg_dataset_free>>;
using ProgramPtr = std::unique_ptr<seg_program, Freer<seg_program_free>>;
using ResultPtr = std::unique_ptr<seg_result, Freer<seg_result_free>>;
using OptionsPtr = std::unique_ptr<seg_run_options, Freer<seg_run_options_free>>;
using CancelPtr = std::unique_ptr<seg_cancel_token, Freer<seg_cancel_token_free>>;

inline constexpr const char* kNow = "2026-11-01T00:00:00Z";

// examples/crm/<name> in the source tree, and the example's four files.
std::string crmFile(const std::string& name);
std::vector<std::string> crmFiles();

// Generated CRM contacts (once per test process, removed at exit): a folder of CSV files
// and its snapshot made by `seg import`. Aborts the process when `seg` fails.
struct CrmData {
  std::string folder;
  std::string snapshot;
};
const CrmData& generatedCrm();

// The example compiled from its files, the generated folder loaded, and a run at kNow;
// null handles (and a failed assertion) on error.
ProgramPtr compileCrm();
DatasetPtr loadCrm();
ResultPtr run(const seg_program* program, const seg_dataset* dataset);

} // namespace seg::capitest
