// Score and verdict (DESIGN.md "Results, score, verdict").
#include "core/score.h"

#include <gtest/gtest.h>

namespace shipcheck {
namespace {

Result result(Severity severity, Status status) {
  Result r;
  r.rule = "TST001";
  r.severity = severity;
  r.status = status;
  r.message = "m";
  return r;
}

TEST(Score, WeightsPassedOverApplicable) {
  // critical pass (10) + high fail (5) + medium pass (3) + low skip (n/a): 13 / 18.
  const std::vector<Result> results{
      result(Severity::critical, Status::pass), result(Severity::high, Status::fail),
      result(Severity::medium, Status::pass), result(Severity::low, Status::skip)};
  EXPECT_EQ(compute_score(results), 72);
}

TEST(Score, ErrorCountsAsNotPassed) {
  EXPECT_EQ(compute_score(
                {result(Severity::medium, Status::error), result(Severity::medium, Status::pass)}),
            50);
}

TEST(Score, EmptyIsHundred) {
  EXPECT_EQ(compute_score({}), 100);
}

TEST(Verdict, NotReadyWhenHighFailsDespiteHighScore) {
  Report report;
  for (int i = 0; i < 50; ++i) {
    report.results.push_back(result(Severity::critical, Status::pass));
  }
  report.results.push_back(result(Severity::high, Status::fail));
  decide_verdict(report);
  EXPECT_GE(report.score, 90);
  EXPECT_FALSE(report.ready);
  ASSERT_EQ(report.decided_by.size(), 1U);
  EXPECT_NE(report.decided_by[0].find("TST001"), std::string::npos);
}

TEST(Verdict, ManyFindingsOfOneRuleMakeOneLine) {
  Report report;
  for (int i = 0; i < 3; ++i) {
    report.results.push_back(result(Severity::critical, Status::fail));
  }
  decide_verdict(report);
  ASSERT_EQ(report.decided_by.size(), 2U);  // the rule, then the score
  EXPECT_NE(report.decided_by[0].find("and 2 more"), std::string::npos) << report.decided_by[0];
}

TEST(Verdict, ReadyWhenOnlyLowFailsAboveMinScore) {
  Report report;
  for (int i = 0; i < 10; ++i) {
    report.results.push_back(result(Severity::critical, Status::pass));
  }
  report.results.push_back(result(Severity::low, Status::fail));
  decide_verdict(report);
  EXPECT_EQ(report.score, 99);
  EXPECT_TRUE(report.ready);
}

TEST(Verdict, NotReadyBelowMinScore) {
  Report report;
  report.results.push_back(result(Severity::medium, Status::pass));
  report.results.push_back(result(Severity::medium, Status::fail));
  decide_verdict(report);
  EXPECT_FALSE(report.ready);
}

TEST(Verdict, UnsignedRequiredManualItemBlocks) {
  Report report;
  report.manual.push_back(ManualRecord{"notify-team", "Notify team", "", true, {}, {}, {}});
  decide_verdict(report);
  EXPECT_FALSE(report.ready);
  EXPECT_EQ(report.summary.manual, 1);
}

TEST(Verdict, ManyUnsignedManualItemsMakeOneLine) {
  Report report;
  for (const char* id : {"a", "b", "c", "d", "e"}) {
    report.manual.push_back(ManualRecord{id, id, "", true, {}, {}, {}});
  }
  report.manual.push_back(ManualRecord{"optional", "o", "", false, {}, {}, {}});
  decide_verdict(report);
  EXPECT_FALSE(report.ready);
  EXPECT_EQ(report.decided_by,
            std::vector<std::string>{
                "5 required manual items are not signed off ('a', 'b', 'c' and 2 more)"});
  report.manual.resize(2);
  decide_verdict(report);
  EXPECT_EQ(report.decided_by, (std::vector<std::string>{"manual item 'a' is not signed off",
                                                         "manual item 'b' is not signed off"}));
}

}  // namespace
}  // namespace shipcheck
