// The run pipeline's ordering: checks that disturb the service run after all the others.
#include "cli/pipeline.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::cli {
namespace {

std::atomic<int> g_finished_first{0};

// A slow ordinary check, and one that says how many of those had finished when it ran.
class SlowCheck final : public Check {
 public:
  explicit SlowCheck(std::string id)
      : Check(RuleInfo{std::move(id), "test", "slow", Severity::low, ""}) {}
  std::vector<Result> run(const Context&) const override {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ++g_finished_first;
    return {pass("done")};
  }
};

class LastCheck final : public Check {
 public:
  LastCheck() : Check(RuleInfo{"TST900", "test", "last", Severity::low, ""}) {}
  bool runs_last() const override { return true; }
  std::vector<Result> run(const Context&) const override {
    return {pass(std::to_string(g_finished_first.load()))};
  }
};

TEST(ExecuteRun, ChecksThatRunLastStartAfterEveryOtherHasFinished) {
  test::TempDir dir;
  Registry registry;
  registry.emplace<LastCheck>();  // registered first, still run last
  registry.emplace<SlowCheck>("TST001");
  registry.emplace<SlowCheck>("TST002");
  RunRequest request;
  request.given_config = test::config_for(dir.path());
  request.jobs = 4;
  request.load_env_file = false;
  auto output = execute_run(registry, request);
  ASSERT_TRUE(output.has_value()) << output.error().to_string();
  ASSERT_EQ(output->report.results.size(), 3U);
  const Result& last = output->report.results.back();
  EXPECT_EQ(last.rule, "TST900");
  EXPECT_EQ(last.message, "2");
}

TEST(ExecuteRun, EachRoundRunsOnlyItsOwnChecks) {
  test::TempDir dir;
  Registry registry;
  registry.emplace<LastCheck>();
  registry.emplace<SlowCheck>("TST001");
  RunRequest request;
  request.given_config = test::config_for(dir.path());
  request.load_env_file = false;
  for (const auto& [round, rule] :
       {std::pair{Round::ordinary, "TST001"}, std::pair{Round::disturbing, "TST900"}}) {
    request.round = round;
    auto output = execute_run(registry, request);
    ASSERT_TRUE(output.has_value()) << output.error().to_string();
    ASSERT_EQ(output->report.results.size(), 1U);
    EXPECT_EQ(output->report.results.front().rule, rule);
  }
}

}  // namespace
}  // namespace shipcheck::cli
