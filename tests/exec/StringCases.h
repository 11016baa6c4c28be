// String values beyond one column: string-valued aggregates and comparisons of two string
// expressions. One small store and the members every segment must have, worked out by
// hand from docs/execution.md; the interpreter and the JIT tests both check them.
#pragma once

#include "ExecTestSupport.h"

#include <set>
#include <string>
#include <vector>

namespace seg::test::strings {

inline const std::string& schema() {
  static const std::string text = R"(schema {
  contact {
    id: int key
    city: string?
    billing_city: string?
  }
  event page_view { url: string? }
}
)";
  return text;
}

// Rows 0-8 (T = kNow). Texts are chosen so that bytewise order matters ('/' < 'B' < 'P' <
// 'Z' < 'a' < 'p' < 'ü'), some exist in only one dictionary ("Amsterdam", "Zürich",
// "paris" only among cities, "Zug" only among billing cities), and some ties:
//   row  city         billing_city  page_view urls in time order
//   0    Paris        Paris         /Blog/A (T-3d), /pricing (T-2d), /docs (T-1d)
//   1    paris        Paris         /pricing (T-1d)
//   2    null         Berlin        (none)
//   3    Berlin       null          /a (T-2d), null (T-1d)
//   4    Zürich       Zug           /b (T-3d), /a (T-2d), /b (T-1d)
//   5    Amsterdam    Berlin        /x, /y (both at T-1d, loaded in that order)
//   6    ""           ""            null (T-2d), /pricing (T-1d)
//   7    /docs        null          /docs (T-1d)
//   8    null         null          null (T-1d)
inline runtime::Store store() {
  StoreBuilder b(storeSchemaOfText(schema()));
  const std::int64_t T = kNow;
  auto contact = [&](int id, Cell city, Cell billing) {
    return b.contact({{"id", id}, {"city", city}, {"billing_city", billing}});
  };
  auto view = [&](std::size_t row, std::int64_t at, Cell url) {
    b.event("page_view", row, at, {{"url", url}});
  };
  std::size_t r = contact(0, "Paris", "Paris");
  view(r, T - 3 * kDay, "/Blog/A");
  view(r, T - 2 * kDay, "/pricing");
  view(r, T - kDay, "/docs");
  r = contact(1, "paris", "Paris");
  view(r, T - kDay, "/pricing");
  contact(2, Null{}, "Berlin");
  r = contact(3, "Berlin", Null{});
  view(r, T - 2 * kDay, "/a");
  view(r, T - kDay, Null{});
  r = contact(4, "Zürich", "Zug");
  view(r, T - 3 * kDay, "/b");
  view(r, T - 2 * kDay, "/a");
  view(r, T - kDay, "/b");
  r = contact(5, "Amsterdam", "Berlin");
  view(r, T - kDay, "/x");
  view(r, T - kDay, "/y");
  r = contact(6, "", "");
  view(r, T - 2 * kDay, Null{});
  view(r, T - kDay, "/pricing");
  r = contact(7, "/docs", Null{});
  view(r, T - kDay, "/docs");
  r = contact(8, Null{}, Null{});
  view(r, T - kDay, Null{});
  return b.finish();
}

struct Case {
  std::string name;
  std::string condition;
  std::set<std::size_t> members;
};

// String-valued aggregates (first/last/min/max of a string property).
inline const std::vector<Case>& aggregateCases() {
  static const std::vector<Case> cases = {
      {"last_pricing", R"(last(page_view.url) == "/pricing")", {1, 6}},
      {"not_last_pricing", R"(last(page_view.url) != "/pricing")", {0, 4, 5, 7}},
      {"first_blog", R"(starts_with(lower(first(page_view.url)), "/blog"))", {0}},
      {"last_in", R"(last(page_view.url) in ["/a", "/b", "/y"])", {4, 5}},
      {"last_not_in", R"(last(page_view.url) not in ["/a", "/b", "/y"])", {0, 1, 6, 7}},
      // No events (2), or the last event's url is null (3, 8).
      {"last_null", "last(page_view.url) is null", {2, 3, 8}},
      {"first_null", "first(page_view.url) is null", {2, 6, 8}},
      {"first_known", "first(page_view.url) is not null", {0, 1, 3, 4, 5, 7}},
      // Equal times: the first loaded is first, the last loaded is last.
      {"first_x", R"(first(page_view.url) == "/x")", {5}},
      {"last_y", R"(last(page_view.url) == "/y")", {5}},
      // Bytewise: "/Blog/A" < "/a" < "/docs" < "/pricing"; nulls skipped; ties (row 4).
      {"min_a", R"(min(page_view.url) == "/a")", {3, 4}},
      {"min_blog", R"(min(page_view.url) == "/Blog/A")", {0}},
      {"max_pricing", R"(max(page_view.url) == "/pricing")", {0, 1, 6}},
      {"max_b", R"(max(page_view.url) == "/b")", {4}},
      {"max_null", "max(page_view.url) is null", {2, 8}},
      {"min_lt", R"(min(page_view.url) < "/b")", {0, 3, 4}},
      // Window: now − 2d < at ≤ now keeps only the events at T-1d.
      {"max_recent", R"(max(page_view.url within 2d) == "/docs")", {0, 7}},
      {"min_recent_filtered", R"(min(page_view.url where url != "/x" within 2d) == "/y")", {5}},
      {"length_last", "length(last(page_view.url)) == 5", {0, 7}},
  };
  return cases;
}

// Comparisons of two string expressions over different leaves.
inline const std::vector<Case>& comparisonCases() {
  static const std::vector<Case> cases = {
      {"same_city", "city == billing_city", {0, 6}},
      {"other_city", "city != billing_city", {1, 4, 5}},
      {"same_lower", "lower(city) == lower(billing_city)", {0, 1, 6}},
      {"same_upper_not", "not (upper(city) == upper(billing_city))", {4, 5}},
      // "Amsterdam" < "Berlin"; "paris" > "Paris"; "Zürich" > "Zug" ('ü' is 0xC3 0xBC).
      {"city_lt", "city < billing_city", {5}},
      {"city_le", "city <= billing_city", {0, 5, 6}},
      {"city_gt", "city > billing_city", {1, 4}},
      {"city_ge", "city >= billing_city", {0, 1, 4, 6}},
      {"billing_gt", "billing_city > city", {5}},
      // Unknown (null) where either side is null.
      {"same_or_unknown", "coalesce(city == billing_city, true)", {0, 2, 3, 6, 7, 8}},
      {"city_in", R"(city in [billing_city, "Berlin"])", {0, 3, 6}},
      {"city_not_in", R"(city not in [billing_city, "Berlin"])", {1, 4, 5}},
      {"city_is_last", "city == last(page_view.url)", {7}},
      // "" sorts before every other text; "/..." before letters.
      {"city_before_last", "city < last(page_view.url)", {6}},
      {"first_is_last", "first(page_view.url) == last(page_view.url)", {1, 4, 7}},
      {"min_lt_max", "min(page_view.url) < max(page_view.url)", {0, 4, 5}},
      {"view_of_city", "exists(page_view where url == city)", {7}},
      {"view_before_city",
       "count(page_view where lower(url) < lower(billing_city)) >= 2",
       {0, 4, 5}},
  };
  return cases;
}

// A coalesce of several leaves, read by comparisons, `in`, `is null` and built-ins.
inline const std::vector<Case>& coalesceCases() {
  static const std::vector<Case> cases = {
      {"either_berlin", R"(coalesce(city, billing_city) == "Berlin")", {2, 3}},
      {"neither", "coalesce(city, billing_city) is null", {8}},
      {"either", "coalesce(city, billing_city) is not null", {0, 1, 2, 3, 4, 5, 6, 7}},
      {"empty_text", "length(coalesce(city, last(page_view.url))) == 0", {6}},
      {"starts_b", R"(starts_with(lower(coalesce(city, billing_city, "zz")), "b"))", {2, 3}},
      {"before_last", "coalesce(city, billing_city) < last(page_view.url)", {6}},
      {"first_in", R"(coalesce(first(page_view.url), city) in ["/a", "Berlin"])", {3}},
      {"defaults_equal", R"(coalesce(city, "none") == coalesce(billing_city, "none"))", {0, 6, 8}},
  };
  return cases;
}

// String expressions of constants only (a lookup with a single entry).
inline const std::vector<Case>& constantCases() {
  static const std::set<std::size_t> all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  static const std::vector<Case> cases = {
      {"const_gt", R"("us" > "GB")", all},
      {"const_upper", R"(upper("abc") == "ABC")", all},
      {"const_contains", R"(contains("gmail.com", "@"))", {}},
      // "é" is 0xC3 0xA9, after every ASCII letter.
      {"const_not_lt", R"(not ("é" < "z"))", all},
      {"const_is_null", R"("x" is null)", {}},
      {"const_and_city", R"(length("naïve") == 5 and city == "Paris")", {0}},
      {"const_in_filter", R"(exists(page_view where "a" < "b"))", {0, 1, 3, 4, 5, 6, 7, 8}},
      {"const_or_column", R"(starts_with("DE", "D") and billing_city > city)", {5}},
  };
  return cases;
}

// The program of `cases`, one segment each.
inline std::string program(const std::vector<Case>& cases) {
  std::string text = schema();
  for (const Case& c : cases)
    text += "segment " + c.name + " = " + c.condition + "\n";
  return text;
}

} // namespace seg::test::strings
