// CMD001 command_exits_zero: enabled `commands:` entries run in the project root and pass on
// exit 0; disabled ones are skipped; output that looks like a credential is never shown.
#include "checks/commands/command_exits_zero.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::run_check;
using test::statuses;
using test::TempDir;

CommandCheck command(std::string id, std::string run, bool enabled = true) {
  CommandCheck c;
  c.id = std::move(id);
  c.title = c.id;
  c.source = "DEPLOY.md:17";
  c.run = std::move(run);
  c.enabled = enabled;
  return c;
}

TEST(CommandExitsZero, FailsWhenTheCommandExitsNonZero) {
  const TempDir dir;
  Config config = config_for(dir.path());
  config.commands = {command("tests", "echo '1 failed, 41 passed'; exit 3")};
  const auto results = run_check(CommandExitsZero(), config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "tests: exit status 3");
  EXPECT_NE(results[0].evidence.find("last output: 1 failed, 41 passed"), std::string::npos)
      << results[0].evidence;
  EXPECT_EQ(results[0].target, "command:tests");
  ASSERT_TRUE(results[0].location.has_value());
  EXPECT_EQ(results[0].location->file, "DEPLOY.md");
  EXPECT_EQ(results[0].location->line, 17);
}

TEST(CommandExitsZero, PassesWithACommandThatExitsZeroInTheProjectRoot) {
  const TempDir dir;
  dir.write("marker.txt", "here\n");
  Config config = config_for(dir.path());
  // Runs in the root: the relative path only resolves there.
  config.commands = {
      command("marker", "# the marker is there\ntest -f marker.txt\ncat marker.txt")};
  const auto results = run_check(CommandExitsZero(), config);
  ASSERT_EQ(statuses(results), "pass") << results[0].evidence;
  EXPECT_EQ(results[0].evidence.rfind("$ test -f marker.txt ... -> exit status 0 after ", 0), 0U)
      << results[0].evidence;
  EXPECT_NE(results[0].evidence.find("last output: here"), std::string::npos);
}

TEST(CommandExitsZero, SkipsADisabledCommandWithoutRunningIt) {
  const TempDir dir;
  Config config = config_for(dir.path());
  config.commands = {command("touch", "touch ran.txt", false)};
  const auto results = run_check(CommandExitsZero(), config);
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_NE(results[0].message.find("set enabled: true"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "ran.txt"));
}

TEST(CommandExitsZero, SkipsOnceWithoutCommands) {
  const TempDir dir;
  EXPECT_EQ(statuses(run_check(CommandExitsZero(), config_for(dir.path()))), "skip");
}

TEST(CommandExitsZero, FailsWhenTheCommandOutlivesItsTimeout) {
  const TempDir dir;
  Config config = config_for(dir.path());
  config.commands = {command("slow", "sleep 30")};
  config.commands[0].timeout = "300ms";
  const auto results = run_check(CommandExitsZero(), config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("no end within"), std::string::npos) << results[0].message;
}

TEST(CommandExitsZero, RunsEachCommandAndReportsEachOnItsOwn) {
  const TempDir dir;
  Config config = config_for(dir.path());
  config.commands = {command("ok", "true"), command("off", "false", false),
                     command("bad", "false")};
  EXPECT_EQ(statuses(run_check(CommandExitsZero(), config)), "pass,skip,fail");
}

TEST(CommandExitsZero, RedactsACredentialTheCommandPrints) {
  const TempDir dir;
  Config config = config_for(dir.path());
  const std::string token = "Qm9vdHN0cmFwVG9rZW4tZDQ2ZjNhYjE4YzE";
  config.commands = {command("token", "echo token=x " + token + "; exit 1")};
  const auto results = run_check(CommandExitsZero(), config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].evidence.find(token), std::string::npos) << results[0].evidence;
  EXPECT_NE(results[0].evidence.find("(35)"), std::string::npos) << results[0].evidence;
}

}  // namespace
}  // namespace shipcheck::checks
