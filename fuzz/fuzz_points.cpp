// libFuzzer target: point decoding for both curves (see points_entry.h). Built with
// -DSUPERVM_FUZZ=ON and clang; run e.g. `fuzz_points -max_total_time=60 corpus/ testdata/fuzz/points`.
// Without SUPERVM_LIBFUZZER it builds a plain executable that replays files given on the
// command line (or every file of the given directories), for reproducing crashes.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "points_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return supervm::fuzz::fuzz_points_one_input(data, size);
}

#ifndef SUPERVM_LIBFUZZER
int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  size_t count = 0;
  auto run = [&](const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    ++count;
  };
  for (int i = 1; i < argc; ++i) {
    fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file()) run(e.path());
    } else {
      run(p);
    }
  }
  std::printf("fuzz_points: %zu inputs ok\n", count);
  return 0;
}
#endif
