// supervm tx: sign and check transactions in the JSON Lines block format
// (man supervm-tx, format in man supervm-formats section TRANSACTIONS).
//   supervm tx sign --key key.json [--in FILE] [--out FILE]
//   supervm tx verify [--in FILE] [--out FILE]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "command.h"
#include "exit_codes.h"
#include "util/file.h"
#include "util/log.h"
#include "util/random.h"
#include "vm/key_file.h"
#include "vm/receipt.h"
#include "vm/signature_stage.h"
#include "vm/tx_json.h"

namespace supervm::cli {
namespace {

struct TxOptions {
  std::string key_path;
  std::string in = "-";
  std::string out;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::string text = util::read_text_file(path);
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    pos = nl + 1;
  }
  return lines;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t") == std::string::npos;
}

void emit(const std::string& out_path, const std::string& text) {
  if (out_path.empty() || out_path == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size())
      throw_io_error("stdout", "cannot write");
  } else {
    util::write_file_atomic(out_path, text);
  }
}

// Signs every line; any bad line stops the command before anything is written.
void run_sign(const TxOptions& opt, RunResult& result) {
  std::string key_text = util::read_text_file(opt.key_path);
  vm::KeyPair key = vm::parse_key_file(key_text, opt.key_path);
  util::secure_wipe(key_text.data(), key_text.size());
  const std::string where = opt.in == "-" ? "stdin" : opt.in;
  std::string out;
  size_t count = 0;
  auto lines = read_lines(opt.in);
  for (size_t n = 0; n < lines.size(); ++n) {
    if (blank(lines[n])) continue;
    const std::string at = where + ":" + std::to_string(n + 1);
    // A line without "sender" is signed as the key's; owned-object creations
    // then default their owner to it, so the sender goes in before parsing.
    std::string line = lines[n];
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && !j.contains("sender")) {
      j["sender"] = vm::hex(key.public_key);
      line = j.dump();
    }
    auto p = vm::parse_transaction_json(line);
    if (!p.tx)
      throw_input_error(at, "", std::string(vm::error_kind_name(p.error)) + ": " + p.message);
    if (p.tx->sender != key.public_key)
      throw_input_error(at, "sender", "is not the public key of " + opt.key_path);
    vm::sign_transaction(*p.tx, key);
    out += vm::transaction_to_json(*p.tx) + "\n";
    ++count;
  }
  util::secure_wipe(key.secret_key.data(), key.secret_key.size());
  emit(opt.out, out);
  util::log_info("signed {} transaction(s)", count);
  result.exit_code = kExitOk;
}

// One verdict per line; exit 1 if any line is unparsable or badly signed.
void run_verify(const TxOptions& opt, RunResult& result) {
  auto lines = read_lines(opt.in);
  std::vector<vm::ParsedTransaction> parsed;
  std::vector<size_t> line_no;
  for (size_t n = 0; n < lines.size(); ++n) {
    if (blank(lines[n])) continue;
    parsed.push_back(vm::parse_transaction_json(lines[n]));
    line_no.push_back(n + 1);
  }
  auto sigs = vm::check_signatures(parsed);
  std::string out;
  size_t bad = 0;
  for (size_t i = 0; i < parsed.size(); ++i) {
    nlohmann::ordered_json v;
    v["line"] = line_no[i];
    vm::ErrorKind e = parsed[i].tx ? sigs[i] : parsed[i].error;
    v["valid"] = e == vm::ErrorKind::kOk;
    if (parsed[i].tx) v["id"] = vm::hex(vm::transaction_id(*parsed[i].tx));
    if (e != vm::ErrorKind::kOk) {
      v["error"] = vm::error_kind_name(e);
      if (!parsed[i].tx) v["message"] = parsed[i].message;
      ++bad;
    }
    out += v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  emit(opt.out, out);
  if (bad) util::log_info("{} of {} transaction(s) invalid", bad, parsed.size());
  result.exit_code = bad ? kExitNegative : kExitOk;
}

void register_tx(CLI::App& root, const GlobalOptions&, RunResult& result) {
  CLI::App* tx = root.add_subcommand("tx", "Sign and check transactions (JSON Lines)");
  tx->require_subcommand(1);

  auto sign_opt = std::make_shared<TxOptions>();
  CLI::App* sign = tx->add_subcommand("sign", "Sign unsigned transactions with a key file");
  sign->add_option("-k,--key", sign_opt->key_path, "Key file from 'supervm keygen'")->required();
  sign->add_option("-i,--in", sign_opt->in, "Unsigned transactions, one per line ('-': stdin)")
      ->capture_default_str();
  sign->add_option("-o,--out", sign_opt->out, "Write signed transactions here (default stdout)");
  sign->callback([sign_opt, &result] { run_sign(*sign_opt, result); });

  auto verify_opt = std::make_shared<TxOptions>();
  CLI::App* verify = tx->add_subcommand("verify", "Check the signature of every transaction");
  verify->add_option("-i,--in", verify_opt->in, "Signed transactions, one per line ('-': stdin)")
      ->capture_default_str();
  verify->add_option("-o,--out", verify_opt->out, "Write verdicts here (default stdout)");
  verify->callback([verify_opt, &result] { run_verify(*verify_opt, result); });
}

}  // namespace

SUPERVM_COMMAND(tx, register_tx)

}  // namespace supervm::cli
