// The store's last rows, when they do not fill a whole chunk: stage functions only run
// whole chunks (no tail logic in generated code), so these rows run on copies of their
// inputs padded to a chunk and rebased to row 0, and the outputs are copied back.
#pragma once

#include "KernelAbi.h"
#include "exec/BoundPlan.h"

#include <cstdint>
#include <vector>

namespace seg::jit {

// Runs `stage` (whose slots are `outputs`) for rows [base, base + rows), rows < chunkRows.
void runPartialChunk(StageFunction stage, const ArgLayout& layout, const std::uint64_t* words,
                     const exec::BoundPlan& bound, const std::vector<std::int32_t>& outputs,
                     std::size_t base, std::size_t rows, unsigned chunkRows, CallScratch& scratch);

} // namespace seg::jit
