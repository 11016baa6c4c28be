// The Python module `seg`: compile Seg programs, open or bind data, run, read results as
// numpy arrays. docs/embedding.md describes it; python/tests/test_seg.py shows it in use.
#include "Bindings.h"
#include "seg/Version.h"

PYBIND11_MODULE(seg, m) {
  m.doc() = "Seg: segments, partitions, scores and metrics over contacts and their events.\n\n"
            "    db = seg.open('crm.segdb')\n"
            "    prog = seg.compile_files(['segments.seg'])\n"
            "    res = prog.run(db, now='2026-11-01T00:00:00Z')\n"
            "    res.count('vip'), res.members('vip'), res.score('lead_score')\n";
  // The library actually loaded, which may be newer than the headers the module was built with.
  m.attr("__version__") = seg::version();
  segpy::bindErrors(m);
  segpy::bindSchema(m);
  segpy::bindDataset(m);
  segpy::bindResult(m);
  segpy::bindProgram(m);
  segpy::bindLive(m);
}
