#include "util/line_batcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

namespace supervm::util {
namespace {

using namespace std::chrono_literals;

std::vector<Batch> batches_of(const std::string& input, BatchPolicy policy,
                              size_t max_line = 1024) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    EXPECT_EQ(::write(fds[1], input.data(), input.size()), static_cast<ssize_t>(input.size()));
    ::close(fds[1]);
  });
  std::vector<Batch> out;
  read_line_batches(
      fds[0], policy, max_line, [&](Batch&& b) { out.push_back(std::move(b)); }, "test");
  writer.join();
  ::close(fds[0]);
  return out;
}

TEST(LineBatcher, SplitsIntoFullBatchesAndARemainder) {
  std::string input;
  for (int i = 1; i <= 10; ++i) input += "line" + std::to_string(i) + "\n";
  auto b = batches_of(input, {4, 10s});
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].lines.size(), 4u);
  EXPECT_EQ(b[2].lines.size(), 2u);
  EXPECT_EQ(b[2].lines[1].text, "line10");
  EXPECT_EQ(b[2].lines[1].number, 10u);
}

TEST(LineBatcher, SkipsBlankLinesKeepsNumbersAndLastUnterminatedLine) {
  auto b = batches_of("a\r\n\n  \nb", {32, 10s});
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(b[0].lines.size(), 2u);
  EXPECT_EQ(b[0].lines[0].text, "a");
  EXPECT_EQ(b[0].lines[1].text, "b");
  EXPECT_EQ(b[0].lines[1].number, 4u);
}

TEST(LineBatcher, ReportsOversizedLinesWithoutHoldingThem) {
  std::string big(5000, 'x');
  auto b = batches_of("short\n" + big + "\nafter\n", {32, 10s}, 100);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(b[0].lines.size(), 2u);
  EXPECT_EQ(b[0].lines[1].text, "after");
  ASSERT_EQ(b[0].oversized.size(), 1u);
  EXPECT_EQ(b[0].oversized[0], 2u);
}

// A line followed by a pause longer than max_wait is handed over before the
// next line arrives.
TEST(LineBatcher, FlushesWhenTheOldestLineHasWaited) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::vector<std::pair<size_t, std::chrono::steady_clock::time_point>> seen;
  auto t0 = std::chrono::steady_clock::now();
  std::thread writer([&] {
    ASSERT_EQ(::write(fds[1], "one\n", 4), 4);
    std::this_thread::sleep_for(400ms);
    ASSERT_EQ(::write(fds[1], "two\n", 4), 4);
    ::close(fds[1]);
  });
  read_line_batches(
      fds[0], {32, 30ms}, 1024,
      [&](Batch&& b) {
        seen.push_back({b.lines.size(), std::chrono::steady_clock::now()});
      },
      "pipe");
  writer.join();
  ::close(fds[0]);
  ASSERT_EQ(seen.size(), 2u);
  // The first batch came out well before the second line was written (400 ms).
  EXPECT_LT(seen[0].second - t0, 300ms);
  EXPECT_EQ(seen[0].first, 1u);
}

}  // namespace
}  // namespace supervm::util
