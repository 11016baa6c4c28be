// Debian's libpq5 installs the library under its soname; a missing library or function is
// an error of the connection, not of the process.
#include "warehouse/LibPq.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <optional>

namespace seg::warehouse {
namespace {

struct Loaded {
  std::optional<LibPq> functions;
  std::string error;
};

const Loaded& loaded() {
  static const Loaded once = [] {
    Loaded out;
    void* handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      out.error = fmt::format("cannot load libpq (the PostgreSQL client library): {}", dlerror());
      return out;
    }
    LibPq f{};
    bool complete = true;
    auto find = [&](auto& slot, const char* name) {
      slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(dlsym(handle, name));
      if (slot == nullptr && complete) {
        complete = false;
        out.error = fmt::format("libpq has no function {}", name);
      }
    };
#define SEG_PQ(name) find(f.name, #name)
    SEG_PQ(PQconnectdbParams);
    SEG_PQ(PQstatus);
    SEG_PQ(PQerrorMessage);
    SEG_PQ(PQsetNoticeProcessor);
    SEG_PQ(PQfinish);
    SEG_PQ(PQexec);
    SEG_PQ(PQresultStatus);
    SEG_PQ(PQresultErrorMessage);
    SEG_PQ(PQclear);
    SEG_PQ(PQntuples);
    SEG_PQ(PQnfields);
    SEG_PQ(PQgetisnull);
    SEG_PQ(PQgetvalue);
    SEG_PQ(PQgetlength);
    SEG_PQ(PQputCopyData);
    SEG_PQ(PQputCopyEnd);
    SEG_PQ(PQgetResult);
    SEG_PQ(PQgetCopyData);
    SEG_PQ(PQfreemem);
#undef SEG_PQ
    if (complete) out.functions = f;
    return out;
  }();
  return once;
}

} // namespace

const LibPq* loadLibPq(std::string& error) {
  const Loaded& l = loaded();
  if (!l.functions) {
    error = l.error;
    return nullptr;
  }
  return &*l.functions;
}

const LibPq& pq() {
  return *loaded().functions;
}

} // namespace seg::warehouse
