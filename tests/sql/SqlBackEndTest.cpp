// Units of the SQL back end (compiler/sql): quoting, literals, integer floor division, the
// translation of single segments and the refusal of what it does not translate. The
// agreement with the engines on a real server is postgres_agreement_test.sh.
#include "TestCompile.h"
#include "plan/Lowering.h"
#include "sql/SqlDdl.h"
#include "sql/SqlSegments.h"

#include <gtest/gtest.h>

namespace seg::sql {
namespace {

constexpr std::int64_t kNow = 1793491200000000; // 2026-11-01T00:00:00Z

// The query (or the error) of segment `name` of `text`, compiled after the CRM schema.
SegmentQuery queryOf(const std::string& text, const std::string& name,
                     std::optional<std::int64_t> now = kNow, Dialect dialect = Dialect::Postgres) {
  Compilation compilation = test::compileWithSchema(text);
  EXPECT_TRUE(compilation.ok()) << test::renderAll(compilation);
  plan::Plan plan = plan::lowerProgram(*compilation.program, plan::LoweringOptions{false});
  QueryContext context{plan, compilation.program->schema, dialect, TableNames{}, now};
  for (const SegmentQuery& query : segmentQueries(context))
    if (query.name == name) return query;
  ADD_FAILURE() << "no segment " << name;
  return {};
}

TEST(SqlDialect, IdentifiersAreQuotedOnlyWhenTheyMustBe) {
  EXPECT_EQ(quoteIdentifier("city"), "city");
  EXPECT_EQ(quoteIdentifier("at"), "\"at\"");       // DuckDB reserves it
  EXPECT_EQ(quoteIdentifier("order"), "\"order\""); // SQL reserves it
  EXPECT_EQ(quoteIdentifier("Name"), "\"Name\"");
  EXPECT_EQ(quoteIdentifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quoteIdentifier("1st"), "\"1st\"");
}

TEST(SqlDialect, StringsAreQuotedPerDialect) {
  EXPECT_EQ(quoteString(Dialect::Postgres, "it's \\"), "'it''s \\'");
  EXPECT_EQ(quoteString(Dialect::ClickHouse, "it's \\"), "'it''s \\\\'");
}

TEST(SqlDialect, DialectNames) {
  EXPECT_EQ(dialectNamed("postgres"), Dialect::Postgres);
  EXPECT_EQ(dialectNamed("clickhouse"), Dialect::ClickHouse);
  EXPECT_EQ(dialectNamed("duckdb"), Dialect::DuckDb);
  EXPECT_EQ(dialectNamed("Postgres"), std::nullopt);
  EXPECT_EQ(dialectName(Dialect::DuckDb), "duckdb");
}

TEST(SqlTime, TimestampLiteralsAreExactToTheMicrosecond) {
  EXPECT_EQ(timestampLiteral(kNow), "TIMESTAMPTZ '2026-11-01 00:00:00+00'");
  EXPECT_EQ(timestampLiteral(kNow + 1), "TIMESTAMPTZ '2026-11-01 00:00:00.000001+00'");
  EXPECT_EQ(timestampLiteral(-1), "TIMESTAMPTZ '1969-12-31 23:59:59.999999+00'");
  EXPECT_EQ(timestampLiteral(0), "TIMESTAMPTZ '1970-01-01 00:00:00+00'");
}

TEST(SqlTime, FloorDivisionIsInIntegers) {
  plan::Plan plan;
  CheckedSchema schema;
  QueryContext pg{plan, schema, Dialect::Postgres, TableNames{}, kNow};
  EXPECT_EQ(floorDivide(pg, "x", 86400000000),
            "(x / 86400000000 - CASE WHEN x % 86400000000 < 0 THEN 1 ELSE 0 END)");
  QueryContext ch{plan, schema, Dialect::ClickHouse, TableNames{}, kNow};
  EXPECT_EQ(floorDivide(ch, "x", 86400000000),
            "(intDiv(x, toInt64(86400000000)) - if(modulo(x, toInt64(86400000000)) < 0, 1, 0))");
  // DuckDB: `/` is a float division there, `//` truncates as PostgreSQL's `/`
  QueryContext duck{plan, schema, Dialect::DuckDb, TableNames{}, kNow};
  EXPECT_EQ(floorDivide(duck, "x", 86400000000),
            "(x // 86400000000 - CASE WHEN x % 86400000000 < 0 THEN 1 ELSE 0 END)");
  // EXTRACT(EPOCH …) is a DOUBLE in DuckDB: epoch_us is exact
  EXPECT_EQ(microsOf("t", Dialect::DuckDb), "epoch_us(t)");
}

TEST(SqlDuckDb, WhatDiffersFromPostgres) {
  SegmentQuery mod =
      queryOf("segment s = age % (company_size - 5) == 1", "s", kNow, Dialect::DuckDb);
  ASSERT_EQ(mod.error, "");
  // x % −1 is 0 in Seg; DuckDB raises an overflow for the smallest integer
  EXPECT_NE(mod.sql.find("(c.age % CASE (c.company_size - 5) WHEN 0 THEN NULL WHEN -1 THEN 1 "
                         "ELSE (c.company_size - 5) END)"),
            std::string::npos)
      << mod.sql;
  SegmentQuery year = queryOf("segment s = year(signup_at) == 2025", "s", kNow, Dialect::DuckDb);
  ASSERT_EQ(year.error, "");
  EXPECT_NE(year.sql.find("CAST(year(make_timestamp(epoch_us(c.signup_at))) AS BIGINT)"),
            std::string::npos)
      << year.sql;
  SegmentQuery first =
      queryOf("segment s = first(page_view.url) == \"/\"", "s", kNow, Dialect::DuckDb);
  ASSERT_EQ(first.error, "");
  EXPECT_NE(first.sql.find("(array_agg(url ORDER BY \"at\", event_page_view.rowid))[1]"),
            std::string::npos)
      << first.sql;
  SegmentQuery rank = queryOf("segment s = ntile(4, age) == 1", "s", kNow, Dialect::DuckDb);
  ASSERT_EQ(rank.error, "");
  EXPECT_NE(rank.sql.find("LEAST(4, 1 + (4 * (rank() OVER (ORDER BY x0 NULLS LAST) - 1)) // "
                          "count(x0) OVER ())"),
            std::string::npos)
      << rank.sql;
}

TEST(SqlClickHouse, OneJoinPerSelectAndKleeneLogic) {
  SegmentQuery q =
      queryOf("segment s = (nps >= 9 or age is null) and count(purchase within 30d) > 0 "
              "and count(page_view) > 2",
              "s", kNow, Dialect::ClickHouse);
  ASSERT_EQ(q.error, "");
  // two event types: two chained joins, each its own SELECT; inner, since no contact
  // without purchases (or without page views) can be a member
  EXPECT_NE(q.sql.find("ANY INNER JOIN (\n  SELECT contact_key AS id, e_purchase_a0 FROM ("),
            std::string::npos)
      << q.sql;
  EXPECT_NE(q.sql.find("ANY INNER JOIN (\n  SELECT contact_key AS id, e_page_view_a0 FROM ("),
            std::string::npos)
      << q.sql;
  // only the key and the fields the condition reads go through the joins
  EXPECT_NE(q.sql.find("SELECT id, age, nps, e_purchase_a0\n"), std::string::npos) << q.sql;
  SegmentQuery left = queryOf("segment s = not exists(purchase) or count(page_view) > 2", "s", kNow,
                              Dialect::ClickHouse);
  ASSERT_EQ(left.error, "");
  EXPECT_NE(left.sql.find("ANY LEFT JOIN (\n  SELECT contact_key AS id, e_purchase_a0 FROM ("),
            std::string::npos)
      << left.sql;
  EXPECT_NE(q.sql.find("greatest(ifNull(toUInt8((nps >= toInt64(9))) * 2, 1)"), std::string::npos)
      << q.sql;
  EXPECT_NE(q.sql.find("SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';"),
            std::string::npos)
      << q.sql;
}

TEST(SqlClickHouse, EnumsTimestampsAndEmptyMinimums) {
  SegmentQuery q = queryOf("segment s = plan == trial and signup_at < now - 30d and "
                           "min(purchase.amount) > 10.0",
                           "s", kNow, Dialect::ClickHouse);
  ASSERT_EQ(q.error, "");
  EXPECT_NE(q.sql.find("(plan = 'trial')"), std::string::npos) << q.sql;
  EXPECT_NE(q.sql.find("(signup_at < toInt64(1790899200000000))"), std::string::npos) << q.sql;
  EXPECT_NE(q.sql.find("if(countIf(1) = 0, NULL, minIf(amount, 1))"), std::string::npos) << q.sql;
  EXPECT_NE(q.sql.find("> 10.)"), std::string::npos) << q.sql;
}

TEST(SqlSegments, AttributeConditionsKeepSqlThreeValuedLogic) {
  SegmentQuery q = queryOf("segment s = not (nps >= 9) or age is null", "s");
  ASSERT_EQ(q.error, "");
  EXPECT_NE(q.sql.find("WHERE ((NOT (c.nps >= 9)) OR (c.age IS NULL));"), std::string::npos)
      << q.sql;
}

TEST(SqlSegments, EnumsCompareByNameAndStringsByBytes) {
  SegmentQuery q = queryOf("segment s = plan in [pro, enterprise] and city < \"M\"", "s");
  ASSERT_EQ(q.error, "");
  EXPECT_NE(q.sql.find("(c.plan IN ('pro', 'enterprise'))"), std::string::npos) << q.sql;
  EXPECT_NE(q.sql.find("(c.city COLLATE \"C\" < 'M')"), std::string::npos) << q.sql;
}

TEST(SqlSegments, DivisionByZeroIsNull) {
  SegmentQuery q = queryOf("segment s = lifetime_value / company_size > 1", "s");
  ASSERT_EQ(q.error, "");
  EXPECT_NE(q.sql.find("/ NULLIF(CAST(c.company_size AS DOUBLE PRECISION), 0)"), std::string::npos)
      << q.sql;
}

TEST(SqlSegments, AggregatesOfOneTypeShareOneSubquery) {
  SegmentQuery q =
      queryOf("segment s = count(purchase within 7d) > 1 and sum(purchase.amount) > 10 and "
              "exists(purchase within 7d)",
              "s");
  ASSERT_EQ(q.error, "");
  std::size_t first = q.sql.find("FROM event_purchase");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(q.sql.find("FROM event_purchase", first + 1), std::string::npos) << q.sql;
  // count and exists over the same window read the same column
  EXPECT_NE(q.sql.find("(COALESCE(e_purchase.a0, 0) > 1)"), std::string::npos) << q.sql;
  EXPECT_NE(q.sql.find("(COALESCE(e_purchase.a0, 0) > 0)"), std::string::npos) << q.sql;
  EXPECT_NE(q.sql.find("sum(amount ORDER BY \"at\") AS a1"), std::string::npos) << q.sql;
}

TEST(SqlSegments, WindowsAreHalfOpenAtTheStart) {
  SegmentQuery q = queryOf("segment s = exists(purchase within 7d)", "s");
  ASSERT_EQ(q.error, "");
  EXPECT_NE(q.sql.find("\"at\" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND \"at\" <= TIMESTAMPTZ "
                       "'2026-11-01 00:00:00+00'"),
            std::string::npos)
      << q.sql;
  SegmentQuery clock = queryOf("segment s = exists(purchase within 7d)", "s", std::nullopt);
  EXPECT_NE(clock.sql.find("\"at\" <= now()"), std::string::npos) << clock.sql;
}

TEST(SqlSegments, DecayedCountsAddTheEnginesWeightsInTimeOrder) {
  const char* program = "score e {\n  decay half_life 7d\n  1 per page_view\n}\nsegment s = e > 1";
  SegmentQuery pg = queryOf(program, "s");
  ASSERT_EQ(pg.error, "");
  // 2 ^ −(age ÷ H), age in whole microseconds and never below 0; no power() that underflows
  const std::string halfLives = "(CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "
                                "\"at\") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / "
                                "604800000000::float8)";
  EXPECT_NE(pg.sql.find("sum(CASE WHEN " + halfLives + " < 1075 THEN power(2::float8, -" +
                        halfLives + ") ELSE 0::float8 END ORDER BY \"at\") AS a0"),
            std::string::npos)
      << pg.sql;
  SegmentQuery ch = queryOf(program, "s", kNow, Dialect::ClickHouse);
  ASSERT_EQ(ch.error, "");
  EXPECT_NE(ch.sql.find("arraySort(groupArrayIf((\"at\", exp2(-(toFloat64(greatest(toInt64("
                        "1793491200000000) - \"at\", toInt64(0))) / toFloat64(toInt64("
                        "604800000000))))), 1))"),
            std::string::npos)
      << ch.sql;
}

TEST(SqlSegments, AWhereReadsContactFieldsJoinedToItsEvents) {
  SegmentQuery pg = queryOf("segment s = count(purchase where amount > lifetime_value) > 1", "s");
  ASSERT_EQ(pg.error, "");
  EXPECT_NE(pg.sql.find("FROM event_purchase JOIN (SELECT id AS seg_key, lifetime_value AS "
                        "seg_c_lifetime_value FROM contacts) AS seg_c ON seg_c.seg_key = "
                        "contact_key\n  WHERE (amount > seg_c_lifetime_value) IS TRUE"),
            std::string::npos)
      << pg.sql;
  SegmentQuery ch = queryOf("segment s = count(purchase where amount > lifetime_value) > 1", "s",
                            kNow, Dialect::ClickHouse);
  ASSERT_EQ(ch.error, "");
  EXPECT_NE(ch.sql.find("FROM event_purchase ANY INNER JOIN (SELECT id AS contact_key, "
                        "lifetime_value AS seg_c_lifetime_value FROM contacts) USING contact_key"),
            std::string::npos)
      << ch.sql;
  // A sequence's filters are still refused there.
  SegmentQuery sequence =
      queryOf("segment s = exists(purchase where amount > lifetime_value then email_open)", "s");
  EXPECT_EQ(sequence.error, "segment 's' uses a where condition that reads a contact field, "
                            "which the SQL back end does not translate yet");
}

TEST(SqlSegments, RefusalsNameTheConstructAndTheDefinition) {
  SegmentQuery through = queryOf("score e {\n  1 if exists(purchase where amount > "
                                 "lifetime_value then email_open)\n}\nsegment s = ntile(3, e) == 1",
                                 "s");
  EXPECT_EQ(through.sql, "");
  EXPECT_EQ(through.error, "segment 's' uses a where condition that reads a contact field in "
                           "score 'e', which the SQL back end does not translate yet");
  SegmentQuery first =
      queryOf("segment s = first(page_view.url) == \"/\"", "s", kNow, Dialect::ClickHouse);
  EXPECT_EQ(first.error, "segment 's' uses first() of a property other than at, which the SQL "
                         "back end does not translate yet");
  // PostgreSQL: equal times in the rows' order (ctid), as `seg export` writes them
  SegmentQuery pg = queryOf("segment s = first(page_view.url) == \"/\"", "s");
  ASSERT_EQ(pg.error, "");
  EXPECT_NE(pg.sql.find("(array_agg(url ORDER BY \"at\", event_page_view.ctid))[1]"),
            std::string::npos)
      << pg.sql;
}

TEST(SqlDdl, KeyAndNullability) {
  Compilation compilation = test::compileWithSchema("");
  ASSERT_TRUE(compilation.ok());
  std::string pg = schemaDdl(compilation.program->schema, Dialect::Postgres, TableNames{"x_"});
  EXPECT_NE(pg.find("CREATE TABLE x_contacts (\n  id BIGINT NOT NULL,"), std::string::npos);
  EXPECT_NE(pg.find("  age BIGINT,\n"), std::string::npos);
  EXPECT_NE(pg.find("  PRIMARY KEY (id)\n);"), std::string::npos);
  std::string ch = schemaDdl(compilation.program->schema, Dialect::ClickHouse, TableNames{});
  EXPECT_NE(ch.find("  age Nullable(Int64),\n"), std::string::npos);
  EXPECT_NE(ch.find("ORDER BY (contact_key, \"at\");"), std::string::npos);
  // ClickHouse 18.16: no Bool, no DateTime64
  EXPECT_NE(ch.find("  email_opt_in UInt8\n"), std::string::npos) << ch;
  EXPECT_NE(ch.find("  signup_at Int64,\n"), std::string::npos) << ch;
}

} // namespace
} // namespace seg::sql
