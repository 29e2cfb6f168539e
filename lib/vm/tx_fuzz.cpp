#include "vm/tx_fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "vm/tx_json.h"

namespace supervm::vm {

namespace {
[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "fuzz_transaction_parser: %s\n", what);
  std::abort();
}
}  // namespace

void fuzz_transaction_parser(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ParsedTransaction p;
  try {
    p = parse_transaction_json(text);
  } catch (...) {
    violated("parser threw");
  }
  if (!p.tx) {
    if (p.error == ErrorKind::kOk || p.message.empty()) violated("failure without kind/message");
    (void)receipt_to_json(0, Receipt{p.error, p.message, {}});
    return;
  }
  if (p.error != ErrorKind::kOk) violated("parsed transaction with an error");
  auto again = parse_transaction_json(transaction_to_json(*p.tx));
  if (!again.tx) violated("round trip failed to parse");
  if (signing_bytes(*again.tx) != signing_bytes(*p.tx)) violated("round trip changed signing bytes");
  if (again.tx->signature != p.tx->signature) violated("round trip changed the signature");
  (void)check_signature(*p.tx);
}

}  // namespace supervm::vm
