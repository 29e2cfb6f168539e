// Fuzz entry points, one per parser, shared by the libFuzzer mains (fuzz/fuzz_<parser>.cpp) and
// the GoogleTest smoke run (tests/zk/formats/fuzz_smoke_test.cpp).
//
// Each takes arbitrary bytes, tries them on both curves, and returns true if some curve parsed
// them, false if every attempt was rejected with supervm::Error. Anything else is a bug and
// escapes: another exception type, a crash, or a broken invariant (what parses must write back
// and re-read to the same value; binary files must re-encode byte for byte), reported as
// std::logic_error.
#pragma once

#include <cstdint>
#include <span>

namespace supervm::zk::formats::fuzz {

bool proof_json(std::span<const uint8_t> data);  // proof.json, or public.json when an array
bool vk_json(std::span<const uint8_t> data);     // verification_key.json
bool r1cs(std::span<const uint8_t> data);        // circom .r1cs
bool wtns(std::span<const uint8_t> data);        // circom .wtns
bool zkey(std::span<const uint8_t> data);        // snarkjs .zkey
bool binary(std::span<const uint8_t> data);      // supervm binary files (any kind)

}  // namespace supervm::zk::formats::fuzz
