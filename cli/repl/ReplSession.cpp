#include "repl/ReplSession.h"

#include "repl/Answers.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <ostream>
#include <sstream>
#include <streambuf>

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

int lineCount(const std::string& text) {
  return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

std::optional<TypedDefinition> parseDefinition(const std::string& input) {
  std::istringstream words(input);
  std::string kind, name;
  words >> kind >> name;
  if (kind != "segment" && kind != "partition" && kind != "score" && kind != "metric" &&
      kind != "cluster")
    return std::nullopt;
  std::size_t end = name.find_first_of("={ \t");
  name = name.substr(0, end);
  if (name.empty()) return std::nullopt;
  return TypedDefinition{name, kind, trim(input)};
}

ReplSession::ReplSession(Dataset data, std::vector<std::string> files, std::string now, bool timer,
                         Engine engine)
    : data_(std::move(data)), files_(std::move(files)), now_(std::move(now)), timer_(timer),
      engine_(engine) {
  useDatasetSchema_ = files_.empty();
}

SessionSource ReplSession::sourceWith(const std::vector<TypedDefinition>& definitions,
                                      const std::optional<SessionSource::Piece>& extra) const {
  SessionSource source;
  for (const std::string& file : files_)
    source.text += fmt::format("import \"{}\"\n", std::filesystem::absolute(file).string());
  int line = static_cast<int>(files_.size()) + 1;
  for (const TypedDefinition& d : definitions) {
    source.pieces.push_back({"<" + d.name + ">", d.text, line, 0});
    source.text += d.text + "\n";
    line += lineCount(d.text);
  }
  if (extra) {
    SessionSource::Piece piece = *extra;
    piece.firstLine = line;
    source.text += piece.text + "\n";
    piece.text = piece.text.substr(static_cast<std::size_t>(piece.shift));
    source.pieces.push_back(std::move(piece));
  }
  return source;
}

Expected<Program> ReplSession::compile(const SessionSource& source) const {
  CompileOptions options;
  options.sourceName = "<repl>";
  if (useDatasetSchema_) options.schema = data_.schema();
  return Program::compileSource(source.text, options);
}

Expected<Program> ReplSession::compileWith(const std::vector<TypedDefinition>& definitions,
                                           const std::string& extra) const {
  SessionSource source = sourceWith(definitions, std::nullopt);
  source.text += extra;
  return compile(source);
}

void ReplSession::printError(const Error& error, const SessionSource& source,
                             std::ostream& err) const {
  if (error.diagnostics().empty()) {
    err << error.message();
    if (!error.message().empty() && error.message().back() != '\n') err << "\n";
    return;
  }
  std::size_t errors = 0, warnings = 0;
  for (Diagnostic d : error.diagnostics()) {
    const SessionSource::Piece* piece = nullptr;
    if (d.file == "<repl>") {
      for (const SessionSource::Piece& p : source.pieces)
        if (d.line >= p.firstLine && d.line < p.firstLine + lineCount(p.text)) piece = &p;
      if (piece == nullptr && !source.pieces.empty() && d.line >= source.pieces.back().firstLine) {
        // Past the end ("unexpected end of file"): shown just after what was typed last.
        piece = &source.pieces.back();
        int lines = lineCount(piece->text);
        std::string last = piece->text.substr(
            piece->text.rfind('\n') == std::string::npos ? 0 : piece->text.rfind('\n') + 1);
        d.line = d.endLine = piece->firstLine + lines - 1;
        d.column = static_cast<int>(last.size()) + 1 + (lines == 1 ? piece->shift : 0);
        d.endColumn = d.column + 1;
      }
    }
    err << (piece != nullptr
                ? renderTyped(d, piece->label, piece->text, piece->firstLine, piece->shift)
                : d.rendered);
    ++(d.severity == Severity::Error ? errors : warnings);
  }
  std::string summary;
  if (errors > 0) summary = fmt::format("{} error{}", errors, errors == 1 ? "" : "s");
  if (warnings > 0)
    summary += fmt::format("{}{} warning{}", summary.empty() ? "" : ", ", warnings,
                           warnings == 1 ? "" : "s");
  err << summary << "\n";
}

RunOptions ReplSession::runOptions(std::stop_token stop) const {
  RunOptions options;
  options.now = now_;
  options.engine = engine_; // Auto: answers never wait on LLVM for small data
  options.stop = std::move(stop);
  return options;
}

CompletionContext ReplSession::completionContext() const {
  CompletionContext context{program_ ? program_->schema() : data_.schema(), {}, replCommands()};
  if (program_)
    for (const Definition& d : program_->definitions())
      context.definitions.push_back(d.name);
  return context;
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

namespace {

// Passes everything to another stream's buffer and remembers that something was written:
// every error of an answer goes to `err`, so a script can be told that a line failed.
class NoticingBuffer : public std::streambuf {
public:
  explicit NoticingBuffer(std::streambuf* target) : target_(target) {}
  bool written() const { return written_; }

protected:
  int_type overflow(int_type c) override {
    written_ = true;
    return traits_type::eq_int_type(c, traits_type::eof()) ? traits_type::not_eof(c)
                                                           : target_->sputc(static_cast<char>(c));
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    written_ = written_ || n > 0;
    return target_->sputn(s, n);
  }
  int sync() override { return target_->pubsync(); }

private:
  std::streambuf* target_;
  bool written_ = false;
};

} // namespace

bool ReplSession::handle(const std::string& input, std::ostream& out, std::ostream& err,
                         std::stop_token stop) {
  NoticingBuffer noticing(err.rdbuf());
  std::ostream errors(&noticing);
  notes_ = &err;
  bool more = answer(input, out, errors, std::move(stop));
  errors.flush();
  hadErrors_ = hadErrors_ || noticing.written();
  return more;
}

std::ostream& ReplSession::status(std::ostream& out) const {
  return format_ == AnswerFormat::Table || notes_ == nullptr ? out : *notes_;
}

bool ReplSession::answer(const std::string& raw, std::ostream& out, std::ostream& err,
                         std::stop_token stop) {
  std::string input = trim(raw);
  if (input.empty() || input.starts_with("//")) return true;
  if (input.front() == ':') return command(input, out, err);
  if (auto definition = parseDefinition(input)) {
    define(*definition, out, err, std::move(stop));
    return true;
  }
  answerExpression(input, out, err, std::move(stop));
  return true;
}

SessionSource ReplSession::expressionSource(const std::string& expression) const {
  return sourceWith(definitions_,
                    SessionSource::Piece{"<input>", std::string(kExpressionPrefix) + expression, 0,
                                         static_cast<int>(kExpressionPrefix.size())});
}

void ReplSession::explain(const std::string& what, std::ostream& out, std::ostream& err) const {
  if (what.empty()) {
    out << program_->explain();
    return;
  }
  for (const Definition& d : program_->definitions())
    if (d.name == what) {
      out << program_->explain({what});
      return;
    }
  SessionSource source = expressionSource(what);
  Expected<Program> program = compile(source);
  if (!program) {
    printError(program.error(), source, err);
    return;
  }
  std::string plan = program->explain({"__repl_expr"});
  for (std::size_t at = plan.find("__repl_expr"); at != std::string::npos;
       at = plan.find("__repl_expr", at))
    plan.replace(at, std::string_view("__repl_expr").size(), "(input)");
  out << plan;
}

void ReplSession::answerExpression(const std::string& expression, std::ostream& out,
                                   std::ostream& err, std::stop_token stop) {
  auto start = Clock::now();
  SessionSource source = expressionSource(expression);
  Expected<Program> program = compile(source);
  if (!program) {
    const auto& diagnostics = program.error().diagnostics();
    const std::string_view notCondition = "segment '__repl_expr' must be a condition";
    if (diagnostics.size() == 1 && diagnostics[0].message.starts_with(notCondition)) {
      // Not a condition: a number is answered by its distribution.
      const std::string& m = diagnostics[0].message;
      if (m.ends_with("float") || m.ends_with("int") || m.ends_with("float?") ||
          m.ends_with("int?")) {
        answerNumber(expression, out, err, stop);
        return;
      }
      err << "an expression is answered when it is a condition or a number; this one is "
          << m.substr(m.rfind(' ') + 1) << "\n";
      return;
    }
    printError(program.error(), source, err);
    return;
  }
  RunOptions options = runOptions(std::move(stop));
  options.definitions = {"__repl_expr"};
  Expected<Result> result = program->run(data_, options);
  if (!result) {
    printRunError(result.error(), err);
    return;
  }
  Expected<Members> members = result->segment("__repl_expr");
  CountAnswer answer;
  answer.contacts = members->count();
  answer.percent = members->percent();
  if (timer_) {
    answer.milliseconds = millisecondsSince(start);
    answer.engine = result->engine();
  }
  answer.sample = membersTable(data_, *members, 5, pii_, false);
  printCount(answer, format_, out);
}

} // namespace seg::cli::repl
