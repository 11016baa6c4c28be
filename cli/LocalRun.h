// A program run on local data for the commands that analyse a run (`seg suggest`,
// `seg report`): compile, open the data, run with the JIT, build the report `seg run` prints.
#pragma once

#include "Commands.h"
#include "exec/Executor.h"
#include "plan/Plan.h"
#include "report/RunReport.h"
#include "snapshot/DataSource.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seg::cli {

struct LocalRunRequest {
  const char* command = "seg";    // for messages: "seg suggest"
  std::vector<std::string> files; // the program
  std::string data;               // a snapshot or a folder
  std::string now;                // ISO-8601; empty: the wall clock
  unsigned threads = 0;
  RunEngine engine = RunEngine::Jit;
};

struct LocalRun {
  plan::Plan plan;
  runtime::OpenedData data;
  exec::RunResult result;
  report::RunReport report; // every segment, partition, cluster, score and metric
};

// Prints diagnostics and errors; on failure returns the exit status in `status`.
std::unique_ptr<LocalRun> runLocally(const LocalRunRequest& request, int& status);

} // namespace seg::cli
