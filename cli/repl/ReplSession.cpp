#include "repl/ReplSession.h"

#include "repl/Answers.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <ostream>
#include <sstream>

namespace seg::cli::repl {
namespace {

using Clock = std::chrono::steady_clock;

// The hidden definition an expression is answered through, and where the typed text
// starts in its line.
constexpr std::string_view kExpressionPrefix = "segment __repl_expr = ";

std::string trim(const std::string& s) {
  std::size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  std::size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Prints an error: a typed line's diagnostics against the typed text; others as they are.
void printError(const Error& error, const std::string& typed, int lastLine, int shift,
                std::ostream& err) {
  std::size_t errors = 0;
  bool typedOnly = !error.diagnostics().empty();
  for (const Diagnostic& d : error.diagnostics())
    typedOnly = typedOnly && d.file == "<repl>" && d.line >= lastLine;
  if (!typedOnly) {
    err << error.message();
    if (!error.message().empty() && error.message().back() != '\n') err << "\n";
    return;
  }
  for (const Diagnostic& d : error.diagnostics()) {
    err << renderTyped(d, typed, shift);
    errors += d.severity == Severity::Error ? 1 : 0;
  }
  err << errors << (errors == 1 ? " error\n" : " errors\n");
}

int lineCount(const std::string& text) {
  return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

std::optional<TypedDefinition> parseDefinition(const std::string& input) {
  std::istringstream words(input);
  std::string kind, name;
  words >> kind >> name;
  if (kind != "segment" && kind != "partition" && kind != "score" && kind != "metric")
    return std::nullopt;
  std::size_t end = name.find_first_of("={ \t");
  name = name.substr(0, end);
  if (name.empty()) return std::nullopt;
  return TypedDefinition{name, kind, trim(input)};
}

ReplSession::ReplSession(Dataset data, std::vector<std::string> files, std::string now, bool timer)
    : data_(std::move(data)), files_(std::move(files)), now_(std::move(now)), timer_(timer) {
  useDatasetSchema_ = files_.empty();
}

Expected<Program> ReplSession::compileWith(const std::vector<TypedDefinition>& definitions,
                                           const std::string& extra) const {
  std::string text;
  for (const std::string& file : files_)
    text += fmt::format("import \"{}\"\n", std::filesystem::absolute(file).string());
  for (const TypedDefinition& d : definitions)
    text += d.text + "\n";
  text += extra;
  CompileOptions options;
  options.sourceName = "<repl>";
  if (useDatasetSchema_) options.schema = data_.schema();
  return Program::compileSource(text, options);
}

int ReplSession::typedLine() const {
  int line = static_cast<int>(files_.size()) + 1;
  for (const TypedDefinition& d : definitions_)
    line += lineCount(d.text);
  return line;
}

RunOptions ReplSession::runOptions(std::stop_token stop) const {
  RunOptions options;
  options.now = now_;
  options.engine = Engine::Auto; // answers never wait on LLVM
  options.stop = std::move(stop);
  return options;
}

bool ReplSession::start(std::ostream& err) {
  Expected<Program> program = compileWith(definitions_, "");
  if (!program && !files_.empty() && program.error().code() == ErrorCode::InvalidArgument) {
    useDatasetSchema_ = true; // the files declare no schema: the data's is used
    program = compileWith(definitions_, "");
  }
  if (!program) {
    err << program.error().message();
    return false;
  }
  program_ = std::move(*program);
  return true;
}

bool ReplSession::handle(const std::string& raw, std::ostream& out, std::ostream& err,
                         std::stop_token stop) {
  std::string input = trim(raw);
  if (input.empty() || input.starts_with("//")) return true;
  if (input.front() == ':') return command(input, out, err);
  if (auto definition = parseDefinition(input)) {
    define(*definition, out, err, stop);
    return true;
  }
  answerExpression(input, out, err, stop);
  return true;
}

void ReplSession::answerExpression(const std::string& expression, std::ostream& out,
                                   std::ostream& err, std::stop_token stop) {
  auto start = Clock::now();
  std::string extra = std::string(kExpressionPrefix) + expression + "\n";
  Expected<Program> program = compileWith(definitions_, extra);
  if (!program) {
    const auto& diagnostics = program.error().diagnostics();
    // Not a condition: a number is answered by its distribution.
    if (diagnostics.size() == 1 &&
        diagnostics[0].message.starts_with("segment '__repl_expr' must be a condition") &&
        (diagnostics[0].message.ends_with("float") || diagnostics[0].message.ends_with("int") ||
         diagnostics[0].message.ends_with("float?") || diagnostics[0].message.ends_with("int?"))) {
      answerNumber(expression, out, err, stop);
      return;
    }
    if (diagnostics.size() == 1 &&
        diagnostics[0].message.starts_with("segment '__repl_expr' must be a condition")) {
      err << "an expression is answered when it is a condition or a number; this one is "
          << diagnostics[0].message.substr(diagnostics[0].message.rfind(' ') + 1) << "\n";
      return;
    }
    printError(program.error(), expression, typedLine(), static_cast<int>(kExpressionPrefix.size()),
               err);
    return;
  }
  RunOptions options = runOptions(stop);
  options.definitions = {"__repl_expr"};
  Expected<Result> result = program->run(data_, options);
  if (!result) {
    err << result.error().message() << "\n";
    return;
  }
  Expected<Members> members = result->segment("__repl_expr");
  out << withCommas(members->count()) << " contacts (" << fmt::format("{:.1f}", members->percent())
      << " %)";
  if (timer_) out << fmt::format(" in {:.1f} ms ({})", millisecondsSince(start), result->engine());
  out << "\n";
  printSample(data_, *members, 5, pii_, out);
}

} // namespace seg::cli::repl
