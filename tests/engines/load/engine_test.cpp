// The load engine against real servers: nginx (counts from its own access log), and servers
// written here for what nginx will not do (stall on a schedule, answer with garbage).
#include "engines/load/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "support/nginx.h"
#include "support/socket_server.h"

namespace shipcheck::load {
namespace {

// An nginx on plain HTTP: / answers 200, /missing 404, /broken 503, each logged to
// {dir}/load.log with whether the TLS session was reused (for the https server).
std::string load_servers() {
  const std::string locations =
      "  access_log \"{dir}/load.log\" reuse;\n"
      "  location / { return 200 'ok'; }\n"
      "  location /missing { return 404; }\n"
      "  location /broken { return 503; }\n";
  return "log_format reuse '$request $ssl_session_reused';\n"
         "server {\n  listen 127.0.0.1:{http_port};\n" +
         locations +
         "}\n"
         "server {\n  listen 127.0.0.1:{https_port} ssl;\n  server_name app.test;\n"
         "  ssl_certificate \"{cert}\";\n  ssl_certificate_key \"{key}\";\n" +
         locations + "}\n";
}

// Lines of nginx's log holding `needle`, once there are `expected` of them or 2 s have
// passed: nginx writes a request's line after sending its response, so the last line may
// land a moment after the client has it.
std::size_t logged(const test::Nginx& nginx, std::string_view needle, std::size_t expected) {
  std::size_t n = 0;
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::ifstream log(nginx.dir() / "load.log");
    n = 0;
    for (std::string line; std::getline(log, line);) {
      n += line.find(needle) != std::string::npos ? 1 : 0;
    }
    if (n >= expected) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return n;
}

Options options_for(const std::string& url, const std::vector<std::string>& paths = {"/"}) {
  Options o;
  o.target = resolve_target(url, "127.0.0.1").value();  // the test hosts are names nginx serves
  std::vector<RequestSpec> specs;
  for (const auto& path : paths) {
    RequestSpec spec;
    spec.path = path;
    specs.push_back(spec);
  }
  for (const auto& spec : specs) {
    o.requests.push_back(prepare(o.target, spec));
  }
  o.sequence = mix_sequence(specs);
  o.threads = 2;
  o.connections = 4;
  o.duration = std::chrono::seconds(10);
  o.timeout = std::chrono::seconds(5);
  return o;
}

TEST(LoadEngine, ClosedModelSendsExactlyMaxRequests) {
  const test::Nginx nginx(load_servers());
  Options o = options_for(nginx.http_url("/"));
  o.max_requests = 300;
  const Outcome out = run(o);
  EXPECT_EQ(out.fatal, "");
  EXPECT_EQ(out.responses, 300);
  EXPECT_EQ(out.error_count(), 0);
  EXPECT_EQ(out.corrected.count(), 300);
  EXPECT_EQ(logged(nginx, "GET / HTTP/1.1", 300), 300U);
}

TEST(LoadEngine, OpenModelSendsWhatTheRateSchedules) {
  const test::Nginx nginx(load_servers());
  Options o = options_for(nginx.http_url("/"));
  o.rate = 300;
  o.connections = 10;
  o.duration = std::chrono::seconds(1);
  const Outcome out = run(o);
  // 10 connections, each due every 33.3 ms from its staggered start, for one second.
  EXPECT_GE(out.responses, 295);
  EXPECT_LE(out.responses, 300);
  EXPECT_EQ(logged(nginx, "GET / HTTP/1.1", static_cast<std::size_t>(out.responses)),
            static_cast<std::size_t>(out.responses));
  // Latency from the due time is never below latency from the send time.
  EXPECT_GE(out.corrected.percentile(50), out.uncorrected.percentile(50));
}

TEST(LoadEngine, CountsEachStatusClassInAWeightedMix) {
  const test::Nginx nginx(load_servers());
  Options o = options_for(nginx.http_url("/"), {"/", "/missing", "/broken"});
  o.threads = 1;  // one sequence: an exact split (with two, each thread sends the mix)
  o.max_requests = 90;
  const Outcome out = run(o);
  EXPECT_EQ(out.responses, 90);
  EXPECT_EQ(out.errors[static_cast<std::size_t>(ErrorClass::status_4xx)], 30);
  EXPECT_EQ(out.errors[static_cast<std::size_t>(ErrorClass::status_5xx)], 30);
  EXPECT_EQ(logged(nginx, "GET /missing ", 30), 30U);
}

TEST(LoadEngine, ReusesTlsSessionsWhenTheServerClosesEachConnection) {
  const test::Nginx nginx(load_servers());
  Options o = options_for(fmt::format("https://app.test:{}/", nginx.https_port()));
  o.target =
      resolve_target(fmt::format("https://app.test:{}/", nginx.https_port()), "127.0.0.1").value();
  RequestSpec close_each;
  close_each.headers = {{"Connection", "close"}};
  o.requests = {prepare(o.target, close_each)};
  o.sequence.clear();
  o.ca_file = test::test_certificates().ca.string();
  o.max_requests = 40;
  const Outcome out = run(o);
  EXPECT_EQ(out.fatal, "");
  EXPECT_EQ(out.responses, 40) << out.errors[0] << " connect errors";
  // Every connection's first handshake is full; its reconnects resume the session.
  EXPECT_GE(logged(nginx, "HTTP/1.1 r", 30), 30U);
}

TEST(LoadEngine, AnUntrustedCertificateIsAConnectError) {
  const test::Nginx nginx(load_servers());
  Options o = options_for(fmt::format("https://app.test:{}/", nginx.https_port()));
  o.target =
      resolve_target(fmt::format("https://app.test:{}/", nginx.https_port()), "127.0.0.1").value();
  o.requests = {prepare(o.target, RequestSpec{})};
  o.max_requests = 5;
  const Outcome out = run(o);
  EXPECT_EQ(out.responses, 0);
  EXPECT_EQ(out.errors[static_cast<std::size_t>(ErrorClass::connect)], 5);
}

// A server whose every answer is `reply` (after reading a request), keep-alive.
Outcome against(const std::function<void(int)>& behaviour, std::int64_t max_requests = 20) {
  const test::SocketServer server(behaviour, true);
  Options o = options_for(server.url());
  o.max_requests = max_requests;
  o.timeout = std::chrono::milliseconds(500);
  return run(o);
}

TEST(LoadEngine, HostileResponsesAreErrorsNeverResponses) {
  const auto garbage = against([](int fd) {
    while (!test::read_request(fd).empty()) {
      test::send_all(fd, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
    }
  });
  EXPECT_EQ(garbage.responses, 0);
  EXPECT_EQ(garbage.errors[static_cast<std::size_t>(ErrorClass::read)], 20);

  const auto truncated = against([](int fd) {
    test::read_request(fd);
    test::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
  });
  EXPECT_EQ(truncated.responses, 0);
  EXPECT_EQ(truncated.errors[static_cast<std::size_t>(ErrorClass::read)], 20);

  const auto huge_headers = against(
      [](int fd) {
        test::read_request(fd);
        test::send_all(fd, "HTTP/1.1 200 OK\r\nX-Big: " + std::string(10 << 20, 'a') + "\r\n\r\n");
      },
      3);
  EXPECT_EQ(huge_headers.responses, 0);
  EXPECT_EQ(huge_headers.errors[static_cast<std::size_t>(ErrorClass::read)], 3);

  const auto bad_status = against([](int fd) {
    while (!test::read_request(fd).empty()) {
      test::send_all(fd, "HTTP/1.1 020 OK\r\nContent-Length: 0\r\n\r\n");
    }
  });
  EXPECT_EQ(bad_status.responses, 0);
  EXPECT_EQ(bad_status.errors[static_cast<std::size_t>(ErrorClass::read)], 20);

  const auto hang_up = against([](int fd) { test::read_request(fd); });
  EXPECT_EQ(hang_up.responses, 0);
  EXPECT_EQ(hang_up.errors[static_cast<std::size_t>(ErrorClass::read)], 20);

  const auto silent = against(
      [](int fd) {
        test::read_request(fd);
        test::read_request(fd);  // never answers; returns when the client gives up
      },
      4);
  EXPECT_EQ(silent.responses, 0);
  EXPECT_EQ(silent.errors[static_cast<std::size_t>(ErrorClass::timeout)], 4);
}

TEST(LoadEngine, ChunkedResponsesKeepTheConnection) {
  std::atomic<int> connections{0};
  const auto chunked = against([&connections](int fd) {
    ++connections;
    while (!test::read_request(fd).empty()) {
      test::send_all(fd,
                     "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
    }
  });
  EXPECT_EQ(chunked.responses, 20);
  EXPECT_EQ(chunked.error_count(), 0);
  EXPECT_LE(connections.load(), 4);  // keep-alive: no reconnects
}

TEST(LoadEngine, ABodyEndingWithTheConnectionIsAResponse) {
  const auto until_close = against([](int fd) {
    test::read_request(fd);
    test::send_all(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nthe whole body");
  });
  EXPECT_EQ(until_close.responses, 20);
  EXPECT_EQ(until_close.error_count(), 0);
}

// The acceptance test of coordinated omission: a server that answers at once except for one
// second in every five, when it holds every answer until the second ends. Both models run at
// the same time against it for six seconds (one stall). Latency from each request's due time
// (open model) shows the stall in its p99; a closed-model measurement, whose connections
// simply wait, records one slow request per connection and a fast p99.
TEST(LoadEngine, OpenModelSeesStallsThatAClosedModelHides) {
  const auto start = std::chrono::steady_clock::now();
  const test::SocketServer server(
      [start](int fd) {
        while (!test::read_request(fd).empty()) {
          const auto since = std::chrono::steady_clock::now() - start;
          const auto in_cycle = since % std::chrono::seconds(5);
          if (in_cycle >= std::chrono::seconds(1) && in_cycle < std::chrono::seconds(2)) {
            std::this_thread::sleep_for(std::chrono::seconds(2) - in_cycle);
          }
          test::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
      },
      true);
  Options open = options_for(server.url());
  open.rate = 200;
  open.connections = 20;
  open.threads = 1;
  open.duration = std::chrono::seconds(6);
  Options closed = options_for(server.url());
  closed.connections = 4;
  closed.threads = 1;
  closed.duration = std::chrono::seconds(6);
  Outcome open_out;
  std::thread open_thread([&] { open_out = run(open); });
  const Outcome closed_out = run(closed);
  open_thread.join();

  ASSERT_GT(open_out.responses, 1000);
  EXPECT_GE(open_out.corrected.percentile(99), 900'000) << "open-model p99 (us)";
  // The same run measured as sent hides most of it, and so does the closed model.
  EXPECT_LT(closed_out.corrected.percentile(99), 100'000) << "closed-model p99 (us)";
  EXPECT_GE(closed_out.corrected.max(), 900'000) << "the closed model did meet the stall";
}

}  // namespace
}  // namespace shipcheck::load
