// Sequences (`E1 then E2 within D`): one merge-walk over a contact's events of the two
// types, or one walk over a single type, that stops at the first match.
#include "codegen/AggregateCodegen.h"
#include "codegen/LoopBuilder.h"

namespace seg::jit {

// Some matching e1 and a different matching e2 with e1.at ≤ e2.at ≤ e1.at + gap. For each
// e2 the best e1 is the latest one not after it, so one merge-walk decides.
void AggregateCodegen::emitSequence(std::int32_t index, llvm::Value* row, llvm::Value* lane) {
  const plan::Aggregate& a = f_.m.plan.aggregates[index];
  auto flag = [&](const char* name) {
    llvm::AllocaInst* slot = f_.stackBuffer(f_.m.i1, 1, name);
    b_.CreateStore(b_.getFalse(), slot);
    return slot;
  };
  auto word = [&](const char* name, llvm::Value* init) {
    llvm::AllocaInst* slot = f_.stackBuffer(f_.m.i64, 1, name);
    b_.CreateStore(init, slot);
    return slot;
  };
  auto load = [&](llvm::AllocaInst* slot) { return b_.CreateLoad(slot->getAllocatedType(), slot); };
  // e2.at ≤ e1.at + gap (saturating), or true without a gap.
  auto withinGap = [&](llvm::Value* firstAt, llvm::Value* thenAt) -> llvm::Value* {
    if (!a.gapMicros) return b_.getTrue();
    return b_.CreateICmpSLE(thenAt, saturatingAdd(firstAt, *a.gapMicros));
  };

  llvm::AllocaInst* found = flag("seq.found");
  // The walk stops at the first match.
  auto notFound = [&] { return b_.CreateNot(load(found)); };
  if (a.eventType != a.thenEventType) {
    Range firsts = eventsOf(a.eventType, row);
    Range thens = eventsOf(a.thenEventType, row);
    llvm::AllocaInst* p = word("seq.p", firsts.begin);
    llvm::AllocaInst* have = flag("seq.have");
    llvm::AllocaInst* lastAt = word("seq.last", b_.getInt64(0));

    CountedLoop walk(f_, b_, {"seq", "seq.body", "seq.exit", "then"});
    // The advance over first-type events, inside the body.
    llvm::BasicBlock* check = f_.newBlock("seq.first");
    llvm::BasicBlock* peek = f_.newBlock("seq.peek");
    llvm::BasicBlock* take = f_.newBlock("seq.take");
    llvm::BasicBlock* decide = f_.newBlock("seq.decide");
    llvm::Value* j = walk.open(thens.begin, thens.end, 1, notFound);
    llvm::Value* thenAt = loadAt(a.thenEventType, j);
    b_.CreateBr(check);
    // Advance over every first-type event not after this one, remembering the latest match.
    b_.SetInsertPoint(check);
    llvm::Value* pv = load(p);
    b_.CreateCondBr(b_.CreateICmpULT(pv, firsts.end), peek, decide);
    b_.SetInsertPoint(peek);
    llvm::Value* firstAt = loadAt(a.eventType, pv);
    b_.CreateCondBr(b_.CreateICmpSLE(firstAt, thenAt), take, decide);
    b_.SetInsertPoint(take);
    llvm::Value* m1 = filterHolds(a.filter, a.eventType, pv);
    b_.CreateStore(b_.CreateSelect(m1, firstAt, load(lastAt)), lastAt);
    b_.CreateStore(b_.CreateOr(load(have), m1), have);
    b_.CreateStore(b_.CreateAdd(pv, b_.getInt64(1)), p);
    b_.CreateBr(check);

    b_.SetInsertPoint(decide);
    llvm::Value* m2 = filterHolds(a.thenFilter, a.thenEventType, j);
    llvm::Value* ok = b_.CreateAnd(b_.CreateAnd(m2, load(have)), withinGap(load(lastAt), thenAt));
    b_.CreateStore(ok, found);
    walk.close();
  } else {
    Range events = eventsOf(a.eventType, row);
    llvm::AllocaInst* haveFirst = flag("seq.have1");
    llvm::AllocaInst* haveThen = flag("seq.have2");
    llvm::AllocaInst* lastFirst = word("seq.last1", b_.getInt64(0));
    llvm::AllocaInst* lastThen = word("seq.last2", b_.getInt64(0));

    CountedLoop walk(f_, b_, {"seq", "seq.body", "seq.exit", "event"});
    llvm::Value* i = walk.open(events.begin, events.end, 1, notFound);
    llvm::Value* t = loadAt(a.eventType, i);
    llvm::Value* m1 = filterHolds(a.filter, a.eventType, i);
    llvm::Value* m2 = filterHolds(a.thenFilter, a.eventType, i);
    // This event as e2, after an earlier e1; or as e1, with an earlier e2 at the same time.
    llvm::Value* asThen =
        b_.CreateAnd(b_.CreateAnd(m2, load(haveFirst)), withinGap(load(lastFirst), t));
    llvm::Value* sameTime = b_.CreateICmpEQ(load(lastThen), t);
    llvm::Value* asFirst =
        b_.CreateAnd(b_.CreateAnd(b_.CreateAnd(m1, load(haveThen)), sameTime), withinGap(t, t));
    b_.CreateStore(b_.CreateOr(asThen, asFirst), found);
    b_.CreateStore(b_.CreateSelect(m1, t, load(lastFirst)), lastFirst);
    b_.CreateStore(b_.CreateOr(load(haveFirst), m1), haveFirst);
    b_.CreateStore(b_.CreateSelect(m2, t, load(lastThen)), lastThen);
    b_.CreateStore(b_.CreateOr(load(haveThen), m2), haveThen);
    walk.close();
  }
  store(index, lane, load(found), nullptr);
}

} // namespace seg::jit
