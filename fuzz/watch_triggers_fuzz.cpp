// Fuzzes parse_trigger and parse_success (never crash; an error lies within the text; a
// parsed trigger is finite and its canonical spelling parses back to the same trigger),
// then feeds a TriggerWindow samples made of the same bytes (its status stays consistent).
// The bytes are also a series selector for metric("...") (an error lies within the text).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engines/prom/series.h"
#include "engines/watch/triggers.h"
#include "engines/watch/window.h"

namespace {

using namespace shipcheck::watch;

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

void check_round_trip(const Trigger& t) {
  const std::string canonical = to_string(t);
  const auto again = parse_trigger(canonical);
  require(again.has_value());
  require(again->signal == t.signal && again->op == t.op && again->source == t.source);
  require(again->bound.kind == t.bound.kind && again->bound.capacity == t.bound.capacity);
  require(std::fabs(again->bound.value - t.bound.value) <= 1e-9 * std::fmax(1, t.bound.value));
  require(again->window == t.window && to_string(*again) == canonical);
}

// Samples from the bytes: each byte a value (255 = no data) one poll interval apart.
void feed_window(const Trigger& t, std::string_view bytes) {
  TriggerWindow w(t, 0.5,
                  {static_cast<NoData>(bytes.size() % 3), static_cast<int>(bytes.size() % 4)});
  StableWindow stable(std::chrono::seconds(60));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    const Time time = std::chrono::seconds(10 * static_cast<std::int64_t>(i));
    const Status& s =
        w.feed({time, byte == 255 ? std::nullopt : std::optional<double>(byte / 100.0)});
    stable.feed(time, s.state == State::breaching || s.state == State::fired);
    require(s.state == State::ok || s.evidence.samples >= 1);
    require(s.state != State::fired || (s.at >= s.since && s.at - s.since >= t.window));
    require(s.state != State::fired || !s.why.empty());
  }
  require(w.recent().size() == std::min(bytes.size(), k_sparkline_size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto t = parse_trigger(text);
  if (!t) {
    require(t.error().column <= text.size() && !t.error().message.empty());
  } else {
    require(t->text == text && std::isfinite(t->bound.value) && t->bound.value >= 0);
    require(t->window.count() >= 0 && t->window <= std::chrono::hours(24 * 7));
    check_round_trip(*t);
    feed_window(*t, text);
  }
  const auto selector = shipcheck::prom::parse_selector(text);
  require(selector || selector.error().column <= text.size());
  const auto s = parse_success(text);
  require(s ? s->window.count() > 0 && parse_success(to_string(*s))->window == s->window
            : s.error().column <= text.size());
  return 0;
}
