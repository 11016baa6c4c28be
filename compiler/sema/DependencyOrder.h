// Orders per-contact definitions so each comes after what it reads, and reports cycles
// with the full path ("segment 'a' depends on itself: a → b → a").
#pragma once

#include "ast/Decl.h"
#include "diag/DiagnosticSink.h"

#include <map>
#include <set>
#include <vector>

namespace seg {

std::vector<const Decl*>
orderByDependencies(const std::vector<const Decl*>& definitions,
                    const std::map<const Decl*, std::set<const Decl*>>& reads,
                    DiagnosticSink& diagnostics);

} // namespace seg
