#include "store/memory_kv_store.h"

#include <mutex>

namespace supervm::store {

std::optional<std::string> MemoryKvStore::get(std::string_view key) const {
  std::shared_lock lock(mu_);
  auto it = data_.find(key);
  if (it == data_.end()) return std::nullopt;
  return it->second;
}

void MemoryKvStore::write(const WriteBatch& batch) {
  std::unique_lock lock(mu_);
  for (const auto& [k, v] : batch.ops()) {
    if (v) data_.insert_or_assign(k, *v);
    else data_.erase(k);
  }
}

void MemoryKvStore::scan(std::string_view prefix,
                         const std::function<bool(std::string_view, std::string_view)>& fn) const {
  std::shared_lock lock(mu_);
  for (auto it = data_.lower_bound(prefix); it != data_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    if (!fn(it->first, it->second)) break;
  }
}

size_t MemoryKvStore::size() const {
  std::shared_lock lock(mu_);
  return data_.size();
}

}  // namespace supervm::store
