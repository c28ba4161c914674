#include "engines/process/process.h"

#include <gtest/gtest.h>

#include <signal.h>

#include "support/child_process.h"
#include "support/fixture.h"

namespace shipcheck::process {
namespace {

Command shell(const std::string& script,
              std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  Command command;
  command.argv = {"/bin/sh", "-c", script};
  command.timeout = timeout;
  return command;
}

TEST(ProcessRun, KeepsOutputAndExitStatus) {
  const auto outcome = run(shell("echo out; echo err >&2; exit 3"));
  EXPECT_TRUE(outcome.started);
  EXPECT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_EQ(outcome.status_text(), "exit status 3");
  EXPECT_NE(outcome.output.find("out\n"), std::string::npos);
  EXPECT_EQ(outcome.last_line(), "err");
}

TEST(ProcessRun, SetsTheEnvironmentAndDirectoryGiven) {
  const test::TempDir dir;
  Command command = shell("printf '%s %s' \"$DRILL_VALUE\" \"$(pwd -P)\"");
  command.env = {{"DRILL_VALUE", "first"}, {"DRILL_VALUE", "second"}};
  command.cwd = dir.path();
  const auto outcome = run(command);
  ASSERT_TRUE(outcome.ok()) << outcome.status_text();
  EXPECT_EQ(outcome.output, "second " + std::filesystem::canonical(dir.path()).string());
}

TEST(ProcessRun, KillsTheWholeGroupAtTheDeadline) {
  const test::TempDir dir;
  const auto pid_file = dir.path() / "grandchild";
  // A grandchild that keeps the output pipe open: the deadline must end it too.
  const auto outcome = run(shell("sleep 30 & echo $! > '" + pid_file.string() + "'; wait",
                                 std::chrono::milliseconds(300)));
  EXPECT_TRUE(outcome.timed_out);
  EXPECT_FALSE(outcome.ok());
  const std::string grandchild = test::read_text(pid_file);
  ASSERT_FALSE(grandchild.empty());
  // Killed (reaped by init, or a zombie for a moment): signal 0 fails or it is gone soon.
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone =
        ::kill(std::stoi(grandchild), 0) != 0 ||
        test::read_text("/proc/" + std::to_string(std::stoi(grandchild)) + "/stat").find(") Z ") !=
            std::string::npos;
    if (!gone) {
      ::usleep(10000);
    }
  }
  EXPECT_TRUE(gone);
}

TEST(ProcessRun, KeepsOnlyTheTailOfALongOutput) {
  Command command = shell("i=0; while [ $i -lt 2000 ]; do echo line $i; i=$((i+1)); done");
  command.keep_output = 100;
  const auto outcome = run(command);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.output.size(), 100U);
  EXPECT_EQ(outcome.last_line(), "line 1999");
}

TEST(ProcessRun, AMissingProgramIsNotStarted) {
  Command command;
  command.argv = {"shipcheck-no-such-program"};
  const auto outcome = run(command);
  EXPECT_FALSE(outcome.started);
  EXPECT_EQ(outcome.status_text(), "not started: shipcheck-no-such-program: not found");
}

}  // namespace
}  // namespace shipcheck::process
