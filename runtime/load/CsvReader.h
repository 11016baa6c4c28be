// An RFC 4180 CSV reader over a memory-mapped file, and a splitter that cuts the body into
// chunks at record boundaries so threads can read them with exact line numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seg::runtime {

struct CsvField {
  // Unescaped text: a view into the input, or into the reader's scratch buffer when the
  // field had "" escapes. Valid until the reader's next call.
  std::string_view text;
  // `""` is an empty string, an unquoted empty field is absent: the loader needs to know.
  bool quoted = false;
};

enum class CsvError : std::uint8_t {
  None,
  QuoteInUnquotedField,  // a"b
  TextAfterClosingQuote, // "a"b
  UnterminatedQuote,     // "a… to the end of the input
  BareCarriageReturn,    // a CR not followed by LF, outside quotes
};

struct CsvRecord {
  std::vector<CsvField> fields; // empty when malformed; reused across calls
  std::size_t line = 0;         // 1-based physical line where the record starts
  std::size_t lineCount = 0;    // physical lines it spans (quoted newlines make it more than 1)
  std::string_view raw;         // the record's bytes, without its line terminator
  CsvError error = CsvError::None;
  std::size_t errorColumn = 0; // 1-based field number where the error was found
  std::size_t errorLine = 0;   // physical line of the error

  bool malformed() const { return error != CsvError::None; }
};

// "column 3: a quote inside an unquoted field (…)": what is wrong and how to fix it.
std::string describeCsvError(const CsvRecord& record);

// Records are the RFC 4180 grammar with LF or CRLF terminators. A record always ends at the
// first line feed after its start at which it has seen an even number of quote characters,
// malformed or not: that makes the record boundaries a function of quote parity alone, so
// splitCsv() can find them without parsing, and a stray quote can only widen the one
// malformed record (whose raw bytes keep everything), never shift later records. Lines
// holding nothing at all (blank lines) are not records.
class CsvReader {
public:
  // A whole file: a leading UTF-8 byte-order mark is skipped, the first line is line 1.
  explicit CsvReader(std::string_view file);
  // A chunk from splitCsv(), or any text starting at a record boundary on `firstLine`.
  CsvReader(std::string_view chunk, std::size_t firstLine);

  // The first record of the file; false when there is none. Call before next().
  bool readHeader(CsvRecord& header) { return next(header); }
  // The next record, malformed or not; false at the end of the input.
  bool next(CsvRecord& record);

  // Bytes of the input (including a skipped BOM) consumed so far, and the line at that point.
  std::size_t offset() const { return pos_; }
  std::size_t line() const { return line_; }

private:
  struct Scanner {
    std::size_t base = ~std::size_t{0}; // start of the 64-byte block `mask` describes
    std::uint64_t mask = 0;             // bit i: byte base+i is one of , " CR LF
  };

  std::size_t findSpecial(std::size_t from);
  void loadBlock(std::size_t base);
  bool fail(CsvRecord& record, std::size_t start, CsvError error, std::size_t column);
  void finish(CsvRecord& record, std::size_t start, std::size_t end, std::size_t next);

  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  Scanner scan_;
  // Fields with "" escapes are unescaped into scratch_, which may grow while a record is
  // read, so their views are made once the record is complete.
  struct ScratchField {
    std::size_t field, offset, length;
  };
  std::string scratch_;
  std::vector<ScratchField> scratchFields_;
};

struct CsvChunk {
  std::string_view data; // whole records; pass to CsvReader(data, firstLine)
  std::size_t firstLine = 1;
  std::size_t offset = 0; // of data within the file
};

// Cuts the body (after the BOM and the header record) into at most `parts` non-empty chunks
// of about equal size, each starting at a record boundary. Reading the chunks in order
// yields exactly the records a single CsvReader yields after readHeader().
std::vector<CsvChunk> splitCsv(std::string_view file, std::size_t parts);

} // namespace seg::runtime
