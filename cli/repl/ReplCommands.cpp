// The `:` commands of `seg repl`.
#include "base/Suggest.h"
#include "repl/Answers.h"
#include "repl/ReplSession.h"

#include <algorithm>
#include <filesystem>
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
  :members NAME [N]     the first N members of a segment or branch (default 10)
  :export NAME FILE     all members to a CSV file (personal data masked unless :pii on)
  :save FILE            the session's definitions as a .seg file (seg check accepts it)
  :load FILE            a .seg file's definitions join the session
  :explain [EXPR|NAME]  the plan of an expression or a definition (none: the session's)
  :now TS               evaluate at TS (ISO-8601)
  :timer on|off         show how long answers take
  :format table|csv|json  how answers are printed
  :pii on|off           show personal data in clear
  :quit                 end the session (or Ctrl-D)
Tab completes keywords, functions, fields, events, event.property, enum values after ==,
and definitions.
)";

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

const std::vector<std::string>& replCommands() {
  static const std::vector<std::string> names{":help",   ":schema", ":list", ":show",    ":members",
                                              ":export", ":save",   ":load", ":explain", ":now",
                                              ":timer",  ":format", ":pii",  ":quit"};
  return names;
}

void ReplSession::list(std::ostream& out, std::ostream& err) {
  Expected<Result> result = program_->run(data_, runOptions({}));
  if (!result) {
    err << ":list: " << result.error().message() << "\n";
    return;
  }
  Table table{{"kind", "name", "size", "from"}, {false, false, false, false}, {}, {}};
  for (const Definition& d : program_->definitions()) {
    std::string size;
    if (Expected<Members> m = result->segment(d.name))
      size = fmt::format("{} ({} %)", withCommas(m->count()), percentText(m->percent()));
    else if (Expected<Partition> p = result->partition(d.name))
      size = fmt::format("{} branches", p->branches.size());
    else if (Expected<Score> sc = result->score(d.name))
      size = fmt::format("mean {:.4g}", sc->distribution().mean);
    else if (Expected<Metric> mt = result->metric(d.name))
      size = mt->rows.size() == 1 && mt->rows[0].value ? readableNumber(*mt->rows[0].value)
                                                       : fmt::format("{} groups", mt->rows.size());
    static const char* const kKinds[] = {"segment", "partition", "score", "metric"};
    bool typed = d.file == "<repl>";
    table.rows.push_back({kKinds[static_cast<int>(d.kind)], d.name, size,
                          typed ? "typed" : std::filesystem::path(d.file).filename().string()});
    table.nulls.emplace_back(4, false);
  }
  if (table.rows.empty()) out << "no definitions yet\n";
  writeTable(table, format_, out);
}

bool ReplSession::command(const std::string& input, std::ostream& out, std::ostream& err) {
  std::istringstream words(input);
  std::string name, argument, extra;
  words >> name >> argument >> extra;
  if (name == ":quit" || name == ":q" || name == ":exit") return false;
  if (!program_) return true;
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
    list(out, err);
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
    options.definitions = {argument.substr(0, argument.find('.'))};
    Expected<Result> result = program_->run(data_, options);
    Expected<Members> members =
        result ? result->segment(argument) : Expected<Members>(result.error());
    if (!members)
      err << ":members: " << members.error().message() << "\n";
    else
      writeTable(membersTable(data_, *members, limit, pii_, false), format_, out);
  } else if (name == ":export") {
    exportMembers(argument, extra, out, err);
  } else if (name == ":save") {
    save(argument, out, err);
  } else if (name == ":load") {
    load(argument, out, err);
  } else if (name == ":format") {
    if (argument == "table")
      format_ = AnswerFormat::Table;
    else if (argument == "csv")
      format_ = AnswerFormat::Csv;
    else if (argument == "json")
      format_ = AnswerFormat::Json;
    else
      err << ":format: say table, csv or json\n";
  } else if (name == ":explain") {
    // The rest of the line: an expression has spaces.
    std::size_t rest = input.find_first_not_of(" \t", name.size());
    explain(rest == std::string::npos ? "" : input.substr(rest), out, err);
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
        status(out) << "now is " << now_ << "\n";
      }
    }
  } else if (name == ":timer") {
    onOff(argument, timer_, ":timer", err);
  } else if (name == ":pii") {
    onOff(argument, pii_, ":pii", err);
  } else {
    err << "unknown command '" << name << "'";
    if (auto close = base::closestName(name, replCommands()))
      err << "; did you mean " << *close << "?";
    err << " (:help lists them)\n";
  }
  return true;
}

} // namespace seg::cli::repl
