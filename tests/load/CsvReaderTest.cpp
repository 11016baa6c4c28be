// The CSV reader: RFC 4180 rules, every malformed-input path with its exact message, and
// fuzzing against a slow reference parser, including split-into-chunks == one pass.
#include "load/CsvReader.h"

#include "ReaderInput.h"

#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

using namespace seg::runtime;

namespace {

// A record copied out of the reader (its views die at the next call).
struct Rec {
  std::vector<std::string> fields;
  std::vector<bool> quoted;
  std::size_t line = 0;
  std::size_t lineCount = 0;
  std::size_t rawOffset = 0; // of raw within the whole input
  std::string raw;
  CsvError error = CsvError::None;
  std::size_t errorColumn = 0;
  std::size_t errorLine = 0;

  friend bool operator==(const Rec&, const Rec&) = default;
};

std::ostream& operator<<(std::ostream& out, const Rec& r) {
  out << "{line " << r.line << "+" << r.lineCount << " @" << r.rawOffset << " raw=[" << r.raw
      << "] error " << static_cast<int>(r.error) << " col " << r.errorColumn << " eline "
      << r.errorLine << " fields:";
  for (std::size_t i = 0; i < r.fields.size(); ++i)
    out << " " << (r.quoted[i] ? "q" : "") << "[" << r.fields[i] << "]";
  return out << "}";
}

Rec copy(const CsvRecord& r, std::string_view input) {
  Rec out;
  for (const CsvField& f : r.fields) {
    out.fields.emplace_back(f.text);
    out.quoted.push_back(f.quoted);
  }
  out.line = r.line;
  out.lineCount = r.lineCount;
  out.rawOffset = static_cast<std::size_t>(r.raw.data() - input.data());
  out.raw = std::string(r.raw);
  out.error = r.error;
  out.errorColumn = r.errorColumn;
  out.errorLine = r.errorLine;
  return out;
}

std::vector<Rec> readAll(CsvReader& reader, std::string_view input) {
  std::vector<Rec> out;
  CsvRecord record;
  while (reader.next(record))
    out.push_back(copy(record, input));
  return out;
}

using seg::test::ExactCopy;
using seg::test::mutate;

// Whole-file parse: header and body records together.
std::vector<Rec> parse(std::string_view text) {
  const ExactCopy input(text);
  CsvReader reader(input.view);
  return readAll(reader, input.view);
}

// The same grammar, one byte at a time, with none of the reader's machinery (bitmask
// scanning, scratch buffer, deferred views): what the fast reader must agree with.
std::vector<Rec> referenceParse(std::string_view in, std::size_t firstLine, std::size_t skip = 0) {
  std::vector<Rec> out;
  const std::size_t n = in.size();
  std::size_t pos = skip;
  std::size_t line = firstLine;
  while (pos < n) {
    if (in[pos] == '\n') {
      ++pos, ++line;
      continue;
    }
    if (in[pos] == '\r' && pos + 1 < n && in[pos + 1] == '\n') {
      pos += 2, ++line;
      continue;
    }
    Rec r;
    r.line = line;
    const std::size_t start = pos;
    enum { FieldStart, Unquoted, Quoted, AfterQuote } state = FieldStart;
    std::string current;
    bool quoted = false;
    std::size_t openLine = 0;
    std::size_t end = 0, next = 0;
    const auto push = [&] {
      r.fields.push_back(current);
      r.quoted.push_back(quoted);
      current.clear();
      quoted = false;
    };
    const auto error = [&](CsvError e, std::size_t column, std::size_t errorLine) {
      r.error = e;
      r.errorColumn = column;
      r.errorLine = errorLine;
    };
    for (std::size_t i = start;; ++i) {
      if (i == n) {
        if (state == Quoted) {
          error(CsvError::UnterminatedQuote, r.fields.size() + 1, openLine);
        } else {
          push();
          end = next = n;
        }
        break;
      }
      const char c = in[i];
      if (state == FieldStart) {
        if (c == '"') {
          state = Quoted;
          quoted = true;
          openLine = line;
          continue;
        }
        state = Unquoted;
      }
      if (state == Unquoted) {
        if (c == ',') {
          push();
          state = FieldStart;
        } else if (c == '\n') {
          push();
          end = i, next = i + 1;
          break;
        } else if (c == '\r') {
          if (i + 1 < n && in[i + 1] == '\n') {
            push();
            end = i, next = i + 2;
          } else {
            error(CsvError::BareCarriageReturn, r.fields.size() + 1, line);
          }
          break;
        } else if (c == '"') {
          error(CsvError::QuoteInUnquotedField, r.fields.size() + 1, line);
          break;
        } else {
          current += c;
        }
      } else if (state == Quoted) {
        if (c == '"') {
          if (i + 1 < n && in[i + 1] == '"') {
            current += '"';
            ++i;
          } else {
            state = AfterQuote;
          }
        } else {
          if (c == '\n') ++line;
          current += c;
        }
      } else { // AfterQuote
        if (c == ',') {
          push();
          state = FieldStart;
        } else if (c == '\n' || (c == '\r' && i + 1 < n && in[i + 1] == '\n')) {
          push();
          end = i, next = i + (c == '\r' ? 2 : 1);
          break;
        } else {
          error(CsvError::TextAfterClosingQuote, r.fields.size() + 1, line);
          break;
        }
      }
    }
    if (r.error != CsvError::None) {
      r.fields.clear();
      r.quoted.clear();
      bool inQuotes = false;
      line = r.line;
      std::size_t q = start;
      for (; q < n && !(in[q] == '\n' && !inQuotes); ++q) {
        if (in[q] == '"') inQuotes = !inQuotes;
        if (in[q] == '\n') ++line;
      }
      end = q < n && q > start && in[q - 1] == '\r' ? q - 1 : q;
      next = q < n ? q + 1 : n;
    }
    r.raw = std::string(in.substr(start, end - start));
    r.rawOffset = start;
    r.lineCount = line - r.line + 1 - (r.raw.ends_with('\n') ? 1 : 0);
    if (next > end && next <= n && end < n) ++line; // the terminator's line feed
    pos = next;
    out.push_back(std::move(r));
  }
  return out;
}

// Reads the file in `parts` chunks, as the parallel loader does.
std::vector<Rec> parseChunked(std::string_view text, std::size_t parts) {
  const ExactCopy exact(text);
  const std::string_view file = exact.view;
  std::vector<Rec> out;
  CsvReader headerReader(file);
  CsvRecord header;
  if (headerReader.readHeader(header)) out.push_back(copy(header, file));
  for (const CsvChunk& chunk : splitCsv(file, parts)) {
    EXPECT_EQ(chunk.data.data(), file.data() + chunk.offset);
    CsvReader reader(chunk.data, chunk.firstLine);
    for (Rec& r : readAll(reader, file))
      out.push_back(std::move(r));
  }
  return out;
}

std::string randomText(std::mt19937_64& rng, std::string_view alphabet, std::size_t maxLength) {
  std::string s(rng() % (maxLength + 1), ' ');
  for (char& c : s)
    c = alphabet[rng() % alphabet.size()];
  return s;
}

// RFC 4180 encoding, quoting when needed and sometimes when not.
std::string encodeField(const std::string& value, bool forceQuotes) {
  const bool needsQuotes = value.find_first_of(",\"\r\n") != std::string::npos;
  if (!needsQuotes && !forceQuotes) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

} // namespace

// ---- well-formed input ----

TEST(CsvReader, ReadsHeaderAndRecords) {
  const std::string input = "id,name,age\n1,Ada,36\n2,Bob,\n";
  CsvReader reader(input);
  CsvRecord record;
  ASSERT_TRUE(reader.readHeader(record));
  ASSERT_EQ(record.fields.size(), 3u);
  EXPECT_EQ(record.fields[0].text, "id");
  EXPECT_EQ(record.fields[2].text, "age");
  EXPECT_EQ(record.line, 1u);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.line, 2u);
  EXPECT_EQ(record.raw, "1,Ada,36");
  EXPECT_EQ(record.fields[1].text, "Ada");
  EXPECT_FALSE(record.fields[1].quoted);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.line, 3u);
  ASSERT_EQ(record.fields.size(), 3u);
  EXPECT_EQ(record.fields[2].text, "");
  EXPECT_FALSE(record.fields[2].quoted);
  EXPECT_FALSE(record.malformed());
  EXPECT_FALSE(reader.next(record));
  EXPECT_FALSE(reader.next(record)); // stays at the end
  EXPECT_EQ(reader.offset(), input.size());
}

TEST(CsvReader, EmptyInputHasNoHeader) {
  CsvRecord record;
  CsvReader empty("");
  EXPECT_FALSE(empty.readHeader(record));
  CsvReader bomOnly("\xEF\xBB\xBF");
  EXPECT_FALSE(bomOnly.readHeader(record));
  CsvReader blank("\n\r\n\n");
  EXPECT_FALSE(blank.readHeader(record));
}

TEST(CsvReader, StripsUtf8Bom) {
  const std::string input = "\xEF\xBB\xBFid,name\n1,Zoë\n";
  const std::vector<Rec> records = parse(input);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0], "id");
  EXPECT_EQ(records[0].rawOffset, 3u);
  EXPECT_EQ(records[1].fields[1], "Zoë");
  // Only a leading BOM is special; elsewhere those bytes are data.
  EXPECT_EQ(parse("a\n\xEF\xBB\xBF"
                  "b\n")[1]
                .fields[0],
            "\xEF\xBB\xBF"
            "b");
  // A chunk reader never strips: its first bytes are data.
  CsvReader chunk("\xEF\xBB\xBFx", 5);
  CsvRecord record;
  ASSERT_TRUE(chunk.next(record));
  EXPECT_EQ(record.fields[0].text, "\xEF\xBB\xBFx");
  EXPECT_EQ(record.line, 5u);
}

TEST(CsvReader, CrlfLfAndNoFinalNewline) {
  const std::vector<Rec> records = parse("a,b\r\n1,2\n3,4\r\n5,6");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].raw, "a,b");
  EXPECT_EQ(records[1].raw, "1,2");
  EXPECT_EQ(records[2].fields[1], "4");
  EXPECT_EQ(records[2].raw, "3,4");
  EXPECT_EQ(records[3].fields[1], "6");
  EXPECT_EQ(records[3].raw, "5,6");
  EXPECT_EQ(records[3].line, 4u);
  const std::vector<Rec> quotedLast = parse("a\n\"x\"");
  ASSERT_EQ(quotedLast.size(), 2u);
  EXPECT_EQ(quotedLast[1].fields[0], "x");
  EXPECT_TRUE(quotedLast[1].quoted[0]);
}

TEST(CsvReader, EmptyFieldsAndQuotedEmptyStrings) {
  const std::vector<Rec> records = parse("h\n,\"\",,\"\"\n\"\"\n,\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"", "", "", ""}));
  EXPECT_EQ(records[1].quoted, (std::vector<bool>{false, true, false, true}));
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{""}));
  EXPECT_EQ(records[2].quoted, (std::vector<bool>{true}));
  EXPECT_EQ(records[3].fields, (std::vector<std::string>{"", ""}));
  // A trailing comma at the very end of the input still makes an empty last field.
  EXPECT_EQ(parse("a,")[0].fields, (std::vector<std::string>{"a", ""}));
}

TEST(CsvReader, QuotedCommasNewlinesAndEscapes) {
  const std::string input = "id,note\n"
                            "1,\"a, b\"\n"
                            "2,\"line one\nline two\r\nline three\"\n"
                            "3,\"she said \"\"hi\"\"\"\n"
                            "4,\"\"\"\"\n"
                            "5,x\n";
  const std::vector<Rec> records = parse(input);
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[1].fields[1], "a, b");
  EXPECT_EQ(records[2].fields[1], "line one\nline two\r\nline three");
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_EQ(records[2].lineCount, 3u);
  EXPECT_EQ(records[2].raw, "2,\"line one\nline two\r\nline three\"");
  EXPECT_EQ(records[3].line, 6u);
  EXPECT_EQ(records[3].fields[1], "she said \"hi\"");
  EXPECT_EQ(records[4].fields[1], "\"");
  EXPECT_EQ(records[5].line, 8u);
  EXPECT_EQ(records[5].fields, (std::vector<std::string>{"5", "x"}));
}

TEST(CsvReader, ManyEscapedFieldsInOneRecordStayValid) {
  // Enough escaped text to make the scratch buffer grow several times within one record.
  std::string line, expected;
  std::vector<std::string> values;
  for (int i = 0; i < 200; ++i) {
    std::string value =
        "v" + std::to_string(i) + std::string(static_cast<std::size_t>(i), 'x') + "\"q\"";
    values.push_back(value);
    line += (i ? "," : "") + encodeField(value, false);
  }
  CsvReader reader(line);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_EQ(record.fields.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(record.fields[i].text, values[i]);
}

TEST(CsvReader, UnescapedQuotedFieldsViewTheInput) {
  const std::string input = "\"plain\",\"with \"\"quote\"\"\"";
  CsvReader reader(input);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  // No copy when there is nothing to unescape.
  EXPECT_EQ(record.fields[0].text.data(), input.data() + 1);
  EXPECT_EQ(record.fields[1].text, "with \"quote\"");
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  const std::vector<Rec> records = parse("\n\r\na\n\n\r\n\nb\r\n\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 3u);
  EXPECT_EQ(records[1].line, 7u);
  // A line of spaces is not blank: it is a one-field record.
  EXPECT_EQ(parse("a\n  \n")[1].fields, (std::vector<std::string>{"  "}));
}

TEST(CsvReader, LongFieldsCrossScanBlocks) {
  std::string longValue(1000, 'z');
  const std::string input = "a,b\n" + longValue + ",\"" + longValue + "\n" + longValue + "\"\n1,2";
  const std::vector<Rec> records = parse(input);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields[0], longValue);
  EXPECT_EQ(records[1].fields[1], longValue + "\n" + longValue);
  EXPECT_EQ(records[2].line, 4u);
}

// ---- malformed input ----

TEST(CsvReader, QuoteInsideUnquotedField) {
  const std::string input = "a,b,c\n1,5\" screen,3\n4,5,6\n";
  const std::vector<Rec> records = parse(input);
  // The stray quote leaves the quote count odd until the end, so the one malformed record
  // keeps every byte after it instead of guessing where the row was meant to stop.
  ASSERT_EQ(records.size(), 2u);
  const Rec& bad = records[1];
  EXPECT_EQ(bad.error, CsvError::QuoteInUnquotedField);
  EXPECT_EQ(bad.errorColumn, 2u);
  EXPECT_EQ(bad.errorLine, 2u);
  EXPECT_EQ(bad.line, 2u);
  EXPECT_EQ(bad.raw, "1,5\" screen,3\n4,5,6\n");
  EXPECT_EQ(bad.lineCount, 2u);
  EXPECT_TRUE(bad.fields.empty());
  CsvRecord record;
  CsvReader reader(input);
  reader.next(record);
  reader.next(record);
  EXPECT_EQ(describeCsvError(record),
            "column 2: a quote inside an unquoted field (a field containing quotes must be "
            "enclosed in quotes, with each inner quote doubled: \"5\"\" screen\"); the record "
            "spans lines 2-3, as a record ends only at a line break outside quotes");
  // Alone on its line, the same error says nothing about spans.
  CsvReader single("1,5\" screen\"\n");
  single.next(record);
  EXPECT_EQ(describeCsvError(record),
            "column 2: a quote inside an unquoted field (a field containing quotes must be "
            "enclosed in quotes, with each inner quote doubled: \"5\"\" screen\")");
}

TEST(CsvReader, ResyncsAtTheNextBoundaryOnceQuotesBalance) {
  const std::vector<Rec> records = parse("h\n1,a\"b\n2,c\"d\n3,ok\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].error, CsvError::QuoteInUnquotedField);
  EXPECT_EQ(records[1].raw, "1,a\"b\n2,c\"d");
  EXPECT_EQ(records[1].lineCount, 2u);
  EXPECT_EQ(records[2].line, 4u);
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"3", "ok"}));
  // A quote pair inside the field balances at once: only that line is lost.
  const std::vector<Rec> paired = parse("h\n1,a\"b\"c\r\n2,ok\n");
  ASSERT_EQ(paired.size(), 3u);
  EXPECT_EQ(paired[1].raw, "1,a\"b\"c");
  EXPECT_EQ(paired[2].fields, (std::vector<std::string>{"2", "ok"}));
}

TEST(CsvReader, TextAfterClosingQuote) {
  const std::string input = "h\n\"ok\",\"ab\"cd,e\r\nnext\n";
  const std::vector<Rec> records = parse(input);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].error, CsvError::TextAfterClosingQuote);
  EXPECT_EQ(records[1].errorColumn, 2u);
  EXPECT_EQ(records[1].raw, "\"ok\",\"ab\"cd,e");
  EXPECT_EQ(records[2].fields[0], "next");
  EXPECT_EQ(records[2].line, 3u);
  CsvReader reader(input);
  CsvRecord record;
  reader.next(record);
  reader.next(record);
  EXPECT_EQ(describeCsvError(record),
            "column 2: text after the closing quote (a field containing quotes must be enclosed "
            "in quotes, with each inner quote doubled: \"5\"\" screen\")");
  // A space after the closing quote is text too.
  EXPECT_EQ(parse("\"a\" ,b")[0].error, CsvError::TextAfterClosingQuote);
}

TEST(CsvReader, UnterminatedQuoteRunsToTheEnd) {
  const std::string input = "h\nok\n1,\"never closed\n2,x\n3,y";
  const std::vector<Rec> records = parse(input);
  ASSERT_EQ(records.size(), 3u);
  const Rec& bad = records[2];
  EXPECT_EQ(bad.error, CsvError::UnterminatedQuote);
  EXPECT_EQ(bad.errorColumn, 2u);
  EXPECT_EQ(bad.errorLine, 3u);
  EXPECT_EQ(bad.line, 3u);
  EXPECT_EQ(bad.lineCount, 3u);
  EXPECT_EQ(bad.raw, "1,\"never closed\n2,x\n3,y");
  CsvReader reader(input);
  CsvRecord record;
  while (reader.next(record) && !record.malformed()) {
  }
  EXPECT_EQ(describeCsvError(record), "column 2: the quoted field opened on line 3 is never "
                                      "closed: the rest of the file was read as this one field");
  // Ending right after an escaped quote is still unterminated.
  EXPECT_EQ(parse("\"a\"\"")[0].error, CsvError::UnterminatedQuote);
  EXPECT_EQ(parse("\"")[0].error, CsvError::UnterminatedQuote);
}

TEST(CsvReader, BareCarriageReturn) {
  const std::string input = "h\na\rb,c\nd\n";
  const std::vector<Rec> records = parse(input);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].error, CsvError::BareCarriageReturn);
  EXPECT_EQ(records[1].errorColumn, 1u);
  EXPECT_EQ(records[1].raw, "a\rb,c");
  EXPECT_EQ(records[2].fields[0], "d");
  CsvReader reader(input);
  CsvRecord record;
  reader.next(record);
  reader.next(record);
  EXPECT_EQ(describeCsvError(record),
            "column 1: a carriage return not followed by a line feed (lines must end in LF or "
            "CRLF; quote fields that contain a carriage return)");
  // A CR as the very last byte is bare too; quoted, it is data.
  EXPECT_EQ(parse("a,b\r")[0].error, CsvError::BareCarriageReturn);
  EXPECT_EQ(parse("a,\"b\rc\"")[0].fields[1], "b\rc");
  EXPECT_EQ(describeCsvError(CsvRecord{}), "");
}

TEST(CsvReader, MalformedRecordReportsTheLineOfTheError) {
  // The record starts on line 2; its second field spans a line; the stray quote is on line 3.
  const std::vector<Rec> records = parse("h\n\"a\nb\",c\"d\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].error, CsvError::QuoteInUnquotedField);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[1].errorLine, 3u);
  EXPECT_EQ(records[1].errorColumn, 2u);
  EXPECT_EQ(records[1].lineCount, 2u);
  const std::string input = "h\n\"a\nb\",c\"d\n";
  CsvReader reader(input);
  CsvRecord record;
  reader.next(record);
  reader.next(record);
  EXPECT_EQ(describeCsvError(record),
            "column 2 (line 3): a quote inside an unquoted field (a field containing quotes must "
            "be enclosed in quotes, with each inner quote doubled: \"5\"\" screen\"); the record "
            "spans lines 2-3, as a record ends only at a line break outside quotes");
}

// ---- splitting ----

TEST(SplitCsv, ChunksStartAtRecordBoundariesWithLineNumbers) {
  std::string input = "id,note\n";
  for (int i = 0; i < 100; ++i)
    input += std::to_string(i) + (i % 3 ? ",plain\n" : ",\"multi\nline, \"\"quoted\"\"\"\n");
  const std::vector<CsvChunk> chunks = splitCsv(input, 4);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0].offset, 8u);
  EXPECT_EQ(chunks[0].firstLine, 2u);
  std::size_t expectedOffset = 8;
  for (const CsvChunk& chunk : chunks) {
    EXPECT_EQ(chunk.offset, expectedOffset);
    expectedOffset += chunk.data.size();
    const std::string_view before = std::string_view(input).substr(0, chunk.offset);
    EXPECT_EQ(chunk.firstLine,
              1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')));
    EXPECT_TRUE(chunk.data.ends_with('\n'));
  }
  EXPECT_EQ(expectedOffset, input.size());
  EXPECT_EQ(parseChunked(input, 4), parse(input));
}

TEST(SplitCsv, EdgeCases) {
  EXPECT_TRUE(splitCsv("", 4).empty());
  EXPECT_TRUE(splitCsv("a,b", 4).empty());
  EXPECT_TRUE(splitCsv("a,b\n", 4).empty());
  EXPECT_TRUE(splitCsv("\xEF\xBB\xBF"
                       "a,b\r\n",
                       4)
                  .empty());
  const std::vector<CsvChunk> one = splitCsv("a\n1", 0); // 0 parts means 1
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].data, "1");
  EXPECT_EQ(one[0].firstLine, 2u);
  // More parts than records: never an empty chunk.
  const std::vector<CsvChunk> many = splitCsv("a\n1\n2\n", 64);
  for (const CsvChunk& c : many)
    EXPECT_FALSE(c.data.empty());
  EXPECT_LE(many.size(), 2u);
  // One quoted field spanning the whole body cannot be split.
  EXPECT_EQ(splitCsv("a\n\"" + std::string(1000, '\n') + "\"\n", 8).size(), 1u);
  // A multi-line header: the body starts after its closing quote's line.
  const std::vector<CsvChunk> header = splitCsv("\"a\nb\",c\n1,2\n", 2);
  ASSERT_EQ(header.size(), 1u);
  EXPECT_EQ(header[0].firstLine, 3u);
  EXPECT_EQ(header[0].data, "1,2\n");
}

// ---- fuzzing ----

TEST(CsvFuzz, AgreesWithReferenceOnRandomText) {
  std::mt19937_64 rng(1);
  const std::string alphabets[] = {"ab,\"\n", "a,\"\r\n", "ab ,\"\n\r\xEF", "\"\"\"\n,",
                                   "abcdefg,\n"};
  for (int i = 0; i < 30000; ++i) {
    const std::string input = randomText(rng, alphabets[i % 5], i % 10 == 0 ? 600 : 150);
    ASSERT_EQ(parse(input), referenceParse(input, 1)) << "input: [" << input << "]";
  }
}

TEST(CsvFuzz, RandomBytesNeverCrashAndKeepEveryByte) {
  std::mt19937_64 rng(2);
  std::string alphabet;
  for (int c = 0; c < 256; ++c)
    alphabet += static_cast<char>(c);
  for (int i = 0; i < 3000; ++i) {
    const std::string input = randomText(rng, alphabet, 2000);
    const std::vector<Rec> records = parse(input);
    ASSERT_EQ(records, referenceParse(input, 1, input.starts_with("\xEF\xBB\xBF") ? 3 : 0));
    // Between consecutive records there are only line terminators: nothing is dropped.
    std::size_t covered = input.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (const Rec& r : records) {
      for (std::size_t k = covered; k < r.rawOffset; ++k)
        ASSERT_TRUE(input[k] == '\n' || input[k] == '\r') << k;
      covered = r.rawOffset + r.raw.size();
    }
    for (std::size_t k = covered; k < input.size(); ++k)
      ASSERT_TRUE(input[k] == '\n' || input[k] == '\r');
  }
}

TEST(CsvFuzz, RoundTripsEncodedRecords) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 3000; ++i) {
    const std::size_t columns = rng() % 6 + 1;
    std::vector<std::vector<std::string>> rows(rng() % 20 + 1);
    std::vector<std::vector<bool>> forced(rows.size());
    std::string input;
    std::vector<std::size_t> lines;
    std::size_t line = 1;
    const std::string eol = i % 2 ? "\r\n" : "\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      lines.push_back(line);
      for (std::size_t c = 0; c < columns; ++c) {
        std::string value = randomText(rng, "ab,\"\r\n x", 12);
        // A lone empty unquoted field would make a blank line, which is skipped.
        const bool force = (rng() % 4 == 0) || (columns == 1 && value.empty());
        if (c) input += ',';
        input += encodeField(value, force);
        line += static_cast<std::size_t>(std::count(value.begin(), value.end(), '\n'));
        forced[r].push_back(force || value.find_first_of(",\"\r\n") != std::string::npos);
        rows[r].push_back(std::move(value));
      }
      input += eol;
      ++line;
    }
    if (rng() % 2) input.resize(input.size() - eol.size()); // no final newline
    const std::vector<Rec> records = parse(input);
    ASSERT_EQ(records.size(), rows.size()) << input;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      ASSERT_EQ(records[r].error, CsvError::None) << input;
      ASSERT_EQ(records[r].fields, rows[r]) << input;
      ASSERT_EQ(records[r].quoted, forced[r]) << input;
      ASSERT_EQ(records[r].line, lines[r]) << input;
    }
  }
}

TEST(CsvFuzz, MutatedValidCsvAgreesWithReference) {
  std::mt19937_64 rng(4);
  const std::string valid = "contact_id,type,at,amount,url,campaign\r\n"
                            "1,page_view,2026-10-30T10:00:00Z,12.5,\"https://x.io/a,b\",spring\r\n"
                            "2,\"purchase\",2026-10-30,,\"say \"\"hi\"\"\",\"multi\nline\"\r\n"
                            "3,email_open,2026-10-31T08:00:00+02:00,0,,\r\n";
  const std::string noise = ",\"\r\nx";
  for (int i = 0; i < 20000; ++i) {
    std::string input = valid;
    mutate(input, rng, noise, 4);
    ASSERT_EQ(parse(input), referenceParse(input, 1)) << input;
  }
}

TEST(CsvFuzz, ChunkedEqualsSequential) {
  std::mt19937_64 rng(5);
  const std::string alphabets[] = {"ab,\"\n", "abcdef,\n\"", "a,\r\n\"x", "aaaaaaaa,\n"};
  for (int i = 0; i < 4000; ++i) {
    std::string input = (i % 7 == 0 ? "\xEF\xBB\xBF" : "") + std::string("h1,h2\n");
    input += randomText(rng, alphabets[i % 4], i % 20 == 0 ? 5000 : 400);
    const std::vector<Rec> sequential = parse(input);
    ASSERT_EQ(sequential, referenceParse(input, 1, input.starts_with("\xEF") ? 3 : 0));
    for (std::size_t parts : {std::size_t{1}, std::size_t{2}, std::size_t{3},
                              std::size_t{rng() % 16 + 1}, std::size_t{rng() % 200 + 1}}) {
      ASSERT_EQ(parseChunked(input, parts), sequential)
          << "parts " << parts << " input [" << input << "]";
    }
  }
}

TEST(CsvFuzz, PathologicalInputsStayLinear) {
  // Each is a few MB of one repeated pattern; a quadratic rescan would take minutes.
  for (const std::string pattern :
       {"\"", "a\"\n", "\"\"\"\n", ",", "\r", "\"a\"b\n", "\n", "\"\n"}) {
    std::string input = "h\n";
    while (input.size() < (4u << 20))
      input += pattern;
    std::size_t sequential = 0;
    std::size_t bytes = 0;
    CsvReader reader(input);
    CsvRecord record;
    while (reader.next(record)) {
      ++sequential;
      bytes += record.raw.size();
    }
    EXPECT_LE(bytes, input.size()) << pattern;
    std::size_t chunked = 1; // the header
    for (const CsvChunk& chunk : splitCsv(input, 8)) {
      CsvReader part(chunk.data, chunk.firstLine);
      while (part.next(record))
        ++chunked;
    }
    EXPECT_EQ(chunked, sequential) << pattern;
  }
}
