// The legacy pass manager is still how LLVM 19 runs code generation.
#include "codegen/MachineCode.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/MC/MCContext.h>
#include <llvm/Support/SmallVectorMemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

namespace seg::jit {

std::variant<std::unique_ptr<llvm::MemoryBuffer>, std::string>
emitObject(llvm::Module& module, llvm::TargetMachine& machine) {
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream stream(object);
  llvm::legacy::PassManager passes;
  llvm::MCContext* context = nullptr;
  if (machine.addPassesToEmitMC(passes, context, stream))
    return std::string("the target cannot emit machine code in memory");
  passes.run(module);
  return std::make_unique<llvm::SmallVectorMemoryBuffer>(std::move(object),
                                                         module.getModuleIdentifier(), false);
}

} // namespace seg::jit
