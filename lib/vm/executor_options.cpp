#include "vm/executor_options.h"

#include <cstdlib>
#include <string>

#include "util/error.h"

namespace supervm::vm {

ExecutorOptions ExecutorOptions::from_env() {
  ExecutorOptions o;
  if (const char* v = std::getenv("SUPERVM_ENABLE_FAST_FALLBACK")) {
    std::string s(v);
    if (s == "1" || s == "true") o.enable_fast_fallback = true;
    else if (s == "0" || s == "false" || s.empty()) o.enable_fast_fallback = false;
    else throw_input_error("SUPERVM_ENABLE_FAST_FALLBACK", "", "expected 0 or 1, got \"" + s + "\"");
  }
  if (const char* v = std::getenv("SUPERVM_FALLBACK_ON_ERRORS")) {
    o.fallback_on_errors.clear();
    std::string s(v);
    size_t pos = 0;
    while (pos <= s.size()) {
      size_t comma = s.find(',', pos);
      if (comma == std::string::npos) comma = s.size();
      std::string name = s.substr(pos, comma - pos);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      while (!name.empty() && name.front() == ' ') name.erase(name.begin());
      if (!name.empty()) {
        auto kind = error_kind_from_name(name);
        if (!kind || *kind == ErrorKind::kOk)
          throw_input_error("SUPERVM_FALLBACK_ON_ERRORS", "", "unknown error kind \"" + name + "\"");
        o.fallback_on_errors.push_back(*kind);
      }
      pos = comma + 1;
    }
  }
  return o;
}

}  // namespace supervm::vm
