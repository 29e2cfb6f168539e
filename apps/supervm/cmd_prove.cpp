// supervm prove: Groth16 proofs, one or many in parallel (man supervm-prove).
#include <tbb/parallel_pipeline.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "command.h"
#include "exit_codes.h"
#include "metrics/run_metrics.h"
#include "prometheus/counter.h"
#include "util/file.h"
#include "util/log.h"
#include "util/progress.h"
#include "util/random.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/groth16/prover.h"
#include "zk_proving_key.h"
#include "zk_witness.h"

namespace supervm::cli {
namespace {

struct ProveOptionsCli {
  std::string pk_path;
  std::string zkey_path;
  std::string witness_path;
  std::string inputs_path;
  std::string out_path;
  std::string public_path;
  std::string circuit;
  std::vector<std::string> params;
  unsigned jobs = 2;
  std::string max_memory;
};

uint64_t parse_bytes(const std::string& text) {
  size_t pos = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &pos);
  } catch (...) {
    throw_input_error("--max-memory", text,
                      "expected a number of bytes, optionally with K, M or G");
  }
  std::string suffix = text.substr(pos);
  uint64_t scale = 1;
  if (suffix == "K" || suffix == "k")
    scale = 1ull << 10;
  else if (suffix == "M" || suffix == "m")
    scale = 1ull << 20;
  else if (suffix == "G" || suffix == "g")
    scale = 1ull << 30;
  else if (!suffix.empty())
    throw_input_error("--max-memory", text, "unknown suffix '" + suffix + "'");
  return v * scale;
}

// Peak memory of one proof beyond the shared key: the prover's evaluation
// vectors (A, B, C on the domain and its odd coset), the witness, and MSM
// buckets and scratch (a generous constant).
template <class E>
uint64_t per_proof_bytes(const zk::ProvingKey<E>& pk) {
  return 32ull * (8ull * pk.domain_size + 4ull * pk.num_variables) + (16ull << 20);
}

// Prover tables (zk/groth16/prover.h): built for at least this many jobs in the input file, and
// only when they take at most this much memory.
constexpr uint64_t kTableMinProofs = 64;
constexpr uint64_t kMaxTableBytes = 256ull << 20;

template <class E>
std::vector<typename E::Fr> checked_witness(std::vector<typename E::Fr> w,
                                            const zk::ProvingKey<E>& pk, const std::string& where) {
  if (w.size() != pk.num_variables)
    throw_input_error(where, "",
                      "witness has " + std::to_string(w.size()) +
                          " values but the proving key's circuit has " +
                          std::to_string(pk.num_variables) + " variables");
  return w;
}

template <class E>
std::vector<typename E::Fr> public_part(const std::vector<typename E::Fr>& w, size_t n) {
  return {w.begin() + 1, w.begin() + 1 + static_cast<ptrdiff_t>(n)};
}

void count_proofs(size_t made, size_t failed) {
  auto& c = prometheus::BuildCounter()
                .Name("supervm_prove_proofs_total")
                .Help("Proofs made by prove, by outcome")
                .Register(*metrics::registry());
  c.Add({{"outcome", "ok"}}).Increment(static_cast<double>(made));
  c.Add({{"outcome", "bad_witness"}}).Increment(static_cast<double>(failed));
}

template <class E>
int prove_one(const ProveOptionsCli& opt, const zk::ProvingKey<E>& pk,
              const BuiltinSelection& builtin) {
  util::MappedFile wf(opt.witness_path);
  auto w =
      checked_witness<E>(witness_from_bytes<typename E::Fr>(wf.bytes(), builtin, opt.witness_path),
                         pk, opt.witness_path);
  auto rng = util::RandomSource::system();
  auto proof = zk::prove<E>(pk, w, rng);
  std::string proof_text = zk::formats::json_text(zk::formats::proof_to_json<E>(proof));
  std::string public_text =
      zk::formats::json_text(zk::formats::public_to_json<E>(public_part<E>(w, pk.num_public)));
  if (opt.out_path.empty() || opt.out_path == "-") {
    std::fputs(proof_text.c_str(), stdout);
    if (std::fflush(stdout) != 0) throw_io_error("stdout", "cannot write the proof");
  } else {
    util::write_file_atomic(opt.out_path, proof_text);
  }
  if (!opt.public_path.empty()) util::write_file_atomic(opt.public_path, public_text);
  count_proofs(1, 0);
  return kExitOk;
}

struct Job {
  uint64_t line = 0;
  std::string text;
  std::string result;  // the output line
  bool failed = false;
};

uint64_t count_lines(const std::string& path) {
  if (path == "-") return 0;
  std::ifstream f(path, std::ios::binary);
  uint64_t n = 0;
  char buf[1 << 16];
  while (f.read(buf, sizeof buf) || f.gcount() > 0) {
    for (std::streamsize i = 0; i < f.gcount(); ++i) n += buf[i] == '\n';
  }
  return n;
}

template <class E>
int prove_many(const ProveOptionsCli& opt, const zk::ProvingKey<E>& pk,
               const BuiltinSelection& builtin) {
  size_t jobs = std::max(1u, opt.jobs);
  const bool limited = !opt.max_memory.empty();
  const uint64_t budget = limited ? parse_bytes(opt.max_memory) : 0;
  if (limited) {
    uint64_t each = per_proof_bytes(pk);
    size_t fit = budget > each ? static_cast<size_t>(budget / each) : 1;
    if (fit < jobs) {
      util::log_info("prove: --max-memory {} allows {} proof(s) in flight (about {} MiB each)",
                     opt.max_memory, std::max<size_t>(fit, 1), each >> 20);
      jobs = std::max<size_t>(fit, 1);
    }
  }

  std::ifstream file;
  std::istream* in = &std::cin;
  if (opt.inputs_path != "-") {
    file.open(opt.inputs_path, std::ios::binary);
    if (!file) throw_input_error(opt.inputs_path, "", "cannot open");
    in = &file;
  }
  std::unique_ptr<util::AtomicFileWriter> writer;
  if (!opt.out_path.empty() && opt.out_path != "-")
    writer = std::make_unique<util::AtomicFileWriter>(opt.out_path);

  // Precomputed MSM tables pay for themselves after a few proofs under one key; build them when
  // the input file has enough jobs and they fit the memory budget.
  const uint64_t lines = count_lines(opt.inputs_path);
  std::unique_ptr<zk::ProverTables<E>> tables;
  {
    uint64_t table_budget = kMaxTableBytes;
    if (limited) {
      const uint64_t in_flight = jobs * per_proof_bytes(pk);
      table_budget = std::min(table_budget, budget > in_flight ? (budget - in_flight) / 2 : 0);
    }
    const uint64_t table_bytes = zk::ProverTables<E>::memory_for(pk);
    if (lines >= kTableMinProofs && table_bytes <= table_budget) {
      auto t0 = std::chrono::steady_clock::now();
      tables = std::make_unique<zk::ProverTables<E>>(pk);
      util::log_debug(
          "prove: MSM tables ({} MiB) built in {:.1f} ms", table_bytes >> 20,
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  }
  zk::ProveOptions<E> prove_options;
  prove_options.tables = tables.get();

  util::Progress progress("proving", lines);
  uint64_t line_no = 0;
  size_t made = 0, failed = 0;
  auto started = std::chrono::steady_clock::now();

  // Bounded in flight: at most `jobs` lines are between reading and writing,
  // so a slow consumer of the output pauses the reader instead of filling memory.
  tbb::parallel_pipeline(
      jobs,
      tbb::make_filter<void,
                       Job*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Job* {
        std::string line;
        while (std::getline(*in, line)) {
          ++line_no;
          if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
          return new Job{line_no, std::move(line), {}, false};
        }
        fc.stop();
        return nullptr;
      }) & tbb::make_filter<Job*, Job*>(tbb::filter_mode::parallel, [&](Job* job) -> Job* {
        std::string where =
            fmt::format("{}:{}", opt.inputs_path == "-" ? "stdin" : opt.inputs_path, job->line);
        nlohmann::ordered_json out;
        out["id"] = job->line;
        try {
          nlohmann::json j = zk::formats::parse_json_text(job->text, where);
          if (!j.is_object()) throw_input_error(where, "", "a job line must be a JSON object");
          if (j.contains("id")) out["id"] = j["id"];
          if (!j.contains("witness")) throw_input_error(where, "witness", "missing");
          const auto& wj = j["witness"];
          std::vector<typename E::Fr> w;
          if (wj.is_string()) {
            std::string path = wj.get<std::string>();
            util::MappedFile wf(path);
            w = witness_from_bytes<typename E::Fr>(wf.bytes(), builtin, path);
          } else {
            w = witness_from_json<typename E::Fr>(wj, builtin, where + ": witness");
          }
          w = checked_witness<E>(std::move(w), pk, where);
          auto rng = util::RandomSource::system();
          auto proof = zk::prove<E>(pk, w, rng, prove_options);
          out["proof"] = zk::formats::proof_to_json<E>(proof);
          out["public"] = zk::formats::public_to_json<E>(public_part<E>(w, pk.num_public));
        } catch (const Error& e) {
          if (e.code() != ExitCode::kUsage) throw;
          out.erase("proof");
          out.erase("public");
          out["error"] = e.what();
          job->failed = true;
        }
        job->result = out.dump() + "\n";
        return job;
      }) & tbb::make_filter<Job*, void>(tbb::filter_mode::serial_in_order, [&](Job* job) {
        std::unique_ptr<Job> owned(job);
        if (writer) {
          writer->write(job->result);
        } else if (std::fwrite(job->result.data(), 1, job->result.size(), stdout) !=
                       job->result.size() ||
                   std::fflush(stdout) != 0) {
          throw_io_error("stdout", "cannot write proofs");
        }
        (job->failed ? failed : made)++;
        progress.advance();
      }));
  progress.finish();
  if (writer) writer->commit();
  count_proofs(made, failed);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  util::log_info("prove: {} proofs ({}), {} bad witnesses, {} in flight, {:.3f} s, {:.1f} proofs/s",
                 made, E::kName, failed, jobs, secs,
                 secs > 0 ? static_cast<double>(made) / secs : 0.0);
  return failed > 0 ? kExitNegative : kExitOk;
}

template <class E>
int run_prove(const ProveOptionsCli& opt, std::span<const uint8_t> key_bytes,
              const std::string& key_path) {
  auto t0 = std::chrono::steady_clock::now();
  zk::ProvingKey<E> pk = load_proving_key<E>(key_bytes, key_path);
  util::log_debug(
      "prove: loaded {} ({} variables, {} public, domain {}) in {:.1f} ms", key_path,
      pk.num_variables, pk.num_public, pk.domain_size,
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  BuiltinSelection builtin{opt.circuit, parse_params(opt.params)};
  if (!opt.witness_path.empty()) return prove_one<E>(opt, pk, builtin);
  return prove_many<E>(opt, pk, builtin);
}

void register_prove(CLI::App& root, const GlobalOptions&, RunResult& result) {
  auto opt = std::make_shared<ProveOptionsCli>();
  CLI::App* cmd = root.add_subcommand("prove", "Make Groth16 proofs, one or many in parallel");
  auto* pk =
      cmd->add_option("--pk", opt->pk_path, "supervm binary proving key (from supervm setup)");
  auto* zkey = cmd->add_option("--zkey", opt->zkey_path, "snarkjs Groth16 .zkey");
  pk->excludes(zkey);
  auto* witness =
      cmd->add_option("--witness", opt->witness_path,
                      "Witness: .wtns, JSON array, or JSON object of built-in circuit inputs");
  auto* inputs = cmd->add_option("--inputs", opt->inputs_path,
                                 "Many jobs as JSON Lines ({\"id\", \"witness\"}); - for stdin");
  witness->excludes(inputs);
  cmd->add_option("--circuit", opt->circuit, "Built-in circuit whose inputs a JSON object names");
  cmd->add_option("--param", opt->params, "Built-in circuit parameter KEY=VALUE (as at setup)");
  cmd->add_option("--out", opt->out_path,
                  "proof.json, or the JSON Lines results of --inputs (default stdout)");
  auto* pub = cmd->add_option("--public", opt->public_path, "public.json of a single proof");
  pub->excludes(inputs);
  cmd->add_option("--jobs", opt->jobs, "Proofs made at the same time")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  cmd->add_option("--max-memory", opt->max_memory,
                  "Lower --jobs so the estimated peak fits (bytes; K/M/G)");
  cmd->callback([opt, &result] {
    if (opt->pk_path.empty() && opt->zkey_path.empty())
      throw_input_error("prove", "", "a proving key is required: --pk FILE or --zkey FILE");
    if (opt->witness_path.empty() && opt->inputs_path.empty())
      throw_input_error("prove", "",
                        "nothing to prove: give --witness FILE or --inputs FILE.jsonl");
    const std::string& key_path = opt->pk_path.empty() ? opt->zkey_path : opt->pk_path;
    util::MappedFile key(key_path);
    result.exit_code = with_engine(key_curve(key.bytes(), key_path), [&](auto engine) {
      return run_prove<decltype(engine)>(*opt, key.bytes(), key_path);
    });
  });
}

}  // namespace

SUPERVM_COMMAND(prove, register_prove)

}  // namespace supervm::cli
