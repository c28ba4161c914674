// The live terminal view of `shipcheck watch`: a frame (the window's progress, the health
// poll, and per trigger its state, value, limit and a sparkline of its recent samples)
// rendered to text. Pure: the caller owns the terminal, its size and the cursor.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engines/watch/window.h"

namespace shipcheck::cli {

struct WatchFrame {
  std::string service_url;
  std::chrono::milliseconds elapsed{0};   // since the watch started: "now" for the frame
  std::chrono::milliseconds window{0};    // how long the watch lasts
  std::chrono::milliseconds interval{0};  // between polls
  bool health_up = false;                 // the last health poll answered 2xx
  std::int64_t healthy_polls = 0;         // health polls answered 2xx, of
  std::int64_t polls = 0;                 // all health polls so far
  // Not owned: they must outlive the frame. Their recent() values make the sparklines, and
  // the last of them is the value shown.
  std::span<const watch::TriggerWindow> triggers;
  // "K * baseline" triggers still measuring their baseline (not judged yet), and until when.
  std::vector<std::string> measuring;
  std::chrono::milliseconds measured_until{0};
};

// The frame as lines of at most `width` columns (counting a UTF-8 code point as one
// column), each ending in '\n'; ANSI colours only when `color` (red for breaching, fired
// and could-not-judge, green for ok).
std::string render_watch_frame(const WatchFrame& frame, int width, bool color);

// `values` as block characters ▁..█, one per value, scaled between the lowest and the
// highest of the finite values and `limit` (so a bar's height says how near the limit it
// is); no data (nullopt, NaN) is '·', +inf '█' and -inf '▁'. All equal: '▄'.
std::string sparkline(std::span<const std::optional<double>> values, double limit);

// `text` cut to `width` columns, its last one '…' when cut.
std::string fit(std::string_view text, int width);

// `frame` cut to at most `rows` - 1 lines (a frame as tall as the terminal scrolls its top
// line away, where the cursor cannot go back up to erase it); the last line kept then says
// how many were left out. `rows` < 2 leaves the frame as is (the size is not known).
std::string fit_rows(const std::string& frame, int rows, int width);

// What erases a frame of `lines` lines drawn just above the cursor: up that many lines,
// then clear to the end of the screen (the scrollback above stays as it is).
std::string erase_lines(int lines);

}  // namespace shipcheck::cli
