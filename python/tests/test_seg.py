#!/usr/bin/env python3
"""The Python module `seg` against `seg run`: the CRM example's counts, members, scores and
metrics for both engines, schema and program introspection, and errors. Run by CTest
(python/CMakeLists.txt) with the built module first on PYTHONPATH and SEG_BINARY naming the
built `seg`."""

import json
import os
import tempfile
import unittest

import numpy as np

import seg
from seg_fixture import CRM_FILES, CRM_SCHEMA, NOW, SOURCE_DIR, CrmData, read_csv

DATA = None


def setUpModule():
    global DATA
    DATA = CrmData(2000)


def tearDownModule():
    DATA.close()


class RunMatchesCommandLine(unittest.TestCase):
    """Every figure of the CRM example equals `seg run --format json`, for both engines."""

    @classmethod
    def setUpClass(cls):
        cls.db = seg.open(DATA.snapshot)
        cls.program = seg.compile_files(CRM_FILES)
        cls.results = {e: cls.program.run(cls.db, now=NOW, engine=e) for e in ("jit", "interp")}

    def each(self):
        for engine, res in self.results.items():
            with self.subTest(engine=engine):
                yield engine, res, DATA.reference[engine]

    def test_whole_document(self):
        for engine, res, ref in self.each():
            self.assertEqual(res.engine, engine)
            self.assertEqual(json.loads(res.to_json(timings=False)), ref)

    def test_names(self):
        for _, res, ref in self.each():
            self.assertEqual(res.segments, list(ref["segments"]))
            self.assertEqual(res.partitions, list(ref["partitions"]))
            self.assertEqual(res.scores, list(ref["scores"]))
            self.assertEqual(res.metrics, list(ref["metrics"]))
            self.assertEqual(res.contacts, ref["contacts"])

    def test_counts_and_partitions(self):
        for _, res, ref in self.each():
            for name, seg_ref in ref["segments"].items():
                self.assertEqual(res.count(name), seg_ref["members"], name)
                self.assertEqual(round(res.percent(name), 3), seg_ref["percent"], name)
            for name, part in ref["partitions"].items():
                branches = {b: v["members"] for b, v in part["branches"].items()}
                self.assertEqual(res.partition(name), branches)
                self.assertEqual(list(res.partition(name)), list(branches))  # declaration order
                self.assertEqual(res.unassigned(name), part["unassigned"])
                for branch, count in branches.items():
                    self.assertEqual(res.count(f"{name}.{branch}"), count)

    def test_members_equal_member_files(self):
        for _, res, ref in self.each():
            names = list(ref["segments"]) + [
                f"{p}.{b}" for p, part in ref["partitions"].items() for b in part["branches"]]
            for name in names:
                keys = res.members(name)
                self.assertEqual(keys.dtype, np.int64)
                np.testing.assert_array_equal(np.sort(keys), DATA.member_keys(name), name)
                rows = res.rows(name)
                self.assertEqual(rows.dtype, np.uint32)
                self.assertTrue(np.all(np.diff(rows.astype(np.int64)) > 0))
                bits = np.unpackbits(res.bitmap(name).view(np.uint8), bitorder="little")
                np.testing.assert_array_equal(np.flatnonzero(bits), rows)

    def test_scores(self):
        values = {}
        for engine, res, ref in self.each():
            for name, dist in ref["scores"].items():
                self.assertEqual(res.distribution(name), dist)  # exact: shortest round trip
                score = res.score(name)
                self.assertEqual(score.dtype, np.float64)
                self.assertEqual(len(score), res.contacts)
                present = score[~np.isnan(score)]
                self.assertEqual(len(present), dist["count"])
                self.assertEqual(res.contacts - len(present), dist["nulls"])
                if len(present):
                    self.assertEqual(present.min(), dist["min"])
                    self.assertEqual(present.max(), dist["max"])
                    self.assertAlmostEqual(present.mean(), dist["mean"],
                                           delta=1e-9 * max(1, abs(dist["mean"])))
                    quartiles = np.quantile(present, [0.25, 0.5, 0.75])  # numpy's default is type 7
                    np.testing.assert_allclose(
                        quartiles, [dist["p25"], dist["median"], dist["p75"]], rtol=1e-12)
                values.setdefault(name, []).append(score)
        for name, (jit, interp) in values.items():
            np.testing.assert_array_equal(jit, interp, err_msg=name)  # NaN-aware, exact

    def test_metrics(self):
        for _, res, ref in self.each():
            for name, metric in ref["metrics"].items():
                rows = res.metric(name, frame=False)
                if "by" not in metric:
                    self.assertEqual(
                        rows, [{"value": metric["value"], "contacts": metric["contacts"]}])
                    self.assertEqual(res.value(name), metric["value"])
                    continue
                expected = [
                    {**{k: v if v is not None else "null" for k, v in r["group"].items()},
                     "value": r["value"], "contacts": r["contacts"]} for r in metric["rows"]]
                self.assertEqual(rows, expected, name)
                with self.assertRaises(seg.InvalidArgumentError):
                    res.value(name)

    def test_metric_frames(self):
        res = self.results["jit"]
        try:
            import pandas
        except ImportError:  # a list of dicts by default, a clear error when asked for a frame
            self.assertIsInstance(res.metric("nps_by_plan"), list)
            with self.assertRaises(ImportError):
                res.metric("nps_by_plan", frame=True)
            return
        frame = res.metric("nps_by_plan_device")
        self.assertIsInstance(frame, pandas.DataFrame)
        self.assertEqual(list(frame.columns), ["plan", "device", "value", "contacts"])
        self.assertEqual(frame.to_dict("records"), res.metric("nps_by_plan_device", frame=False))

    def test_findings(self):
        for _, res, ref in self.each():
            expected = [(w["kind"], w["segment"], w.get("other", ""), w["message"])
                        for w in ref["warnings"]]
            self.assertEqual([tuple(f) for f in res.findings], expected)
            if res.findings:
                self.assertIsInstance(res.findings[0], seg.Finding)

    def test_min_segment_size(self):
        res = self.results["jit"]
        bound = res.count("dach") + 1
        strict = self.program.run(self.db, now=NOW, min_segment_size=bound)
        small = {f.segment for f in strict.findings if f.kind == "too_small"}
        self.assertIn("dach", small)
        self.assertTrue(all(strict.count(s) < bound for s in small))

    def test_overlap(self):
        res = self.results["jit"]
        names = ["vip", "high_spenders", "dach"]
        m = res.overlap(names)
        self.assertEqual(m["segments"], names)
        bits = [np.unpackbits(res.bitmap(n).view(np.uint8), bitorder="little") for n in names]
        for i in range(3):
            self.assertEqual(m["sizes"][i], res.count(names[i]))
            for j in range(3):
                both = int(np.sum(bits[i] & bits[j]))
                self.assertEqual(int(m["shared"][i, j]), both)
                either = res.count(names[i]) + res.count(names[j]) - both
                self.assertAlmostEqual(m["jaccard"][i, j], both / either if either else 0.0)
        self.assertEqual(res.overlap()["segments"], res.segments)
        with self.assertRaises(seg.NotFoundError):
            res.overlap(["vip", "dachh"])

    def test_clusters(self):
        program = seg.compile_files([os.path.join(SOURCE_DIR, "examples/clusters/personas.seg")])
        runs = [program.run(self.db, now=NOW, engine=e, threads=t)
                for e, t in (("jit", 1), ("interp", 4))]
        doc = json.loads(runs[0].to_json(timings=False))["clusters"]["personas"]
        for res in runs:
            self.assertEqual(res.clusters, ["personas"])
            c = res.cluster("personas")
            self.assertEqual(c["features"], ["spend", "orders", "visits", "days_away"])
            self.assertEqual(c["inertia"], doc["inertia"])
            for branch, value in c["clusters"].items():
                self.assertEqual(value["members"], res.count("personas." + branch))
                self.assertEqual(value["centroid"], doc["clusters"][branch]["centroid"])
        with self.assertRaises(seg.NotFoundError):
            runs[0].cluster("persona")

    def test_run_details(self):
        res = self.results["jit"]
        self.assertEqual(res.now_micros, 1793491200 * 10**6)
        self.assertEqual(res.now.isoformat(), "2026-11-01T00:00:00+00:00")
        self.assertIn("run", res.timings)
        self.assertRegex(repr(res), r"<seg.Result 2000 contacts, \d+ segments, 1 partition, "
                                    r"2 scores, \d+ metrics, engine jit>")
        self.assertIn("contacts", res.to_table())
        self.assertTrue(res.to_csv().startswith("kind,name,group,measure,value"))

    def test_now_forms_and_selection(self):
        from datetime import date, datetime, timezone
        vip = self.results["jit"].count("vip")
        for now in (datetime(2026, 11, 1, tzinfo=timezone.utc), date(2026, 11, 1),
                    np.datetime64("2026-11-01T00:00:00")):
            self.assertEqual(self.program.run(self.db, now).count("vip"), vip, now)
        self.assertEqual(self.program.run(self.db, now_micros=1793491200 * 10**6).count("vip"), vip)
        only = self.program.run(self.db, NOW, definitions=["vip"], threads=1)
        self.assertIn("vip", only.segments)
        self.assertEqual(only.count("vip"), vip)
        self.assertEqual(only.scores, [])


class ProgramAndSchema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = seg.open(DATA.snapshot)
        cls.program = seg.compile_files(CRM_FILES)

    def test_version(self):
        self.assertRegex(seg.__version__, r"^\d+\.\d+\.\d+")

    def test_schema(self):
        schema = self.db.schema
        self.assertEqual(schema, self.program.schema)
        self.assertEqual(schema, seg.Schema.from_files(CRM_SCHEMA))
        self.assertEqual(hash(schema), hash(seg.Schema.from_files([CRM_SCHEMA])))
        self.assertEqual(seg.Schema.from_source(schema.to_source()), schema)
        self.assertEqual(schema.key.name, "id")
        self.assertEqual(schema.fields[0].name, "id")
        age = schema.field("age")
        self.assertEqual((age.type, age.nullable, age.key), ("int", True, False))
        self.assertEqual(repr(age), "seg.Field(age: int?)")
        self.assertTrue(schema.field("email").pii)
        self.assertEqual(schema.field("gender").enum_values, ["female", "male", "other"])
        self.assertEqual([e.name for e in schema.events][:2], ["purchase", "email_open"])
        self.assertEqual([p.name for p in schema.event("purchase").properties], ["amount"])
        self.assertEqual(repr(schema.event("page_view")),
                         "seg.EventType(page_view { url: string })")
        with self.assertRaises(seg.NotFoundError):
            schema.field("last_seen")
        with self.assertRaises(KeyError):
            schema.event("purchases")

    def test_dataset(self):
        self.assertEqual(len(self.db), 2000)
        self.assertTrue(self.db.from_snapshot)
        self.assertEqual(self.db.events,
                         sum(self.db.event_count(e.name) for e in self.db.schema.events))
        self.assertRegex(repr(self.db), r"<seg.Dataset 2,000 contacts, [\d,]+ events \(snapshot\)>")
        loaded = seg.load(CRM_SCHEMA, DATA.csv)
        self.assertFalse(loaded.from_snapshot)
        self.assertIn("2,000 loaded", loaded.load_report)
        again = seg.Dataset.load(self.db.schema, DATA.csv)
        self.assertEqual(self.program.run(again, NOW).to_json(timings=False),
                         self.program.run(self.db, NOW).to_json(timings=False))

    def test_definitions_and_compile_source(self):
        defs = self.program.definitions
        vip = next(d for d in defs if d.name == "vip")
        self.assertEqual(vip.kind, "segment")
        self.assertTrue(vip.file.endswith("segments.seg") and vip.line > 0)
        self.assertEqual({d.kind for d in defs}, {"segment", "partition", "score", "metric"})
        self.assertRegex(repr(self.program), r"<seg.Program \d+ segments, 1 partition, 2 scores")
        self.assertIn("vip", self.program.explain())
        crm = os.path.join(SOURCE_DIR, "examples", "crm")
        text = seg.compile('import "segments.seg"\nsegment vip_again = vip', import_dir=crm)
        self.assertEqual(text.run(self.db, NOW).count("vip_again"),
                         self.program.run(self.db, NOW).count("vip"))
        big = seg.compile("segment big = company_size >= 100", schema=self.db)
        sizes = np.array(read_csv(os.path.join(DATA.csv, "contacts.csv"))["company_size"], int)
        self.assertEqual(big.run(self.db, NOW).count("big"), int(np.sum(sizes >= 100)))


class Errors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = seg.open(DATA.snapshot)
        cls.res = seg.compile_files(CRM_FILES).run(cls.db, NOW)

    def test_compile_error_diagnostics(self):
        with self.assertRaises(seg.CompileError) as caught:
            seg.compile("segment ok = age > 3\nsegment inactive = last_seen < now - 30d",
                        schema=self.db.schema, name="mine.seg")
        error = caught.exception
        self.assertIsInstance(error, seg.Error)
        self.assertEqual(error.code, 2)
        self.assertIn("mine.seg:2:20: error: unknown name 'last_seen'", str(error))
        file, line, column, message, hint = error.diagnostics[0]
        self.assertEqual((file, line, column), ("mine.seg", 2, 20))
        self.assertIn("last_seen", message)
        self.assertIn("last_seen_at", hint)
        self.assertEqual(error.diagnostics[0].severity, "error")
        self.assertIn("^", error.diagnostics[0].rendered)

    def test_compile_files_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.seg")
            with open(path, "w") as f:
                f.write(f'import "{CRM_SCHEMA}"\n\nsegment broken = agee > 3\n')
            with self.assertRaises(seg.CompileError) as caught:
                seg.compile_files([path])
            d = caught.exception.diagnostics[0]
            self.assertTrue(d.file.endswith("bad.seg"))
            self.assertEqual(d.line, 3)

    def test_not_found(self):
        with self.assertRaises(seg.NotFoundError) as caught:
            self.res.count("hot_lead")
        self.assertIsInstance(caught.exception, KeyError)
        self.assertIn("hot_leads", str(caught.exception))  # did you mean
        for call in (self.res.members, self.res.score, self.res.metric, self.res.partition):
            with self.assertRaises(seg.NotFoundError):
                call("nothing_of_that_name")

    def test_schema_mismatch(self):
        other = seg.compile("schema { contact { id: int key\n age: float? } }\nsegment a = age > 3")
        with self.assertRaises(seg.SchemaMismatchError) as caught:
            other.run(self.db, NOW)
        self.assertIn("age", str(caught.exception))

    def test_bad_arguments(self):
        from datetime import datetime
        program = seg.compile("segment a = age > 3", schema=self.db)
        for now in ("yesterday", "2026-11-01T00:00:00", datetime(2026, 11, 1)):
            with self.subTest(now=now), self.assertRaises(seg.InvalidArgumentError):
                program.run(self.db, now)
        with self.assertRaises(ValueError):
            program.run(self.db, NOW, engine="fast")
        with self.assertRaises(seg.DataError):
            seg.open(os.path.join(DATA.dir, "missing.segdb"))
        with self.assertRaises(seg.InvalidArgumentError):
            seg.open(DATA.dir)  # a folder


if __name__ == "__main__":
    unittest.main()
