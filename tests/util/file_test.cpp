#include "util/file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/error.h"

namespace supervm::util {
namespace {

namespace fs = std::filesystem;

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("supervm-file-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    set_atomic_write_hook(nullptr);
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  size_t entries() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(FileTest, AtomicWriteCreatesAndReplaces) {
  write_file_atomic(path("a"), std::string_view("first"));
  EXPECT_EQ(read_text_file(path("a")), "first");
  write_file_atomic(path("a"), std::string_view("second, longer"));
  EXPECT_EQ(read_text_file(path("a")), "second, longer");
  EXPECT_EQ(entries(), 1u) << "temporary file left behind";
}

// Kills a child process at the worst moment (new content written and fsynced,
// rename not yet done) and checks that the target still holds the old content.
TEST_F(FileTest, KillBeforeRenameLeavesOldContent) {
  write_file_atomic(path("state"), std::string_view("old content"));
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    set_atomic_write_hook([](const std::string&) { ::kill(::getpid(), SIGKILL); });
    write_file_atomic(path("state"), std::string(1 << 20, 'n'));
    ::_exit(0);  // not reached
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_EQ(read_text_file(path("state")), "old content");
}

// The other side of the window: killed right after rename, the new content is whole.
TEST_F(FileTest, KillAfterRenameLeavesNewContent) {
  write_file_atomic(path("state"), std::string_view("old content"));
  std::string fresh(1 << 20, 'n');
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    write_file_atomic(path("state"), fresh);
    ::kill(::getpid(), SIGKILL);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_EQ(read_text_file(path("state")), fresh);
}

TEST_F(FileTest, FailedWriteLeavesNothingBehind) {
  try {
    write_file_atomic(path("missing-dir/out"), std::string_view("x"));
    FAIL() << "write into a missing directory succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kIo);
    EXPECT_NE(std::string(e.what()).find("missing-dir/out"), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(), 0u);
}

TEST_F(FileTest, MmapReadsContent) {
  write_file_atomic(path("m"), std::string_view("mapped bytes"));
  MappedFile m(path("m"));
  EXPECT_EQ(m.size(), 12u);
  EXPECT_EQ(std::string(m.bytes().begin(), m.bytes().end()), "mapped bytes");
  MappedFile moved(std::move(m));
  EXPECT_EQ(moved.size(), 12u);
}

TEST_F(FileTest, MmapOfEmptyFileIsClearError) {
  std::ofstream(path("empty")).close();
  try {
    MappedFile m(path("empty"));
    FAIL() << "empty file mapped";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    std::string msg = e.what();
    EXPECT_NE(msg.find(path("empty")), std::string::npos) << msg;
    EXPECT_NE(msg.find("empty"), std::string::npos) << msg;
  }
}

TEST_F(FileTest, MmapOfMissingFileIsClearError) {
  try {
    MappedFile m(path("nope"));
    FAIL() << "missing file mapped";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    std::string msg = e.what();
    EXPECT_NE(msg.find("nope"), std::string::npos) << msg;
    EXPECT_NE(msg.find("no such file"), std::string::npos) << msg;
  }
}

TEST_F(FileTest, MmapOfDirectoryIsClearError) {
  EXPECT_THROW(MappedFile m(dir_.string()), Error);
}

TEST_F(FileTest, ReadMissingFileNamesIt) {
  try {
    read_file(path("absent.json"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("absent.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace supervm::util

namespace supervm::util {
namespace {

TEST_F(FileTest, StreamedWriterIsInvisibleUntilCommit) {
  write_file_atomic(path("out"), std::string_view("old"));
  {
    AtomicFileWriter w(path("out"));
    w.write(std::string_view("part one, "));
    EXPECT_EQ(read_text_file(path("out")), "old");
    w.write(std::string_view("part two"));
    w.commit();
  }
  EXPECT_EQ(read_text_file(path("out")), "part one, part two");
  {
    AtomicFileWriter abandoned(path("out"));
    abandoned.write(std::string_view("never seen"));
  }
  EXPECT_EQ(read_text_file(path("out")), "part one, part two");
  EXPECT_EQ(entries(), 1u);
}

}  // namespace
}  // namespace supervm::util
