// supervm verify-batch: Groth16 verdicts for a stream of proofs (man supervm-verify-batch).
#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>

#include "command.h"
#include "exit_codes.h"
#include "metrics/run_metrics.h"
#include "prometheus/counter.h"
#include "util/file.h"
#include "util/line_batcher.h"
#include "util/log.h"
#include "util/random.h"
#include "zk/groth16/batch_verifier.h"
#include "zk/groth16/verifier.h"
#include "zk_verifying_key.h"

namespace supervm::cli {
namespace {

constexpr size_t kMaxLineBytes = 16u << 20;

struct VerifyBatchOptions {
  std::string vk_path;
  std::string input = "-";
  std::string proof_path;
  std::string public_path;
  std::string out_path;
  size_t batch_size = 32;
  unsigned flush_interval_ms = 50;
  bool no_batch = false;
};

// Output: stdout or --out. Verdicts are flushed batch by batch; with --out the
// file is written atomically at the end.
class VerdictSink {
 public:
  explicit VerdictSink(std::string path) : path_(std::move(path)) {}
  void write(const nlohmann::ordered_json& verdict) {
    std::string line = verdict.dump() + "\n";
    if (path_.empty()) {
      if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size())
        throw_io_error("stdout", "cannot write verdicts");
    } else {
      buffer_ += line;
    }
  }
  void flush() {
    if (path_.empty() && std::fflush(stdout) != 0)
      throw_io_error("stdout", "cannot write verdicts");
  }
  void close() {
    if (!path_.empty()) util::write_file_atomic(path_, buffer_);
    flush();
  }

 private:
  std::string path_;
  std::string buffer_;
};

struct Tally {
  size_t valid = 0, invalid = 0, malformed = 0, batch_checks = 0;
};

nlohmann::ordered_json verdict(const nlohmann::json& id, bool valid, const std::string& error) {
  nlohmann::ordered_json v;
  v["id"] = id;
  v["valid"] = valid;
  if (!valid) v["error"] = error;
  return v;
}

template <class E>
class StreamVerifier {
 public:
  StreamVerifier(const zk::PreparedVerifyingKey<E>& pvk, bool batching, VerdictSink& sink,
                 Tally& tally, const std::string& where)
      : pvk_(pvk),
        batching_(batching),
        sink_(sink),
        tally_(tally),
        where_(where),
        rng_(util::RandomSource::system()) {}

  void operator()(util::Batch&& batch) {
    // Every line gets a slot in input order; malformed lines are decided here,
    // well-formed ones by the batch verifier.
    std::vector<Slot> slots;
    slots.reserve(batch.lines.size() + batch.oversized.size());
    for (uint64_t n : batch.oversized)
      slots.push_back(
          {n, n, std::nullopt, {}, fmt::format("line exceeds {} bytes", kMaxLineBytes)});
    for (auto& line : batch.lines) slots.push_back(parse(line));
    std::sort(slots.begin(), slots.end(),
              [](const Slot& a, const Slot& b) { return a.line < b.line; });

    std::vector<zk::BatchItem<E>> items;
    std::vector<size_t> index;
    for (size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i].proof) continue;
      items.push_back({&*slots[i].proof, slots[i].inputs});
      index.push_back(i);
    }
    std::vector<zk::VerifyResult> results;
    if (batching_ && items.size() > 1) {
      zk::BatchStats stats;
      zk::BatchOptions options;
      options.point_check = zk::PointCheck::kSkip;  // the JSON parser checked every point
      results = zk::verify_batch<E>(pvk_, items, rng_, options, &stats);
      tally_.batch_checks += stats.batch_checks;
    } else {
      for (const auto& item : items)
        results.push_back(
            zk::verify<E>(pvk_, *item.proof, item.public_inputs, zk::PointCheck::kSkip));
    }
    for (size_t k = 0; k < index.size(); ++k)
      slots[index[k]].error = results[k].valid ? "" : results[k].error;

    for (const auto& s : slots) {
      bool valid = s.proof && s.error.empty();
      if (valid)
        ++tally_.valid;
      else
        ++tally_.invalid;
      if (!s.proof) ++tally_.malformed;
      sink_.write(verdict(s.id, valid, s.error));
    }
    sink_.flush();
  }

 private:
  struct Slot {
    uint64_t line = 0;
    nlohmann::json id;
    std::optional<zk::Proof<E>> proof;  // set when the line is well formed
    std::vector<typename E::Fr> inputs;
    std::string error;
  };

  Slot parse(const util::InputLine& line) {
    Slot s;
    s.line = line.number;
    s.id = line.number;
    std::string where = fmt::format("{}:{}", where_, line.number);
    try {
      nlohmann::json j = zk::formats::parse_json_text(line.text, where);
      if (!j.is_object()) throw_input_error(where, "", "a proof line must be a JSON object");
      if (j.contains("id")) s.id = j["id"];
      if (!j.contains("proof")) throw_input_error(where, "proof", "missing");
      if (!j.contains("public")) throw_input_error(where, "public", "missing");
      zk::Proof<E> proof = zk::formats::proof_from_json<E>(j["proof"], where + ": proof");
      s.inputs =
          zk::formats::public_from_json<E>(j["public"], pvk_.num_public(), where + ": public");
      s.proof = proof;
    } catch (const Error& e) {
      s.error = e.what();
    }
    return s;
  }

  const zk::PreparedVerifyingKey<E>& pvk_;
  bool batching_;
  VerdictSink& sink_;
  Tally& tally_;
  std::string where_;
  util::RandomSource rng_;
};

void record_metrics(const Tally& t) {
  auto& proofs = prometheus::BuildCounter()
                     .Name("supervm_verify_proofs_total")
                     .Help("Proofs checked by verify-batch, by verdict")
                     .Register(*metrics::registry());
  proofs.Add({{"verdict", "valid"}}).Increment(static_cast<double>(t.valid));
  proofs.Add({{"verdict", "invalid"}}).Increment(static_cast<double>(t.invalid - t.malformed));
  proofs.Add({{"verdict", "malformed"}}).Increment(static_cast<double>(t.malformed));
  prometheus::BuildCounter()
      .Name("supervm_verify_batch_checks_total")
      .Help("Batch pairing checks (final exponentiations) run by verify-batch")
      .Register(*metrics::registry())
      .Add({})
      .Increment(static_cast<double>(t.batch_checks));
}

template <class E>
int run_verify(const VerifyBatchOptions& opt, std::span<const uint8_t> vk_bytes) {
  // Fixed-base tables for the input points pay off over many proofs, not for one.
  auto pvk = zk::prepare_verifying_key<E>(
      load_verifying_key<E>(vk_bytes, opt.vk_path),
      opt.proof_path.empty() ? zk::InputTables::kBuild : zk::InputTables::kSkip);
  VerdictSink sink(opt.out_path);
  Tally tally;
  auto started = std::chrono::steady_clock::now();

  if (!opt.proof_path.empty()) {
    std::string proof_text = util::read_text_file(opt.proof_path);
    std::string public_text = util::read_text_file(opt.public_path);
    nlohmann::json id = opt.proof_path;
    std::string error;
    try {
      auto proof = zk::formats::read_proof_json<E>(proof_text, opt.proof_path);
      auto inputs =
          zk::formats::read_public_json<E>(public_text, pvk.num_public(), opt.public_path);
      auto r = zk::verify<E>(pvk, proof, inputs, zk::PointCheck::kSkip);
      error = r.valid ? "" : r.error;
    } catch (const Error& e) {
      error = e.what();
      ++tally.malformed;
    }
    (error.empty() ? tally.valid : tally.invalid)++;
    sink.write(verdict(id, error.empty(), error));
  } else {
    int fd = 0;
    std::string where = "stdin";
    if (opt.input != "-") {
      fd = ::open(opt.input.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        if (errno == ENOENT) throw_input_error(opt.input, "", "no such file");
        throw_io_error(opt.input, "cannot open", errno);
      }
      where = opt.input;
    }
    bool batching = !opt.no_batch;
    util::BatchPolicy policy;
    policy.max_items = batching ? std::max<size_t>(opt.batch_size, 1) : 1;
    policy.max_wait = std::chrono::milliseconds(opt.flush_interval_ms);
    StreamVerifier<E> verifier(pvk, batching, sink, tally, where);
    util::read_line_batches(fd, policy, kMaxLineBytes, std::ref(verifier), where);
    if (fd != 0) ::close(fd);
  }
  sink.close();
  record_metrics(tally);

  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  size_t total = tally.valid + tally.invalid;
  util::log_info(
      "verify-batch: {} proofs ({}): {} valid, {} invalid ({} malformed) in {:.3f} s, {:.0f} "
      "proofs/s",
      total, E::kName, tally.valid, tally.invalid, tally.malformed, secs,
      secs > 0 ? static_cast<double>(total) / secs : 0.0);
  return tally.invalid > 0 ? kExitNegative : kExitOk;
}

void register_verify_batch(CLI::App& root, const GlobalOptions&, RunResult& result) {
  auto opt = std::make_shared<VerifyBatchOptions>();
  CLI::App* cmd =
      root.add_subcommand("verify-batch", "Verify Groth16 proofs in batches; name every bad one");
  cmd->add_option("--vk", opt->vk_path,
                  "Verifying key: verification_key.json, .zkey or supervm binary")
      ->required();
  cmd->add_option("proofs", opt->input, "JSON Lines of {\"id\",\"proof\",\"public\"}; - for stdin")
      ->capture_default_str();
  auto* proof = cmd->add_option("--proof", opt->proof_path, "A single snarkjs proof.json");
  auto* pub = cmd->add_option("--public", opt->public_path, "Its snarkjs public.json");
  proof->needs(pub);
  pub->needs(proof);
  cmd->add_option("--out", opt->out_path, "Write verdicts to FILE (atomically) instead of stdout");
  cmd->add_option("--batch-size", opt->batch_size, "Proofs per batch")
      ->envname("ZK_BATCH_SIZE")
      ->check(CLI::Range(size_t{1}, size_t{1} << 20))
      ->capture_default_str();
  cmd->add_option("--flush-interval-ms", opt->flush_interval_ms,
                  "Longest wait of a proof for its batch to fill")
      ->envname("ZK_BATCH_FLUSH_INTERVAL_MS")
      ->check(CLI::Range(0u, 3600000u))
      ->capture_default_str();
  cmd->add_flag("--no-batch", opt->no_batch, "Verify each proof on its own as it arrives");
  cmd->callback([opt, &result] {
    if (const char* e = std::getenv("ZK_BATCH_ENABLE"); e != nullptr && std::string(e) == "0")
      opt->no_batch = true;
    if (!opt->proof_path.empty() && opt->input != "-")
      throw_input_error("verify-batch", "",
                        "give either a proofs file or --proof/--public, not both");
    util::MappedFile vk(opt->vk_path);
    auto bytes = vk.bytes();
    result.exit_code = with_engine(key_curve(bytes, opt->vk_path), [&](auto engine) {
      return run_verify<decltype(engine)>(*opt, bytes);
    });
  });
}

}  // namespace

SUPERVM_COMMAND(verify_batch, register_verify_batch)

}  // namespace supervm::cli
