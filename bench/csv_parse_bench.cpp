// Throughput of the CSV import's inner loops on ~200 MB of CRM-like events generated in
// memory: tokenizing (splitCsv + CsvReader::next), then the value parsers on their fields.
// Usage: csv_parse_bench [megabytes=200]
#include "load/CsvReader.h"
#include "load/ValueParser.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace seg::runtime;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// contact_id,type,at,amount,url,campaign, with the irregularities real exports have:
// empty amounts, offsets and fractions in timestamps, quoted URLs with commas, "" escapes.
std::string generateEvents(std::size_t targetBytes) {
  std::string csv = "contact_id,type,at,amount,url,campaign\r\n";
  csv.reserve(targetBytes + 4096);
  std::mt19937_64 rng(42);
  const char* types[] = {"page_view", "email_open", "email_click", "purchase", "signup"};
  const char* campaigns[] = {"spring_sale", "newsletter_42", "\"black \"\"friday\"\"\"", "",
                             "retargeting"};
  char row[512];
  while (csv.size() < targetBytes) {
    const std::uint64_t r = rng();
    const int contact = static_cast<int>(r % 2'000'000);
    const int month = static_cast<int>((r >> 21) % 12) + 1;
    const int day = static_cast<int>((r >> 25) % 28) + 1;
    const int hour = static_cast<int>((r >> 30) % 24);
    const int minute = static_cast<int>((r >> 35) % 60);
    const int second = static_cast<int>((r >> 41) % 60);
    const int zoneKind = static_cast<int>((r >> 47) % 4);
    char at[48];
    if (zoneKind == 0)
      std::snprintf(at, sizeof at, "2026-%02d-%02dT%02d:%02d:%02d+02:00", month, day, hour, minute,
                    second);
    else if (zoneKind == 1)
      std::snprintf(at, sizeof at, "2026-%02d-%02dT%02d:%02d:%02d.%06dZ", month, day, hour, minute,
                    second, static_cast<int>(r % 1000000));
    else
      std::snprintf(at, sizeof at, "2026-%02d-%02dT%02d:%02d:%02dZ", month, day, hour, minute,
                    second);
    char amount[32] = "";
    if ((r >> 50) % 3 != 0)
      std::snprintf(amount, sizeof amount, "%d.%02d", static_cast<int>((r >> 8) % 500),
                    static_cast<int>((r >> 3) % 100));
    const bool quotedUrl = (r >> 53) % 5 == 0;
    std::snprintf(row, sizeof row, "%d,%s,%s,%s,%shttps://shop.example.com/p/%d?ref=%s%s%s,%s\r\n",
                  contact, types[(r >> 55) % 5], at, amount, quotedUrl ? "\"" : "",
                  static_cast<int>((r >> 13) % 100000), quotedUrl ? "mail,web" : "web",
                  quotedUrl ? "&x=1" : "", quotedUrl ? "\"" : "", campaigns[(r >> 60) % 5]);
    csv += row;
  }
  return csv;
}

struct TokenizeResult {
  std::size_t records = 0;
  std::size_t fields = 0;
  std::size_t malformed = 0;
};

TokenizeResult tokenize(const CsvChunk& chunk) {
  TokenizeResult result;
  CsvReader reader(chunk.data, chunk.firstLine);
  CsvRecord record;
  while (reader.next(record)) {
    ++result.records;
    result.fields += record.fields.size();
    result.malformed += record.malformed();
  }
  return result;
}

// Tokenizes with `threads` threads, one chunk each; returns seconds (best of 3).
double timeTokenize(std::string_view csv, std::size_t threads, TokenizeResult& total) {
  double best = 1e9;
  for (int round = 0; round < 3; ++round) {
    const Clock::time_point start = Clock::now();
    const std::vector<CsvChunk> chunks = splitCsv(csv, threads);
    std::vector<TokenizeResult> results(chunks.size());
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < chunks.size(); ++i)
      workers.emplace_back([&, i] { results[i] = tokenize(chunks[i]); });
    if (!chunks.empty()) results[0] = tokenize(chunks[0]);
    for (std::thread& w : workers)
      w.join();
    best = std::min(best, secondsSince(start));
    total = {};
    for (const TokenizeResult& r : results) {
      total.records += r.records;
      total.fields += r.fields;
      total.malformed += r.malformed;
    }
  }
  return best;
}

// Parser speed alone: the fields are first packed into one buffer, as they would sit in
// cache right after tokenizing, so memory latency over 200 MB does not hide parsing cost.
template <class Parse>
void timeParser(const char* name, const std::vector<std::string_view>& fields, Parse parse) {
  std::string packed;
  std::vector<std::string_view> views;
  for (std::string_view f : fields)
    packed += f;
  views.reserve(fields.size());
  std::size_t offset = 0;
  for (std::string_view f : fields) {
    views.emplace_back(packed.data() + offset, f.size());
    offset += f.size();
  }
  double best = 1e9;
  std::int64_t checksum = 0;
  std::size_t errors = 0;
  for (int round = 0; round < 3; ++round) {
    checksum = 0;
    errors = 0;
    const Clock::time_point start = Clock::now();
    for (std::string_view f : views) {
      const auto parsed = parse(f);
      checksum += static_cast<std::int64_t>(parsed.value);
      errors += !parsed.ok();
    }
    best = std::min(best, secondsSince(start));
  }
  std::printf(
      "  %-15s %9zu fields %7.1f MB  %8.1f MB/s  %6.1f ns/field  (errors %zu, checksum %lld)\n",
      name, views.size(), packed.size() / 1e6, packed.size() / 1e6 / best,
      best * 1e9 / views.size(), errors, static_cast<long long>(checksum));
}

// Tokenize and convert every typed field of a chunk: the loader's per-row work minus storing.
std::int64_t parseChunk(const CsvChunk& chunk, std::size_t& rejectedOut) {
  static const std::vector<std::string> types = {"page_view", "email_open", "email_click",
                                                 "purchase", "signup"};
  CsvReader reader(chunk.data, chunk.firstLine);
  CsvRecord record;
  std::int64_t checksum = 0;
  // Counted locally: threads incrementing neighbouring slots would share a cache line.
  std::size_t rejected = 0;
  while (reader.next(record)) {
    if (record.malformed() || record.fields.size() != 6) {
      ++rejected;
      continue;
    }
    const Parsed<std::int64_t> id = parseInt(record.fields[0].text);
    const Parsed<std::uint32_t> type = parseEnum(record.fields[1].text, types);
    const Parsed<std::int64_t> at = parseTimestamp(record.fields[2].text);
    double amount = 0;
    if (!record.fields[3].text.empty()) amount = parseFloat(record.fields[3].text).value;
    rejected += !id.ok() || !type.ok() || !at.ok();
    checksum += id.value + type.value + (at.value >> 20) + static_cast<std::int64_t>(amount);
  }
  rejectedOut = rejected;
  return checksum;
}

double timeFullPass(std::string_view csv, std::size_t threads, std::size_t& rejected) {
  double best = 1e9;
  for (int round = 0; round < 3; ++round) {
    const Clock::time_point start = Clock::now();
    const std::vector<CsvChunk> chunks = splitCsv(csv, threads);
    std::vector<std::size_t> rejects(chunks.size());
    std::vector<std::int64_t> sums(chunks.size());
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < chunks.size(); ++i)
      workers.emplace_back([&, i] { sums[i] = parseChunk(chunks[i], rejects[i]); });
    if (!chunks.empty()) sums[0] = parseChunk(chunks[0], rejects[0]);
    for (std::thread& w : workers)
      w.join();
    best = std::min(best, secondsSince(start));
    rejected = 0;
    for (std::size_t r : rejects)
      rejected += r;
  }
  return best;
}

} // namespace

int main(int argc, char** argv) {
  const std::size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200;
  Clock::time_point start = Clock::now();
  const std::string csv = generateEvents(megabytes * 1'000'000);
  std::printf("generated %.1f MB of events in %.2f s\n", csv.size() / 1e6, secondsSince(start));

  TokenizeResult total;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t threads = 1; threads <= hardware; threads *= 2) {
    const double seconds = timeTokenize(csv, threads, total);
    std::printf("tokenize (splitCsv + next), %zu thread%s: %.3f s, %.0f MB/s, %zu records, %zu "
                "fields, %zu malformed\n",
                threads, threads == 1 ? "" : "s", seconds, csv.size() / 1e6 / seconds,
                total.records, total.fields, total.malformed);
  }

  start = Clock::now();
  const std::vector<CsvChunk> split = splitCsv(csv, std::max(2u, hardware));
  std::printf("splitCsv alone into %zu chunks: %.3f s\n", split.size(), secondsSince(start));
  const std::vector<CsvChunk> chunks = splitCsv(csv, 1);

  // The fields each parser sees in a real import.
  std::vector<std::string_view> ids, ats, amounts;
  CsvReader reader(chunks.at(0).data, chunks[0].firstLine);
  CsvRecord record;
  while (reader.next(record)) {
    if (record.fields.size() != 6) continue;
    ids.push_back(record.fields[0].text);
    ats.push_back(record.fields[2].text);
    if (!record.fields[3].text.empty()) amounts.push_back(record.fields[3].text);
  }
  std::printf("value parsers (single thread, fields packed in cache):\n");
  timeParser("parseInt", ids, parseInt);
  timeParser("parseFloat", amounts, parseFloat);
  timeParser("parseTimestamp", ats, parseTimestamp);

  for (std::size_t threads = 1; threads <= hardware; threads *= 2) {
    std::size_t rejected = 0;
    const double seconds = timeFullPass(csv, threads, rejected);
    std::printf("full pass (tokenize + parseInt/Enum/Timestamp/Float), %zu thread%s: %.3f s, "
                "%.0f MB/s, %zu rejected\n",
                threads, threads == 1 ? "" : "s", seconds, csv.size() / 1e6 / seconds, rejected);
  }
  return 0;
}
