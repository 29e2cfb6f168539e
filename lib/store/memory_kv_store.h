// KvStore in memory: a sorted map behind a reader-writer lock. For tests,
// benchmarks and the engine before the persistent store is configured.
#pragma once

#include <map>
#include <shared_mutex>

#include "store/kv_store.h"

namespace supervm::store {

class MemoryKvStore final : public KvStore {
 public:
  std::optional<std::string> get(std::string_view key) const override;
  void write(const WriteBatch& batch) override;
  void scan(std::string_view prefix,
            const std::function<bool(std::string_view, std::string_view)>& fn) const override;
  size_t size() const;

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, std::string, std::less<>> data_;
};

}  // namespace supervm::store
