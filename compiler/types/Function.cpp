#include "types/Function.h"

#include <algorithm>
#include <array>
#include <utility>

namespace seg {
namespace {

struct Entry {
  Function function;
  std::string_view name;
  FunctionKind kind;
};

constexpr std::array kFunctions = {
    Entry{Function::Count, "count", FunctionKind::EventAggregate},
    Entry{Function::Exists, "exists", FunctionKind::EventAggregate},
    Entry{Function::Sum, "sum", FunctionKind::EventAggregate},
    Entry{Function::Avg, "avg", FunctionKind::EventAggregate},
    Entry{Function::Min, "min", FunctionKind::EventAggregate},
    Entry{Function::Max, "max", FunctionKind::EventAggregate},
    Entry{Function::First, "first", FunctionKind::EventAggregate},
    Entry{Function::Last, "last", FunctionKind::EventAggregate},
    Entry{Function::Distinct, "distinct", FunctionKind::EventAggregate},
    Entry{Function::Days, "days", FunctionKind::EventAggregate},
    Entry{Function::DaysSince, "days_since", FunctionKind::Scalar},
    Entry{Function::HoursSince, "hours_since", FunctionKind::Scalar},
    Entry{Function::Lower, "lower", FunctionKind::Scalar},
    Entry{Function::Upper, "upper", FunctionKind::Scalar},
    Entry{Function::Length, "length", FunctionKind::Scalar},
    Entry{Function::Contains, "contains", FunctionKind::Scalar},
    Entry{Function::StartsWith, "starts_with", FunctionKind::Scalar},
    Entry{Function::EndsWith, "ends_with", FunctionKind::Scalar},
    Entry{Function::Coalesce, "coalesce", FunctionKind::Scalar},
    Entry{Function::Abs, "abs", FunctionKind::Scalar},
    Entry{Function::Round, "round", FunctionKind::Scalar},
    Entry{Function::Year, "year", FunctionKind::Scalar},
    Entry{Function::Month, "month", FunctionKind::Scalar},
    Entry{Function::DayOfWeek, "day_of_week", FunctionKind::Scalar},
    Entry{Function::Hour, "hour", FunctionKind::Scalar},
    Entry{Function::PopCount, "count", FunctionKind::PopulationAggregate},
    Entry{Function::Percent, "percent", FunctionKind::PopulationAggregate},
    Entry{Function::PopSum, "sum", FunctionKind::PopulationAggregate},
    Entry{Function::PopAvg, "avg", FunctionKind::PopulationAggregate},
    Entry{Function::PopMin, "min", FunctionKind::PopulationAggregate},
    Entry{Function::PopMax, "max", FunctionKind::PopulationAggregate},
    Entry{Function::Median, "median", FunctionKind::PopulationAggregate},
    Entry{Function::Quantile, "quantile", FunctionKind::PopulationAggregate},
    Entry{Function::Ratio, "ratio", FunctionKind::PopulationAggregate},
    Entry{Function::Ntile, "ntile", FunctionKind::PopulationRank},
};

std::optional<Function> find(std::string_view name, FunctionKind kind) {
  for (const Entry& e : kFunctions)
    if (e.kind == kind && e.name == name) return e.function;
  return std::nullopt;
}

} // namespace

std::string_view functionName(Function f) {
  for (const Entry& e : kFunctions)
    if (e.function == f) return e.name;
  return "?";
}

FunctionKind functionKind(Function f) {
  for (const Entry& e : kFunctions)
    if (e.function == f) return e.kind;
  return FunctionKind::Scalar;
}

std::optional<Function> eventAggregateNamed(std::string_view name) {
  return find(name, FunctionKind::EventAggregate);
}
std::optional<Function> scalarNamed(std::string_view name) {
  return find(name, FunctionKind::Scalar);
}
std::optional<Function> populationAggregateNamed(std::string_view name) {
  return find(name, FunctionKind::PopulationAggregate);
}
bool isPopulationRankName(std::string_view name) {
  return find(name, FunctionKind::PopulationRank).has_value();
}

const std::vector<std::string>& allFunctionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Entry& e : kFunctions) {
      std::string name(e.name);
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
  }();
  return names;
}

} // namespace seg
