// `seg gen`: writes the deterministic example CRM data set (contacts.csv, events.csv).
#include "Commands.h"
#include "load/LoadReport.h"
#include "sampledata/CrmGenerator.h"
#include "syntax/Literals.h"

#include <chrono>
#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

int runGen(const GenOptions& options) {
  runtime::GenOptions gen;
  gen.contacts = options.contacts;
  gen.seed = options.seed;
  gen.outDir = options.outDir;
  if (!options.now.empty()) {
    std::string spelling = options.now;
    Decoded<std::int64_t> now = decodeTimestamp(spelling);
    if (!now.value) {
      std::fprintf(stderr, "seg gen: --now '%s': %s; %s\n", spelling.c_str(), now.error.c_str(),
                   now.hint.c_str());
      return 2;
    }
    gen.nowMicros = *now.value;
  }
  auto start = std::chrono::steady_clock::now();
  runtime::GenSummary summary;
  if (auto error = runtime::generateCrm(gen, summary)) {
    std::fprintf(stderr, "seg gen: %s\n", error->c_str());
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("wrote {} ({} contacts, {:.1f} MB)\n", summary.contactsPath,
             runtime::withThousands(summary.contacts), summary.contactBytes / 1e6);
  fmt::print("wrote {} ({} events, {:.1f} MB) in {:.1f} s\n", summary.eventsPath,
             runtime::withThousands(summary.events()), summary.eventBytes / 1e6, seconds);
  return 0;
}

} // namespace seg::cli
