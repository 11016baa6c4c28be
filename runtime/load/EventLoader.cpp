#include "EventLoader.h"

#include "ColumnMapping.h"
#include "EventOrder.h"
#include "RowSource.h"
#include "ValueConverter.h"
#include "base/Suggest.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <set>
#include <thread>

namespace seg::runtime {

// One chunk's events of one type, with chunk-local dictionaries.
struct EventAccumulator::Part {
  std::vector<std::uint32_t> contactRows;
  std::vector<ColumnBuilder> columns;
  std::vector<DictionaryBuilder> dictionaries;

  explicit Part(const EventSpec& spec) : dictionaries(spec.properties.size()) {
    for (const ColumnSpec& p : spec.properties)
      columns.emplace_back(p.kind, p.nullable);
  }
};

namespace {

// How the columns of one event file feed the event types.
struct EventLayout {
  int contactId = -1;
  int at = -1;
  int type = -1; // -1: every row is of `fixedType`
  int fixedType = -1;
  std::vector<std::vector<int>> sourceOf; // per event type, per property: source column
  std::vector<int> propertyColumns;       // source columns that hold some type's property
};

struct ChunkOutput {
  std::vector<std::unique_ptr<EventAccumulator::Part>> parts; // per event type (lazily made)
  std::vector<RejectedRow> rejects;
  std::uint64_t read = 0;
  std::uint64_t loaded = 0;
  std::set<std::string> unknownKeys;
};

std::string fileStem(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  return stem;
}

std::vector<std::string> eventNames(const StoreSchema& schema) {
  std::vector<std::string> names;
  for (const EventSpec& e : schema.events)
    names.push_back(e.name);
  return names;
}

} // namespace

EventAccumulator::EventAccumulator(const StoreSchema& schema)
    : schema_(schema), parts_(schema.events.size()) {}
EventAccumulator::~EventAccumulator() = default;

bool EventAccumulator::load(const EventInput& input, std::string_view file, const ContactKeys& keys,
                            const EventColumns& names, unsigned threads, LoadReport& report,
                            LoadProgress& progress) {
  const std::string& path = input.path;
  FileSummary& summary = report.file(path);
  const InputFormat format = formatOfPath(path);
  auto fatal = [&](std::string message) {
    report.fatal(fmt::format("{}: {}", path, message));
    return false;
  };

  // Columns every layout may use, so NDJSON knows which keys to extract.
  std::vector<std::string> wanted = {names.contactId, names.type, names.at};
  for (const EventSpec& e : schema_.events)
    for (std::size_t p = 1; p < e.properties.size(); ++p)
      if (std::find(wanted.begin(), wanted.end(), e.properties[p].name) == wanted.end())
        wanted.push_back(e.properties[p].name);

  const std::size_t parts = std::max<std::size_t>(1, threads) * 4;
  SplitInput split = splitInput(file, format, wanted, parts);
  if (!split.error.empty()) return fatal(split.error);

  EventLayout layout;
  layout.contactId = findColumn(split.columns, names.contactId);
  layout.at = findColumn(split.columns, names.at);
  layout.type = findColumn(split.columns, names.type);
  if (format == InputFormat::Ndjson && !input.type.empty()) layout.type = -1;
  if (!input.type.empty()) {
    layout.fixedType = schema_.eventIndex(input.type);
    if (layout.fixedType < 0) {
      std::string message = fmt::format("unknown event type '{}'", input.type);
      if (auto near = base::closestName(input.type, eventNames(schema_)))
        message += fmt::format(" (did you mean '{}'?)", *near);
      return fatal(message);
    }
    layout.type = -1;
  } else if (layout.type < 0) {
    layout.fixedType = schema_.eventIndex(fileStem(path));
    if (layout.fixedType < 0)
      return fatal(fmt::format("cannot tell which event type this file holds: add a '{}' column, "
                               "name the file after the type (e.g. purchase.csv), or pass "
                               "--events TYPE={}",
                               names.type, path));
  }
  if (layout.contactId < 0)
    return fatal(fmt::format("missing column '{}': each event names its contact by the "
                             "contact's key (use --contact-id-column for another name)",
                             names.contactId));
  if (layout.at < 0)
    return fatal(fmt::format("missing column '{}': the time of each event", names.at));

  std::set<int> propertySources;
  for (std::size_t t = 0; t < schema_.events.size(); ++t) {
    std::vector<int> sources;
    for (const ColumnSpec& p : schema_.events[t].properties) {
      int source = p.name == "at" ? layout.at : findColumn(split.columns, p.name);
      sources.push_back(source);
      if (p.name != "at" && source >= 0) propertySources.insert(source);
    }
    if (static_cast<int>(t) == layout.fixedType) {
      for (std::size_t p = 1; p < sources.size(); ++p) {
        const ColumnSpec& spec = schema_.events[t].properties[p];
        if (sources[p] >= 0) continue;
        if (!spec.nullable)
          return fatal(fmt::format("missing column '{}', which event '{}' requires", spec.name,
                                   schema_.events[t].name));
        summary.warnings.push_back(
            fmt::format("no column '{}': every event gets null for it", spec.name));
      }
    }
    layout.sourceOf.push_back(std::move(sources));
  }
  layout.propertyColumns.assign(propertySources.begin(), propertySources.end());
  if (format == InputFormat::Csv) {
    for (std::size_t c = 0; c < split.columns.size(); ++c) {
      auto ci = static_cast<int>(c);
      if (ci == layout.contactId || ci == layout.at || ci == layout.type ||
          propertySources.count(ci))
        continue;
      summary.warnings.push_back(fmt::format("unknown column '{}' is ignored", split.columns[c]));
    }
  }

  progress.start("loading " + path, file.size());
  std::vector<ChunkOutput> outputs(split.chunks.size());
  std::atomic<std::size_t> nextChunk{0};
  auto work = [&] {
    Row row;
    std::vector<StagedValue> staged;
    for (std::size_t c = nextChunk++; c < split.chunks.size(); c = nextChunk++) {
      ChunkOutput& out = outputs[c];
      out.parts.resize(schema_.events.size());
      std::unique_ptr<RowSource> source =
          openChunk(split.chunks[c], format, split.columns, &out.unknownKeys);
      while (source->next(row)) {
        progress.advance(row.raw.size() + 1);
        ++out.read;
        auto reject = [&](RejectKind kind, std::string message) {
          out.rejects.push_back({path, row.line, kind, std::move(message), std::string(row.raw)});
        };
        if (!row.malformed.empty()) {
          reject(RejectKind::Malformed, row.malformed);
          continue;
        }
        if (format == InputFormat::Csv && row.fieldCount != split.columns.size()) {
          reject(RejectKind::FieldCount,
                 fmt::format("expected {} fields (as in the header), found {}",
                             split.columns.size(), row.fieldCount));
          continue;
        }
        int type = layout.fixedType;
        if (layout.type >= 0) {
          const std::optional<std::string_view>& name = row.fields[layout.type];
          type = name ? schema_.eventIndex(*name) : -1;
          if (type < 0) {
            std::string shown = name ? quoteValue(*name) : "(empty)";
            std::string message =
                fmt::format("column '{}': unknown event type {}", names.type, shown);
            if (name)
              if (auto near = base::closestName(*name, eventNames(schema_)))
                message += fmt::format(" (did you mean '{}'?)", *near);
            reject(RejectKind::UnknownEventType, std::move(message));
            continue;
          }
        }
        const EventSpec& spec = schema_.events[type];
        const std::vector<int>& sources = layout.sourceOf[type];
        // A value in another type's property column would be silently dropped: reject it.
        std::optional<ConversionError> error;
        if (layout.type >= 0) {
          for (int column : layout.propertyColumns) {
            if (!row.fields[column]) continue;
            if (std::find(sources.begin() + 1, sources.end(), column) != sources.end()) continue;
            error = ConversionError{
                RejectKind::ForeignProperty,
                fmt::format("column '{}': value {} given for a '{}' event, which has no "
                            "property '{}'",
                            split.columns[column], quoteValue(*row.fields[column]), spec.name,
                            split.columns[column])};
            break;
          }
        }
        const std::optional<std::string_view>& contactText = row.fields[layout.contactId];
        std::optional<std::uint32_t> contact;
        if (!error) {
          contact = contactText ? keys.find(*contactText) : std::nullopt;
          if (!contact)
            error = ConversionError{
                RejectKind::UnknownContact,
                contactText ? fmt::format("column '{}': event for an unknown contact {}",
                                          names.contactId, quoteValue(*contactText))
                            : fmt::format("column '{}': no contact given", names.contactId)};
        }
        staged.resize(spec.properties.size());
        for (std::size_t p = 0; p < spec.properties.size() && !error; ++p) {
          int column = sources[p];
          if (column < 0 && !spec.properties[p].nullable && p > 0) {
            error = ConversionError{
                RejectKind::MissingValue,
                fmt::format("no column '{}' for a '{}' event", spec.properties[p].name, spec.name)};
            break;
          }
          std::optional<std::string_view> text =
              column >= 0 ? row.fields[column] : std::optional<std::string_view>{};
          error = convertField(spec.properties[p], text, column >= 0 && row.structured[column],
                               staged[p]);
        }
        if (error) {
          reject(error->kind, std::move(error->message));
          continue;
        }
        std::unique_ptr<Part>& part = out.parts[type];
        if (!part) part = std::make_unique<Part>(spec);
        part->contactRows.push_back(*contact);
        for (std::size_t p = 0; p < spec.properties.size(); ++p)
          appendStaged(spec.properties[p], staged[p], part->columns[p], &part->dictionaries[p]);
        ++out.loaded;
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < std::max(1u, threads); ++t)
      workers.emplace_back(work);
    work();
  }
  progress.clear();

  std::set<std::string> unknownKeys;
  for (ChunkOutput& out : outputs) {
    summary.read += out.read;
    summary.loaded += out.loaded;
    for (RejectedRow& r : out.rejects)
      report.reject(std::move(r));
    unknownKeys.insert(out.unknownKeys.begin(), out.unknownKeys.end());
    for (std::size_t t = 0; t < out.parts.size(); ++t)
      if (out.parts[t]) parts_[t].push_back(std::move(out.parts[t]));
  }
  for (const std::string& key : unknownKeys)
    summary.warnings.push_back(fmt::format("unknown key '{}' is ignored", key));
  return true;
}

std::vector<EventAccumulator::Arrivals> EventAccumulator::finishInArrivalOrder() {
  std::vector<Arrivals> out;
  for (std::size_t t = 0; t < schema_.events.size(); ++t) {
    const EventSpec& spec = schema_.events[t];
    std::vector<std::unique_ptr<Part>>& parts = parts_[t];
    std::size_t rows = 0;
    for (const auto& part : parts)
      rows += part->contactRows.size();

    // Concatenate the chunks, merging their dictionaries.
    Arrivals arrivals;
    arrivals.contactRows.reserve(rows);
    for (const auto& part : parts)
      arrivals.contactRows.insert(arrivals.contactRows.end(), part->contactRows.begin(),
                                  part->contactRows.end());
    arrivals.dictionaries.resize(spec.properties.size());
    for (std::size_t p = 0; p < spec.properties.size(); ++p) {
      const ColumnSpec& property = spec.properties[p];
      ColumnBuilder column(property.kind, property.nullable);
      column.reserve(rows);
      for (const auto& part : parts) {
        if (property.kind == ValueKind::String) {
          const DictionaryBuilder& local = part->dictionaries[p];
          std::vector<std::uint32_t> remap(local.size());
          for (std::uint32_t code = 0; code < local.size(); ++code)
            remap[code] = arrivals.dictionaries[p].intern(local.at(code));
          column.appendFrom(part->columns[p], remap);
        } else {
          column.appendFrom(part->columns[p]);
        }
      }
      arrivals.columns.push_back(std::move(column));
    }
    parts.clear();
    out.push_back(std::move(arrivals));
  }
  return out;
}

std::vector<EventTable> EventAccumulator::finish(std::size_t contacts) {
  std::vector<EventTable> tables;
  std::vector<Arrivals> arrivals = finishInArrivalOrder();
  for (std::size_t t = 0; t < schema_.events.size(); ++t) {
    const EventSpec& spec = schema_.events[t];
    Arrivals& events = arrivals[t];
    EventTable table;
    table.rows = events.contactRows.size();
    EventOrder order =
        orderEvents(events.contactRows, events.columns[0].view<std::int64_t>(), contacts);
    for (std::size_t p = 0; p < spec.properties.size(); ++p) {
      events.columns[p].permute(order.order);
      table.columns.push_back(events.columns[p].finish());
      table.dictionaries.push_back(spec.properties[p].kind == ValueKind::String
                                       ? events.dictionaries[p].finish()
                                       : Dictionary());
    }
    auto offsets = std::make_shared<std::vector<std::uint32_t>>(std::move(order.offsets));
    table.offsets = *offsets;
    table.offsetsOwner = offsets;
    tables.push_back(std::move(table));
  }
  return tables;
}

} // namespace seg::runtime
