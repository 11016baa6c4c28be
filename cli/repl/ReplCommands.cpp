// The `:` commands of `seg repl`.
#include "base/Suggest.h"
#include "repl/Answers.h"
#include "repl/ReplSession.h"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>
#include <sstream>

namespace seg::cli::repl {
namespace {

constexpr const char* kHelp =
    R"(Type a condition (age < 30 and city == "Paris") to count its contacts, a number
(sum(purchase.amount within 365d)) to see its distribution, or a definition (segment,
partition, score, metric) to add it to the session. Commands:
  :help                 this text
  :schema               contact fields and event types
  :list                 the session's definitions
  :show NAME            a definition's source
  :members NAME [N]     the first N members of a segment (default 10)
  :explain              the session's plan
  :now TS               evaluate at TS (ISO-8601)
  :timer on|off         show how long answers take
  :pii on|off           show personal data in clear
  :quit                 end the session (or Ctrl-D)
)";

const std::vector<std::string>& commandNames() {
  static const std::vector<std::string> names{":help",    ":schema", ":list",  ":show", ":members",
                                              ":explain", ":now",    ":timer", ":pii",  ":quit"};
  return names;
}

std::string typeText(const Field& f) {
  std::string type(fieldTypeName(f.type));
  if (f.type == FieldType::Enum) {
    type += " {";
    for (std::size_t i = 0; i < f.enumValues.size(); ++i)
      type += (i ? ", " : " ") + f.enumValues[i];
    type += " }";
  }
  return type + (f.nullable ? "?" : "") + (f.key ? " key" : "") + (f.pii ? " pii" : "");
}

bool onOff(const std::string& word, bool& flag, const std::string& name, std::ostream& err) {
  if (word == "on" || word == "off") {
    flag = word == "on";
    return true;
  }
  err << name << ": say on or off\n";
  return false;
}

} // namespace

bool ReplSession::command(const std::string& input, std::ostream& out, std::ostream& err) {
  std::istringstream words(input);
  std::string name, argument, extra;
  words >> name >> argument >> extra;
  if (name == ":quit" || name == ":q" || name == ":exit") return false;
  if (name == ":help") {
    out << kHelp;
  } else if (name == ":schema") {
    out << "contact\n";
    for (const Field& f : data_.schema().fields())
      out << fmt::format("  {}: {}\n", f.name, typeText(f));
    for (const EventType& e : data_.schema().events()) {
      out << "event " << e.name << " (at: timestamp";
      for (const Field& p : e.properties)
        out << ", " << p.name << ": " << typeText(p);
      out << ")\n";
    }
  } else if (name == ":list") {
    if (definitions_.empty()) out << "no definitions typed yet\n";
    for (const TypedDefinition& d : definitions_)
      out << d.kind << " " << d.name << "\n";
  } else if (name == ":show") {
    auto it = std::find_if(definitions_.begin(), definitions_.end(),
                           [&](const TypedDefinition& d) { return d.name == argument; });
    if (it == definitions_.end())
      err << ":show: no definition typed as '" << argument << "' in this session\n";
    else
      out << it->text << "\n";
  } else if (name == ":members") {
    std::size_t limit = 10;
    if (!extra.empty()) limit = static_cast<std::size_t>(std::max(0, std::atoi(extra.c_str())));
    RunOptions options = runOptions({});
    Expected<Result> result = program_->run(data_, options);
    Expected<Members> members =
        result ? result->segment(argument) : Expected<Members>(result.error());
    if (!members)
      err << ":members: " << members.error().message() << "\n";
    else
      printSample(data_, *members, limit, pii_, out);
  } else if (name == ":explain") {
    out << program_->explain();
  } else if (name == ":now") {
    if (argument.empty()) {
      err << ":now: give a time, e.g. :now 2026-11-01T00:00:00Z\n";
    } else {
      std::string previous = now_;
      now_ = argument;
      // Checked by running nothing costly: a bad time is refused before any evaluation.
      RunOptions check = runOptions({});
      check.definitions = {"__repl_none"};
      Expected<Result> tried = program_->run(data_, check);
      if (!tried && tried.error().code() == ErrorCode::InvalidArgument) {
        err << ":" << tried.error().message() << "\n";
        now_ = previous;
      } else {
        out << "now is " << now_ << "\n";
      }
    }
  } else if (name == ":timer") {
    onOff(argument, timer_, ":timer", err);
  } else if (name == ":pii") {
    onOff(argument, pii_, ":pii", err);
  } else {
    err << "unknown command '" << name << "'";
    if (auto close = base::closestName(name, commandNames()))
      err << "; did you mean " << *close << "?";
    err << " (:help lists them)\n";
  }
  return true;
}

} // namespace seg::cli::repl
