// RFC 4180 tokenizing at hundreds of MB/s: a 64-byte bitmask of the four bytes that matter
// (, " CR LF) lets each field end be found with one count-trailing-zeros.
#include "CsvReader.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace seg::runtime {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Bit i set when p[i] is one of , " CR LF, for the 64 bytes at p.
std::uint64_t specialMask(const char* p) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  std::uint64_t mask = 0;
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    mask |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(hit))} << (16 * i);
  }
  return mask;
#else
  std::uint64_t mask = 0;
  for (int i = 0; i < 64; ++i) {
    const char c = p[i];
    if (c == ',' || c == '"' || c == '\r' || c == '\n') mask |= std::uint64_t{1} << i;
  }
  return mask;
#endif
}

struct ByteCounts {
  std::size_t quotes = 0;
  std::size_t newlines = 0;
};

// Quotes and line feeds in [p, p+length): enough to know the quote parity and the line
// number at any offset without parsing.
ByteCounts countQuotesAndNewlines(const char* p, std::size_t length) {
  ByteCounts counts;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  while (length - i >= 16) {
    // Per-byte counters (a match is -1, so subtracting counts up) overflow after 255 rounds.
    const std::size_t rounds = std::min<std::size_t>((length - i) / 16, 255);
    __m128i quotes = zero;
    __m128i newlines = zero;
    for (std::size_t r = 0; r < rounds; ++r, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      quotes = _mm_sub_epi8(quotes, _mm_cmpeq_epi8(v, quote));
      newlines = _mm_sub_epi8(newlines, _mm_cmpeq_epi8(v, lf));
    }
    alignas(16) std::uint64_t sums[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(sums), _mm_sad_epu8(quotes, zero));
    counts.quotes += sums[0] + sums[1];
    _mm_store_si128(reinterpret_cast<__m128i*>(sums), _mm_sad_epu8(newlines, zero));
    counts.newlines += sums[0] + sums[1];
  }
#endif
  for (; i < length; ++i) {
    counts.quotes += p[i] == '"';
    counts.newlines += p[i] == '\n';
  }
  return counts;
}

} // namespace

std::string describeCsvError(const CsvRecord& record) {
  if (record.error == CsvError::None) return "";
  std::string out = "column " + std::to_string(record.errorColumn);
  if (record.errorLine != record.line && record.error != CsvError::UnterminatedQuote)
    out += " (line " + std::to_string(record.errorLine) + ")";
  out += ": ";
  constexpr std::string_view quoting = "a field containing quotes must be enclosed in quotes, "
                                       "with each inner quote doubled: \"5\"\" screen\"";
  switch (record.error) {
  case CsvError::None:
    break;
  case CsvError::QuoteInUnquotedField:
    out += "a quote inside an unquoted field (" + std::string(quoting) + ")";
    break;
  case CsvError::TextAfterClosingQuote:
    out += "text after the closing quote (" + std::string(quoting) + ")";
    break;
  case CsvError::UnterminatedQuote:
    return out + "the quoted field opened on line " + std::to_string(record.errorLine) +
           " is never closed: the rest of the file was read as this one field";
  case CsvError::BareCarriageReturn:
    out += "a carriage return not followed by a line feed (lines must end in LF or CRLF; quote "
           "fields that contain a carriage return)";
    break;
  }
  // A stray quote makes the record run on to where quotes balance again: say how far, since
  // every line up to there is rejected with it.
  if (record.lineCount > 1)
    out += "; the record spans lines " + std::to_string(record.line) + "-" +
           std::to_string(record.line + record.lineCount - 1) +
           ", as a record ends only at a line break outside quotes";
  return out;
}

CsvReader::CsvReader(std::string_view file) : data_(file) {
  if (data_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
}

CsvReader::CsvReader(std::string_view chunk, std::size_t firstLine)
    : data_(chunk), line_(firstLine) {}

void CsvReader::loadBlock(std::size_t base) {
  scan_.base = base;
  if (data_.size() - base >= 64) {
    scan_.mask = specialMask(data_.data() + base);
    return;
  }
  // The last partial block: NUL padding is not special, so bits past the end stay clear.
  char tail[64] = {};
  std::memcpy(tail, data_.data() + base, data_.size() - base);
  scan_.mask = specialMask(tail);
}

std::size_t CsvReader::findSpecial(std::size_t from) {
  const std::size_t n = data_.size();
  if (from >= n) return n;
  if (from < scan_.base || from - scan_.base >= 64) loadBlock(from & ~std::size_t{63});
  std::uint64_t mask = scan_.mask & (~std::uint64_t{0} << (from - scan_.base));
  while (mask == 0) {
    if (n - scan_.base <= 64) return n;
    loadBlock(scan_.base + 64);
    mask = scan_.mask;
  }
  return scan_.base + static_cast<std::size_t>(std::countr_zero(mask));
}

void CsvReader::finish(CsvRecord& record, std::size_t start, std::size_t end, std::size_t next) {
  record.raw = data_.substr(start, end - start);
  // Only a record cut off by the end of the input keeps a final line feed (inside quotes); it
  // ends that line rather than starting another.
  record.lineCount = line_ - record.line + 1 - (record.raw.ends_with('\n') ? 1 : 0);
  pos_ = next;
  for (const ScratchField& f : scratchFields_)
    record.fields[f.field].text = std::string_view(scratch_).substr(f.offset, f.length);
}

bool CsvReader::fail(CsvRecord& record, std::size_t start, CsvError error, std::size_t column) {
  record.error = error;
  record.errorColumn = column;
  record.fields.clear();
  scratchFields_.clear();
  // The record ends at the first line feed after its start with an even quote count (see
  // the class comment); rescanning from the start also recounts its lines.
  const char* d = data_.data();
  const std::size_t n = data_.size();
  bool inQuotes = false;
  line_ = record.line;
  std::size_t q = start;
  for (; q < n; ++q) {
    if (d[q] == '"') {
      inQuotes = !inQuotes;
    } else if (d[q] == '\n') {
      if (!inQuotes) break;
      ++line_;
    }
  }
  if (q == n) {
    finish(record, start, n, n);
  } else {
    finish(record, start, q > start && d[q - 1] == '\r' ? q - 1 : q, q + 1);
    ++line_;
  }
  return true;
}

bool CsvReader::next(CsvRecord& record) {
  record.fields.clear();
  record.error = CsvError::None;
  record.errorColumn = 0;
  record.errorLine = 0;
  scratch_.clear();
  scratchFields_.clear();
  const char* d = data_.data();
  const std::size_t n = data_.size();
  std::size_t p = pos_;

  // Blank lines hold no values: skipping them loses nothing.
  for (;;) {
    if (p >= n) {
      pos_ = n;
      return false;
    }
    if (d[p] == '\n') {
      ++p;
      ++line_;
    } else if (d[p] == '\r' && p + 1 < n && d[p + 1] == '\n') {
      p += 2;
      ++line_;
    } else {
      break;
    }
  }
  const std::size_t start = p;
  record.line = line_;

  for (;;) {
    if (p < n && d[p] == '"') {
      const std::size_t openLine = line_;
      std::size_t segment = ++p; // unescaped text runs from here to the next quote
      const std::size_t scratchStart = scratch_.size();
      bool escaped = false;
      std::size_t q;
      for (;;) {
        q = findSpecial(p);
        if (q == n) {
          record.errorLine = openLine;
          return fail(record, start, CsvError::UnterminatedQuote, record.fields.size() + 1);
        }
        if (d[q] == '"') {
          if (q + 1 == n || d[q + 1] != '"') break; // the closing quote
          // A doubled quote stands for one: copy up to and including the first.
          escaped = true;
          scratch_.append(d + segment, q + 1 - segment);
          segment = p = q + 2;
          continue;
        }
        if (d[q] == '\n') ++line_;
        p = q + 1;
      }
      if (escaped) {
        scratch_.append(d + segment, q - segment);
        scratchFields_.push_back(
            {record.fields.size(), scratchStart, scratch_.size() - scratchStart});
        record.fields.push_back({std::string_view(), true});
      } else {
        record.fields.push_back({std::string_view(d + segment, q - segment), true});
      }
      p = q + 1;
      if (p == n) {
        finish(record, start, n, n);
        return true;
      }
      if (d[p] == ',') {
        ++p;
        continue;
      }
      if (d[p] == '\n' || (d[p] == '\r' && p + 1 < n && d[p + 1] == '\n')) {
        finish(record, start, p, p + (d[p] == '\r' ? 2 : 1));
        ++line_;
        return true;
      }
      record.errorLine = line_;
      return fail(record, start, CsvError::TextAfterClosingQuote, record.fields.size());
    }

    const std::size_t q = findSpecial(p);
    if (q == n) {
      record.fields.push_back({std::string_view(d + p, n - p), false});
      finish(record, start, n, n);
      return true;
    }
    switch (d[q]) {
    case ',':
      record.fields.push_back({std::string_view(d + p, q - p), false});
      p = q + 1;
      continue;
    case '\n':
      record.fields.push_back({std::string_view(d + p, q - p), false});
      finish(record, start, q, q + 1);
      ++line_;
      return true;
    case '\r':
      if (q + 1 < n && d[q + 1] == '\n') {
        record.fields.push_back({std::string_view(d + p, q - p), false});
        finish(record, start, q, q + 2);
        ++line_;
        return true;
      }
      record.errorLine = line_;
      return fail(record, start, CsvError::BareCarriageReturn, record.fields.size() + 1);
    default: // '"'
      record.errorLine = line_;
      return fail(record, start, CsvError::QuoteInUnquotedField, record.fields.size() + 1);
    }
  }
}

std::vector<CsvChunk> splitCsv(std::string_view file, std::size_t parts) {
  std::vector<CsvChunk> chunks;
  CsvReader reader(file);
  CsvRecord header;
  if (!reader.readHeader(header)) return chunks;
  const std::size_t bodyStart = reader.offset();
  const std::size_t n = file.size();
  const char* d = file.data();
  parts = std::max<std::size_t>(parts, 1);

  // Invariant: `inQuotes` is the quote parity of [bodyStart, pos), `line` the line at pos.
  std::size_t pos = bodyStart;
  std::size_t line = reader.line();
  bool inQuotes = false;
  std::size_t chunkStart = bodyStart;
  std::size_t chunkLine = line;
  for (std::size_t i = 1; i < parts && pos < n; ++i) {
    const std::size_t target = bodyStart + (n - bodyStart) * i / parts;
    if (target <= pos) continue; // a long quoted field already carried us past it
    const ByteCounts counts = countQuotesAndNewlines(d + pos, target - pos);
    inQuotes ^= (counts.quotes & 1) != 0;
    line += counts.newlines;
    pos = target;
    // The next line feed at even parity ends a record (see CsvReader).
    for (; pos < n; ++pos) {
      if (d[pos] == '"') {
        inQuotes = !inQuotes;
      } else if (d[pos] == '\n') {
        ++line;
        if (!inQuotes) break;
      }
    }
    if (pos >= n) break;
    ++pos;
    if (pos == n) break;
    chunks.push_back({file.substr(chunkStart, pos - chunkStart), chunkLine, chunkStart});
    chunkStart = pos;
    chunkLine = line;
  }
  if (chunkStart < n) chunks.push_back({file.substr(chunkStart), chunkLine, chunkStart});
  return chunks;
}

} // namespace seg::runtime
