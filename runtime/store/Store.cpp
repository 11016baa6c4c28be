#include "Store.h"

namespace seg::runtime {

std::size_t Store::eventCount() const {
  std::size_t n = 0;
  for (const EventTable& e : events)
    n += e.rows;
  return n;
}

std::size_t Store::contactBytes() const {
  std::size_t bytes = 0;
  for (const Column& c : contacts.columns)
    bytes += c.byteSize();
  for (const Dictionary& d : contacts.dictionaries)
    bytes += d.byteSize();
  // The CSR offsets are per contact.
  for (const EventTable& e : events)
    bytes += e.offsets.size() * sizeof(std::uint32_t);
  return bytes;
}

std::size_t Store::eventBytes() const {
  std::size_t bytes = 0;
  for (const EventTable& e : events) {
    for (const Column& c : e.columns)
      bytes += c.byteSize();
    for (const Dictionary& d : e.dictionaries)
      bytes += d.byteSize();
  }
  return bytes;
}

} // namespace seg::runtime
