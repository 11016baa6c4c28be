// `seg report`: runs a program and writes one self-contained HTML page of the result:
// segment sizes, partitions, cluster centroids, the overlap heat map, score histograms and
// metric charts, drawn from the same JSON document `seg run --format json` prints.
#include "Commands.h"
#include "LocalRun.h"
#include "report/HtmlReport.h"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>

namespace seg::cli {

int runReport(const ReportOptions& options) {
  int status = 0;
  std::unique_ptr<LocalRun> run =
      runLocally({"seg report", options.files, options.data, options.now, options.threads}, status);
  if (!run) return status;
  const std::string document = report::reportDocument(run->report, run->result);
  std::string title = "Seg report";
  if (!options.files.empty())
    title += ": " + std::filesystem::path(options.files.front()).filename().string();
  const std::string page = report::renderHtml(document, title);
  std::ofstream out(options.output, std::ios::binary);
  out << page;
  out.close();
  if (!out) {
    fmt::print(stderr, "seg report: cannot write {}\n", options.output);
    return 1;
  }
  fmt::print(stderr, "seg report: wrote {} ({} KB)\n", options.output, (page.size() + 1023) / 1024);
  return 0;
}

} // namespace seg::cli
