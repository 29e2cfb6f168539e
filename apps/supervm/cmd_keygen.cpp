// supervm keygen: make an Ed25519 key pair for signing transactions
// (man supervm-keygen).
#include <sys/stat.h>

#include <cstdio>

#include "command.h"
#include "exit_codes.h"
#include "util/file.h"
#include "util/log.h"
#include "util/random.h"
#include "vm/key_file.h"

namespace supervm::cli {
namespace {

struct KeygenOptions {
  std::string out;
  bool force = false;
};

void run_keygen(const KeygenOptions& opt, RunResult& result) {
  if (opt.out != "-" && !opt.force) {
    struct stat st;
    if (::stat(opt.out.c_str(), &st) == 0)
      throw_input_error(opt.out, "", "already exists (use --force to replace it)");
  }
  vm::KeyPair key = vm::ed25519_keypair();
  std::string text = vm::key_file_json(key);
  if (opt.out == "-") {
    std::fputs(text.c_str(), stdout);
  } else {
    // The file holds a secret: create it readable by the owner only.
    mode_t old = ::umask(077);
    try {
      util::write_file_atomic(opt.out, text);
    } catch (...) {
      ::umask(old);
      util::secure_wipe(text.data(), text.size());
      throw;
    }
    ::umask(old);
    std::printf("{\"public_key\":\"%s\"}\n", vm::hex(key.public_key).c_str());
    util::log_info("wrote {}", opt.out);
  }
  util::secure_wipe(text.data(), text.size());
  util::secure_wipe(key.secret_key.data(), key.secret_key.size());
  result.exit_code = kExitOk;
}

void register_keygen(CLI::App& root, const GlobalOptions&, RunResult& result) {
  auto opt = std::make_shared<KeygenOptions>();
  CLI::App* cmd =
      root.add_subcommand("keygen", "Make an Ed25519 key pair for signing transactions");
  cmd->add_option("-o,--out", opt->out, "Key file to write (mode 0600); '-' writes it to stdout")
      ->required();
  cmd->add_flag("-f,--force", opt->force, "Replace an existing key file");
  cmd->callback([opt, &result] { run_keygen(*opt, result); });
}

}  // namespace

SUPERVM_COMMAND(keygen, register_keygen)

}  // namespace supervm::cli
