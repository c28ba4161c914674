// Facts: variables in scope per instruction (BuildKit's scoping) and commands per RUN,
// computed once per file.
#include "checks/docker/facts.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"

namespace shipcheck::test {
namespace {

namespace docker = checks::docker;

const dockerfile::Instruction& instruction(const checks::infra::DockerfileSource& source,
                                           std::size_t index) {
  return source.file->instructions.at(index);
}

TEST(DkrFacts, VariablesFollowBuildKitScoping) {
  const auto source = dockerfile(
      "ARG G=global\nARG H=other\nFROM a:1 AS base\nARG G\nENV E=$G-env\nARG L=local\n"
      "FROM base\nRUN true\n");
  ASSERT_TRUE(source.file);
  const auto& in_base = docker::vars_before(source, instruction(source, 5));  // before ARG L
  EXPECT_EQ(in_base.at("G"), "global");
  EXPECT_EQ(in_base.at("E"), "global-env");
  EXPECT_EQ(in_base.count("H"), 0U);  // a global ARG not redeclared is not in scope
  EXPECT_EQ(in_base.count("L"), 0U);  // not yet declared
  const auto& in_child = docker::vars_before(source, instruction(source, 7));
  EXPECT_EQ(in_child.at("E"), "global-env");  // ENV is inherited
  EXPECT_EQ(in_child.count("L"), 0U);         // ARG is not
  EXPECT_EQ(in_child.count("G"), 0U);
  const auto& global = docker::vars_before(source, instruction(source, 1));
  EXPECT_EQ(global.at("G"), "global");
  EXPECT_EQ(global.at("H"), "other");
}

TEST(DkrFacts, EnvWinsOverArgAndLaterValuesReplaceEarlierOnes) {
  const auto source = dockerfile(
      "FROM a:1\nARG V=arg\nENV V=env\nRUN one\nENV V=again W=${V}-w\nRUN two\n"
      "FROM a:1\nRUN three\n");
  ASSERT_TRUE(source.file);
  EXPECT_EQ(docker::vars_before(source, instruction(source, 3)).at("V"), "env");
  const auto& before_two = docker::vars_before(source, instruction(source, 5));
  EXPECT_EQ(before_two.at("V"), "again");
  EXPECT_EQ(before_two.at("W"), "env-w");  // expanded in the scope before the instruction
  EXPECT_TRUE(docker::vars_before(source, instruction(source, 7)).empty());  // unrelated stage
}

TEST(DkrFacts, CommandsOfRunCmdAndEntrypointOnly) {
  const auto source = dockerfile(
      "FROM a:1\nRUN apt-get update && apt-get install -y curl\nENV A=1\nCMD python3 app.py\n");
  ASSERT_TRUE(source.file);
  const auto& run = docker::commands_of(source, instruction(source, 1));
  ASSERT_EQ(run.size(), 2U);
  EXPECT_EQ(run[1].program(), "apt-get");
  EXPECT_TRUE(docker::commands_of(source, instruction(source, 2)).empty());
  ASSERT_EQ(docker::commands_of(source, instruction(source, 3)).size(), 1U);
  EXPECT_EQ(docker::commands_of(source, instruction(source, 3))[0].program(), "python3");
}

TEST(DkrFacts, AnInstructionOfAnotherFileIsRefused) {
  const auto one = dockerfile("FROM a:1\nRUN true\n");
  const auto other = dockerfile("FROM a:1\nRUN true\n");
  ASSERT_TRUE(one.file && other.file);
  EXPECT_THROW(docker::commands_of(one, instruction(other, 1)), std::logic_error);
  auto bare = one;
  bare.facts.reset();
  EXPECT_THROW(docker::vars_before(bare, instruction(bare, 1)), std::logic_error);
}

}  // namespace
}  // namespace shipcheck::test
