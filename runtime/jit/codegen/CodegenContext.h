// State shared while generating one program's module: LLVM types, the argument-block
// layout (entries are registered as code asks for them), helper declarations, and per
// function the entry block where argument words and scratch allocas live.
// Internal to runtime/jit: includes LLVM.
#pragma once

#include "KernelAbi.h"
#include "plan/Plan.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <map>
#include <memory>
#include <string>

namespace seg::jit {

// C++ helpers the generated code calls (registered with the JIT as absolute symbols).
enum class Helper : std::uint8_t {
  Year,        // void(const int64* ts, int64* out, uint64 n)
  Month,       // void(const int64* ts, int64* out, uint64 n)
  RoundToInt,  // void(const double* x, int64* out, uint8* valid, uint64 n)
  RoundDigits, // void(const double* x, double* out, uint64 n, int64 digits)
  DecayWeight, // double(int64 now, int64 at, int64 halfLife)
  Reserve,     // ptr(ptr scratch, uint64 words): room for that many words in the call scratch
  Distinct,    // int64(uint64* values, uint64 n, int64 isFloat): distinct values (as the
               // interpreter counts them; floats given as their bits)
};

class ModuleContext {
public:
  // Contacts per vector chunk: a power of two from 8 to 64 (validity bits are read and
  // written as one integer of this many bits at a byte offset of the bitmap).
  // 8 rows compile fastest (the budget is ~100 ms for a whole program) and run as fast as
  // wider chunks on AVX2 and AVX-512 (measured on the CRM example).
  unsigned lanes = 8;

  ModuleContext(llvm::LLVMContext& context, const plan::Plan& plan, std::string name);

  llvm::LLVMContext& context;
  const plan::Plan& plan;
  std::unique_ptr<llvm::Module> module;

  llvm::IntegerType* i1;
  llvm::IntegerType* i8;
  llvm::IntegerType* i32;
  llvm::IntegerType* i64;
  llvm::Type* f64;
  llvm::PointerType* ptr;

  // Memory representation of one value: Bool i8, Enum/String i32, Float double, else i64.
  llvm::Type* storageType(plan::ValueType type) const;
  // Word `index` of the argument block for `entry`, registering it on first use.
  std::uint32_t argIndex(const ArgEntry& entry);
  const ArgLayout& layout() const { return layout_; }
  llvm::FunctionCallee helper(Helper which);

private:
  ArgLayout layout_;
  std::map<std::tuple<ArgKind, std::int32_t, std::int32_t, std::string>, std::uint32_t> index_;
};

// One generated function: its entry block collects argument-word loads and allocas so
// that they are emitted once and dominate everything.
class FunctionContext {
public:
  FunctionContext(ModuleContext& module, llvm::Function* function, llvm::Value* args,
                  llvm::Value* scratch);

  ModuleContext& m;
  llvm::Function* function;

  // The argument word as int64 / as a pointer, loaded once in the entry block.
  llvm::Value* argWord(const ArgEntry& entry);
  llvm::Value* argPointer(const ArgEntry& entry);
  llvm::Value* now() { return argWord({ArgKind::Now}); }
  llvm::Value* scratch() const { return scratch_; }
  // A stack buffer of `count` elements of `type`, allocated once in the entry block.
  llvm::AllocaInst* stackBuffer(llvm::Type* type, std::uint64_t count,
                                const llvm::Twine& name = "");
  // Where the body of the function starts; the entry block branches to it.
  llvm::BasicBlock* bodyBlock() const { return body_; }
  llvm::BasicBlock* newBlock(const llvm::Twine& name);

private:
  llvm::Value* argsPointer_;
  llvm::Value* scratch_;
  llvm::IRBuilder<> entry_;
  llvm::BasicBlock* body_;
  std::map<std::uint32_t, llvm::Value*> words_;
  std::map<std::uint32_t, llvm::Value*> pointers_;
};

} // namespace seg::jit
