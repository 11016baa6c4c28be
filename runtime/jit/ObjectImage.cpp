// The image is one mapping: executable sections first, then read-only, then writable ones,
// each group page-aligned so that it gets its own protection once relocated.
#include "ObjectImage.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <dlfcn.h>
#include <elf.h>
#include <fmt/format.h>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace seg::jit {
namespace {

// A view of the object's bytes that refuses every read outside them.
struct Bytes {
  std::string_view all;

  template <class T> bool read(std::uint64_t offset, T& out) const {
    if (offset > all.size() || all.size() - offset < sizeof(T)) return false;
    std::memcpy(&out, all.data() + offset, sizeof(T));
    return true;
  }
  bool contains(std::uint64_t offset, std::uint64_t size) const {
    return offset <= all.size() && all.size() - offset >= size;
  }
};

std::uint64_t alignUp(std::uint64_t v, std::uint64_t a) {
  return a <= 1 ? v : (v + a - 1) / a * a;
}

enum Group { kExec, kReadOnly, kWritable, kGroups };

Group groupOf(const Elf64_Shdr& s) {
  if ((s.sh_flags & SHF_EXECINSTR) != 0) return kExec;
  if ((s.sh_flags & SHF_WRITE) != 0) return kWritable;
  return kReadOnly;
}

} // namespace

ObjectImage::~ObjectImage() {
  if (base_ != nullptr) munmap(base_, size_);
}

void* ObjectImage::symbol(const std::string& name) const {
  auto it = symbols_.find(name);
  return it == symbols_.end() ? nullptr : it->second;
}

std::variant<std::shared_ptr<ObjectImage>, std::string>
linkObject(std::string_view object, std::span<const HelperSymbol> helpers) {
  const Bytes bytes{object};
  Elf64_Ehdr header{};
  if (!bytes.read(0, header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB ||
      header.e_type != ET_REL || header.e_machine != EM_X86_64 ||
      header.e_shentsize != sizeof(Elf64_Shdr))
    return std::string("not an x86-64 relocatable object");
  std::vector<Elf64_Shdr> sections(header.e_shnum);
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (!bytes.read(header.e_shoff + i * sizeof(Elf64_Shdr), sections[i]))
      return std::string("section headers past the end");

  // Where each allocated section goes.
  const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  std::vector<std::uint64_t> placeOf(sections.size(), std::numeric_limits<std::uint64_t>::max());
  std::uint64_t groupStart[kGroups + 1] = {};
  std::uint64_t size = 0;
  for (int g = 0; g < kGroups; ++g) {
    size = alignUp(size, page);
    groupStart[g] = size;
    for (std::size_t i = 0; i < sections.size(); ++i) {
      const Elf64_Shdr& s = sections[i];
      if ((s.sh_flags & SHF_ALLOC) == 0 || groupOf(s) != g) continue;
      if (s.sh_type != SHT_PROGBITS && s.sh_type != SHT_NOBITS)
        return fmt::format("allocated section of type {}", s.sh_type);
      if (s.sh_addralign > page) return std::string("a section aligned beyond a page");
      if (s.sh_type == SHT_PROGBITS && !bytes.contains(s.sh_offset, s.sh_size))
        return std::string("a section past the end");
      size = alignUp(size, s.sh_addralign);
      placeOf[i] = size;
      size += s.sh_size;
    }
  }
  size = alignUp(std::max<std::uint64_t>(size, 1), page);
  groupStart[kGroups] = size;
  void* mapped = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return std::string("no memory for the code");
  auto image = std::make_shared<ObjectImage>(mapped, size);
  auto* base = static_cast<std::uint8_t*>(mapped);
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (placeOf[i] != std::numeric_limits<std::uint64_t>::max() &&
        sections[i].sh_type == SHT_PROGBITS)
      std::memcpy(base + placeOf[i], object.data() + sections[i].sh_offset, sections[i].sh_size);

  // Symbols: the one symbol table, its names, every symbol's address.
  const auto symtab = std::find_if(sections.begin(), sections.end(),
                                   [](const Elf64_Shdr& s) { return s.sh_type == SHT_SYMTAB; });
  if (symtab == sections.end() || symtab->sh_entsize != sizeof(Elf64_Sym) ||
      symtab->sh_link >= sections.size())
    return std::string("no symbol table");
  const Elf64_Shdr& names = sections[symtab->sh_link];
  if (!bytes.contains(names.sh_offset, names.sh_size) ||
      !bytes.contains(symtab->sh_offset, symtab->sh_size))
    return std::string("a symbol table past the end");
  const std::string_view nameBytes = object.substr(names.sh_offset, names.sh_size);
  auto nameAt = [&](std::uint32_t at) -> std::string_view {
    if (at >= nameBytes.size()) return {};
    const std::size_t end = nameBytes.find('\0', at);
    return end == std::string_view::npos ? std::string_view{} : nameBytes.substr(at, end - at);
  };
  const std::size_t symbolCount = symtab->sh_size / sizeof(Elf64_Sym);
  std::vector<std::uint64_t> addressOf(symbolCount, 0);
  for (std::size_t k = 1; k < symbolCount; ++k) {
    Elf64_Sym sym{};
    bytes.read(symtab->sh_offset + k * sizeof(Elf64_Sym), sym);
    const std::string_view name = nameAt(sym.st_name);
    if (sym.st_shndx == SHN_UNDEF) {
      if (name.empty()) continue;
      void* address = nullptr;
      for (const HelperSymbol& h : helpers)
        if (name == h.name) address = h.address;
      if (address == nullptr) address = dlsym(RTLD_DEFAULT, std::string(name).c_str());
      if (address == nullptr) return fmt::format("undefined symbol {}", name);
      addressOf[k] = reinterpret_cast<std::uint64_t>(address);
    } else if (sym.st_shndx == SHN_ABS) {
      addressOf[k] = sym.st_value;
    } else if (sym.st_shndx < sections.size() &&
               placeOf[sym.st_shndx] != std::numeric_limits<std::uint64_t>::max()) {
      addressOf[k] = reinterpret_cast<std::uint64_t>(base + placeOf[sym.st_shndx]) + sym.st_value;
      const unsigned bind = ELF64_ST_BIND(sym.st_info);
      if ((bind == STB_GLOBAL || bind == STB_WEAK) && !name.empty())
        image->symbols_.emplace(std::string(name), reinterpret_cast<void*>(addressOf[k]));
    } else if (sym.st_shndx >= SHN_LORESERVE) {
      return fmt::format("symbol {} in a special section", name);
    } // else: in a section not loaded (notes); nothing refers to it in code
  }

  // Relocations of the loaded sections.
  for (const Elf64_Shdr& rel : sections) {
    if (rel.sh_type == SHT_REL) return std::string("REL relocations");
    if (rel.sh_type != SHT_RELA) continue;
    if (rel.sh_info >= sections.size() ||
        placeOf[rel.sh_info] == std::numeric_limits<std::uint64_t>::max())
      continue; // relocates a section that is not loaded
    if (rel.sh_entsize != sizeof(Elf64_Rela) || !bytes.contains(rel.sh_offset, rel.sh_size))
      return std::string("a relocation table past the end");
    const Elf64_Shdr& target = sections[rel.sh_info];
    for (std::uint64_t at = 0; at + sizeof(Elf64_Rela) <= rel.sh_size; at += sizeof(Elf64_Rela)) {
      Elf64_Rela r{};
      bytes.read(rel.sh_offset + at, r);
      const std::uint64_t symbol = ELF64_R_SYM(r.r_info);
      const unsigned type = ELF64_R_TYPE(r.r_info);
      if (symbol >= symbolCount) return std::string("a relocation of no symbol");
      const std::uint64_t width = type == R_X86_64_64 || type == R_X86_64_PC64 ? 8 : 4;
      if (r.r_offset > target.sh_size || target.sh_size - r.r_offset < width)
        return std::string("a relocation outside its section");
      std::uint8_t* place = base + placeOf[rel.sh_info] + r.r_offset;
      const std::uint64_t value = addressOf[symbol] + static_cast<std::uint64_t>(r.r_addend);
      const auto relative =
          static_cast<std::int64_t>(value - reinterpret_cast<std::uint64_t>(place));
      switch (type) {
      case R_X86_64_NONE:
        break;
      case R_X86_64_64:
        std::memcpy(place, &value, 8);
        break;
      case R_X86_64_PC64:
        std::memcpy(place, &relative, 8);
        break;
      case R_X86_64_PC32:
      case R_X86_64_PLT32: {
        if (relative != static_cast<std::int32_t>(relative))
          return std::string("a 32-bit relative reference out of range");
        const auto narrow = static_cast<std::int32_t>(relative);
        std::memcpy(place, &narrow, 4);
        break;
      }
      default:
        return fmt::format("relocation type {}", type);
      }
    }
  }
  if (mprotect(base + groupStart[kExec], groupStart[kReadOnly] - groupStart[kExec],
               PROT_READ | PROT_EXEC) != 0 ||
      mprotect(base + groupStart[kReadOnly], groupStart[kWritable] - groupStart[kReadOnly],
               PROT_READ) != 0)
    return std::string("cannot make the code executable");
  return image;
}

} // namespace seg::jit
