// One `seg repl` session: the files it loaded and the definitions typed since, compiled
// together through the public API; each input answered as an expression, a definition or
// a command.
#pragma once

#include "repl/Completion.h"
#include "repl/Tables.h"

#include <chrono>
#include <iosfwd>
#include <map>
#include <optional>
#include <seg/seg.hpp>
#include <stop_token>
#include <string>
#include <vector>

namespace seg::cli::repl {

struct TypedDefinition {
  std::string name;
  std::string kind; // "segment", "partition", "score", "metric", "cluster"
  std::string text; // as typed
};

// The source a session compiles, and which typed text each of its lines came from, so a
// diagnostic is shown against what was typed.
struct SessionSource {
  struct Piece {
    std::string label; // "<input>", or the earlier definition's "<name>"
    std::string text;
    int firstLine = 0;
    int shift = 0; // columns of hidden prefix on the first line
  };
  std::string text;
  std::vector<Piece> pieces;
};

class ReplSession {
public:
  ReplSession(Dataset data, std::vector<std::string> files, std::string now, bool timer,
              Engine engine = Engine::Auto);

  // Compiles the files; false (with the diagnostics on `err`) when they have errors.
  bool start(std::ostream& err);
  // Answers one complete input. False: the session ends (`:quit`).
  bool handle(const std::string& input, std::ostream& out, std::ostream& err,
              std::stop_token stop = {});
  // Whether any answer so far was an error (a script's exit status).
  bool hadErrors() const { return hadErrors_; }
  // What tab completion offers now: the schema, every definition, the commands.
  CompletionContext completionContext() const;

private:
  bool answer(const std::string& raw, std::ostream& out, std::ostream& err, std::stop_token stop);
  // Where a confirmation ("saved …") goes: with the answers in table format; beside them
  // (standard error, not counted as an error) in csv and json, so the answers stay data.
  std::ostream& status(std::ostream& out) const;
  SessionSource sourceWith(const std::vector<TypedDefinition>& definitions,
                           const std::optional<SessionSource::Piece>& extra) const;
  // The session with `expression` as the segment `__repl_expr`, shown as "<input>".
  SessionSource expressionSource(const std::string& expression) const;
  Expected<Program> compile(const SessionSource& source) const;
  Expected<Program> compileWith(const std::vector<TypedDefinition>& definitions,
                                const std::string& extra) const;
  RunOptions runOptions(std::stop_token stop) const;
  void printError(const Error& error, const SessionSource& source, std::ostream& err) const;
  void answerExpression(const std::string& expression, std::ostream& out, std::ostream& err,
                        std::stop_token stop);
  void answerNumber(const std::string& expression, std::ostream& out, std::ostream& err,
                    const std::stop_token& stop);
  void define(const TypedDefinition& definition, std::ostream& out, std::ostream& err,
              std::stop_token stop);
  bool command(const std::string& input, std::ostream& out, std::ostream& err);
  void explain(const std::string& what, std::ostream& out, std::ostream& err) const;
  void list(std::ostream& out, std::ostream& err);
  void report(const Program& program, const std::string& name, std::ostream& out, std::ostream& err,
              std::stop_token stop, std::chrono::steady_clock::time_point started);
  // After a definition: the other segments whose size it changed, and findings about it.
  void noteChanges(const Result& result, const std::string& name, std::ostream& out);
  void exportMembers(const std::string& name, const std::string& path, std::ostream& out,
                     std::ostream& err);
  void save(const std::string& path, std::ostream& out, std::ostream& err) const;
  void load(const std::string& path, std::ostream& out, std::ostream& err);

  Dataset data_;
  std::vector<std::string> files_;
  std::string now_;
  bool timer_;
  Engine engine_;
  bool pii_ = false;
  bool hadErrors_ = false;
  std::ostream* notes_ = nullptr; // the error stream of the input being answered
  AnswerFormat format_ = AnswerFormat::Table;
  bool useDatasetSchema_ = false;
  std::vector<TypedDefinition> definitions_;
  std::optional<Program> program_;
  std::map<std::string, std::uint64_t> segmentSizes_; // as of the last full run
};

// "segment vip = …" → its kind and name; nullopt for anything else.
std::optional<TypedDefinition> parseDefinition(const std::string& input);

// The `:` commands, for completion and "did you mean".
const std::vector<std::string>& replCommands();

} // namespace seg::cli::repl
