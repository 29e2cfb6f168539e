// The storage interface under the execution engine: an ordered byte-string
// key-value store with atomic batches. MemoryKvStore implements it here; the
// persistent RocksDB store of the next issue implements the same interface.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace supervm::store {

// Puts and deletes applied together: a reader sees all of them or none.
class WriteBatch {
 public:
  void put(std::string key, std::string value) { ops_.emplace_back(std::move(key), std::move(value)); }
  void erase(std::string key) { ops_.emplace_back(std::move(key), std::nullopt); }
  const std::vector<std::pair<std::string, std::optional<std::string>>>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> ops_;
};

class KvStore {
 public:
  virtual ~KvStore() = default;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
  // Applies the batch atomically, in order (a later op on a key wins).
  // Throws supervm::Error (I/O class) if the store cannot apply it.
  virtual void write(const WriteBatch& batch) = 0;
  // Visits keys starting with `prefix` in ascending byte order; `fn` returns
  // false to stop. The store must not be written from inside `fn`.
  virtual void scan(std::string_view prefix,
                    const std::function<bool(std::string_view key, std::string_view value)>& fn)
      const = 0;
};

}  // namespace supervm::store
