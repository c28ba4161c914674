#include "checks/http/trace_method.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"
#include "support/socket_server.h"

namespace shipcheck::checks {
namespace {

// A server that answers every request 200 with `body` as `type` (the request itself when
// `echo`), as Apache does for TRACE with TraceEnable on.
test::SocketServer answering(bool echo, const std::string& type, const std::string& body = "") {
  return test::SocketServer([=](int fd) {
    const std::string request = test::read_request(fd);
    const std::string content = echo ? request : body;
    test::send_all(fd, fmt::format("HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: "
                                   "{}\r\nConnection: close\r\n\r\n{}",
                                   type, content.size(), content));
  });
}

std::vector<Result> run_against(const test::SocketServer& server) {
  const test::TempDir root;
  Config config = test::config_for(root.path());
  config.url = server.url();
  return test::run_check(TraceDisabled(), config);
}

TEST(TraceDisabledTest, FailsWhenTheServerEchoesTrace) {
  const test::SocketServer server = answering(true, "message/http");
  const auto results = run_against(server);
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "TRACE is enabled: the request comes back in the answer");
  EXPECT_EQ(results[0].evidence,
            fmt::format("TRACE {} -> 200, Content-Type: message/http", server.url()));
}

TEST(TraceDisabledTest, PassesWithNginxRefusingTrace) {
  const auto results = test::run_site(TraceDisabled(), "location / { return 200 'ok'; }\n");
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "TRACE is answered 405 without an echo of the request");
}

TEST(TraceDisabledTest, PassesWithACatchAllPageThatEchoesNothing) {
  const test::SocketServer server = answering(false, "text/html", "<html>app</html>");
  const auto results = run_against(server);
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message, "TRACE is answered 200 without an echo of the request");
}

}  // namespace
}  // namespace shipcheck::checks
