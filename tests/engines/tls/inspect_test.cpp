// The TLS inspector against servers that are not TLS servers: each must end in an error
// within the handshake timeout, never hang.
#include "engines/tls/inspect.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

namespace shipcheck::tls {
namespace {

using namespace std::chrono_literals;

// Listens on 127.0.0.1; one connection is accepted and answered with `reply` (or silence),
// then held until the client hangs up.
class OneShotServer {
 public:
  explicit OneShotServer(std::string reply) {
    m_fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(m_fd, 4) != 0 ||
        getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("cannot listen");
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this, reply = std::move(reply)] {
      const int client = accept(m_fd, nullptr, nullptr);
      if (client < 0) {
        return;
      }
      if (!reply.empty()) {
        send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
      }
      char buffer[1024];
      while (recv(client, buffer, sizeof buffer, 0) > 0) {
      }
      close(client);
    });
  }
  ~OneShotServer() {
    shutdown(m_fd, SHUT_RDWR);
    close(m_fd);
    m_thread.join();
  }
  int port() const { return m_port; }

 private:
  int m_fd = -1;
  int m_port = 0;
  std::thread m_thread;
};

Inspection inspect_quickly(int port) {
  Target target;
  target.host = "app.test";
  target.address = "127.0.0.1";
  target.port = port;
  target.timeout = 1000ms;
  const auto started = std::chrono::steady_clock::now();
  Inspection result = inspect(target);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  return result;
}

TEST(TlsInspect, SilentServerEndsInAnErrorWithinTheTimeout) {
  const OneShotServer server("");
  const Inspection result = inspect_quickly(server.port());
  EXPECT_NE(result.error.find("within the timeout"), std::string::npos) << result.error;
  EXPECT_TRUE(result.chain.empty());
}

TEST(TlsInspect, GarbageInsteadOfTlsIsAnError) {
  const OneShotServer server(std::string(64, '\x15') + "HTTP/1.1 400 Bad Request\r\n\r\n");
  const Inspection result = inspect_quickly(server.port());
  EXPECT_FALSE(result.error.empty());
  EXPECT_TRUE(result.versions.empty());
}

TEST(TlsInspect, NothingListeningIsAnError) {
  int port = 0;
  {
    const OneShotServer server("");
    port = server.port();
  }
  const Inspection result = inspect_quickly(port);
  EXPECT_NE(result.error.find("cannot connect"), std::string::npos) << result.error;
}

}  // namespace
}  // namespace shipcheck::tls
