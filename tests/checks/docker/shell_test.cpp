// The splitting of RUN scripts into simple commands, and option parsing.
#include "checks/docker/shell.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

using checks::docker::Command;
using checks::docker::parse_args;
using checks::docker::parse_script;

std::string programs(const std::vector<Command>& commands) {
  std::string out;
  for (const auto& c : commands) {
    out += (out.empty() ? "" : ",") + std::string(c.program());
  }
  return out;
}

TEST(DkrShell, SplitsAtOperatorsAndReservedWords) {
  const auto c = parse_script(
      "set -eux; apt-get update && apt-get install -y curl || true | tee log & wait\n"
      "if [ -f x ]; then (cd /app && make); fi");
  EXPECT_EQ(programs(c), "set,apt-get,apt-get,true,tee,wait,[,cd,make");
  EXPECT_EQ(c[2].text, "apt-get install -y curl");
}

TEST(DkrShell, RemovesQuotesRedirectionsAndComments) {
  const auto c = parse_script(
      "pip install 'flask==3.0' \"uvicorn[standard]\" 2>&1 >/dev/null # a comment\n"
      "echo \"a && b\" $(date && true)");
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(c[0].words,
            (std::vector<std::string>{"pip", "install", "flask==3.0", "uvicorn[standard]"}));
  EXPECT_EQ(c[1].words, (std::vector<std::string>{"echo", "a && b", "$(date && true)"}));
}

TEST(DkrShell, TakesOffWrappersAndAssignments) {
  const auto c = parse_script(
      "DEBIAN_FRONTEND=noninteractive sudo -E -u root env PIP_NO_CACHE_DIR=1 "
      "/usr/bin/pip3 install x");
  ASSERT_EQ(c.size(), 1U);
  EXPECT_TRUE(c[0].sudo);
  EXPECT_EQ(c[0].program(), "pip3");
  EXPECT_EQ(c[0].env.at("DEBIAN_FRONTEND"), "noninteractive");
  EXPECT_EQ(c[0].env.at("PIP_NO_CACHE_DIR"), "1");
}

TEST(DkrShell, FollowsShDashC) {
  const auto c = parse_script("bash -ec 'apt-get update && apt-get install -y curl'");
  EXPECT_EQ(programs(c), "apt-get,apt-get");
}

TEST(DkrShell, SkipsHeredocBodiesOfDataCommands) {
  const auto c = parse_script("cat <<EOF > /etc/sudoers.d/x\nsudo rm -rf /\nEOF\necho done");
  EXPECT_EQ(programs(c), "cat,echo");
}

TEST(DkrShell, ReadsHeredocScriptsOfRun) {
  const auto source = dockerfile(
      "# syntax=docker/dockerfile:1\nFROM debian:12\n"
      "RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n"
      "RUN python3 <<EOF\nimport os\nEOF\n");
  ASSERT_TRUE(source.file) << source.error->to_string();
  const auto& ins = source.file->instructions;
  ASSERT_EQ(ins.size(), 3U);
  EXPECT_EQ(programs(checks::docker::commands(ins[1])), "set,apt-get,apt-get");
  EXPECT_EQ(programs(checks::docker::commands(ins[2])), "python3");
}

TEST(DkrShell, ParsesOptionsWithValuesAndClusters) {
  const auto a = parse_args({"apt-get", "-qy", "-o", "Dpkg::Options::=--force-confold", "install",
                             "--no-install-recommends", "-q=2", "curl", "--", "-x"},
                            1, {"-o"});
  EXPECT_EQ(a.positional, (std::vector<std::string>{"install", "curl", "-x"}));
  EXPECT_TRUE(a.has({"-y"}));
  EXPECT_TRUE(a.has({"--no-install-recommends"}));
  EXPECT_EQ(a.values({"-o"}), (std::vector<std::string>{"Dpkg::Options::=--force-confold"}));
  EXPECT_EQ(a.values({"-q"}), (std::vector<std::string>{"", "2"}));
  const auto pip = parse_args({"pip", "install", "-rreq.txt", "--index-url", "https://x", "y"}, 1,
                              {"-r", "--index-url"});
  EXPECT_EQ(pip.positional, (std::vector<std::string>{"install", "y"}));
  EXPECT_EQ(pip.values({"-r"}), (std::vector<std::string>{"req.txt"}));
}

}  // namespace
}  // namespace shipcheck::test
