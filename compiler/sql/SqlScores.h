// Compiles a plan's scores to SQL: one query per score returning every contact's key and
// value (the score's expression as segments that read it inline it), or the reason it
// cannot be translated yet.
#pragma once

#include "sql/SqlQueryContext.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg::sql {

struct ScoreQuery {
  std::string name;
  std::int32_t slot = -1;
  std::string sql;   // columns contact_key, the score; ends in ";\n"; empty when `error` is set
  std::string error; // "score 'x' uses decayed event counts …, which the SQL back end …"
};

// Every score the program defines, in plan order.
std::vector<ScoreQuery> scoreQueries(const QueryContext& context);

// One score's query (slot `slot`, a Score slot).
ScoreQuery scoreQuery(const QueryContext& context, std::int32_t slot);

} // namespace seg::sql
