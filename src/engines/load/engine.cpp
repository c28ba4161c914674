#include "engines/load/engine.h"

#include <sys/epoll.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>

#include "engines/load/response.h"
#include "engines/load/transport.h"

namespace shipcheck::load {
namespace {

std::int64_t now_us() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

constexpr std::int64_t k_timeout_scan_us = 10'000;
constexpr std::int64_t k_reconnect_pause_us = 10'000;  // after a failed connect

enum class State { idle, connecting, sending, receiving, waiting };

struct Conn {
  Transport io;
  ResponseParser response;
  State state = State::idle;
  std::uint32_t interest = 0;  // the epoll events asked for; 0 = not registered
  const Prepared* request = nullptr;
  std::size_t written = 0;
  std::int64_t due_us = 0;  // when the request was due (open model) or sent (closed)
  std::int64_t sent_us = 0;
  std::int64_t deadline_us = 0;
  bool has_request = false;  // a request is on its way or awaits its connection
};

class Worker {
 public:
  Worker(const Options& options, int connections, double rate, TlsContext* tls,
         std::atomic<std::int64_t>* budget, std::int64_t start_us, std::size_t first_sequence)
      : m_options(options),
        m_tls(tls),
        m_budget(budget),
        m_start_us(start_us),
        m_end_us(start_us + options.duration.count() * 1000),
        m_conns(static_cast<std::size_t>(std::max(connections, 1))) {
    m_open = rate > 0;
    if (m_open) {
      m_interval_us = static_cast<double>(m_conns.size()) * 1e6 / rate;
    }
    m_sequence_next = first_sequence;
  }

  void run();
  Outcome& outcome() { return m_outcome; }
  std::atomic<std::int64_t>& live_responses() { return m_live_responses; }
  std::atomic<std::int64_t>& live_errors() { return m_live_errors; }
  // For a progress line: the latencies so far, copied by the worker about once a second.
  void publish_snapshots() { m_snapshots = true; }
  void add_snapshot_to(Histogram& into) {
    std::lock_guard lock(m_snapshot_mutex);
    into.merge(m_snapshot);
  }

 private:
  void begin(std::size_t index, std::int64_t now);
  void schedule(std::size_t index, std::int64_t due);
  void send(std::size_t index, std::int64_t due, std::int64_t now);
  void connect(std::size_t index, std::int64_t now);
  void write_request(std::size_t index);
  void on_event(std::size_t index, std::uint32_t events);
  void on_connecting(std::size_t index);
  void on_readable(std::size_t index);
  void finish_response(std::size_t index);
  void fail(std::size_t index, ErrorClass error);
  void after(std::size_t index, std::int64_t now);
  void want(std::size_t index, std::uint32_t events);
  void close(std::size_t index, bool clean = false);
  void scan_timeouts(std::int64_t now);
  bool claim();
  void count_second(std::int64_t now, bool error);
  std::int64_t wait_us(std::int64_t now) const;
  int wait(epoll_event* events, int capacity, std::int64_t timeout_us);

  const Options& m_options;
  TlsContext* m_tls;
  std::atomic<std::int64_t>* m_budget;
  std::int64_t m_start_us;
  std::int64_t m_end_us;
  std::vector<Conn> m_conns;
  bool m_open = false;
  double m_interval_us = 0;
  std::size_t m_sequence_next = 0;
  bool m_stopping = false;
  int m_epoll = -1;
  std::size_t m_in_flight = 0;
  std::int64_t m_next_scan_us = 0;
  std::int64_t m_last_end_us = 0;
  using Due = std::pair<std::int64_t, std::size_t>;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
  std::vector<char> m_buffer = std::vector<char>(64 * 1024);
  Outcome m_outcome;
  bool m_snapshots = false;
  std::int64_t m_next_snapshot_us = 0;
  std::mutex m_snapshot_mutex;
  Histogram m_snapshot;
  alignas(64) std::atomic<std::int64_t> m_live_responses{0};
  alignas(64) std::atomic<std::int64_t> m_live_errors{0};
};

bool Worker::claim() {
  if (m_budget == nullptr) {
    return true;
  }
  if (m_budget->fetch_sub(1, std::memory_order_relaxed) > 0) {
    return true;
  }
  m_stopping = true;
  return false;
}

void Worker::count_second(std::int64_t now, bool error) {
  const auto second =
      static_cast<std::size_t>(std::max<std::int64_t>(now - m_start_us, 0) / 1'000'000);
  if (second >= m_outcome.per_second.size()) {
    m_outcome.per_second.resize(second + 1);
  }
  if (error) {
    ++m_outcome.per_second[second].errors;
    m_live_errors.fetch_add(1, std::memory_order_relaxed);
  } else {
    ++m_outcome.per_second[second].responses;
    m_live_responses.fetch_add(1, std::memory_order_relaxed);
  }
  m_last_end_us = now;
}

void Worker::want(std::size_t index, std::uint32_t events) {
  Conn& conn = m_conns[index];
  if (conn.interest == events) {
    return;
  }
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = index;
  epoll_ctl(m_epoll, conn.interest == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, conn.io.fd(), &ev);
  conn.interest = events;
}

void Worker::close(std::size_t index, bool clean) {
  Conn& conn = m_conns[index];
  conn.io.close(clean);  // closing the descriptor also takes it out of the epoll set
  conn.interest = 0;
}

// The first request of a connection: at once in the closed model; in the open model at its
// place on the schedule, the connections' schedules evenly staggered.
void Worker::begin(std::size_t index, std::int64_t now) {
  if (!m_open) {
    send(index, now, now);
    return;
  }
  const double offset =
      m_interval_us * static_cast<double>(index) / static_cast<double>(m_conns.size());
  schedule(index, m_start_us + static_cast<std::int64_t>(offset));
}

void Worker::schedule(std::size_t index, std::int64_t due) {
  m_conns[index].state = State::waiting;
  m_conns[index].due_us = due;
  m_due.emplace(due, index);
}

void Worker::send(std::size_t index, std::int64_t due, std::int64_t now) {
  Conn& conn = m_conns[index];
  if (m_stopping || !claim()) {
    conn.state = State::idle;
    return;
  }
  // One walk through the mix per thread, whatever connection is free: the mix holds in every
  // stretch of requests, however unevenly the connections are answered.
  const std::size_t at = m_sequence_next++;
  const std::size_t pick = m_options.sequence.empty()
                               ? at % m_options.requests.size()
                               : m_options.sequence[at % m_options.sequence.size()];
  conn.request = &m_options.requests[pick];
  conn.due_us = due;
  conn.sent_us = now;
  conn.deadline_us = now + m_options.timeout.count() * 1000;
  conn.has_request = true;
  ++m_in_flight;
  if (!conn.io.is_open()) {
    connect(index, now);
    return;
  }
  write_request(index);
}

void Worker::connect(std::size_t index, std::int64_t now) {
  Conn& conn = m_conns[index];
  conn.interest = 0;
  conn.state = State::connecting;
  conn.deadline_us = now + m_options.timeout.count() * 1000;
  if (conn.io.start_connect(m_options.target, m_tls) == Io::failed) {
    fail(index, ErrorClass::connect);
    return;
  }
  want(index, EPOLLOUT);
}

void Worker::write_request(std::size_t index) {
  Conn& conn = m_conns[index];
  if (conn.state != State::sending) {
    conn.state = State::sending;
    conn.written = 0;
    conn.response.reset(conn.request->head);
  }
  switch (conn.io.write(conn.request->bytes.data(), conn.request->bytes.size(), conn.written)) {
    case Io::done:
      conn.state = State::receiving;
      want(index, EPOLLIN);
      break;
    case Io::want_write:
      want(index, EPOLLOUT);
      break;
    case Io::want_read:
      want(index, EPOLLIN);
      break;
    default:
      fail(index, ErrorClass::write);
  }
}

void Worker::on_event(std::size_t index, std::uint32_t events) {
  Conn& conn = m_conns[index];
  switch (conn.state) {
    case State::connecting:
      on_connecting(index);
      break;
    case State::sending:
      write_request(index);
      break;
    case State::receiving:
      on_readable(index);
      break;
    default:
      // An idle keep-alive connection the server closed (or sent stray bytes on): drop it;
      // the next request reconnects.
      if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0) {
        close(index, true);
      }
  }
}

void Worker::on_connecting(std::size_t index) {
  Conn& conn = m_conns[index];
  std::string why;
  switch (conn.io.finish_connect(why)) {
    case Io::done:
      write_request(index);
      break;
    case Io::want_read:
      want(index, EPOLLIN);
      break;
    case Io::want_write:
      want(index, EPOLLOUT);
      break;
    default:
      fail(index, ErrorClass::connect);
  }
}

void Worker::on_readable(std::size_t index) {
  Conn& conn = m_conns[index];
  for (;;) {
    std::size_t got = 0;
    const Io io = conn.io.read(m_buffer.data(), m_buffer.size(), got);
    if (io == Io::done) {
      m_outcome.bytes += static_cast<std::int64_t>(got);
      const Parse parse = conn.response.feed(m_buffer.data(), got);
      if (parse == Parse::complete) {
        finish_response(index);
        return;
      }
      if (parse == Parse::invalid) {
        fail(index, ErrorClass::read);
        return;
      }
      if (got < m_buffer.size() && !conn.io.pending()) {
        return;  // level-triggered: epoll says when more arrives
      }
      continue;
    }
    if (io == Io::want_read) {
      want(index, EPOLLIN);
      return;
    }
    if (io == Io::want_write) {
      want(index, EPOLLOUT);
      return;
    }
    // A body that ends with the connection ends here.
    if (io == Io::closed && conn.response.finish() == Parse::complete) {
      finish_response(index);
      return;
    }
    fail(index, ErrorClass::read);
    return;
  }
}

void Worker::finish_response(std::size_t index) {
  Conn& conn = m_conns[index];
  const std::int64_t now = now_us();
  conn.has_request = false;
  --m_in_flight;
  m_outcome.corrected.record(std::max<std::int64_t>(now - conn.due_us, 1));
  m_outcome.uncorrected.record(std::max<std::int64_t>(now - conn.sent_us, 1));
  ++m_outcome.responses;
  const int status = conn.response.status();
  if (status >= 400) {
    ++m_outcome.errors[static_cast<std::size_t>(status >= 500 ? ErrorClass::status_5xx
                                                              : ErrorClass::status_4xx)];
  }
  count_second(now, false);
  if (status >= 400) {
    count_second(now, true);
  }
  conn.state = State::idle;
  if (!conn.response.keep_alive()) {
    close(index, true);
  }
  after(index, now);
}

void Worker::fail(std::size_t index, ErrorClass error) {
  Conn& conn = m_conns[index];
  const std::int64_t now = now_us();
  ++m_outcome.errors[static_cast<std::size_t>(error)];
  count_second(now, true);
  close(index);
  conn.state = State::idle;
  if (conn.has_request) {
    conn.has_request = false;
    --m_in_flight;
  }
  if (error == ErrorClass::connect && !m_open && !m_stopping) {
    // A refused connect comes back at once: pause, or the loop would spin on it.
    schedule(index, now + k_reconnect_pause_us);
    return;
  }
  after(index, now);
}

// What a connection does once its request ended: the next one now (closed model), or at its
// next slot on the schedule (open model; at once when the slot has passed, latency counted
// from the slot).
void Worker::after(std::size_t index, std::int64_t now) {
  if (m_stopping) {
    return;
  }
  if (!m_open) {
    send(index, now, now);
    return;
  }
  Conn& conn = m_conns[index];
  const auto due = conn.due_us + static_cast<std::int64_t>(m_interval_us);
  if (due >= m_end_us) {
    return;
  }
  if (due <= now) {
    send(index, due, now);
  } else {
    schedule(index, due);
  }
}

void Worker::scan_timeouts(std::int64_t now) {
  for (std::size_t i = 0; i < m_conns.size(); ++i) {
    const Conn& conn = m_conns[i];
    if ((conn.state == State::connecting || conn.state == State::sending ||
         conn.state == State::receiving) &&
        now >= conn.deadline_us) {
      fail(i, ErrorClass::timeout);
    }
  }
  m_next_scan_us = now + k_timeout_scan_us;
}

std::int64_t Worker::wait_us(std::int64_t now) const {
  std::int64_t until = m_stopping ? now + k_timeout_scan_us : m_end_us;
  if (!m_due.empty() && !m_stopping) {
    until = std::min(until, m_due.top().first);
  }
  if (m_in_flight > 0) {
    until = std::min(until, m_next_scan_us);
  }
  return std::clamp<std::int64_t>(until - now, 0, 1'000'000);
}

// epoll_wait with a microsecond timeout: epoll_pwait2 (Linux 5.11) where the kernel has it;
// else milliseconds rounded up (a request can then leave up to 1 ms late, and the open
// model's latency shows it rather than hiding it).
int Worker::wait(epoll_event* events, int capacity, std::int64_t timeout_us) {
  static std::atomic<bool> no_pwait2{false};
  if (!no_pwait2.load(std::memory_order_relaxed)) {
    const timespec ts{static_cast<time_t>(timeout_us / 1'000'000),
                      static_cast<long>(timeout_us % 1'000'000 * 1000)};
    const int n = epoll_pwait2(m_epoll, events, capacity, &ts, nullptr);
    if (n >= 0 || errno != ENOSYS) {
      return n;
    }
    no_pwait2.store(true, std::memory_order_relaxed);
  }
  return epoll_wait(m_epoll, events, capacity, static_cast<int>((timeout_us + 999) / 1000));
}

void Worker::run() {
  // The kernel's default 50 us of timer slack would make every scheduled send that late.
  prctl(PR_SET_TIMERSLACK, 1UL);
  m_epoll = epoll_create1(EPOLL_CLOEXEC);
  const std::int64_t start = now_us();
  for (std::size_t i = 0; i < m_conns.size(); ++i) {
    begin(i, start);
  }
  std::vector<epoll_event> events(256);
  const std::int64_t hard_end = m_end_us + m_options.timeout.count() * 1000;
  for (;;) {
    std::int64_t now = now_us();
    if (now >= m_end_us) {
      m_stopping = true;
    }
    if (m_stopping && m_in_flight == 0) {
      break;
    }
    if (now >= hard_end) {
      scan_timeouts(std::numeric_limits<std::int64_t>::max());
      break;
    }
    while (!m_stopping && !m_due.empty() && m_due.top().first <= now) {
      const auto [due, index] = m_due.top();
      m_due.pop();
      if (m_conns[index].state == State::waiting) {
        send(index, due, now);
      }
    }
    if (m_in_flight > 0 && now >= m_next_scan_us) {
      scan_timeouts(now);
    }
    if (m_snapshots && now >= m_next_snapshot_us) {
      std::lock_guard lock(m_snapshot_mutex);
      m_snapshot = m_outcome.corrected;
      m_next_snapshot_us = now + 1'000'000;
    }
    const int n = wait(events.data(), static_cast<int>(events.size()), wait_us(now_us()));
    for (int i = 0; i < n; ++i) {
      on_event(static_cast<std::size_t>(events[static_cast<std::size_t>(i)].data.u64),
               events[static_cast<std::size_t>(i)].events);
    }
  }
  for (std::size_t i = 0; i < m_conns.size(); ++i) {
    close(i, true);
  }
  ::close(m_epoll);
  m_outcome.seconds = static_cast<double>(std::max(m_last_end_us, start) - m_start_us) / 1e6;
}

}  // namespace

const char* to_string(ErrorClass error) {
  switch (error) {
    case ErrorClass::connect:
      return "connect";
    case ErrorClass::read:
      return "read";
    case ErrorClass::write:
      return "write";
    case ErrorClass::timeout:
      return "timeout";
    case ErrorClass::status_4xx:
      return "status_4xx";
    case ErrorClass::status_5xx:
      return "status_5xx";
  }
  return "?";
}

std::int64_t Outcome::error_count() const {
  std::int64_t total = 0;
  for (const auto n : errors) {
    total += n;
  }
  return total;
}

std::int64_t Outcome::attempts() const {
  return responses + errors[0] + errors[1] + errors[2] + errors[3];
}

Outcome run(const Options& options, const std::function<void(const Tick&)>& on_tick) {
  Outcome total;
  std::string why;
  std::unique_ptr<TlsContext> tls;
  if (options.target.tls) {
    tls = TlsContext::create(options.ca_file, options.insecure, why);
    if (!tls) {
      total.fatal = why;
      return total;
    }
  }
  if (options.requests.empty()) {
    total.fatal = "no request to send";
    return total;
  }
  const unsigned threads = std::max(1U, options.threads);
  const int connections = std::max(options.connections, static_cast<int>(threads));
  std::atomic<std::int64_t> budget{options.max_requests};
  const std::int64_t start = now_us();
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned t = 0; t < threads; ++t) {
    // Connections and rate shared out as evenly as they divide.
    const int mine = connections / static_cast<int>(threads) +
                     (static_cast<int>(t) < connections % static_cast<int>(threads) ? 1 : 0);
    const double rate = options.rate * mine / connections;
    workers.push_back(std::make_unique<Worker>(
        options, mine, rate, tls.get(), options.max_requests > 0 ? &budget : nullptr, start, t));
    if (on_tick) {
      workers.back()->publish_snapshots();
    }
  }
  Histogram so_far;
  std::vector<std::thread> running;
  std::atomic<unsigned> finished{0};
  for (auto& worker : workers) {
    running.emplace_back([&worker, &finished] {
      worker->run();
      finished.fetch_add(1);
    });
  }
  while (on_tick && finished.load() < threads) {
    for (int i = 0; i < 20 && finished.load() < threads; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    Tick tick;
    tick.elapsed_s = static_cast<double>(now_us() - start) / 1e6;
    for (auto& worker : workers) {
      tick.responses += worker->live_responses().load(std::memory_order_relaxed);
      tick.errors += worker->live_errors().load(std::memory_order_relaxed);
      worker->add_snapshot_to(so_far);
    }
    tick.p95_us = so_far.percentile(95);
    so_far.reset();
    on_tick(tick);
  }
  for (auto& thread : running) {
    thread.join();
  }
  for (auto& worker : workers) {
    Outcome& part = worker->outcome();
    total.corrected.merge(part.corrected);
    total.uncorrected.merge(part.uncorrected);
    total.responses += part.responses;
    total.bytes += part.bytes;
    for (std::size_t i = 0; i < k_error_classes; ++i) {
      total.errors[i] += part.errors[i];
    }
    total.seconds = std::max(total.seconds, part.seconds);
    if (part.per_second.size() > total.per_second.size()) {
      total.per_second.resize(part.per_second.size());
    }
    for (std::size_t s = 0; s < part.per_second.size(); ++s) {
      total.per_second[s].responses += part.per_second[s].responses;
      total.per_second[s].errors += part.per_second[s].errors;
    }
  }
  return total;
}

}  // namespace shipcheck::load
