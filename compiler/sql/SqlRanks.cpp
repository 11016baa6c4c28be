// ntile as window functions over a subquery of every contact's rank inputs. rank() − 1 is
// the number of rows ordered strictly before (NULLs sort last, so they are never smaller;
// floats: -0 equals 0, NaN sorts above every number, as docs/execution.md says).
#include "sql/SqlRanks.h"

#include "sql/SqlExpr.h"

#include <fmt/format.h>

namespace seg::sql {

RankColumns::RankColumns(const QueryContext& context, std::string contactKey)
    : context_(context), contactKey_(std::move(contactKey)),
      inputAggregates_(context, contactKey_) {}

std::string RankColumns::reference(std::int32_t index, ExprTranslator& reader) {
  const bool ch = context_.dialect == Dialect::ClickHouse;
  auto name = [&](std::size_t i) {
    return ch ? fmt::format("ntile_{}", i) : fmt::format("ranks.r{}", i);
  };
  for (std::size_t i = 0; i < ranks_.size(); ++i)
    if (ranks_[i] == index) return name(i);
  const plan::Rank& rank = context_.plan.ranks[index];
  if (rank.cluster) {
    reader.fail("clusters (K-means)", {});
    return {};
  }
  // The input, for every contact; an ntile of a value that reads an ntile is refused there.
  // ClickHouse computes each rank's inputs apart, so each reads only its own aggregates.
  auto own = std::make_unique<EventAggregates>(context_, contactKey_);
  std::set<std::int32_t> ownFields;
  ExprTranslator input(context_, plan::Scope::Contact, ch ? own.get() : &inputAggregates_,
                       ch ? "" : "c");
  input.setFieldsRead(ch ? &ownFields : &inputFields_);
  std::string x = input.translate(context_.plan.slots[rank.inputSlot].expr);
  if (input.unsupported()) {
    reader.fail(input.unsupported()->construct == "population ranks (ntile)"
                    ? "an ntile of a value that reads another ntile"
                    : input.unsupported()->construct,
                input.unsupported()->through);
    return {};
  }
  ranks_.push_back(index);
  inputs_.emplace_back(rank.buckets, std::move(x));
  ownAggregates_.push_back(std::move(own));
  ownFields_.push_back(std::move(ownFields));
  floats_.push_back(context_.plan.slots[rank.inputSlot].type == plan::ValueType::Float);
  return name(ranks_.size() - 1);
}

std::string RankColumns::join() const {
  if (ranks_.empty()) return {};
  std::string outer, inner;
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const auto& [k, x] = inputs_[i];
    // NULLs last, where the rank ignores them: DuckDB's default null order is a setting.
    const std::string below = fmt::format("({} * (rank() OVER (ORDER BY x{}{}) - 1))", k, i,
                                          context_.dialect == Dialect::DuckDb ? " NULLS LAST" : "");
    outer +=
        fmt::format(",\n    CASE WHEN x{0} IS NULL THEN NULL ELSE LEAST({1}, 1 + {2}) END AS r{0}",
                    i, k, integerQuotient(context_, below, fmt::format("count(x{}) OVER ()", i)));
    inner += fmt::format(",\n      {} AS x{}", x, i);
  }
  const std::string key =
      "c." + quoteIdentifier(context_.schema.contactFields[context_.schema.keyField].name);
  std::string joins = inputAggregates_.joins();
  // Indent the inputs' joins into the subquery.
  std::string indented;
  for (std::size_t start = 0; start < joins.size();) {
    std::size_t end = joins.find('\n', start);
    indented += "    " + joins.substr(start, end - start + 1);
    start = end + 1;
  }
  return fmt::format("LEFT JOIN (\n  SELECT contact_key{}\n  FROM (\n    SELECT {} AS "
                     "contact_key{}\n    FROM {} AS c\n{}  ) AS inputs\n) AS ranks ON "
                     "ranks.contact_key = {}\n",
                     outer, key, inner, context_.names.contacts(), indented, contactKey_);
}

std::vector<EventAggregates::Joined> RankColumns::clickhouseJoins(const std::string& key) const {
  std::vector<EventAggregates::Joined> out;
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const auto& [k, x] = inputs_[i];
    const std::string relation =
        clickhouseRelation(context_, ownAggregates_[i]->clickhouseJoins(key), ownFields_[i]);
    // The contacts with an input, each with its value as a sort key without NaN: (n, v) is
    // (1, 0) for a NaN (above every number, all equal) and (0, x + 0.) else (-0 is +0).
    const std::string nan = floats_[i] ? "isNaN(assumeNotNull(x))" : "toUInt8(0)";
    const std::string value =
        floats_[i] ? "if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.)" : "assumeNotNull(x)";
    const std::string present =
        fmt::format("SELECT {0}, {1} AS n, {2} AS v FROM (SELECT {0}, {3} AS x FROM {4}) WHERE "
                    "isNotNull(x)",
                    key, nan, value, x, relation);
    // The bucket per distinct (n, v), from the sorted counts: L is the running sum of the
    // counts below, N their total (the contacts with an input).
    const std::string buckets = fmt::format(
        "SELECT tupleElement(t, 1) AS n, tupleElement(t, 2) AS v, toInt64(least({0}, 1 + "
        "intDiv({0} * l, total))) AS bucket FROM (SELECT arraySort(groupArray((n, v, c))) AS s, "
        "arraySum(arrayMap(u -> tupleElement(u, 3), s)) AS total FROM (SELECT n, v, count() AS "
        "c FROM ({1}) GROUP BY n, v)) ARRAY JOIN s AS t, arrayMap((running, u) -> running - "
        "tupleElement(u, 3), arrayCumSum(arrayMap(u -> tupleElement(u, 3), s)), s) AS l",
        k, present);
    const std::string column = fmt::format("ntile_{}", i);
    out.push_back({fmt::format("SELECT {0}, bucket AS {1}\nFROM ({2})\nANY LEFT JOIN ({3}) USING "
                               "n, v",
                               key, column, present, buckets),
                   {column}});
  }
  return out;
}

} // namespace seg::sql
