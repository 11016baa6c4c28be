// `seg run --engine postgres|clickhouse`: the program's segments and partitions run as the
// queries of `seg sql` on the server, reported in the same document as the local engines.
#pragma once

#include "Commands.h"
#include "sema/CheckedProgram.h"

#include <cstdint>

namespace seg::cli {

// `options` are checked (a --dsn or --url, no --data, --segment names the program's); `now`
// in UTC microseconds. Returns the exit status.
int runOnWarehouse(const RunOptions& options, const CheckedProgram& program, std::int64_t now,
                   double compileMs);

} // namespace seg::cli
