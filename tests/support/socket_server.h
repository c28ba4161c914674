// A server on 127.0.0.1 whose every answer is written by the test: for hostile servers
// (silent, trickling, giant headers) and for behaviour nginx will not show (echoing TRACE).
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace shipcheck::test {

// Reads what the client sent up to the end of its headers (or until it hangs up), and
// returns it.
std::string read_request(int fd);

// Sends all of `data`, or as much as the peer takes before it hangs up.
void send_all(int fd, std::string_view data);

// Serves every connection with `behaviour` (given the connected socket, closed after it
// returns), one at a time on its own thread, or with `concurrent` each on a thread of its own
// (a load test's many keep-alive connections), until destroyed.
class SocketServer {
 public:
  explicit SocketServer(std::function<void(int)> behaviour, bool concurrent = false);
  ~SocketServer();
  SocketServer(const SocketServer&) = delete;
  SocketServer& operator=(const SocketServer&) = delete;

  // "http://127.0.0.1:<port>/" (or another scheme).
  std::string url(const std::string& scheme = "http") const;

 private:
  void serve();

  std::function<void(int)> m_behaviour;
  bool m_concurrent = false;
  std::mutex m_mutex;
  std::vector<int> m_open;  // connections being served concurrently
  std::vector<std::thread> m_workers;
  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

// A TCP port on 127.0.0.1 that accepts connections (the kernel completes the handshake) but
// never reads or answers: a hung server, or a firewall that swallows packets after the
// handshake. Closed on destruction.
class SilentPort {
 public:
  SilentPort();
  ~SilentPort();
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  int port() const { return m_port; }

 private:
  int m_fd = -1;
  int m_port = 0;
};

}  // namespace shipcheck::test
