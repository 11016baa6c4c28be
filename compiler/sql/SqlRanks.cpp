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
  for (std::size_t i = 0; i < ranks_.size(); ++i)
    if (ranks_[i] == index) return fmt::format("ranks.r{}", i);
  const plan::Rank& rank = context_.plan.ranks[index];
  if (context_.dialect == Dialect::ClickHouse) {
    reader.fail("population ranks (ntile) on ClickHouse");
    return {};
  }
  // The input, for every contact; an ntile of a value that reads an ntile is refused there.
  ExprTranslator input(context_, plan::Scope::Contact, &inputAggregates_, "c");
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
  return fmt::format("ranks.r{}", ranks_.size() - 1);
}

std::string RankColumns::join() const {
  if (ranks_.empty()) return {};
  std::string outer, inner;
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const auto& [k, x] = inputs_[i];
    outer +=
        fmt::format(",\n    CASE WHEN x{0} IS NULL THEN NULL ELSE LEAST({1}, 1 + ({1} * (rank() "
                    "OVER (ORDER BY x{0}) - 1)) / count(x{0}) OVER ()) END AS r{0}",
                    i, k);
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

std::optional<EventAggregates::Joined> RankColumns::clickhouseJoin(const std::string&) const {
  return std::nullopt;
}

} // namespace seg::sql
