// The `seg repl` commands that touch files: `:export` (members as CSV), `:save` (the
// session as a `.seg` file `seg check` accepts) and `:load` (a file's definitions join).
#include "base/AtomicFile.h"
#include "repl/ReplSession.h"

#include <filesystem>
#include <fmt/format.h>
#include <limits>
#include <ostream>

namespace seg::cli::repl {

void ReplSession::exportMembers(const std::string& name, const std::string& path, std::ostream& out,
                                std::ostream& err) {
  if (name.empty() || path.empty()) {
    err << ":export: say which segment and which file, e.g. :export vip vip.csv\n";
    return;
  }
  RunOptions options = runOptions({});
  options.definitions = {name.substr(0, name.find('.'))};
  Expected<Result> result = program_->run(data_, options);
  Expected<Members> members = result ? result->segment(name) : Expected<Members>(result.error());
  if (!members) {
    err << ":export: " << members.error().message() << "\n";
    return;
  }
  Table table = membersTable(data_, *members, std::numeric_limits<std::size_t>::max(), pii_, true);
  std::string error;
  if (!base::writeFileAtomically(
          path, [&](std::ostream& file) { writeTable(table, AnswerFormat::Csv, file); }, error)) {
    err << ":export: cannot write " << path << ": " << error << "\n";
    return;
  }
  status(out) << fmt::format("wrote {} members of {} to {}{}\n", table.rows.size(), name, path,
                             pii_ ? " (personal data in clear: :pii is on)"
                                  : " (personal data masked)");
}

void ReplSession::save(const std::string& path, std::ostream& out, std::ostream& err) const {
  namespace fs = std::filesystem;
  if (path.empty()) {
    err << ":save: say where, e.g. :save session.seg\n";
    return;
  }
  fs::path folder = fs::absolute(path).parent_path();
  std::string text = "// Saved from seg repl.\n";
  for (const std::string& file : files_)
    text += fmt::format("import \"{}\"\n",
                        fs::absolute(file).lexically_proximate(folder).generic_string());
  // A session on a snapshot's own schema saves it, so the file stands alone.
  if (useDatasetSchema_) text += "\n" + data_.schema().toSource() + "\n";
  for (const TypedDefinition& d : definitions_)
    text += "\n" + d.text + "\n";
  Expected<std::string> formatted = formatSource(text, path);
  if (!formatted) {
    err << ":save: " << formatted.error().message();
    return;
  }
  // What is written must be what `seg check` accepts: checked as it will be read.
  CompileOptions options;
  options.sourceName = path;
  options.importDir = folder.string();
  if (Expected<Program> check = Program::compileSource(*formatted, options); !check) {
    err << ":save: the saved file would not check:\n" << check.error().message();
    return;
  }
  std::string error;
  if (!base::writeFileAtomically(
          path, [&](std::ostream& file) { file << *formatted; }, error)) {
    err << ":save: cannot write " << path << ": " << error << "\n";
    return;
  }
  status(out) << fmt::format("saved {} definition{} to {}\n", definitions_.size(),
                             definitions_.size() == 1 ? "" : "s", path);
}

void ReplSession::load(const std::string& path, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty() || !fs::is_regular_file(path, ec)) {
    err << ":load: no file '" << path << "'\n";
    return;
  }
  for (const std::string& file : files_)
    if (fs::equivalent(file, path, ec)) {
      err << ":load: " << path << " is loaded already\n";
      return;
    }
  std::size_t before = program_ ? program_->definitions().size() : 0;
  files_.push_back(path);
  Expected<Program> program = compileWith(definitions_, "");
  if (!program) {
    files_.pop_back();
    err << program.error().message();
    err << ":load: " << path << " not loaded\n";
    return;
  }
  program_ = std::move(*program);
  std::size_t added = program_->definitions().size() - before;
  status(out) << fmt::format("loaded {}: {} definition{}\n", path, added, added == 1 ? "" : "s");
}

} // namespace seg::cli::repl
