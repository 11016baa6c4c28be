# Sourced by the `seg` end-to-end scripts (cli_test.sh, run_test.sh): a scratch folder
# `$work` removed on exit, pass/fail counting and the expect_* assertions.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
passes=0

fail() {
  echo "FAIL: $1"
  failures=$((failures + 1))
}
pass() { passes=$((passes + 1)); }

expect_status() { # expected-status description command...
  local expected="$1" what="$2"
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "$what: exit $status, expected $expected"
    sed 's/^/  | /' "$work/out" "$work/err" | head -20
  else
    pass
  fi
}

expect_contains() { # file text description
  if grep -qF -- "$2" "$1"; then pass; else
    fail "$3: '$2' not in output"
    sed 's/^/  | /' "$1" | head -20
  fi
}

expect_absent() { # file extended-regex description
  if grep -qE -- "$2" "$1"; then
    fail "$3: '$2' found"
    grep -E -- "$2" "$1" | head -5 | sed 's/^/  | /'
  else pass; fi
}

expect_empty() { # file description
  if [ -s "$1" ]; then
    fail "$2: not empty"
    head -5 "$1" | sed 's/^/  | /'
  else pass; fi
}

expect_same() { # file1 file2 description
  if cmp -s "$1" "$2"; then pass; else
    fail "$3"
    diff "$1" "$2" | head -20 | sed 's/^/  | /'
  fi
}

# The summary line; its status is the script's when called last.
finish() { # suite-name
  echo "$1: $passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
