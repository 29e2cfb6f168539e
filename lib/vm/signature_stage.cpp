#include "vm/signature_stage.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace supervm::vm {

std::vector<ErrorKind> check_signatures(std::span<const ParsedTransaction> block,
                                        unsigned threads) {
  std::vector<ErrorKind> out(block.size(), ErrorKind::kOk);
  tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, block.size(), 16), [&](const auto& r) {
      for (size_t i = r.begin(); i < r.end(); ++i)
        if (block[i].tx) out[i] = check_signature(*block[i].tx);
    });
  });
  return out;
}

}  // namespace supervm::vm
