#include "vectors.h"

#include "util/file.h"

namespace supervm::zk::formats::testing {

std::string vectors_dir() {
  return std::string(SUPERVM_SHARED_DIR) + "/testvectors/snarkjs";
}
std::string vector_path(const std::string& rel) {
  return vectors_dir() + "/" + rel;
}
std::string read_text(const std::string& path) {
  return util::read_text_file(path);
}
std::vector<uint8_t> read_bytes(const std::string& path) {
  return util::read_file(path);
}
nlohmann::json manifest() {
  return nlohmann::json::parse(read_text(vector_path("manifest.json")));
}
nlohmann::json edge_cases() {
  return nlohmann::json::parse(read_text(vector_path("edge_cases.json")))["cases"];
}

}  // namespace supervm::zk::formats::testing
