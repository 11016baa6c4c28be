#!/usr/bin/env python3
"""seg.Dataset.from_arrays: the generated CSV read into numpy arrays (in several forms: views,
conversions, masked arrays, None, codes) gives exactly the results of its snapshot; arrays of
Seg's layout are kept (viewed), not copied; mistakes are clear errors. Run by CTest like
test_seg.py."""

import gc
import json
import sys
import unittest

import numpy as np

import seg
from seg_fixture import CRM_FILES, NOW, CrmData, crm_arrays

DATA = None


def setUpModule():
    global DATA
    DATA = CrmData(2000, reference=False)


def tearDownModule():
    DATA.close()


def document(program, dataset, engine="jit"):
    return json.loads(program.run(dataset, NOW, engine=engine).to_json(timings=False))


class FromArrays(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = seg.open(DATA.snapshot)
        cls.schema = cls.db.schema
        cls.program = seg.compile_files(CRM_FILES)
        cls.expected = document(cls.program, cls.db)

    def test_round_trip_equals_snapshot(self):
        contacts, events = crm_arrays(self.schema, DATA.csv)
        bound = seg.Dataset.from_arrays(self.schema, contacts=contacts, events=events)
        self.assertEqual((len(bound), bound.events), (len(self.db), self.db.events))
        self.assertFalse(bound.from_snapshot)
        self.assertEqual(bound.schema, self.schema)
        self.assertEqual(document(self.program, bound), self.expected)
        self.assertEqual(document(self.program, bound, "interp"),
                         {**self.expected, "engine": "interp"})

    def test_events_out_of_order_are_sorted(self):
        rng = np.random.default_rng(3)
        contacts, events = crm_arrays(self.schema, DATA.csv, order=lambda _, n: rng.permutation(n))
        bound = seg.Dataset.from_arrays(self.schema, contacts, events)
        self.assertTrue(any("order" in note for note in bound.bind_notes), bound.bind_notes)
        self.assertEqual(document(self.program, bound), self.expected)

    def test_matching_dtypes_are_viewed_not_copied(self):
        contacts, events = crm_arrays(self.schema, DATA.csv)
        # Plain arrays: a masked array's .data is a new view object each time it is read.
        contacts["lifetime_value"] = contacts["lifetime_value"].filled()
        events["purchase"]["amount"] = events["purchase"]["amount"].filled()
        viewed = [contacts["lifetime_value"], contacts["email_opt_in"], contacts["plan"],
                  contacts["signup_at"], events["purchase"]["contact"], events["purchase"]["at"],
                  events["purchase"]["amount"]]
        converted = [contacts["company_size"]]  # int32: converted into a buffer of int64
        before = [sys.getrefcount(a) for a in viewed + converted]
        bound = seg.Dataset.from_arrays(self.schema, contacts, events)
        after = [sys.getrefcount(a) for a in viewed + converted]
        # The dataset holds one more reference to each array it reads in place.
        self.assertEqual([b - a for a, b in zip(before, after)], [1] * len(viewed) + [0])
        del bound
        gc.collect()
        self.assertEqual([sys.getrefcount(a) for a in viewed + converted], before)

    def test_dataset_keeps_arrays_alive(self):
        contacts, events = crm_arrays(self.schema, DATA.csv)
        bound = seg.Dataset.from_arrays(self.schema, contacts, events)
        del contacts, events
        gc.collect()
        junk = [np.ones(50000) for _ in range(20)]
        self.assertEqual(document(self.program, bound), self.expected)
        del junk

    def test_forms_of_null(self):
        schema = seg.Schema.from_source(
            "schema { contact { id: int key\n rating: float?\n n: int?\n name: string?\n"
            " seen: timestamp?\n kind: enum { a, b }? } }")
        program = seg.compile(
            "segment no_rating = rating is null\nsegment no_n = n is null\n"
            "segment no_name = name is null\nsegment no_seen = seen is null\n"
            "segment no_kind = kind is null", schema=schema)
        ids = np.arange(1, 5, dtype=np.int64)
        forms = {
            "rating": np.array([1.5, np.nan, 2.0, np.nan]),  # NaN: null
            "n": np.ma.masked_array(np.arange(4), mask=[0, 1, 1, 1]),
            "name": np.array(["x", None, float("nan"), "y"], dtype=object),
            "seen": np.array(["2026-01-01", "NaT", "NaT", "NaT"], dtype="datetime64[s]"),
            "kind": np.array(["a", None, None, None], dtype=object),
        }
        res = program.run(seg.Dataset.from_arrays(schema, {"id": ids, **forms}), NOW)
        counts = [res.count(n) for n in ("no_rating", "no_n", "no_name", "no_seen", "no_kind")]
        self.assertEqual(counts, [2, 3, 2, 3, 3])
        # Nullable fields left out are all null.
        res = program.run(seg.Dataset.from_arrays(schema, {"id": ids}), NOW)
        self.assertEqual(res.count("no_seen"), 4)

    def test_string_keys(self):
        schema = seg.Schema.from_source("schema { contact { email: string key\n age: int } }")
        program = seg.compile("segment adults = age >= 18", schema=schema)
        contacts = {"email": np.array(["a@x", "b@x", "c@x"]), "age": np.array([17, 18, 40])}
        res = program.run(seg.Dataset.from_arrays(schema, contacts), NOW)
        self.assertEqual(res.members("adults"), ["b@x", "c@x"])

    def test_mistakes(self):
        contacts, events = crm_arrays(self.schema, DATA.csv)
        cases = {
            "an unknown field": ({**contacts, "agee": contacts["age"]}, events, seg.NotFoundError),
            "an unknown event type": (contacts, {**events, "purchases": {}}, seg.NotFoundError),
            "a missing key": ({k: v for k, v in contacts.items() if k != "id"}, events,
                              seg.InvalidArgumentError),
            "a missing non-nullable field": ({k: v for k, v in contacts.items() if k != "city"},
                                             events, seg.InvalidArgumentError),
            "a wrong length": ({**contacts, "lifetime_value": contacts["lifetime_value"][:-1]},
                               events, seg.InvalidArgumentError),
            "a null in a non-nullable field": (
                {**contacts, "company_size": np.ma.masked_array(contacts["company_size"],
                                                                mask=np.eye(1, 2000, 5)[0])},
                events, seg.InvalidArgumentError),
            "an unknown enum name": ({**contacts, "gender": np.array(["female", "femme"] * 1000,
                                                                      dtype=object)},
                                     events, seg.InvalidArgumentError),
            "an enum code out of range": ({**contacts, "plan": np.full(2000, 9, np.uint32)},
                                          events, seg.Error),
            "floats for an int field": ({**contacts, "company_size": np.ones(2000)}, events,
                                        seg.InvalidArgumentError),
            "duplicate keys": ({**contacts, "id": np.ones(2000, np.int64)}, events, seg.Error),
            "a contact row out of range": (contacts, {**events, "purchase": {
                **events["purchase"], "contact": events["purchase"]["contact"] + 5000}}, seg.Error),
            "an event without times": (contacts, {**events, "purchase": {
                "contact": events["purchase"]["contact"]}}, seg.InvalidArgumentError),
        }
        for what, (c, e, error) in cases.items():
            with self.subTest(what), self.assertRaises(error) as caught:
                seg.Dataset.from_arrays(self.schema, c, e)
            self.assertTrue(str(caught.exception))


if __name__ == "__main__":
    unittest.main()
