// The HTTP engine against real servers: nginx for the normal cases, and small hostile
// servers written here (silent, trickling, giant header, broken chunking, not TLS) that must
// each end in an error within the timeout, never a hang.
#include "engines/http/client.h"

#include <sys/socket.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"
#include "support/socket_server.h"

namespace shipcheck::http {
namespace {

using namespace std::chrono_literals;

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
  const test::SocketServer server([](int fd) {
    test::read_request(fd);
    test::read_request(fd);
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_NE(response.error.find("no complete response within 1500 ms"), std::string::npos)
      << response.error;
}

TEST(HttpClient, ServerThatTricklesAByteAtATimeTimesOut) {
  const test::SocketServer server([](int fd) {
    test::read_request(fd);
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
  const test::SocketServer server([](int fd) {
    test::read_request(fd);
    test::send_all(fd, "HTTP/1.1 200 OK\r\nX-Huge: ");
    test::send_all(fd, std::string(10 * 1024 * 1024, 'a'));
    test::send_all(fd, "\r\nContent-Length: 0\r\n\r\n");
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_TRUE(response.headers.size() < 4U);
}

TEST(HttpClient, MalformedChunkedEncodingIsAnError) {
  const test::SocketServer server([](int fd) {
    test::read_request(fd);
    test::send_all(fd,
                   "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZZ\r\nnot a chunk\r\n");
  });
  const Response response = fetch_expecting_failure(server.url());
  EXPECT_FALSE(response.error.empty());
}

TEST(HttpClient, GarbageInsteadOfTlsIsAnError) {
  const test::SocketServer server([](int fd) {
    test::send_all(fd, std::string(4096, '\x17') + "this is not TLS\r\n\r\n");
    test::read_request(fd);
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
  const test::SocketServer server([](int fd) {
    test::read_request(fd);
    test::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
    test::send_all(fd, std::string(1000000, 'b'));
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
