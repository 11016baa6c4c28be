// The contract between generated code and the C++ that calls it: the stage function's
// signature and the argument block, one 64-bit word per entry, whose layout the code
// generator decides from the plan alone (never from data), so compiled code is reusable.
#pragma once

#include "plan/Plan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg::jit {

// Evaluates every slot of one stage for contact rows [begin, end), whole chunks only:
// begin and end are multiples of the program's chunk size (8 to 64 rows), and every
// column the block points to holds at least `end` rows. `args` is the argument block
// described by the program's ArgLayout; `scratch` is the caller's per-call CallScratch.
using StageFunction = void (*)(const std::uint64_t* args, std::uint64_t begin, std::uint64_t end,
                               void* scratch);

// Memory a stage call borrows through helpers (distinct values of a contact's events):
// one per call, on the caller's stack, so concurrent calls share nothing.
struct CallScratch {
  std::vector<std::uint64_t> words;
};

// What one word of the argument block holds. Pointers are stored as their address; a
// validity pointer is never null (a column without nulls gets an all-valid bitmap), so
// generated code needs no null checks.
enum class ArgKind : std::uint8_t {
  Now,             // int64: the evaluation time (UTC microseconds)
  ContactValues,   // ptr: contact column `a`'s values (physical type of the field)
  ContactValidity, // ptr: contact column `a`'s validity bitmap
  EventOffsets,    // ptr: uint32 CSR offsets of event type `a` (rows + 1 entries)
  EventValues,     // ptr: event type `a`, property `b`: values
  EventValidity,   // ptr: event type `a`, property `b`: validity bitmap
  SlotValues,      // ptr: slot `a`'s column values (written by its stage, read later)
  SlotValidity,    // ptr: slot `a`'s validity bitmap
  RankValues,      // ptr: rank `a`'s int64 values
  RankValidity,    // ptr: rank `a`'s validity bitmap
  TableValues,     // ptr: string table of StringLut node `a`: one value per entry; for a
                   // Bool table one byte per entry, bit 0 the value and bit 1 "not null"
  TableValid,      // ptr: string table of StringLut node `a` (not Bool): one byte (0/1)
                   // per entry, 1 where the value is not null
  DictionarySize,  // int64: entries of the dictionary of String leaf node `a` (the
                   // string table's null entry has this index)
  PropertyIsFloat, // int64: 1 when property `b` of event type `a` is a float, 0 when an
                   // int or timestamp (avg and float sums read either)
  PropertyWidth,   // int64: bytes per value of property `b` of event type `a` (1, 4 or 8;
                   // distinct() reads any kind)
  StringCode,      // int64: the code of `text` in the dictionary of String leaf node `a`,
                   // or kAbsentCode when the dictionary does not hold it
  // int64: entries of the dictionary of string property `b` of event type `a`.
  PropertyDictionarySize,
  // ptr: uint32 per entry of that dictionary, plus one spare entry: the entry's position
  // when the texts are sorted bytewise (min/max of a string property compare these).
  PropertyTextOrder,
};

// Never a dictionary code: a constant absent from the data compares unequal to every row.
inline constexpr std::uint64_t kAbsentCode = 0xFFFFFFFFu;

struct ArgEntry {
  ArgEntry(ArgKind k, std::int32_t first = -1, std::int32_t second = -1, std::string t = {})
      : kind(k), a(first), b(second), text(std::move(t)) {}

  ArgKind kind = ArgKind::Now;
  std::int32_t a = -1;
  std::int32_t b = -1;
  std::string text; // StringCode

  friend bool operator==(const ArgEntry&, const ArgEntry&) = default;
};

// Entry i of the layout is word i of the argument block.
using ArgLayout = std::vector<ArgEntry>;

} // namespace seg::jit
