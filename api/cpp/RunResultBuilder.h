// Turns one execution into the state behind seg::Result: the run report (as `seg run`
// builds it), member sets per segment and branch, score entries, metrics and findings.
#pragma once

#include "Detail.h"

namespace seg::detail {

struct RunFacts {
  std::int64_t now = 0;
  unsigned threads = 0;
  // Why the engine asked for is not the one that ran (exec::RunResult::engine): the JIT
  // could not compile the program, or its code declined the data; empty when it ran.
  std::string engineNote;
  double compileMs = 0;
  double runMs = 0;
  std::vector<std::string> only; // the selection, as asked for
  std::uint64_t minSegmentSize = 0;
};

std::shared_ptr<const ResultData> buildResult(std::shared_ptr<const ProgramData> program,
                                              std::shared_ptr<const plan::Plan> plan,
                                              std::shared_ptr<const DatasetData> dataset,
                                              exec::RunResult run, const RunFacts& facts);

} // namespace seg::detail
