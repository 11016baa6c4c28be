// Type checks expressions: resolves names, applies the operator and function rules, tracks
// nullability, and records which definitions each expression reads.
#pragma once

#include "diag/DiagnosticSink.h"
#include "sema/CheckedProgram.h"
#include "sema/Definitions.h"

#include <set>

namespace seg::plan {
struct FunctionInfo;
struct Signature;
} // namespace seg::plan

namespace seg {

// Where an expression stands; decides which names and functions it may use.
struct ExprContext {
  bool metricValue = false;               // a metric's value outside any population aggregate
  int eventIndex = -1;                    // inside `where` of an event aggregate or score rule
  bool insideEventFilter = false;         // no nested event aggregates, no ranks
  bool insidePopulationAggregate = false; // population aggregates do not nest
  const Decl* owner = nullptr;            // the definition being checked (not a suggestion)
  std::set<const Decl*>* reads = nullptr; // definitions this expression depends on
};

class ExprChecker {
public:
  ExprChecker(CheckedProgram& program, const Definitions& definitions, DiagnosticSink& diagnostics)
      : program_(program), schema_(program.schema), definitions_(definitions),
        diagnostics_(diagnostics) {}

  // Checks `expr` and returns its type (also stored in expr.type).
  Type check(Expr& expr, const ExprContext& context);
  // Checks a condition: the result must be bool (nullable is fine).
  void checkCondition(Expr& expr, const ExprContext& context, std::string_view what);
  // A `within`/`half_life` operand: a positive duration literal. Returns microseconds.
  std::optional<std::int64_t> checkWindow(Expr& expr, std::string_view clause);
  // The property list of an event for messages: "amount (float)".
  std::string describeProperties(const EventInfo& event) const;
  // Every per-contact name in scope, for suggestions.
  std::vector<std::string> valueNames(const ExprContext& context) const;

private:
  Type checkName(NameExpr& name, const ExprContext& context, const EnumType* enumContext);
  Type checkMember(MemberExpr& member, const ExprContext& context);
  Type checkUnary(UnaryExpr& unary, const ExprContext& context);
  Type checkBinary(BinaryExpr& binary, const ExprContext& context);
  Type checkComparison(BinaryExpr& binary, const ExprContext& context);
  Type checkArithmetic(BinaryExpr& binary, Type lhs, Type rhs);
  Type checkBetween(BetweenExpr& between, const ExprContext& context);
  Type checkIn(InExpr& in, const ExprContext& context);
  Type checkIsNull(IsNullExpr& isNull, const ExprContext& context);
  Type checkCall(CallExpr& call, const ExprContext& context);
  Type checkEventAggregate(CallExpr& call, const plan::FunctionInfo& info,
                           const ExprContext& context);
  Type checkPopulationAggregate(CallExpr& call, const plan::FunctionInfo& info,
                                const ExprContext& context);
  Type checkScalar(CallExpr& call, const plan::FunctionInfo& info, const ExprContext& context);
  Type checkRank(CallExpr& call, const plan::FunctionInfo& info, const ExprContext& context);
  // The signature for the call's argument count, or an error naming the arities (nullptr).
  const plan::Signature* formFor(const CallExpr& call, const plan::FunctionInfo& info);
  // Checks an operand that may be a bare enum value when the other side is an enum.
  Type checkOperand(Expr& expr, const ExprContext& context, const EnumType* enumContext);
  bool rejectClauses(const CallArg& arg, std::string_view function);
  void warnAlwaysFalse(BinaryExpr& binary);
  // The event a call argument names (`purchase` or `purchase.amount`), if any.
  std::optional<int> eventNamedBy(const Expr& expr) const;
  void unknownName(const Expr& at, const std::string& name, const ExprContext& context);
  void mismatch(const Expr& at, std::string message, std::string hint = {});
  void noteRead(const ExprContext& context, const Decl* decl);
  // True when `name` denotes a value here (field, property, definition, branch).
  bool isValueName(const std::string& name, const ExprContext& context) const;
  // Whether the expression reads a personal field or event property anywhere inside.
  bool readsPersonalData(const Expr& expr) const;
  void enumValueError(const NameExpr& name, const EnumType& enumType);

  CheckedProgram& program_;
  const CheckedSchema& schema_;
  const Definitions& definitions_;
  DiagnosticSink& diagnostics_;
};

// True for types that can be ordered with < <= > >=.
bool isOrdered(const Type& type);

} // namespace seg
