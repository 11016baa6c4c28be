"""seg.LiveDataset from Python: changes applied durably, deltas equal to the difference of two
runs, a bad batch rejected whole, compaction, and the same deltas after reopening."""

import json
import os
import unittest

import seg
from seg_fixture import CRM_FILES, NOW, CrmData


class LiveTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = CrmData(2000, reference=False)
        cls.program = seg.compile_files(CRM_FILES)

    @classmethod
    def tearDownClass(cls):
        cls.data.close()

    def test_changes_deltas_and_compaction(self):
        live = seg.LiveDataset.open(self.data.snapshot)
        first = live.advance(self.program, NOW)
        self.assertEqual(first.evaluation, 1)
        self.assertTrue(first.method.startswith("full"))
        before = self.program.run(live.dataset, NOW)
        for name, delta in first.segments().items():
            self.assertEqual(len(delta["entered"]), delta["members"], name)
            self.assertEqual(delta["left"], [])

        events = "\n".join(json.dumps(e) for e in [
            {"contact_id": 17, "type": "purchase", "at": "2026-10-31T18:00:00Z", "amount": 1500},
            {"contact_id": 17, "type": "purchase", "at": "2026-10-30T09:00:00Z", "amount": 900},
            {"contact_id": 42, "type": "cart_abandoned", "at": "2026-10-31T21:00:00Z"},
        ]) + "\n"
        report = live.append_events(events)
        self.assertEqual(report["events"], 3)
        deltas = live.advance(self.program, NOW)
        self.assertTrue(deltas.method.startswith("incremental"), deltas.method)
        after = self.program.run(live.dataset, NOW)
        moved = 0
        for name, delta in deltas.segments().items():
            was = set(before.members(name).tolist())
            now = set(after.members(name).tolist())
            self.assertEqual(set(delta["entered"]), now - was, name)
            self.assertEqual(set(delta["left"]), was - now, name)
            self.assertEqual(delta["members"], len(now), name)
            moved += len(delta["entered"]) + len(delta["left"])
        self.assertGreater(moved, 0)
        self.assertIn(17, deltas.segments()["recent_buyers"]["entered"])

        log_bytes = live.log_bytes
        with self.assertRaises(seg.DataError) as caught:
            live.append_events('{"contact_id": 999999, "type": "form_submit", "at": "2026-10-31T10:00:00Z"}\n')
        self.assertIn("nothing of it was applied", str(caught.exception))
        self.assertEqual(live.log_bytes, log_bytes)

        contacts = live.upsert_contacts('{"id": 42, "plan": "enterprise"}\n')
        self.assertEqual(contacts["contacts_updated"], 1)
        quiet = live.advance(self.program, NOW)
        self.assertIn(42, quiet.segments()["enterprise_accounts"]["entered"])
        self.assertEqual(json.loads(quiet.to_json())["evaluation"], 3)

        same = self.program.watch(live, NOW)  # the same as live.advance(program, NOW)
        self.assertEqual(same.evaluation, 4)
        self.assertTrue(all(not d["entered"] and not d["left"] for d in same.segments().values()))

        compacted = live.compact()
        self.assertEqual(compacted["batches"], 2)
        del live
        reopened = seg.LiveDataset.open(self.data.snapshot)
        self.assertEqual(reopened.replay_note, "")
        again = reopened.advance(self.program, NOW)
        self.assertEqual(again.evaluation, 5)
        self.assertTrue(all(not d["entered"] and not d["left"] for d in again.segments().values()))


if __name__ == "__main__":
    unittest.main()
