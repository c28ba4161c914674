// The live terminal view of `shipcheck watch`, rendered to text (see watch_view.h).
#include "cli/watch_view.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "engines/watch/triggers.h"

namespace shipcheck::cli {
namespace {

using std::chrono::milliseconds;

constexpr std::array<std::string_view, 8> k_blocks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr std::string_view k_no_data_block = "·";
constexpr std::string_view k_ellipsis = "…";
constexpr std::string_view k_sgr_red = "31";
constexpr std::string_view k_sgr_green = "32";
// The column where a trigger's sparkline and detail line start, under its text.
constexpr int k_indent = 13;
// A trigger text cut shorter than this says nothing: the line is cut at its end instead.
constexpr int k_min_text_columns = 12;

// A piece of a line, painted with the ANSI SGR `code` ("" = plain).
struct Painted {
  std::string text;
  std::string_view code;
};

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Columns as a terminal shows them, for the text shipcheck writes: one per code point.
int text_columns(std::string_view text) {
  return static_cast<int>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_utf8_continuation(c); }));
}

// The first `n` columns of `text`, never splitting a code point.
std::string_view first_columns(std::string_view text, int n) {
  std::size_t at = 0;
  for (int seen = 0; at < text.size(); ++at) {
    if (!is_utf8_continuation(text[at]) && seen++ == n) {
      break;
    }
  }
  return text.substr(0, at);
}

std::string ansi_paint(std::string_view text, std::string_view code, bool color) {
  if (!color || code.empty() || text.empty()) {
    return std::string(text);
  }
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

// The segments as one line of at most `width` columns, ending in '\n'. Colour codes are
// added after the cut, so they never count as columns nor get cut in half.
std::string join_line(const std::vector<Painted>& segments, int width, bool color) {
  int total = 0;
  for (const auto& s : segments) {
    total += text_columns(s.text);
  }
  const bool cut = total > width;
  int room = cut ? width - 1 : width;  // the last column then holds '…'
  std::string line;
  for (const auto& s : segments) {
    if (room <= 0) {
      break;
    }
    const auto shown = first_columns(s.text, room);
    line += ansi_paint(shown, s.code, color);
    room -= text_columns(shown);
  }
  if (cut && width > 0) {
    line += k_ellipsis;
  }
  return line + '\n';
}

// Shown durations: whole seconds past the first one (a round lands a few ms after its
// tick, and "10s2ms" is noise), milliseconds below (a test's 100ms interval).
std::string view_duration(milliseconds d) {
  d = std::max(d, milliseconds(0));
  return watch::format_duration(
      d >= std::chrono::seconds(1) ? std::chrono::floor<std::chrono::seconds>(d) : d);
}

// When elapsed is rounded down to the second, time left rounds up, as a countdown does, so
// the two add up to the window.
std::string time_left(const WatchFrame& frame) {
  const auto left = std::max(frame.window - frame.elapsed, milliseconds(0));
  return watch::format_duration(frame.elapsed >= std::chrono::seconds(1)
                                    ? std::chrono::ceil<std::chrono::seconds>(left)
                                    : left);
}

struct Scale {
  double low = 0;
  double high = 0;
};

// The limit counts, so a sparkline that stays far below its limit stays low.
Scale scale_of(std::span<const std::optional<double>> values, double limit) {
  Scale s{limit, limit};
  for (const auto& v : values) {
    if (v && std::isfinite(*v)) {
      s.low = std::min(s.low, *v);
      s.high = std::max(s.high, *v);
    }
  }
  return s;
}

std::string_view spark_block(std::optional<double> value, const Scale& s) {
  if (!value || std::isnan(*value)) {
    return k_no_data_block;
  }
  if (std::isinf(*value)) {
    return *value > 0 ? k_blocks.back() : k_blocks.front();
  }
  if (s.high <= s.low) {
    return k_blocks[3];
  }
  const double level = (*value - s.low) / (s.high - s.low) * (k_blocks.size() - 1);
  return k_blocks[static_cast<std::size_t>(std::lround(level))];
}

std::string_view state_tag(watch::State state) {
  switch (state) {
    case watch::State::ok:
      return "ok";
    case watch::State::breaching:
      return "BREACHING";
    case watch::State::fired:
      return "FIRED";
    case watch::State::error:
      return "ERROR";
  }
  return "?";
}

std::string_view state_color(watch::State state) {
  return state == watch::State::ok ? k_sgr_green : k_sgr_red;
}

std::optional<double> newest_sample(const watch::TriggerWindow& w) {
  const auto recent = w.recent();
  return recent.empty() ? std::nullopt : recent.back();
}

// "now 7.2%, limit 5%"; `unavailable` has only "now up" (its limit is "up" itself).
std::string value_and_limit(const watch::TriggerWindow& w) {
  const auto value = newest_sample(w);
  const auto now = value ? watch::format_value(w.trigger(), *value) : std::string("no data");
  if (w.trigger().signal == watch::Signal::health) {
    return fmt::format("now {}", now);
  }
  return fmt::format("now {}, limit {}", now, watch::format_value(w.trigger(), w.limit()));
}

// "  BREACHING  p95 > 2s for 5m  now 2.3s, limit 2s": the trigger text is what gives way
// when the line is too wide, so the value and the limit stay in sight.
std::string trigger_line(const watch::TriggerWindow& w, int width, bool color) {
  const auto state = w.status().state;
  const std::string tag = fmt::format("{:<{}}", state_tag(state), k_indent - 3);
  const std::string tail = "  " + value_and_limit(w);
  std::string text = w.trigger().text;
  const int room = width - k_indent - text_columns(tail);
  if (text_columns(text) > room && room >= k_min_text_columns) {
    text = fit(text, room);
  }
  return join_line({{"  ", {}}, {tag, state_color(state)}, {" " + text, {}}, {tail, {}}}, width,
                   color);
}

bool sample_breaches(const watch::TriggerWindow& w, const std::optional<double>& v) {
  return v && !std::isnan(*v) && watch::breaches(w.trigger(), w.limit(), *v);
}

// The newest samples that fit, oldest first; a breaching sample red, runs painted at once.
std::string sparkline_line(const watch::TriggerWindow& w, int width, bool color) {
  auto values = w.recent();
  const auto fits = static_cast<std::size_t>(std::max(0, width - k_indent));
  if (values.size() > fits) {
    values.erase(values.begin(), values.end() - static_cast<std::ptrdiff_t>(fits));
  }
  // `unavailable`'s samples are 1 (up) or 0 (down), its limit 1: up is a full bar, even
  // when every poll was up.
  const Scale scale =
      w.trigger().signal == watch::Signal::health ? Scale{0, 1} : scale_of(values, w.limit());
  std::vector<Painted> segments{{std::string(k_indent, ' '), {}}};
  for (const auto& v : values) {
    const std::string_view code = sample_breaches(w, v) ? k_sgr_red : std::string_view();
    if (segments.back().code != code) {
      segments.push_back({{}, code});
    }
    segments.back().text += spark_block(v, scale);
  }
  return join_line(segments, width, color);
}

// Under a breaching trigger, how far along its `for` it is; under a fired one, why.
std::string detail_line(const watch::TriggerWindow& w, milliseconds now, int width, bool color) {
  const auto& status = w.status();
  const std::string indent(k_indent, ' ');
  if (status.state == watch::State::breaching) {
    const auto text =
        fmt::format("breaching for {} (fires after {})", view_duration(now - status.since),
                    watch::format_duration(w.trigger().window));
    return join_line({{indent, {}}, {text, k_sgr_red}}, width, color);
  }
  if (status.state == watch::State::fired || status.state == watch::State::error) {
    return join_line({{indent, {}}, {status.why, k_sgr_red}}, width, color);
  }
  return {};
}

// "watching http://127.0.0.1:8080  2m10s of 30m, 27m50s left, every 10s"
std::string window_line(const WatchFrame& frame, int width) {
  const auto text = fmt::format("watching {}  {} of {}, {} left, every {}", frame.service_url,
                                view_duration(frame.elapsed), watch::format_duration(frame.window),
                                time_left(frame), watch::format_duration(frame.interval));
  return join_line({{text, {}}}, width, false);
}

// "health up, answered 13 of 13 polls"
std::string health_line(const WatchFrame& frame, int width, bool color) {
  return join_line(
      {{"health ", {}},
       {frame.health_up ? "up" : "down", frame.health_up ? k_sgr_green : k_sgr_red},
       {fmt::format(", answered {} of {} polls", frame.healthy_polls, frame.polls), {}}},
      width, color);
}

}  // namespace

std::string fit(std::string_view text, int width) {
  std::string line = join_line({{std::string(text), {}}}, width, false);
  line.pop_back();  // the '\n'
  return line;
}

std::string sparkline(std::span<const std::optional<double>> values, double limit) {
  const Scale scale = scale_of(values, limit);
  std::string out;
  for (const auto& v : values) {
    out += spark_block(v, scale);
  }
  return out;
}

std::string render_watch_frame(const WatchFrame& frame, int width, bool color) {
  std::string out = window_line(frame, width) + health_line(frame, width, color);
  for (const auto& w : frame.triggers) {
    out += trigger_line(w, width, color);
    out += sparkline_line(w, width, color);
    out += detail_line(w, frame.elapsed, width, color);
  }
  for (const auto& text : frame.measuring) {
    out += fit(fmt::format("  measuring  {}  (its baseline, until {})", text,
                           watch::format_duration(frame.measured_until)),
               width) +
           '\n';
  }
  return out;
}

std::string fit_rows(const std::string& frame, int rows, int width) {
  const auto lines = static_cast<int>(std::count(frame.begin(), frame.end(), '\n'));
  if (rows < 2 || lines <= rows - 1) {
    return frame;
  }
  std::size_t end = 0;
  for (int kept = 0; kept < rows - 2; ++kept) {
    end = frame.find('\n', end) + 1;
  }
  const int left_out = lines - (rows - 2);
  return frame.substr(0, end) +
         fit(fmt::format("… {} more lines (a taller terminal shows them)", left_out), width) + '\n';
}

std::string erase_lines(int lines) {
  return lines > 0 ? fmt::format("\x1b[{}A\r\x1b[J", lines) : std::string();
}

}  // namespace shipcheck::cli
