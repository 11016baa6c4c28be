// Random well-typed Seg expressions over the CRM schema (examples/crm/crm.schema.seg):
// every operator, built-in and event aggregate, with literals chosen to hit nulls, zero
// divisors, integer overflow and the exact edges of `within` windows.
#pragma once

#include "FuzzRandom.h"
#include "GeneratedProgram.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace seg::fuzz {

enum class Ty { Bool, Int, Float, String, Timestamp, Duration, Enum };

// What an expression may use where it stands.
struct ExprScope {
  int event = -1;         // inside `where` over this event type (index into the schema's)
  bool aggregates = true; // event aggregates (never inside `where`)
  bool ntile = false;     // population ranks
  bool personal = true;   // the `pii` field (not inside a metric's value aggregates)
  bool references = true; // earlier segments, scores and partitions
  // Favour strings: conditions comparing two string expressions, coalesces of several
  // string columns and aggregates, `in`, predicates and lengths (the lowering's string
  // rewrites are tested with these). Off, the choices are exactly the default ones.
  bool strings = false;
};

// A definition that later expressions may refer to.
struct Referable {
  std::size_t definition = 0;
  std::string name;
  DefinitionKind kind = DefinitionKind::Segment; // Segment, Score or Partition
  std::vector<std::string> branches;             // Partition
  bool hasElse = false;                          // Partition
};

class ExprGenerator {
public:
  ExprGenerator(FuzzRandom& random, std::map<std::string, std::uint64_t>& coverage);

  void addReferable(Referable referable) { referables_.push_back(std::move(referable)); }
  void clearReferables() { referables_.clear(); }
  const std::vector<Referable>& referables() const { return referables_; }
  // Definitions referred to since the last call are appended to `uses`.
  void takeUses(std::vector<std::size_t>& uses);

  std::string condition(const ExprScope& scope, int depth);
  std::string number(const ExprScope& scope, int depth); // int or float
  std::string integer(const ExprScope& scope, int depth);
  std::string real(const ExprScope& scope, int depth);
  std::string timestamp(const ExprScope& scope, int depth);
  std::string duration(const ExprScope& scope, int depth);
  std::string string(const ExprScope& scope, int depth);
  // A value `ntile` accepts: a number, timestamp or duration.
  std::string rankable(const ExprScope& scope, int depth);

  // Literals shared with the program generator.
  std::string windowLiteral();
  std::string halfLifeLiteral();
  static const std::vector<std::string>& eventNames();
  static const std::vector<std::string>& groupableFields();

  void note(const std::string& construct) { ++coverage_[construct]; }

private:
  using Choice = std::pair<unsigned, std::function<std::string()>>;
  std::string choose(const std::vector<Choice>& choices);

  std::string conditionLeaf(const ExprScope& scope);
  std::string comparison(const ExprScope& scope, int depth);
  std::string enumCondition(const ExprScope& scope, int depth);
  std::string betweenCondition(const ExprScope& scope, int depth);
  std::string inCondition(const ExprScope& scope, int depth);
  std::string nullTest(const ExprScope& scope, int depth);
  std::string stringPredicate(const ExprScope& scope, int depth);
  std::string stringCondition(const ExprScope& scope, int depth);
  std::string stringCoalesce(const ExprScope& scope, int depth);
  std::string eventWindowCondition(const ExprScope& scope);
  std::string reference(DefinitionKind kind);
  std::string branchReference();

  // Event aggregates. `clauses` renders " where … within …" for event type `event`.
  std::string clauses(int event, const ExprScope& scope, int depth);
  std::string countLike(const ExprScope& scope, int depth); // count, days, distinct
  std::string existsAggregate(const ExprScope& scope, int depth);
  std::string sequence(const ExprScope& scope, int depth);
  std::string propertyAggregate(Ty type, const ExprScope& scope, int depth);
  std::string ntile(const ExprScope& scope, int depth);

  std::string intLeaf(const ExprScope& scope);
  std::string floatLeaf(const ExprScope& scope);
  std::string stringLeaf(const ExprScope& scope);
  std::string singleLeafString(const ExprScope& scope, int depth);
  std::string timestampLeaf(const ExprScope& scope);
  std::string durationLeaf(const ExprScope& scope);
  std::string intLiteral();
  std::string floatLiteral();
  std::string stringLiteral();
  std::string stringLiteralFor(const std::string& of, bool part);
  std::string timestampLiteral();
  std::string durationLiteral();
  std::string comparisonOp();
  std::string orderingOp();

  FuzzRandom& random_;
  std::map<std::string, std::uint64_t>& coverage_;
  std::vector<Referable> referables_;
  std::vector<std::size_t> uses_;
};

} // namespace seg::fuzz
