// SignalLog: medians of the values each signal took, no data left out.
#include "engines/watch/signal_log.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace shipcheck::watch {
namespace {

TEST(SignalLog, MedianOfAnOddAndAnEvenNumberOfValues) {
  SignalLog log;
  for (double v : {0.3, 0.1, 9.0}) {
    log.add("p95", v);
  }
  EXPECT_EQ(log.median("p95"), 0.3);  // the spike does not move it
  log.add("p95", 0.2);
  EXPECT_DOUBLE_EQ(*log.median("p95"), 0.25);
}

TEST(SignalLog, NoDataIsNotAValue) {
  SignalLog log;
  log.add("rps", std::nullopt);
  log.add("rps", std::numeric_limits<double>::quiet_NaN());
  log.add("rps", std::numeric_limits<double>::infinity());
  EXPECT_EQ(log.median("rps"), std::nullopt);
  EXPECT_TRUE(log.medians().empty());
  log.add("rps", 120);
  EXPECT_EQ(log.medians(), (std::map<std::string, double>{{"rps", 120}}));
  EXPECT_EQ(log.median("error_rate"), std::nullopt);
}

TEST(SignalLog, KeepsTheFirstValuesPastItsLimit) {
  SignalLog log;
  for (std::size_t i = 0; i < SignalLog::k_max_values; ++i) {
    log.add("q", 1.0);
  }
  for (int i = 0; i < 10; ++i) {
    log.add("q", 1000.0);
  }
  EXPECT_EQ(log.median("q"), 1.0);
}

}  // namespace
}  // namespace shipcheck::watch
