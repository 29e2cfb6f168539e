#include "util/progress.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "util/log.h"

namespace supervm::util {
namespace {

TEST(Progress, CountsConcurrentAdvancesWithoutTerminal) {
  Progress::set_terminal_override(0);
  Progress p("work", 4000);
  EXPECT_FALSE(p.drawing());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) p.advance();
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(p.done(), 4000u);
  p.finish();
  Progress::set_terminal_override(-1);
}

TEST(Progress, DrawsOnTerminalUnlessQuiet) {
  Progress::set_terminal_override(1);
  {
    testing::internal::CaptureStderr();
    Progress p("proving", 10);
    EXPECT_TRUE(p.drawing());
    p.advance(10);
    p.finish();
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("proving"), std::string::npos);
    EXPECT_NE(err.find("10/10"), std::string::npos);
  }
  set_quiet(true);
  {
    Progress p("proving", 10);
    EXPECT_FALSE(p.drawing());
  }
  set_quiet(false);
  Progress::set_terminal_override(-1);
}

TEST(Log, ParsesLevels) {
  EXPECT_EQ(parse_log_level("debug"), LogLevel::kDebug);
  EXPECT_EQ(parse_log_level("error"), LogLevel::kError);
  EXPECT_ANY_THROW(parse_log_level("loud"));
}

}  // namespace
}  // namespace supervm::util
