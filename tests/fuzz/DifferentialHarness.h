// Runs generated programs with a reference engine and a candidate engine and compares the
// results bit for bit. Definitions the candidate does not support are dropped (counted,
// with the reason) rather than the whole program; a disagreement is cut down to the
// smallest failing definition and reported with the slot, the contact and both values.
#pragma once

#include "EngineRunner.h"
#include "GeneratedProgram.h"

#include <map>
#include <string>
#include <vector>

namespace seg::fuzz {

struct DifferentialStats {
  std::size_t programs = 0;
  std::size_t definitions = 0;
  std::size_t compared = 0;    // definitions run and compared on both engines
  std::size_t unsupported = 0; // definitions the candidate engine does not support
  std::size_t rejected = 0;    // programs that did not check (a generator bug)
  std::size_t failures = 0;    // mismatches and engine errors
  std::map<std::string, std::size_t> unsupportedReasons;

  std::string summary() const;
};

class DifferentialHarness {
public:
  DifferentialHarness(Engine reference, Engine candidate, DifferentialStats& stats)
      : reference_(std::move(reference)), candidate_(std::move(candidate)), stats_(stats) {}

  // One message per failure; empty when the engines agree.
  std::vector<std::string> check(const GeneratedProgram& program, const runtime::Store& store,
                                 std::int64_t now, unsigned threads = 2);

  // Failures after this many are counted but not cut down (shrinking runs many programs).
  std::size_t maxShrunk = 8;

private:
  // Why `text` fails (mismatch or engine error), or nothing when the engines agree.
  std::optional<std::string> differs(const std::string& text, const runtime::Store& store,
                                     std::int64_t now, unsigned threads);
  std::string smallestFailure(const GeneratedProgram& program, const std::vector<std::size_t>& kept,
                              const runtime::Store& store, std::int64_t now, unsigned threads,
                              const std::string& why);

  Engine reference_;
  Engine candidate_;
  DifferentialStats& stats_;
  std::size_t shrunk_ = 0;
};

// An engine's "unsupported" message without what varies between plans (node numbers).
std::string normalizedReason(std::string reason);

// "2026-11-01T00:00:00Z (1793491200000000)"
std::string describeTime(std::int64_t micros);

} // namespace seg::fuzz
