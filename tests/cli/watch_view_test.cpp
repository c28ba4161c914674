// The live view's frames, rendered from real trigger windows fed with samples: sparklines,
// the breaching and fired lines, narrow terminals, colour on and off, and no-data samples.
#include "cli/watch_view.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

namespace shipcheck::cli {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

watch::TriggerWindow view_window(std::string_view text) {
  const auto trigger = watch::parse_trigger(text);
  EXPECT_TRUE(trigger.has_value()) << text;
  if (!trigger) {
    return watch::TriggerWindow(watch::Trigger{}, 0);
  }
  const auto limit = watch::resolve_limit(*trigger, {});
  EXPECT_TRUE(limit.has_value()) << text;
  watch::WindowOptions options;
  options.on_no_data = watch::default_no_data(*trigger);  // as `shipcheck watch` has it
  return watch::TriggerWindow(*trigger, limit.value_or(0), options);
}

// One sample every 30 s from t = 0, `values` in order.
void feed_view(watch::TriggerWindow& w, const std::vector<std::optional<double>>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    w.feed({seconds(30 * static_cast<int>(i)), values[i]});
  }
}

WatchFrame frame_over(std::span<const watch::TriggerWindow> triggers,
                      std::chrono::milliseconds at) {
  WatchFrame frame;
  frame.service_url = "http://127.0.0.1:8080";
  frame.elapsed = at;
  frame.window = minutes(30);
  frame.interval = seconds(30);
  frame.health_up = true;
  frame.healthy_polls = 5;
  frame.polls = 6;
  frame.triggers = triggers;
  return frame;
}

std::vector<std::string> frame_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// Columns as the terminal counts them for this text: one per UTF-8 code point.
int view_columns(std::string_view line) {
  return static_cast<int>(std::count_if(line.begin(), line.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The frame's line that contains `needle` ("" when none does).
std::string line_with(const std::string& frame, std::string_view needle) {
  for (const auto& line : frame_lines(frame)) {
    if (line.find(needle) != std::string::npos) {
      return line;
    }
  }
  return {};
}

TEST(WatchView, SparklineSpansTheValuesAndTheLimit) {
  const std::vector<std::optional<double>> rising{0, 1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(sparkline(rising, 7), "▁▂▃▄▅▆▇█");
  // Far below a high limit, the values stay low: the bars say how near the limit they are.
  const std::vector<std::optional<double>> low{1, 2};
  EXPECT_EQ(sparkline(low, 8), "▁▂");
  const std::vector<std::optional<double>> flat{3, 3};
  EXPECT_EQ(sparkline(flat, 3), "▄▄");
}

TEST(WatchView, ATriggersSparklineShowsItsSamplesOldestFirst) {
  std::vector<watch::TriggerWindow> windows{view_window("error_rate > 5% for 5m")};
  feed_view(windows[0], {0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07});
  const auto frame = render_watch_frame(frame_over(windows, minutes(4)), 80, false);
  EXPECT_NE(frame.find("             ▁▂▃▄▅▆▇█\n"), std::string::npos) << frame;
  EXPECT_NE(frame.find("error_rate > 5% for 5m  now 7%, limit 5%"), std::string::npos) << frame;
}

TEST(WatchView, NoDataSamplesAreDots) {
  std::vector<watch::TriggerWindow> windows{view_window("p95 > 2s for 5m")};
  feed_view(windows[0],
            {0.5, std::nullopt, 2.0, std::numeric_limits<double>::quiet_NaN(), std::nullopt});
  const auto frame = render_watch_frame(frame_over(windows, minutes(2)), 80, false);
  EXPECT_NE(frame.find("             ▁·█··\n"), std::string::npos) << frame;
  EXPECT_NE(frame.find("now no data, limit 2s"), std::string::npos) << frame;
}

TEST(WatchView, ABreachingTriggerSaysHowLongOfItsFor) {
  std::vector<watch::TriggerWindow> windows{view_window("error_rate > 5% for 2m")};
  feed_view(windows[0], {0.01, 0.09, 0.09, 0.09});  // breaching since 30s
  const auto frame = render_watch_frame(frame_over(windows, seconds(100)), 80, false);
  EXPECT_EQ(windows[0].status().state, watch::State::breaching);
  EXPECT_NE(frame.find("  BREACHING  error_rate > 5% for 2m  now 9%, limit 5%\n"),
            std::string::npos)
      << frame;
  EXPECT_NE(frame.find("             breaching for 1m10s (fires after 2m)\n"), std::string::npos)
      << frame;
}

TEST(WatchView, AFiredTriggerSaysWhy) {
  std::vector<watch::TriggerWindow> windows{view_window("unavailable for 1m")};
  feed_view(windows[0], {1, 0, 0, 0});
  ASSERT_EQ(windows[0].status().state, watch::State::fired);
  const auto frame = render_watch_frame(frame_over(windows, seconds(90)), 200, false);
  const auto trigger = line_with(frame, "unavailable for 1m");
  EXPECT_EQ(trigger, "  FIRED      unavailable for 1m  now down") << frame;
  EXPECT_NE(line_with(frame, windows[0].status().why), "") << frame;
  EXPECT_NE(frame.find("             █▁▁▁\n"), std::string::npos) << frame;
}

TEST(WatchView, TheHeaderSaysTimeLeftAndTheHealthPolls) {
  std::vector<watch::TriggerWindow> windows{view_window("unavailable for 2m")};
  feed_view(windows[0], {1});
  const auto frame = render_watch_frame(
      frame_over(windows, seconds(70) + std::chrono::milliseconds(4)), 80, false);
  const auto lines = frame_lines(frame);
  ASSERT_GE(lines.size(), 2U) << frame;
  EXPECT_EQ(lines[0], "watching http://127.0.0.1:8080  1m10s of 30m, 28m50s left, every 30s");
  EXPECT_EQ(lines[1], "health up, answered 5 of 6 polls");
  EXPECT_EQ(lines[3], "             █") << "up is a full bar, though it is the limit";
  const auto early =
      render_watch_frame(frame_over(windows, std::chrono::milliseconds(300)), 80, false);
  EXPECT_EQ(frame_lines(early)[0],
            "watching http://127.0.0.1:8080  300ms of 30m, 29m59s700ms left, every 30s");
}

TEST(WatchView, ANarrowTerminalCutsTheTriggerTextNotItsValue) {
  std::vector<watch::TriggerWindow> windows{
      view_window("query(\"sum(rate(http_requests_total{status=~'5..'}[1m]))\") > 3 for 2m")};
  std::vector<std::optional<double>> values(70, 1.0);
  feed_view(windows[0], values);
  const int width = 50;
  const auto frame = render_watch_frame(frame_over(windows, minutes(29)), width, false);
  for (const auto& line : frame_lines(frame)) {
    EXPECT_LE(view_columns(line), width) << line;
  }
  const auto trigger = line_with(frame, "query(");
  EXPECT_NE(trigger.find("…  now 1, limit 3"), std::string::npos) << frame;
  EXPECT_EQ(view_columns(trigger), width) << trigger;
  // The sparkline keeps the newest samples that fit beside its indent.
  EXPECT_EQ(view_columns(line_with(frame, "▁")), width) << frame;
  EXPECT_EQ(view_columns(line_with(frame, "watching")), width) << frame;
  EXPECT_NE(line_with(frame, "watching").find("…"), std::string::npos) << frame;
}

TEST(WatchView, NoEscapeBytesWithoutColour) {
  std::vector<watch::TriggerWindow> windows{view_window("error_rate > 5% for 2m"),
                                            view_window("p95 > 2s for 5m")};
  feed_view(windows[0], {0.01, 0.09, 0.09});
  feed_view(windows[1], {0.1, 0.2, 0.3});
  const auto plain = render_watch_frame(frame_over(windows, minutes(1)), 80, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos) << plain;
  const auto painted = render_watch_frame(frame_over(windows, minutes(1)), 80, true);
  EXPECT_NE(painted.find("\x1b[31mBREACHING"), std::string::npos) << painted;
  EXPECT_NE(painted.find("\x1b[32mok"), std::string::npos) << painted;
  EXPECT_NE(painted.find("\x1b[31m██\x1b[0m"), std::string::npos) << "breaching samples red";
  // Colour adds no columns: stripped of its codes, the painted frame is the plain one.
  std::string stripped;
  for (std::size_t at = 0; at < painted.size(); ++at) {
    if (painted[at] == '\x1b') {
      at = painted.find('m', at);
    } else {
      stripped += painted[at];
    }
  }
  EXPECT_EQ(stripped, plain);
}

TEST(WatchView, TriggersMeasuringTheirBaselineAreListed) {
  std::vector<watch::TriggerWindow> none;
  WatchFrame frame = frame_over(none, std::chrono::seconds(30));
  frame.measuring = {"p95 > 1.5 * baseline for 5m"};
  frame.measured_until = std::chrono::minutes(2);
  const std::string out = render_watch_frame(frame, 80, false);
  EXPECT_NE(out.find("  measuring  p95 > 1.5 * baseline for 5m  (its baseline, until 2m)\n"),
            std::string::npos)
      << out;
}

TEST(WatchView, FitCutsAtACodePoint) {
  EXPECT_EQ(fit("abcdef", 6), "abcdef");
  EXPECT_EQ(fit("abcdef", 4), "abc…");
  EXPECT_EQ(fit("▁▂▃▄▅", 3), "▁▂…");
  EXPECT_EQ(fit("abc", 0), "");
}

TEST(WatchView, ATallFrameKeepsToTheTerminalsRows) {
  const std::string frame = "1\n2\n3\n4\n5\n";
  EXPECT_EQ(fit_rows(frame, 6, 80), frame);
  EXPECT_EQ(fit_rows(frame, 0, 80), frame) << "rows unknown";
  EXPECT_EQ(fit_rows(frame, 4, 80), "1\n2\n… 3 more lines (a taller terminal shows them)\n");
}

TEST(WatchView, EraseMovesUpAndClearsBelow) {
  EXPECT_EQ(erase_lines(0), "");
  EXPECT_EQ(erase_lines(7), "\x1b[7A\r\x1b[J");
}

}  // namespace
}  // namespace shipcheck::cli
