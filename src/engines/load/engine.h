// The load generator: one epoll event loop per thread, each driving its share of keep-alive
// connections. Closed model (like wrk): every connection sends its next request as soon as
// the last response is in. Open model (like wrk2): requests are due at a constant rate, each
// connection on its own evenly spaced schedule, and latency is measured from the time a
// request was due, so that a server stall delays every request scheduled during it instead
// of silently slowing the sender down (coordinated omission). Responses are parsed by
// libhttp-parser. Knows nothing of rules.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engines/load/histogram.h"
#include "engines/load/target.h"

namespace shipcheck::load {

struct Options {
  Target target;
  std::vector<Prepared> requests;     // sent in `sequence` order, round robin
  std::vector<std::size_t> sequence;  // indexes into requests; empty = 0, 1, 2, ...
  unsigned threads = 1;
  int connections = 0;  // in all threads together
  double rate = 0;      // requests/s in all; 0 = closed model
  std::chrono::milliseconds duration{10'000};
  std::int64_t max_requests = 0;              // 0 = no cap
  std::chrono::milliseconds timeout{10'000};  // one request's, connecting included
  std::string ca_file;
  bool insecure = false;  // TLS without verifying the certificate
};

enum class ErrorClass { connect, read, write, timeout, status_4xx, status_5xx };
inline constexpr std::size_t k_error_classes = 6;
const char* to_string(ErrorClass error);  // "connect", "status_4xx", ...

struct Second {
  std::int64_t responses = 0;
  std::int64_t errors = 0;
};

struct Outcome {
  Histogram corrected;         // from the time each request was due (open model; closed: as sent)
  Histogram uncorrected;       // from the time each request was sent
  std::int64_t responses = 0;  // complete responses, whatever their status
  std::int64_t bytes = 0;      // read, headers and bodies
  std::array<std::int64_t, k_error_classes> errors{};
  double seconds = 0;              // from the start to the last response or failure
  std::vector<Second> per_second;  // by second since the start
  std::string fatal;               // why nothing could run (a TLS context, a CA file)

  std::int64_t error_count() const;
  // Every request that ended: responses plus transport failures.
  std::int64_t attempts() const;
};

// What a progress line shows, summed over the threads once a second.
struct Tick {
  double elapsed_s = 0;
  std::int64_t responses = 0;
  std::int64_t errors = 0;
  std::int64_t p95_us = 0;  // so far, from the due time (as of each thread's last second)
};

// Runs the test to its end (duration, max_requests), then waits for requests in flight until
// their timeout. `on_tick` (optional) is called from the calling thread about once a second.
Outcome run(const Options& options, const std::function<void(const Tick&)>& on_tick = {});

}  // namespace shipcheck::load
