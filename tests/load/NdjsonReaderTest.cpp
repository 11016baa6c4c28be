// The NDJSON reader: values as text per wanted column, unknown keys, line numbers, every
// malformed-line message, and fuzzing (random values, mutated lines, chunked == sequential).
#include "load/NdjsonReader.h"

#include "ReaderInput.h"

#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

using namespace seg::runtime;

namespace {

struct Line {
  std::vector<std::pair<JsonKind, std::string>> values;
  std::vector<std::string> unknownKeys;
  std::size_t line = 0;
  std::size_t rawOffset = 0;
  std::string raw;
  std::string error;

  friend bool operator==(const Line&, const Line&) = default;
};

std::ostream& operator<<(std::ostream& out, const Line& l) {
  out << "{line " << l.line << " raw=[" << l.raw << "] error=[" << l.error << "]";
  for (const auto& [kind, text] : l.values)
    out << " " << jsonKindName(kind) << ":" << text;
  return out << "}";
}

using seg::test::ExactCopy;
using seg::test::mutate;

std::vector<Line> readAll(NdjsonReader& reader, std::string_view input) {
  std::vector<Line> out;
  NdjsonRecord record;
  while (reader.next(record)) {
    Line l;
    for (const JsonValue& v : record.values)
      l.values.emplace_back(v.kind, std::string(v.text));
    for (std::string_view k : record.unknownKeys)
      l.unknownKeys.emplace_back(k);
    l.line = record.line;
    l.rawOffset = static_cast<std::size_t>(record.raw.data() - input.data());
    l.raw = std::string(record.raw);
    l.error = record.error;
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<Line> parse(std::string_view text, std::vector<std::string> wanted) {
  const ExactCopy input(text);
  NdjsonReader reader(input.view, std::move(wanted));
  return readAll(reader, input.view);
}

std::vector<Line> parseChunked(std::string_view text, const std::vector<std::string>& wanted,
                               std::size_t parts) {
  const ExactCopy input(text);
  std::vector<Line> out;
  for (const NdjsonChunk& chunk : splitNdjson(input.view, parts)) {
    EXPECT_EQ(chunk.data.data(), input.view.data() + chunk.offset);
    NdjsonReader reader(chunk.data, wanted, chunk.firstLine);
    for (Line& l : readAll(reader, input.view))
      out.push_back(std::move(l));
  }
  return out;
}

std::string errorOf(std::string_view line) {
  const std::vector<Line> lines = parse(line, {"id", "name"});
  return lines.size() == 1 ? lines[0].error : "<" + std::to_string(lines.size()) + " records>";
}

std::string jsonString(std::string_view s, std::mt19937_64& rng) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || (c < 0x80 && rng() % 8 == 0)) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

} // namespace

TEST(NdjsonReader, ValuesAsTextPerWantedColumn) {
  const std::string input =
      "{\"id\":42,\"name\":\"Ada \\\"A\\\" L\\u00f6velace\",\"score\":-1.5e3 ,"
      "\"vip\":true,\"tag\":null,\"extra\":[1,{\"x\":2}],\"more\":{}}\n";
  const std::vector<Line> lines =
      parse(input, {"id", "name", "score", "vip", "tag", "absent", "extra2"});
  ASSERT_EQ(lines.size(), 1u);
  const Line& l = lines[0];
  EXPECT_EQ(l.error, "");
  EXPECT_EQ(l.line, 1u);
  EXPECT_EQ(l.raw, input.substr(0, input.size() - 1));
  using V = std::pair<JsonKind, std::string>;
  EXPECT_EQ(l.values, (std::vector<V>{{JsonKind::Number, "42"},
                                      {JsonKind::String, "Ada \"A\" Lövelace"},
                                      {JsonKind::Number, "-1.5e3"},
                                      {JsonKind::Bool, "true"},
                                      {JsonKind::Null, ""},
                                      {JsonKind::Absent, ""},
                                      {JsonKind::Absent, ""}}));
  EXPECT_EQ(l.unknownKeys, (std::vector<std::string>{"extra", "more"}));
}

TEST(NdjsonReader, NumbersKeepTheirSpelling) {
  const std::vector<Line> lines =
      parse("{\"a\":1.10,\"b\":12345678901234567890123,\"c\":-0,\"d\":1E+2,\"e\":false}",
            {"a", "b", "c", "d", "e"});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].values[0].second, "1.10");
  EXPECT_EQ(lines[0].values[1].second, "12345678901234567890123");
  EXPECT_EQ(lines[0].values[2].second, "-0");
  EXPECT_EQ(lines[0].values[3].second, "1E+2");
  EXPECT_EQ(lines[0].values[4], (std::pair<JsonKind, std::string>{JsonKind::Bool, "false"}));
}

TEST(NdjsonReader, ObjectAndArrayValuesComeAsTheirJson) {
  const std::vector<Line> lines =
      parse("{\"a\": {\"k\": [1, 2] } , \"b\":[ ],\"c\":[[\"x\"]]}", {"a", "b", "c"});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].values[0],
            (std::pair<JsonKind, std::string>{JsonKind::Object, "{\"k\": [1, 2] }"}));
  EXPECT_EQ(lines[0].values[1], (std::pair<JsonKind, std::string>{JsonKind::Array, "[ ]"}));
  EXPECT_EQ(lines[0].values[2], (std::pair<JsonKind, std::string>{JsonKind::Array, "[[\"x\"]]"}));
}

TEST(NdjsonReader, KeysInAnyOrderAndEscapedKeys) {
  const std::vector<Line> lines =
      parse("{\"b\":2,\"a\":1}\n{\"a\":3,\"b\":4}\n{\"\\u0061\":5}\n", {"a", "b"});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].values[0].second, "1");
  EXPECT_EQ(lines[0].values[1].second, "2");
  EXPECT_EQ(lines[1].values[0].second, "3");
  EXPECT_EQ(lines[1].values[1].second, "4");
  EXPECT_EQ(lines[2].values[0].second, "5");
  EXPECT_EQ(lines[2].values[1].first, JsonKind::Absent);
}

TEST(NdjsonReader, UnknownKeysListedOnceInOrder) {
  const std::vector<Line> lines = parse("{\"z\":1,\"id\":2,\"y\":3,\"z\":4}", {"id"});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].error, "");
  EXPECT_EQ(lines[0].unknownKeys, (std::vector<std::string>{"z", "y"}));
}

TEST(NdjsonReader, LinesBlankLinesCrlfBomAndNoFinalNewline) {
  const std::string input = "\xEF\xBB\xBF{\"id\":1}\r\n\n   \r\n\t\n{\"id\":2}\n{\"id\":3}";
  const std::vector<Line> lines = parse(input, {"id"});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].line, 1u);
  EXPECT_EQ(lines[0].raw, "{\"id\":1}");
  EXPECT_EQ(lines[0].rawOffset, 3u);
  EXPECT_EQ(lines[1].line, 5u);
  EXPECT_EQ(lines[2].line, 6u);
  EXPECT_EQ(lines[2].values[0].second, "3");
  EXPECT_TRUE(parse("", {"id"}).empty());
  EXPECT_TRUE(parse("\n \n", {"id"}).empty());
  EXPECT_EQ(parse("{}", {"id"})[0].values[0].first, JsonKind::Absent);
}

TEST(NdjsonReader, MalformedLinesSayWhyAndReadingContinues) {
  EXPECT_EQ(errorOf("[1,2]"), "expected a JSON object on each line, found an array");
  EXPECT_EQ(errorOf("\"x\""), "expected a JSON object on each line, found a string");
  EXPECT_EQ(errorOf("12"), "expected a JSON object on each line, found a number");
  EXPECT_EQ(errorOf("true"), "expected a JSON object on each line, found a bool");
  EXPECT_EQ(errorOf("null"), "expected a JSON object on each line, found null");
  EXPECT_EQ(errorOf("not json"), "invalid JSON: expected an object");
  EXPECT_EQ(errorOf("{\"id\":1,\"id\":2}"), "key 'id' appears twice");
  EXPECT_EQ(errorOf("{\"id\":null,\"id\":2}"), "key 'id' appears twice");
  EXPECT_EQ(errorOf("{\"id\":01}"), "invalid JSON number '01' at column 7");
  EXPECT_EQ(errorOf("{\"id\":-}"), "invalid JSON number '-' at column 7");
  EXPECT_EQ(errorOf("{\"id\":1.}"), "invalid JSON number '1.' at column 7");
  EXPECT_EQ(errorOf("{\"id\":12x}"), "invalid JSON number '12x' at column 7");
  EXPECT_EQ(errorOf("{\"other\":1e}"), "invalid JSON number '1e' at column 10");
  EXPECT_EQ(errorOf("{\"id\":tru}"), "invalid JSON literal 'tru' at column 7");
  EXPECT_EQ(errorOf("{\"id\":nul}"), "invalid JSON literal 'nul' at column 7");
  EXPECT_EQ(errorOf("{\"id\":1} {}"), "unexpected text after the object, at column 10");
  EXPECT_EQ(errorOf("{\"id\":1}}"), "unexpected text after the object, at column 9");
  EXPECT_EQ(errorOf("{\"id\":\"abc}"), "invalid JSON: a string is opened, but never closed");
  EXPECT_EQ(errorOf("{\"id\":\"\xff\"}"), "invalid JSON: the input is not valid UTF-8");
  EXPECT_EQ(errorOf("{\"id\":1"),
            "invalid JSON: JSON document ended early in the middle of an object or array");
  for (const char* structural : {"{\"id\":1,}", "{\"id\" 1}", "{\"x\":[1,2,}}", "{\"x\":{\"y\":}}"})
    EXPECT_TRUE(errorOf(structural)
                    .starts_with("invalid JSON: the JSON document has an improper "
                                 "structure"))
        << structural << ": " << errorOf(structural);
  EXPECT_TRUE(
      errorOf("{\"id\":\"\\x\"}").starts_with("invalid JSON: problem while parsing a string"));
  std::string deep = "{\"x\":" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_EQ(errorOf(deep), "values nested deeper than 64 levels");
  std::string deepWanted = "{\"id\":" + std::string(100, '{') + "}";
  EXPECT_FALSE(errorOf(deepWanted).empty());

  const std::vector<Line> lines = parse("{\"id\":1}\n{\"id\":\n{\"id\":3,\"x\":9}\n", {"id"});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[1].error.empty());
  EXPECT_EQ(lines[1].raw, "{\"id\":");
  EXPECT_EQ(lines[1].values[0].first, JsonKind::Absent); // a malformed line carries no values
  EXPECT_EQ(lines[2].error, "");
  EXPECT_EQ(lines[2].values[0].second, "3");
  EXPECT_EQ(lines[2].unknownKeys, (std::vector<std::string>{"x"}));
}

TEST(NdjsonReader, UnwantedValuesAreStillValidated) {
  // On-Demand skips values it is not asked for; the reader must not.
  EXPECT_FALSE(errorOf("{\"x\":[1,{\"a\":tru}],\"id\":1}").empty());
  EXPECT_FALSE(errorOf("{\"x\":{\"k\":01},\"id\":1}").empty());
  EXPECT_FALSE(errorOf("{\"x\":\"\\q\",\"id\":1}").empty());
}

TEST(NdjsonReader, IsMovable) {
  const std::string input = "{\"id\":1}\n{\"id\":2}\n";
  NdjsonReader first(input, {"id"});
  NdjsonRecord record;
  ASSERT_TRUE(first.next(record));
  NdjsonReader second(std::move(first));
  ASSERT_TRUE(second.next(record));
  EXPECT_EQ(record.values[0].text, "2");
  EXPECT_EQ(record.line, 2u);
}

TEST(SplitNdjson, ChunksOfWholeLines) {
  std::string input = "\xEF\xBB\xBF";
  for (int i = 0; i < 50; ++i)
    input += "{\"id\":" + std::to_string(i) + "}\n" + (i % 7 ? "" : "\n");
  const std::vector<NdjsonChunk> chunks = splitNdjson(input, 4);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0].offset, 3u);
  EXPECT_EQ(chunks[0].firstLine, 1u);
  for (const NdjsonChunk& c : chunks) {
    const std::string_view before = std::string_view(input).substr(0, c.offset);
    EXPECT_EQ(c.firstLine,
              1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')));
  }
  EXPECT_EQ(parseChunked(input, {"id"}, 4), parse(input, {"id"}));
  EXPECT_TRUE(splitNdjson("", 3).empty());
  EXPECT_EQ(splitNdjson("{}", 0).size(), 1u);
}

TEST(NdjsonFuzz, RandomValuesRoundTrip) {
  std::mt19937_64 rng(21);
  const std::vector<std::string> wanted = {"a", "b", "c", "d"};
  for (int i = 0; i < 3000; ++i) {
    std::string input;
    std::vector<std::vector<std::pair<JsonKind, std::string>>> expected;
    const int lines = static_cast<int>(rng() % 10) + 1;
    for (int l = 0; l < lines; ++l) {
      std::vector<std::pair<JsonKind, std::string>> values(wanted.size(), {JsonKind::Absent, ""});
      std::string line = "{";
      bool first = true;
      for (std::size_t k = 0; k < wanted.size(); ++k) {
        if (rng() % 4 == 0) continue;
        std::string json;
        switch (rng() % 5) {
        case 0: {
          std::string s;
          const std::string pool[] = {"a", "b",    "\"", "\\", "\n", "\t",
                                      "/", "\x01", " ",  "é",  "東"};
          for (int n = static_cast<int>(rng() % 12); n > 0; --n)
            s += pool[rng() % std::size(pool)];
          json = jsonString(s, rng);
          values[k] = {JsonKind::String, s};
          break;
        }
        case 1: {
          const std::string spellings[] = {"0",   "-7",      "3.25",
                                           "1e9", "-2.5E-3", "123456789012345678901"};
          json = spellings[rng() % 6];
          values[k] = {JsonKind::Number, json};
          break;
        }
        case 2:
          json = rng() % 2 ? "true" : "false";
          values[k] = {JsonKind::Bool, json};
          break;
        case 3:
          json = "null";
          values[k] = {JsonKind::Null, ""};
          break;
        default:
          json = "[1,{\"q\":\"r\"}]";
          values[k] = {JsonKind::Array, json};
          break;
        }
        line += (first       ? ""
                 : rng() % 2 ? ","
                             : " , ") +
                std::string("\"") + wanted[k] + "\":" + json;
        first = false;
      }
      if (rng() % 3 == 0) line += std::string(first ? "" : ",") + "\"zz\":{\"deep\":[null]}";
      line += "}";
      input += line + (rng() % 2 ? "\n" : "\r\n");
      expected.push_back(values);
    }
    const std::vector<Line> got = parse(input, wanted);
    ASSERT_EQ(got.size(), expected.size()) << input;
    for (std::size_t l = 0; l < got.size(); ++l) {
      ASSERT_EQ(got[l].error, "") << input;
      ASSERT_EQ(got[l].values, expected[l]) << input;
      ASSERT_EQ(got[l].line, l + 1);
    }
  }
}

TEST(NdjsonFuzz, MutatedLinesNeverCrashAndYieldOneRecordEach) {
  std::mt19937_64 rng(22);
  const std::string valid =
      "{\"id\":1,\"name\":\"A\\\"b\\u00e9\",\"tags\":[1,2.5,{\"x\":null}],\"ok\":true}";
  const std::string noise = "{}[]\",:\\0123456789.eE+-tfnul \t\xff\xc3";
  for (int i = 0; i < 30000; ++i) {
    std::string line = valid;
    mutate(line, rng, noise, 5);
    const std::string input = line + "\n{\"id\":7}\n";
    const std::vector<Line> got = parse(input, {"id", "name", "ok"});
    const bool blank = line.find_first_not_of(" \t") == std::string::npos;
    ASSERT_EQ(got.size(), blank ? 1u : 2u) << line;
    const Line& last = got.back();
    ASSERT_EQ(last.error, "") << line;
    ASSERT_EQ(last.values[0].second, "7");
    ASSERT_EQ(last.line, 2u);
    if (!blank) {
      ASSERT_EQ(got[0].raw, line);
      ASSERT_EQ(got[0].line, 1u);
    }
  }
}

TEST(NdjsonFuzz, RandomBytesNeverCrash) {
  std::mt19937_64 rng(23);
  for (int i = 0; i < 3000; ++i) {
    std::string input(rng() % 400, ' ');
    for (char& c : input)
      c = static_cast<char>(rng() % 5 == 0 ? '\n' : rng() % 256);
    const std::vector<Line> got = parse(input, {"a", "b"});
    std::size_t previous = 0;
    for (const Line& l : got) {
      ASSERT_GT(l.line, previous);
      previous = l.line;
    }
    for (std::size_t parts : {std::size_t{2}, std::size_t{rng() % 30 + 1}})
      ASSERT_EQ(parseChunked(input, {"a", "b"}, parts), got);
  }
}

TEST(NdjsonFuzz, PathologicalLinesStayFast) {
  std::string manyKeys = "{";
  for (int i = 0; i < 200000; ++i)
    manyKeys += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  manyKeys += ",\"id\":5}";
  const std::string deep = "{\"x\":" + std::string(1 << 20, '[') + std::string(1 << 20, ']') + "}";
  const std::string longString = "{\"id\":\"" + std::string(4 << 20, 'x') + "\"}";
  const std::vector<Line> lines = parse(manyKeys + "\n" + deep + "\n" + longString + "\n", {"id"});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].error, "");
  EXPECT_EQ(lines[0].values[0].second, "5");
  EXPECT_EQ(lines[0].unknownKeys.size(), kMaxUnknownKeys);
  EXPECT_EQ(lines[0].unknownKeys.back(), "k99");
  EXPECT_FALSE(lines[1].error.empty());
  EXPECT_EQ(lines[2].error, "");
  EXPECT_EQ(lines[2].values[0].second.size(), std::size_t{4} << 20);
}
