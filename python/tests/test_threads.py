#!/usr/bin/env python3
"""The Python module `seg` and threads: the GIL is released while a program runs, Ctrl-C
stops a run, one program runs from several threads, and numpy views of a Result stay valid
after it is gone. Run by CTest like test_seg.py."""

import gc
import sys
import threading
import time
import unittest

import numpy as np

import seg
from seg_fixture import CRM_FILES, NOW, CrmData


class ThreadsAndViews(unittest.TestCase):
    """The GIL is released while a program runs; arrays stay valid after their Result."""

    @classmethod
    def setUpClass(cls):
        # Enough contacts for an interpreter run of a few hundred milliseconds.
        cls.big = CrmData(30000, reference=False)
        cls.db = seg.open(cls.big.snapshot)
        cls.program = seg.compile_files(CRM_FILES)

    @classmethod
    def tearDownClass(cls):
        cls.big.close()

    def test_gil_released_while_running(self):
        # The main thread notes the time in a loop while a worker runs the interpreter. Were
        # the GIL held for the run, no note could fall in the middle of it: with a 1 ms
        # switch interval, the gaps before and after the C++ call are far shorter than a
        # quarter of a run (of 20 ms or more).
        windows, stop = [], threading.Event()

        def worker():
            while not stop.is_set() and len(windows) < 5:
                start = time.perf_counter()
                self.program.run(self.db, NOW, engine="interp", threads=1)
                windows.append((start, time.perf_counter()))

        old = sys.getswitchinterval()
        sys.setswitchinterval(0.001)
        try:
            notes, thread = [], threading.Thread(target=worker)
            thread.start()
            while thread.is_alive():
                notes.append(time.perf_counter())
            thread.join()
        finally:
            sys.setswitchinterval(old)
        notes = np.array(notes)
        long_runs = [(a, b) for a, b in windows if b - a >= 0.02]
        if not long_runs:
            self.skipTest("runs too short to tell")
        inside = [np.sum((notes > a + (b - a) / 4) & (notes < b - (b - a) / 4))
                  for a, b in long_runs]
        self.assertGreater(max(inside), 0, "no Python ran while the program ran: GIL held?")

    def test_keyboard_interrupt_stops_a_run(self):
        import _thread
        start = time.perf_counter()
        self.program.run(self.db, NOW, engine="interp", threads=1)
        full = time.perf_counter() - start
        if full < 0.3:
            self.skipTest("run too short to interrupt")
        timer = threading.Timer(0.05, _thread.interrupt_main)
        start = time.perf_counter()
        timer.start()
        with self.assertRaises(KeyboardInterrupt):
            self.program.run(self.db, NOW, engine="interp", threads=1)
        stopped = time.perf_counter() - start
        timer.join()
        self.assertLess(stopped, 0.6 * full)
        self.assertEqual(self.program.run(self.db, NOW, threads=1).contacts, 30000)  # still usable

    def test_views_outlive_result(self):
        def arrays():
            db = seg.open(self.big.snapshot)
            res = seg.compile_files(CRM_FILES).run(db, NOW)
            views = res.bitmap("vip"), res.members("vip"), res.score("lead_score")
            copies = [v.copy() for v in views]
            return views, copies, res.count("vip")

        views, copies, count = arrays()
        gc.collect()
        junk = [np.ones(100000) for _ in range(20)]  # reuse freed memory, if any was freed
        for view, copy in zip(views, copies):
            np.testing.assert_array_equal(view, copy)
            self.assertFalse(view.flags.writeable)
            self.assertIsNotNone(view.base)
        self.assertEqual(len(views[1]), count)
        with self.assertRaises(ValueError):
            views[0][0] = 1
        del junk

    def test_one_program_many_threads(self):
        expected = self.program.run(self.db, NOW, threads=1).to_json(timings=False)
        out = [None] * 4
        threads = [threading.Thread(target=lambda i=i: out.__setitem__(
            i, self.program.run(self.db, NOW, threads=1).to_json(timings=False))) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(out, [expected] * 4)


if __name__ == "__main__":
    unittest.main()
