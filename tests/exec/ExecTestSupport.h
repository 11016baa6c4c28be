// Helpers for execution tests: stores built value by value, programs compiled, lowered
// and run, and per-contact results read back by slot name.
#pragma once

#include "driver/Compilation.h"
#include "exec/Executor.h"
#include "plan/Lowering.h"
#include "plan/Plan.h"
#include "store/Store.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace seg::test {

inline constexpr std::int64_t kSecond = 1'000'000;
inline constexpr std::int64_t kHour = 3600 * kSecond;
inline constexpr std::int64_t kDay = 24 * kHour;
// 2026-11-01T00:00:00Z, the `now` of the tests.
inline constexpr std::int64_t kNow = 1793491200000000;

// A cell: null, an int or timestamp, a float, a bool, or a string (also an enum's name).
struct Null {};
using Cell = std::variant<Null, std::int64_t, int, double, bool, std::string, const char*>;
using Row = std::map<std::string, Cell>; // fields not named are null

// Builds a Store for a schema: contacts in order, events in any order (sorted by
// (contact, at) on finish, equal times keeping their insertion order).
class StoreBuilder {
public:
  explicit StoreBuilder(runtime::StoreSchema schema) : schema_(std::move(schema)) {}
  // Returns the contact's row.
  std::size_t contact(const Row& fields);
  void event(const std::string& type, std::size_t contactRow, std::int64_t at,
             const Row& properties = {});
  runtime::Store finish() const;

private:
  struct Event {
    std::size_t contact;
    std::int64_t at;
    Row properties;
  };
  runtime::StoreSchema schema_;
  std::vector<Row> contacts_;
  std::map<std::string, std::vector<Event>> events_;
};

// The test schema, in Seg: every type, nullable, and two event types.
const std::string& testSchema();
runtime::StoreSchema storeSchemaOfText(const std::string& schemaText);

// A compiled and executed program: owns everything the results point into.
struct Ran {
  Compilation compilation;
  plan::Plan plan;
  runtime::Store store;
  exec::RunResult result;

  std::int32_t slot(const std::string& name) const;
  // Row numbers where the Bool slot is true.
  std::set<std::size_t> members(const std::string& name) const;
  // Per-row values of a slot: ints (and bools, enums, timestamps) or floats as double.
  std::vector<std::optional<double>> values(const std::string& name) const;
  std::optional<double> value(const std::string& name, std::size_t row) const {
    return values(name).at(row);
  }
  const exec::MetricResult& metric(const std::string& name) const;
};

// Compiles `testSchema() + program` (or `program` alone when it has its own schema),
// lowers it (with `lowering`) and runs it with the interpreter. Fails the test on compile
// errors.
std::unique_ptr<Ran> run(const std::string& program, runtime::Store store, std::int64_t now = kNow,
                         unsigned threads = 1, const plan::LoweringOptions& lowering = {});

} // namespace seg::test
