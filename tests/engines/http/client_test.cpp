// The HTTP engine against real servers: nginx for the normal cases, and small hostile
// servers written here (silent, trickling, giant header, broken chunking, not TLS) that must
// each end in an error within the timeout, never a hang.
#include "engines/http/client.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::http {
namespace {

using namespace std::chrono_literals;

// Reads what the client sent up to the end of its headers (or until it hangs up).
void read_request(int fd) {
  std::string seen;
  char buffer[4096];
  while (seen.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      return;
    }
    seen.append(buffer, static_cast<std::size_t>(n));
  }
}

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      return;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Serves every connection on 127.0.0.1 with `behaviour`, one at a time, on its own thread.
class HostileServer {
 public:
  explicit HostileServer(std::function<void(int)> behaviour) : m_behaviour(std::move(behaviour)) {
    m_listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(m_listener, 8) != 0 ||
        getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~HostileServer() {
    m_stopping = true;
    shutdown(m_listener, SHUT_RDWR);
    close(m_listener);
    m_thread.join();
  }
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  std::string url(const std::string& scheme = "http") const {
    return fmt::format("{}://127.0.0.1:{}/", scheme, m_port);
  }

 private:
  void serve() {
    while (!m_stopping) {
      const int fd = accept(m_listener, nullptr, nullptr);
      if (fd < 0) {
        return;
      }
      m_behaviour(fd);
      close(fd);
    }
  }

  std::function<void(int)> m_behaviour;
  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

Options short_timeout() {
  Options options;
  options.timeout = 1500ms;
  options.connect_timeout = 1000ms;
  return options;
}

// Fetches `url` and checks the failure came within the timeout (plus slack).
Response fetch_expecting_failure(const std::string& url) {
  const auto started = std::chrono::steady_clock::now();
  Response response = fetch(Request{"GET", url, {}, {}, false}, short_timeout());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
  EXPECT_FALSE(response.ok()) << "status " << response.status;
  return response;
}

TEST(HttpClient, ServerThatNeverAnswersTimesOut) {
  const HostileServer server([](int fd) {
    read_request(fd);
    read_request(fd);
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_NE(response.error.find("no complete response within 1500 ms"), std::string::npos)
      << response.error;
}

TEST(HttpClient, ServerThatTricklesAByteAtATimeTimesOut) {
  const HostileServer server([](int fd) {
    read_request(fd);
    const std::string_view reply = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
    for (std::size_t i = 0; i < reply.size() + 40; ++i) {  // bounded: ~5 s at most
      const char c = i < reply.size() ? reply[i] : 'x';
      if (send(fd, &c, 1, MSG_NOSIGNAL) != 1) {
        return;
      }
      std::this_thread::sleep_for(100ms);
    }
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_NE(response.error.find("within"), std::string::npos) << response.error;
}

TEST(HttpClient, TenMegabyteHeaderIsRefused) {
  const HostileServer server([](int fd) {
    read_request(fd);
    send_all(fd, "HTTP/1.1 200 OK\r\nX-Huge: ");
    send_all(fd, std::string(10 * 1024 * 1024, 'a'));
    send_all(fd, "\r\nContent-Length: 0\r\n\r\n");
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_TRUE(response.headers.size() < 4U);
}

TEST(HttpClient, MalformedChunkedEncodingIsAnError) {
  const HostileServer server([](int fd) {
    read_request(fd);
    send_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZZ\r\nnot a chunk\r\n");
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_FALSE(response.error.empty());
}

TEST(HttpClient, GarbageInsteadOfTlsIsAnError) {
  const HostileServer server([](int fd) {
    send_all(fd, std::string(4096, '\x17') + "this is not TLS\r\n\r\n");
    read_request(fd);
  });
  const Response response = fetch_expecting_failure(server.url("https"));
  EXPECT_FALSE(response.error.empty());
}

TEST(HttpClient, FetchesManyRequestsConcurrentlyInOrderWithHeadersFromNginx) {
  const test::Nginx nginx(test::https_server(test::k_good_headers));
  const Config config = nginx.config();
  Options options;
  options.ca_file = config.tls.ca_file;
  options.resolve = config.tls.resolve;
  std::vector<Request> requests;
  for (int i = 0; i < 20; ++i) {
    requests.push_back(
        Request{"GET", nginx.https_url("/item/" + std::to_string(i)), {}, {}, false});
  }
  requests.push_back(Request{"GET", nginx.http_url("/x"), {}, {}, false});
  const auto responses = fetch_all(requests, options);
  ASSERT_EQ(responses.size(), requests.size());
  for (int i = 0; i < 20; ++i) {
    const Response& r = responses[static_cast<std::size_t>(i)];
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.http_version, "2");
    EXPECT_EQ(r.body, "{\"status\": \"ok\"}");
    EXPECT_EQ(r.header("x-frame-options").value_or(""), "DENY");
    EXPECT_NE(r.effective_url.find("/item/" + std::to_string(i)), std::string::npos);
  }
  const Response& plain = responses.back();
  EXPECT_EQ(plain.status, 301);
  EXPECT_EQ(plain.redirect_url, nginx.https_url("/x"));
}

TEST(HttpClient, BodyBeyondTheCapIsCutAndNotAnError) {
  const HostileServer server([](int fd) {
    read_request(fd);
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
    send_all(fd, std::string(1000000, 'b'));
  });
  Options options = short_timeout();
  options.max_body = 1000;
  const Response response = fetch(Request{"GET", server.url(), {}, {}, false}, options);
  EXPECT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body.size(), 1000U);
  EXPECT_TRUE(response.body_truncated);
}

}  // namespace
}  // namespace shipcheck::http
