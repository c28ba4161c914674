// Runner: parallelism, per-check timeouts, exceptions become `error` results.
#include "core/runner.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "checks/context.h"

namespace shipcheck {
namespace {

class FakeCheck final : public Check {
 public:
  FakeCheck(std::string id, std::function<std::vector<Result>(const FakeCheck&)> body)
      : Check(RuleInfo{std::move(id), "test", "t", Severity::medium, ""}),
        m_body(std::move(body)) {}
  std::vector<Result> run(const Context&) const override { return m_body(*this); }
  Result passed() const { return pass("ok"); }

 private:
  std::function<std::vector<Result>(const FakeCheck&)> m_body;
};

struct RunnerTest : ::testing::Test {
  Config config;
  Context ctx{config, {}, std::nullopt, {}, {}};
};

TEST_F(RunnerTest, KeepsCheckOrderWhateverTheFinishingOrder) {
  FakeCheck slow("TST001", [](const FakeCheck& c) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::vector<Result>{c.passed()};
  });
  FakeCheck fast("TST002", [](const FakeCheck& c) { return std::vector<Result>{c.passed()}; });
  const auto outcome = run_checks({&slow, &fast}, ctx, {2, std::chrono::seconds(5), {}});
  ASSERT_EQ(outcome.results.size(), 2U);
  EXPECT_EQ(outcome.results[0].rule, "TST001");
  EXPECT_EQ(outcome.results[1].rule, "TST002");
  EXPECT_FALSE(outcome.abandoned);
}

TEST_F(RunnerTest, RunsChecksInParallelUpToJobs) {
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  auto body = [&](const FakeCheck& c) {
    const int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    --running;
    return std::vector<Result>{c.passed()};
  };
  FakeCheck a("TST001", body), b("TST002", body), c("TST003", body), d("TST004", body);
  run_checks({&a, &b, &c, &d}, ctx, {2, std::chrono::seconds(5), {}});
  EXPECT_EQ(peak.load(), 2);
}

TEST_F(RunnerTest, TurnsAnExceptionIntoAnErrorForThatCheckOnly) {
  FakeCheck thrower(
      "TST001", [](const FakeCheck&) -> std::vector<Result> { throw std::runtime_error("boom"); });
  FakeCheck fine("TST002", [](const FakeCheck& c) { return std::vector<Result>{c.passed()}; });
  const auto outcome = run_checks({&thrower, &fine}, ctx, {1, std::chrono::seconds(5), {}});
  ASSERT_EQ(outcome.results.size(), 2U);
  EXPECT_EQ(outcome.results[0].status, Status::error);
  EXPECT_NE(outcome.results[0].message.find("boom"), std::string::npos);
  EXPECT_EQ(outcome.results[1].status, Status::pass);
}

TEST_F(RunnerTest, TimesOutAHungCheckAndGoesOn) {
  // The hung check waits on a flag the test releases afterwards, so nothing outlives ctx.
  auto release = std::make_shared<std::atomic<bool>>(false);
  FakeCheck hung("TST001", [release](const FakeCheck& c) {
    while (!release->load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::vector<Result>{c.passed()};
  });
  FakeCheck fine("TST002", [](const FakeCheck& c) { return std::vector<Result>{c.passed()}; });
  const auto outcome = run_checks({&hung, &fine}, ctx, {1, std::chrono::milliseconds(100), {}});
  release->store(true);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(outcome.results.size(), 2U);
  EXPECT_EQ(outcome.results[0].status, Status::error);
  EXPECT_NE(outcome.results[0].message.find("did not finish"), std::string::npos);
  EXPECT_EQ(outcome.results[1].status, Status::pass);
  EXPECT_TRUE(outcome.abandoned);
}

// A worker still tearing down when the process exits leaks its thread-locals (OpenSSL's
// per-thread state showed up in LeakSanitizer): finished workers are joined, not detached.
std::atomic<int> g_thread_locals_destroyed{0};
struct CountsItsDestruction {
  bool used = false;
  ~CountsItsDestruction() {
    if (used) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      ++g_thread_locals_destroyed;
    }
  }
};
thread_local CountsItsDestruction t_state;

TEST_F(RunnerTest, FinishedWorkersHaveEndedWhenItReturns) {
  g_thread_locals_destroyed = 0;
  auto body = [](const FakeCheck& c) {
    t_state.used = true;
    return std::vector<Result>{c.passed()};
  };
  FakeCheck a("TST001", body), b("TST002", body), c("TST003", body);
  const auto outcome = run_checks({&a, &b, &c}, ctx, {2, std::chrono::seconds(5), {}});
  EXPECT_FALSE(outcome.abandoned);
  EXPECT_EQ(g_thread_locals_destroyed.load(), 3);
}

TEST_F(RunnerTest, EmptyResultListIsAnError) {
  FakeCheck empty("TST001", [](const FakeCheck&) { return std::vector<Result>{}; });
  const auto outcome = run_checks({&empty}, ctx, {1, std::chrono::seconds(5), {}});
  ASSERT_EQ(outcome.results.size(), 1U);
  EXPECT_EQ(outcome.results[0].status, Status::error);
}

}  // namespace
}  // namespace shipcheck
