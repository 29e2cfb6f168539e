// supervm setup: Groth16 keys for a circom .r1cs or a built-in circuit (man supervm-setup).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "command.h"
#include "exit_codes.h"
#include "util/file.h"
#include "util/log.h"
#include "util/random.h"
#include "zk/circuit/builtin.h"
#include "zk/formats/binary.h"
#include "zk/formats/circom_r1cs.h"
#include "zk/formats/snarkjs_json.h"
#include "zk/groth16/setup.h"
#include "zk_keys.h"
#include "zk_witness.h"

namespace supervm::cli {
namespace {

struct SetupOptions {
  std::string r1cs_path;
  std::string circuit;
  std::vector<std::string> params;
  std::string curve;
  std::string out_dir;
  std::optional<uint64_t> seed;
};

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

template <class E>
int run_setup(const SetupOptions& opt, std::span<const uint8_t> r1cs_bytes) {
  using Fr = typename E::Fr;
  auto t0 = std::chrono::steady_clock::now();
  zk::R1cs<Fr> r1cs =
      opt.r1cs_path.empty()
          ? zk::build_builtin_circuit<Fr>(opt.circuit, parse_params(opt.params)).r1cs
          : zk::formats::read_r1cs<Fr>(r1cs_bytes, opt.r1cs_path);
  util::log_info("setup: {} on {}: {} constraints, {} variables ({} public)",
                 opt.r1cs_path.empty() ? opt.circuit : opt.r1cs_path, E::kName,
                 r1cs.num_constraints(), r1cs.num_variables, r1cs.num_public);

  util::RandomSource rng = util::RandomSource::system();
  if (opt.seed) {
    // Loud on purpose, even under --quiet: keys from a known seed are forgeable.
    util::log_line(util::LogLevel::kWarn,
                   "warning: --seed makes the toxic waste predictable: these keys are NOT SECURE, "
                   "for tests only");
    rng = util::RandomSource::deterministic(*opt.seed);
  }
  auto t1 = std::chrono::steady_clock::now();
  zk::ProvingKey<E> pk = zk::generate_keys<E>(r1cs, rng);
  util::log_info("setup: keys made in {:.0f} ms (domain {})", ms_since(t1), pk.domain_size);

  std::filesystem::path dir(opt.out_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw_io_error(opt.out_dir, "cannot create the output directory: " + ec.message());
  std::string pk_path = (dir / "proving.key").string();
  std::string vk_path = (dir / "verifying.key").string();
  std::string json_path = (dir / "verification_key.json").string();
  util::write_file_atomic(pk_path, zk::formats::write_pk_bin<E>(pk));
  util::write_file_atomic(vk_path, zk::formats::write_vk_bin<E>(pk.vk));
  util::write_file_atomic(json_path, zk::formats::json_text(zk::formats::vk_to_json<E>(pk.vk)));

  nlohmann::ordered_json summary;
  summary["curve"] = E::kName;
  summary["circuit"] = opt.r1cs_path.empty() ? opt.circuit : opt.r1cs_path;
  summary["constraints"] = r1cs.num_constraints();
  summary["variables"] = r1cs.num_variables;
  summary["public"] = r1cs.num_public;
  summary["domain_size"] = pk.domain_size;
  summary["proving_key"] = pk_path;
  summary["verifying_key"] = vk_path;
  summary["verification_key_json"] = json_path;
  std::string text = summary.dump() + "\n";
  std::fputs(text.c_str(), stdout);
  if (std::fflush(stdout) != 0) throw_io_error("stdout", "cannot write the summary");
  util::log_info("setup: wrote {}, {} and {} in {:.0f} ms total", pk_path, vk_path, json_path,
                 ms_since(t0));
  return kExitOk;
}

void register_setup(CLI::App& root, const GlobalOptions&, RunResult& result) {
  auto opt = std::make_shared<SetupOptions>();
  CLI::App* cmd =
      root.add_subcommand("setup", "Make Groth16 proving and verifying keys for a circuit");
  auto* r1cs =
      cmd->add_option("--r1cs", opt->r1cs_path, "circom .r1cs file (its prime fixes the curve)");
  auto* circuit =
      cmd->add_option("--circuit", opt->circuit, "Built-in circuit: multiply, chain, range");
  r1cs->excludes(circuit);
  cmd->add_option("--param", opt->params, "Built-in circuit parameter KEY=VALUE")->needs(circuit);
  cmd->add_option("--curve", opt->curve, "bls12-381 (default for built-in circuits) or bn254");
  cmd->add_option("--out-dir", opt->out_dir,
                  "Directory for proving.key, verifying.key, verification_key.json")
      ->required();
  cmd->add_option("--seed", opt->seed,
                  "NOT SECURE: derive the toxic waste from this number (tests only)");
  cmd->callback([opt, &result] {
    if (opt->r1cs_path.empty() && opt->circuit.empty())
      throw_input_error("setup", "", "which circuit? give --r1cs FILE or --circuit NAME");
    std::optional<algebra::CurveId> curve;
    if (!opt->curve.empty()) {
      curve = algebra::parse_curve_name(opt->curve);
      if (!curve)
        throw_input_error("--curve", opt->curve, "unknown curve (expected bls12-381 or bn254)");
    }
    std::unique_ptr<util::MappedFile> file;
    std::span<const uint8_t> bytes;
    if (!opt->r1cs_path.empty()) {
      file = std::make_unique<util::MappedFile>(opt->r1cs_path);
      bytes = file->bytes();
      auto file_curve = zk::formats::r1cs_curve(bytes, opt->r1cs_path);
      if (curve && *curve != file_curve)
        throw_input_error(opt->r1cs_path, "prime",
                          "the file is for " + std::string(algebra::curve_name(file_curve)) +
                              ", not " + std::string(algebra::curve_name(*curve)));
      curve = file_curve;
    }
    result.exit_code = with_engine(curve.value_or(algebra::CurveId::kBls12_381), [&](auto engine) {
      return run_setup<decltype(engine)>(*opt, bytes);
    });
  });
}

}  // namespace

SUPERVM_COMMAND(setup, register_setup)

}  // namespace supervm::cli
