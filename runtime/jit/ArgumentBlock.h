// Fills a compiled program's argument block from a bound plan: column and table
// addresses, dictionary sizes, codes of string constants in the store's dictionaries.
// Everything the generated code assumes about the data (types, no nulls where the plan
// says none, table sizes) is checked here, once, so the code itself never needs to.
#pragma once

#include "KernelAbi.h"
#include "base/Expected.h"
#include "exec/BoundPlan.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seg::jit {

class Misfit;

class ArgumentBlock {
public:
  // The block for `bound`, or why it does not fit code compiled for this layout (a message
  // naming the column). The code writes the slot columns of `bound` through it.
  static base::Expected<ArgumentBlock> bind(const ArgLayout& layout, exec::BoundPlan& bound);

  // The block every call passes. Slot and rank columns are allocated when the plan is
  // bound and never move afterwards (ranks are written in place), so it is fixed.
  const std::uint64_t* words() const { return words_.data(); }

private:
  ArgumentBlock() = default;
  std::uint64_t resolve(const ArgEntry& entry, exec::BoundPlan& bound, Misfit& misfit);
  const std::uint64_t* allValid(std::size_t rows, Misfit& misfit);

  std::vector<std::uint64_t> words_;
  std::vector<std::uint64_t> allValid_;               // the bitmap of a column without nulls
  std::vector<std::vector<std::uint32_t>> noEvents_;  // offsets of event types without any
  std::vector<std::vector<std::uint8_t>> boolTables_; // value | valid << 1 per entry
  // PropertyTextOrder tables: each entry's position in text order.
  std::vector<std::vector<std::uint32_t>> textOrders_;
};

// Checks, beyond the executor's own, that the store fits the plan as compiled: fields
// the plan says are never null have no nulls, aggregated properties have the kinds the
// code reads. Returns the first misfit.
std::optional<std::string> checkStoreForJit(const exec::BoundPlan& bound);

} // namespace seg::jit
