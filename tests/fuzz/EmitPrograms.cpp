// fuzz_programs SEED COUNT DIR [segments|rich]: writes COUNT programs of the differential
// test's generator to DIR/p<i>.seg (each importing "crm.schema.seg"), so the SQL back end's
// agreement tests can run the same random programs on a real server.
#include "GeneratedProgram.h"
#include "ProgramGenerator.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: fuzz_programs SEED COUNT DIR [segments|rich]\n");
    return 2;
  }
  const std::uint64_t seed = std::strtoull(argv[1], nullptr, 10);
  const int count = std::atoi(argv[2]);
  const std::string dir = argv[3];
  const bool rich = argc > 4 && std::string(argv[4]) == "rich";
  seg::fuzz::ProgramGenerator generator(seed);
  seg::fuzz::ProgramShape shape;
  if (rich) { // as the differential test's richProgram()
    shape.segments = 6;
    shape.partitions = 2;
    shape.scores = 2;
    shape.metrics = 3;
    shape.ntile = true;
  }
  for (int i = 0; i < count; ++i) {
    std::ofstream out(dir + "/p" + std::to_string(i) + ".seg");
    out << "import \"crm.schema.seg\"\n" << generator.generate(shape).text();
    if (!out) {
      std::fprintf(stderr, "fuzz_programs: cannot write %s/p%d.seg\n", dir.c_str(), i);
      return 1;
    }
  }
  return 0;
}
