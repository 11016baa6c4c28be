// Measures how the contact batch size affects a column scan: the attribute filter
// `city == "New York" and gender == female and age between 25 and 45` evaluated batch by
// batch into a membership bitmap, as a kernel will. Usage: batch_size_bench SNAPSHOT
#include "snapshot/SnapshotReader.h"
#include "store/Store.h"

#include <chrono>
#include <cstdio>
#include <vector>

using namespace seg::runtime;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s SNAPSHOT\n", argv[0]);
    return 2;
  }
  SnapshotResult opened = openSnapshot(argv[1], nullptr, false);
  if (!opened.store) {
    std::fprintf(stderr, "%s\n", opened.error.c_str());
    return 1;
  }
  const Store& store = *opened.store;
  const StoreSchema& schema = store.schema;
  int city = schema.contactFieldIndex("city"), gender = schema.contactFieldIndex("gender"),
      age = schema.contactFieldIndex("age");
  auto cityCode = store.contacts.dictionaries[city].find("New York");
  if (!cityCode) return 1;
  const auto cities = store.contacts.columns[city].values<std::uint32_t>();
  const auto genders = store.contacts.columns[gender].values<std::uint32_t>();
  const auto ages = store.contacts.columns[age].values<std::int64_t>();
  const std::uint64_t* ageValid = store.contacts.columns[age].validity();
  const std::size_t rows = store.contacts.rows;
  std::vector<std::uint64_t> members((rows + 63) / 64);

  std::printf("rows=%zu\n%10s %12s %10s\n", rows, "batch", "ns/row", "members");
  for (std::size_t batch = 256; batch <= 262144; batch *= 2) {
    double best = 1e30;
    std::size_t count = 0;
    for (int rep = 0; rep < 7; ++rep) {
      auto start = std::chrono::steady_clock::now();
      std::vector<std::uint8_t> scratch(batch);
      count = 0;
      for (std::size_t begin = 0; begin < rows; begin += batch) {
        std::size_t end = std::min(rows, begin + batch);
        // Pass 1 per column, like a vectorized kernel: a byte mask per row...
        for (std::size_t i = begin; i < end; ++i)
          scratch[i - begin] = cities[i] == *cityCode;
        for (std::size_t i = begin; i < end; ++i)
          scratch[i - begin] &= genders[i] == 0;
        for (std::size_t i = begin; i < end; ++i)
          scratch[i - begin] &= (ages[i] >= 25) & (ages[i] <= 45) &
                                static_cast<std::uint8_t>((ageValid[i >> 6] >> (i & 63)) & 1);
        // ...then packed into the membership bitmap, 64 rows a word, without branches.
        for (std::size_t i = end; i < begin + batch && i - begin < scratch.size(); ++i)
          scratch[i - begin] = 0;
        for (std::size_t w = begin; w < end; w += 64) {
          std::uint64_t word = 0;
          for (std::size_t k = 0; k < 64; ++k)
            word |= static_cast<std::uint64_t>(scratch[w - begin + k]) << k;
          members[w >> 6] = word;
          count += static_cast<std::size_t>(__builtin_popcountll(word));
        }
      }
      double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
                      .count();
      best = std::min(best, ns / rows);
    }
    std::printf("%10zu %12.3f %10zu\n", batch, best, count);
  }
  return 0;
}
