"""Shared data of the Python module's tests: CRM data sets made with the built `seg`, the
reference documents of `seg run`, and the generated CSV read back into numpy arrays."""

import csv
import glob
import json
import os
import subprocess
import tempfile

import numpy as np

SEG = os.environ.get("SEG_BINARY", "seg")
SOURCE_DIR = os.environ.get(
    "SEG_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
NOW = "2026-11-01T00:00:00Z"
# As the shell expands examples/crm/*.seg for `seg run`, so both compile the same file list.
CRM_FILES = sorted(glob.glob(os.path.join(SOURCE_DIR, "examples", "crm", "*.seg")))
CRM_SCHEMA = os.path.join(SOURCE_DIR, "examples", "crm", "crm.schema.seg")


def seg_command(*args, capture=True):
    done = subprocess.run([SEG, *args], check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"seg {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


class CrmData:
    """`seg gen` data of `contacts` contacts (CSV folder and snapshot) in a temporary folder,
    and, with reference=True, `seg run` on it for both engines with member files."""

    def __init__(self, contacts, seed=5, reference=True):
        self._tmp = tempfile.TemporaryDirectory(prefix="seg-python-test-")
        self.dir = self._tmp.name
        self.csv = os.path.join(self.dir, "csv")
        self.snapshot = os.path.join(self.dir, "crm.segdb")
        seg_command("gen", "--contacts", str(contacts), "--seed", str(seed), "--out", self.csv)
        seg_command("import", "--schema", CRM_SCHEMA, "--data", self.csv, "-o", self.snapshot)
        self.reference = {}
        self.members = os.path.join(self.dir, "members")
        if reference:
            for engine in ("jit", "interp"):
                out = seg_command("run", *CRM_FILES, "--data", self.snapshot, "--now", NOW,
                                  "--format", "json", "--no-timings", "--engine", engine,
                                  *(["--members", self.members] if engine == "jit" else []))
                self.reference[engine] = json.loads(out)

    def member_keys(self, name):
        """The contact keys of DIR/<name>.csv, as `seg run --members` wrote them."""
        with open(os.path.join(self.members, name + ".csv"), newline="") as f:
            rows = list(csv.reader(f))
        return np.array(sorted(int(row[0]) for row in rows[1:]), dtype=np.int64)

    def close(self):
        self._tmp.cleanup()


def read_csv(path):
    """{column: cells} of a CSV file with a header."""
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        columns = list(zip(*rows)) or [() for _ in header]
    return dict(zip(header, columns))


def _times(texts):
    # numpy parses ISO-8601 without a zone as UTC; `seg gen` writes UTC with a 'Z'.
    return np.array([t[:-1] if t.endswith("Z") else (t or "NaT") for t in texts],
                    dtype="datetime64[us]")


def _truth(text):
    return text.lower() in ("true", "yes", "1")


def _numbers(texts, dtype, convert):
    """A masked array: empty cells are null."""
    mask = np.array([t == "" for t in texts], dtype=bool)
    values = np.array([convert(t) if t else 0 for t in texts], dtype=dtype)
    return np.ma.masked_array(values, mask=mask)


def _column(field, texts, variant):
    """One field's cells in one of several array forms, to exercise each way of binding."""
    kind = field.type
    if kind == "int":
        if variant == "object":  # None for null, a copy
            return np.array([int(t) if t else None for t in texts], dtype=object)
        return _numbers(texts, np.int64, int)
    if kind == "float":
        return _numbers(texts, np.float64, float)
    if kind == "bool":
        return np.array([_truth(t) for t in texts], dtype=bool)
    if kind == "timestamp":
        return _times(texts)
    if kind == "enum":
        if variant == "codes":  # uint32 indices, viewed
            return np.array([field.enum_values.index(t) for t in texts], dtype=np.uint32)
        return np.array([t if t else None for t in texts], dtype=object)
    # string: an empty cell is the empty string for a non-nullable field, else null
    if variant == "pair":  # (codes, texts), the codes viewed
        texts_list = sorted(set(texts))
        index = {t: i for i, t in enumerate(texts_list)}
        return np.array([index[t] for t in texts], dtype=np.uint32), texts_list
    if variant == "unicode":
        return np.array(texts, dtype=str)
    return np.array([t if (t or not field.nullable) else None for t in texts], dtype=object)


# How each CRM field is given to from_arrays: the default, or a variant named here.
CONTACT_VARIANTS = {"nps": "object", "plan": "codes", "city": "pair", "country": "unicode",
                    "company_size": "int32"}


def crm_arrays(schema, csv_dir, order=None):
    """The generated CSV as from_arrays arguments. order(type, n): a permutation of that
    type's events (None: file order)."""
    contacts_csv = read_csv(os.path.join(csv_dir, "contacts.csv"))
    contacts = {}
    for field in schema.fields:
        variant = CONTACT_VARIANTS.get(field.name, "")
        column = _column(field, contacts_csv[field.name], variant)
        if variant == "int32":  # converted: not viewed
            column = np.asarray(column).astype(np.int32)
        contacts[field.name] = column
    row_of = {key: row for row, key in enumerate(contacts_csv[schema.key.name])}

    events_csv = read_csv(os.path.join(csv_dir, "events.csv"))
    types = np.array(events_csv["type"], dtype=object)
    events = {}
    for event in schema.events:
        picked = np.flatnonzero(types == event.name)
        if order is not None:
            picked = picked[order(event.name, len(picked))]
        cells = lambda name: [events_csv[name][i] for i in picked]
        columns = {
            "contact": np.array([row_of[k] for k in cells("contact_id")], dtype=np.uint32),
            "at": _times(cells("at")),
        }
        for prop in event.properties:
            columns[prop.name] = _column(prop, cells(prop.name), "")
        events[event.name] = columns
    return contacts, events
