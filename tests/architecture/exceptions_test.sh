#!/usr/bin/env bash
# The exceptions policy (docs/architecture.md): errors users can cause are values, so Seg's
# own code throws only std::logic_error (a broken internal invariant), std::bad_alloc (an
# allocator's contract) and the parser's escape from ANTLR's error listener. A new `throw`
# of anything else in the library or the command fails here.
# Usage: exceptions_test.sh SOURCE_DIR
set -uo pipefail
src="$1"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1

found="$(grep -rnE '\bthrow\b' base compiler runtime api cli include --include='*.cpp' --include='*.h' |
  grep -vE '^[^:]+:[0-9]+:\s*//' |
  grep -vE 'throw std::logic_error\(|throw std::bad_alloc\(\)|throw TooManySyntaxErrors\{\}')"
if [ -z "$found" ]; then pass; else fail "a throw outside the exceptions policy:"$'\n'"$found"; fi
finish exceptions
