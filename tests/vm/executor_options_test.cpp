// Environment variables reach the executor only through ExecutorOptions::from_env.
#include "vm/executor_options.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "util/error.h"

namespace supervm::vm {
namespace {

TEST(ExecutorOptions, DefaultsAndEnvironment) {
  ::unsetenv("SUPERVM_ENABLE_FAST_FALLBACK");
  ::unsetenv("SUPERVM_FALLBACK_ON_ERRORS");
  ExecutorOptions d = ExecutorOptions::from_env();
  EXPECT_FALSE(d.enable_fast_fallback);
  EXPECT_EQ(d.fallback_on_errors.size(), 4u);

  ::setenv("SUPERVM_ENABLE_FAST_FALLBACK", "1", 1);
  ::setenv("SUPERVM_FALLBACK_ON_ERRORS", "insufficient_balance, not_owner", 1);
  ExecutorOptions o = ExecutorOptions::from_env();
  EXPECT_TRUE(o.enable_fast_fallback);
  EXPECT_EQ(o.fallback_on_errors,
            (std::vector<ErrorKind>{ErrorKind::kInsufficientBalance, ErrorKind::kNotOwner}));

  ::setenv("SUPERVM_FALLBACK_ON_ERRORS", "not_a_kind", 1);
  EXPECT_THROW(ExecutorOptions::from_env(), Error);
  ::setenv("SUPERVM_FALLBACK_ON_ERRORS", "", 1);
  EXPECT_TRUE(ExecutorOptions::from_env().fallback_on_errors.empty());
  ::setenv("SUPERVM_ENABLE_FAST_FALLBACK", "yes", 1);
  EXPECT_THROW(ExecutorOptions::from_env(), Error);
  ::unsetenv("SUPERVM_ENABLE_FAST_FALLBACK");
  ::unsetenv("SUPERVM_FALLBACK_ON_ERRORS");
}

}  // namespace
}  // namespace supervm::vm
