// The `for` semantics on synthetic timelines: short breaches, exactly the window, flapping,
// no data, relative bounds resolved with the caller's values, and "stable for".
#include "engines/watch/window.h"

#include <limits>

#include <gtest/gtest.h>

namespace shipcheck::watch {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

Trigger window_trigger(std::string_view text) {
  auto t = parse_trigger(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t ? *t : Trigger{};
}

TriggerWindow window_for(std::string_view text, WindowOptions options = {}) {
  const Trigger t = window_trigger(text);
  const auto limit = resolve_limit(t, {});
  EXPECT_TRUE(limit.has_value()) << text;
  return TriggerWindow(t, limit ? *limit : 0, options);
}

// Feeds one sample every 30 s from t = 0, `values` in order; returns the last status.
Status feed_every_30s(TriggerWindow& w, const std::vector<std::optional<double>>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    w.feed({seconds(30 * static_cast<int>(i)), values[i]});
  }
  return w.status();
}

constexpr double k_bad = 0.09;  // for "error_rate > 5%"
constexpr double k_good = 0.01;

TEST(TriggerWindow, ABreachShorterThanTheWindowDoesNotFire) {
  TriggerWindow w = window_for("error_rate > 5% for 2m");
  // Bad from 0 s to 90 s (4 samples), good at 120 s.
  const Status s = feed_every_30s(w, {k_bad, k_bad, k_bad, k_bad, k_good});
  EXPECT_EQ(s.state, State::ok);
  EXPECT_EQ(s.evidence.samples, 4);  // the run that ended
  EXPECT_EQ(s.evidence.first_time, seconds(0));
  EXPECT_EQ(s.evidence.last_time, seconds(90));
}

TEST(TriggerWindow, ExactlyReachingTheWindowFires) {
  TriggerWindow w = window_for("error_rate > 5% for 2m");
  feed_every_30s(w, {k_good, k_bad, k_bad, k_bad, k_bad});
  EXPECT_EQ(w.status().state, State::breaching);
  EXPECT_EQ(w.status().since, seconds(30));
  w.feed({seconds(150), 0.12});  // 2 min after the first bad sample
  const Status& s = w.status();
  ASSERT_EQ(s.state, State::fired);
  EXPECT_EQ(s.since, seconds(30));
  EXPECT_EQ(s.at, seconds(150));
  EXPECT_EQ(s.evidence.samples, 5);
  EXPECT_EQ(s.evidence.first_value, k_bad);
  EXPECT_EQ(s.evidence.last_value, 0.12);
  EXPECT_EQ(s.evidence.worst_value, 0.12);
  EXPECT_EQ(s.why, "error_rate > 5% for 2m: breached for 2m (5 samples, 9% then 12%, worst 12%)");
}

TEST(TriggerWindow, FiredIsFinal) {
  TriggerWindow w = window_for("error_rate > 5% for 30s");
  feed_every_30s(w, {k_bad, k_bad, k_good, k_good});
  EXPECT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().at, seconds(30));
  EXPECT_EQ(w.recent().size(), 4U);  // later samples still reach the sparkline
}

TEST(TriggerWindow, WithoutForTheFirstBreachFires) {
  TriggerWindow w = window_for("p95 > 2s");
  feed_every_30s(w, {1.0, 1.9, 2.5});
  EXPECT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().at, seconds(60));
  EXPECT_EQ(w.status().why, "p95 > 2s: 2.5s at 1m");
}

TEST(TriggerWindow, EqualToTheBoundIsNotAStrictBreach) {
  TriggerWindow gt = window_for("rps < 10");
  feed_every_30s(gt, {10, 10, 10});
  EXPECT_EQ(gt.status().state, State::ok);
  TriggerWindow le = window_for("rps <= 10");
  feed_every_30s(le, {10});
  EXPECT_EQ(le.status().state, State::fired);
}

// Flapping: bad, bad, good, bad, bad, good ... never bad for 2 whole minutes.
TEST(TriggerWindow, FlappingResetsTheClockByDefault) {
  TriggerWindow w = window_for("error_rate > 5% for 2m");
  std::vector<std::optional<double>> flapping;
  for (int i = 0; i < 29; ++i) {
    flapping.push_back(i % 3 == 2 ? k_good : k_bad);
  }
  const Status s = feed_every_30s(w, flapping);
  EXPECT_NE(s.state, State::fired);
  EXPECT_EQ(s.state, State::breaching);
  EXPECT_EQ(s.since, seconds(30 * 27));  // the run that began after the last good sample
}

TEST(TriggerWindow, FlapToleranceLetsARunSurviveShortDips) {
  TriggerWindow w = window_for("error_rate > 5% for 2m", {NoData::ignore, 2});
  // A single good sample no longer ends the run; the trigger fires on the bad one at 2 min.
  feed_every_30s(w, {k_bad, k_bad, k_good, k_bad, k_bad});
  EXPECT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().since, seconds(0));
  EXPECT_EQ(w.status().evidence.samples, 4);
  // Two good samples in a row do.
  TriggerWindow two = window_for("error_rate > 5% for 2m", {NoData::ignore, 2});
  feed_every_30s(two, {k_bad, k_bad, k_good, k_good, k_bad});
  EXPECT_EQ(two.status().state, State::breaching);
  EXPECT_EQ(two.status().since, seconds(120));
}

TEST(TriggerWindow, NoDataIgnoredNeitherBreachesNorResets) {
  TriggerWindow w = window_for("error_rate > 5% for 2m");  // NoData::ignore
  feed_every_30s(w, {k_bad, std::nullopt, std::nullopt, std::nullopt});
  EXPECT_EQ(w.status().state, State::breaching);
  w.feed({seconds(120), k_bad});
  EXPECT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().evidence.samples, 2);
  TriggerWindow quiet = window_for("error_rate > 5%");
  feed_every_30s(quiet, {std::nullopt, std::nullopt});
  EXPECT_EQ(quiet.status().state, State::ok);
}

TEST(TriggerWindow, NoDataAsBreach) {
  TriggerWindow w = window_for("error_rate > 5% for 1m", {NoData::breach});
  feed_every_30s(w, {std::nullopt, k_bad, std::nullopt});
  ASSERT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().evidence.first_value, std::nullopt);
  EXPECT_EQ(w.status().evidence.worst_value, k_bad);
  EXPECT_EQ(w.status().why,
            "error_rate > 5% for 1m: breached for 1m (3 samples, no data then no data, worst 9%)");
}

TEST(TriggerWindow, NoDataFails) {
  TriggerWindow w = window_for("error_rate > 5% for 1m", {NoData::fail});
  feed_every_30s(w, {k_good, std::nullopt, k_bad, k_bad, k_bad});
  EXPECT_EQ(w.status().state, State::error);
  EXPECT_EQ(w.status().at, seconds(30));
  EXPECT_EQ(w.status().why, "'error_rate > 5% for 1m': no data at 30s");
}

TEST(TriggerWindow, NaNIsNoData) {
  TriggerWindow w = window_for("error_rate > 5%", {NoData::fail});
  w.feed({seconds(0), std::numeric_limits<double>::quiet_NaN()});
  EXPECT_EQ(w.status().state, State::error);
}

TEST(TriggerWindow, UnavailableBreachesWithoutAnAnswer) {
  const Trigger t = window_trigger("unavailable for 1m");
  EXPECT_EQ(default_no_data(t), NoData::breach);
  EXPECT_EQ(default_no_data(window_trigger("p95 > 1s")), NoData::ignore);
  TriggerWindow w(t, *resolve_limit(t, {}), {default_no_data(t)});
  feed_every_30s(w, {1, 0, std::nullopt, 0});
  EXPECT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().at, seconds(90));
  EXPECT_EQ(w.status().why,
            "unavailable for 1m: breached for 1m (3 samples, down then down, "
            "worst down)");
}

TEST(TriggerWindow, TimeGoingBackwardsIsAnError) {
  TriggerWindow w = window_for("error_rate > 5%");
  w.feed({seconds(60), k_good});
  w.feed({seconds(30), k_good});
  EXPECT_EQ(w.status().state, State::error);
  EXPECT_EQ(w.status().why, "a sample at 30s came after one at 1m");
}

TEST(TriggerWindow, RecentKeepsTheLastSixtyValues) {
  TriggerWindow w = window_for("rps < 1");
  for (int i = 0; i < 100; ++i) {
    w.feed({seconds(i), i % 10 == 0 ? std::nullopt : std::optional<double>(i + 1)});
  }
  const auto recent = w.recent();
  ASSERT_EQ(recent.size(), k_sparkline_size);
  EXPECT_EQ(recent.front(), std::nullopt);  // i = 40
  EXPECT_EQ(recent[1], 42);
  EXPECT_EQ(recent.back(), 100);
}

TEST(ResolveLimit, BaselineAndCapacityComeFromTheCaller) {
  const Trigger p95 = window_trigger("p95 > 1.5 * baseline for 1m");
  EXPECT_FALSE(resolve_limit(p95, {}).has_value());
  EXPECT_EQ(resolve_limit(p95, {}).error(),
            "'p95 > 1.5 * baseline for 1m' needs a baseline and none is known yet");
  const auto limit = resolve_limit(p95, {0.4, {}});
  ASSERT_TRUE(limit);
  EXPECT_DOUBLE_EQ(*limit, 0.6);
  TriggerWindow w(p95, *limit);
  feed_every_30s(w, {0.5, 0.61, 0.7, 0.65});
  EXPECT_EQ(w.status().state, State::fired);
  EXPECT_EQ(w.status().since, seconds(30));

  const Trigger pool = window_trigger("db_connections > 80% of pool");
  EXPECT_EQ(resolve_limit(pool, {std::nullopt, {{"max", 10}}}).error(),
            "'db_connections > 80% of pool' needs the capacity 'pool' and it is not known");
  const auto pool_limit = resolve_limit(pool, {std::nullopt, {{"pool", 20}}});
  ASSERT_TRUE(pool_limit);
  EXPECT_DOUBLE_EQ(*pool_limit, 16);
  TriggerWindow connections(pool, *pool_limit);
  feed_every_30s(connections, {12, 16});
  EXPECT_EQ(connections.status().state, State::ok);
  connections.feed({seconds(60), 17});
  EXPECT_EQ(connections.status().state, State::fired);
}

TEST(StableWindow, ReachedAfterACalmWindow) {
  StableWindow w(minutes(2));
  EXPECT_FALSE(w.feed(seconds(0), false));
  EXPECT_FALSE(w.feed(seconds(90), false));
  EXPECT_TRUE(w.feed(seconds(120), false));
  EXPECT_EQ(w.reached_at(), seconds(120));
  EXPECT_TRUE(w.feed(seconds(150), true));  // reached is final
}

TEST(StableWindow, ABreachRestartsTheCalm) {
  StableWindow w(minutes(2));
  w.feed(seconds(0), false);
  w.feed(seconds(60), false);
  EXPECT_FALSE(w.feed(seconds(90), true));
  EXPECT_EQ(w.calm_since(), std::nullopt);
  EXPECT_FALSE(w.feed(seconds(120), false));
  EXPECT_EQ(w.calm_since(), seconds(120));
  EXPECT_FALSE(w.feed(seconds(200), false));
  EXPECT_FALSE(w.feed(seconds(100), false));  // earlier than the last: ignored
  EXPECT_TRUE(w.feed(seconds(240), false));
}

}  // namespace
}  // namespace shipcheck::watch
