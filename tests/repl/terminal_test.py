#!/usr/bin/python3
"""`seg repl` through a real pseudo-terminal (pexpect): completion, multi-line input,
history across two sessions, Ctrl-C during a slow evaluation, redefinition, an error and
recovery, and `:save` round-tripping through `seg check`.

Usage: terminal_test.py SEG SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pexpect

SEG, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SCHEMA = os.path.join(SRC, "examples/crm/crm.schema.seg")
NOW = "2026-11-01T00:00:00Z"
PROMPT = "seg> "
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def snapshot(work, contacts, seed):
    data = os.path.join(work, f"data{contacts}")
    out = os.path.join(work, f"crm{contacts}.segdb")
    subprocess.run([SEG, "gen", "--contacts", str(contacts), "--seed", str(seed), "--out", data],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([SEG, "import", "--schema", SCHEMA, "--data", data, "-o", out], check=True,
                   stdout=subprocess.DEVNULL)
    return out


def start(env, data, *args):
    child = pexpect.spawn(SEG, ["repl", "--data", data, "--now", NOW, SCHEMA, *args], env=env,
                          encoding="utf-8", timeout=20, dimensions=(40, 200))
    child.expect(r"seg repl: [\d,]+ contacts")
    child.expect_exact(PROMPT)
    return child


def answer(child, line):
    """Sends a line; returns what it printed up to the next prompt."""
    child.sendline(line)
    child.expect_exact(PROMPT)
    return child.before


def count_in(text):
    m = re.search(r"([\d,]+) contacts \(", text)
    return m.group(1) if m else None


def main():
    try:
        pexpect.spawn("/bin/true").close()
    except (OSError, pexpect.ExceptionPexpect) as error:
        print(f"SKIP: no pseudo-terminal can be opened here ({error}); the terminal test needs one")
        return 77
    work = tempfile.mkdtemp(prefix="seg-repl-tty-")
    try:
        env = dict(os.environ, TERM="xterm", HOME=work, XDG_STATE_HOME=os.path.join(work, "state"),
                   SEG_CODE_CACHE="off")
        small = snapshot(work, 2000, 11)
        child = start(env, small)

        # Completion: a field, an event's property, an enum's value, a command.
        out = answer(child, "ag\t < 30")
        check(count_in(out) is not None, f"'ag<TAB> < 30' answers a count: {out!r}")
        young = count_in(out)
        child.send("sum(purchase.am\t")
        child.expect_exact("ount")  # the line editor redraws only what completion added
        out = answer(child, " within 365d)")
        check("median" in out and "values" in out, f"the completed sum answers a distribution: {out!r}")
        out = answer(child, "plan == fr\t")
        check(count_in(out) is not None and "error" not in out,
              f"'plan == fr<TAB>' completes to free and answers: {out!r}")
        out = answer(child, ":sch\t")
        check("purchase" in out and "amount" in out, f"':sch<TAB>' runs :schema: {out!r}")

        # Multi-line input: a trailing `and` continues the line with the `...>` prompt.
        child.sendline("segment young = age < 30 and")
        child.expect_exact("...> ")
        out = answer(child, '  country != ""')
        check("defined segment young" in out and count_in(out) == young,
              f"a definition over two lines: {out!r}")

        # A dependent, then a redefinition that changes it.
        out = answer(child, "segment young_pro = young and plan == pro")
        check("defined segment young_pro" in out, f"the dependent is defined: {out!r}")
        out = answer(child, "segment young = age < 22")
        check("redefined segment young" in out and "young_pro changed:" in out,
              f"redefining reports the dependent's change: {out!r}")

        # An error with its caret, then the session goes on.
        out = answer(child, "agee < 30")
        check("<input>:1:1: error: unknown name 'agee'" in out and "^~~~" in out
              and "did you mean 'age'" in out, f"the error is a caret diagnostic: {out!r}")
        out = answer(child, "age > 0")
        check(count_in(out) is not None, f"the session answers after an error: {out!r}")

        # Ctrl-C at the prompt drops the line typed; the session goes on.
        child.send("age <")
        time.sleep(0.2)
        child.sendintr()
        child.expect_exact(PROMPT)
        out = answer(child, "age >= 0")
        check(count_in(out) is not None, f"the session answers after Ctrl-C at the prompt: {out!r}")

        # :save (file name completed from a folder), then `seg check` accepts the file.
        os.mkdir(os.path.join(work, "saved"))
        out = answer(child, f":save {work}/sav\tsession.seg")
        saved = os.path.join(work, "saved", "session.seg")
        check("saved 2 definitions" in out and os.path.exists(saved), f":save writes the file: {out!r}")
        checked = subprocess.run([SEG, "check", saved], capture_output=True, text=True)
        check(checked.returncode == 0, f"seg check accepts the saved file: {checked.stdout}{checked.stderr}")
        out = answer(child, 'country == "DE"')
        germans = count_in(out)
        check(germans is not None, f"the last line of the first session answers: {out!r}")
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        check(child.exitstatus == 0, f"Ctrl-D ends the session with 0, not {child.exitstatus}")
        history = os.path.join(work, "state", "seg", "history")
        check(os.path.exists(history), "the history is written to $XDG_STATE_HOME/seg/history")

        # History across sessions: the up arrow brings back the last line of the first one.
        child = start(env, small)
        out = answer(child, "\x1b[A")
        check(count_in(out) == germans, f"the up arrow recalls 'country == \"DE\"': {out!r}")
        child.sendline(":quit")
        child.expect(pexpect.EOF)

        # Ctrl-C during a slow evaluation cancels it, not the session.
        big = snapshot(work, 200000, 3)
        slow = os.path.join(work, "slow.seg")
        letters = "aeiou"
        terms = [f'exists(page_view where contains(url, "{letters[i % 5]}") then email_open '
                 f'where contains(campaign, "{letters[(i * 3) % 5]}") within {3000 + i}d)'
                 for i in range(40)]
        with open(slow, "w") as f:
            f.write('import "' + SCHEMA + '"\n\nsegment slow =\n  ' + "\n  or ".join(terms) + "\n")
        child = start(env, big, "--engine", "interp")
        out = answer(child, f":load {slow}")
        check("loaded" in out and "1 definition" in out, f":load the slow program: {out!r}")
        child.sendline("slow")
        time.sleep(0.8)
        child.sendintr()
        started = time.monotonic()
        index = child.expect([r"cancelled \(Ctrl-C\)", r"contacts \("], timeout=30)
        check(index == 0, "Ctrl-C cancels the slow evaluation (it answered instead)")
        child.expect_exact(PROMPT)
        waited = time.monotonic() - started
        out = answer(child, "age > 0")
        check(count_in(out) is not None, f"the session answers after Ctrl-C: {out!r}")
        child.sendline(":quit")
        child.expect(pexpect.EOF)
        print(f"Ctrl-C to the prompt: {waited * 1000:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("terminal_test: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
