// SocketServer (see socket_server.h).
#include "support/socket_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace shipcheck::test {

std::string read_request(int fd) {
  std::string seen;
  char buffer[4096];
  while (seen.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      break;
    }
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  return seen;
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

SocketServer::SocketServer(std::function<void(int)> behaviour, bool concurrent)
    : m_behaviour(std::move(behaviour)), m_concurrent(concurrent) {
  m_listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(m_listener, 128) != 0 ||
      getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    close(m_listener);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  m_port = ntohs(address.sin_port);
  m_thread = std::thread([this] { serve(); });
}

SocketServer::~SocketServer() {
  m_stopping = true;
  shutdown(m_listener, SHUT_RDWR);
  close(m_listener);
  m_thread.join();
  {
    // Ends the reads of the concurrent behaviours (each then sees its client hang up).
    std::lock_guard lock(m_mutex);
    for (const int fd : m_open) {
      shutdown(fd, SHUT_RDWR);
    }
  }
  for (auto& worker : m_workers) {
    worker.join();
  }
}

std::string SocketServer::url(const std::string& scheme) const {
  return fmt::format("{}://127.0.0.1:{}/", scheme, m_port);
}

void SocketServer::serve() {
  while (!m_stopping) {
    const int fd = accept(m_listener, nullptr, nullptr);
    if (fd < 0) {
      return;
    }
    if (!m_concurrent) {
      m_behaviour(fd);
      close(fd);
      continue;
    }
    std::lock_guard lock(m_mutex);
    m_open.push_back(fd);
    m_workers.emplace_back([this, fd] {
      m_behaviour(fd);
      std::lock_guard inner(m_mutex);
      m_open.erase(std::find(m_open.begin(), m_open.end(), fd));
      close(fd);
    });
  }
}

SilentPort::SilentPort() {
  m_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  // Listening is enough: the kernel completes the handshake, nobody ever reads or writes.
  if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(m_fd, 16) != 0 ||
      getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    if (m_fd >= 0) {
      close(m_fd);
    }
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  m_port = ntohs(address.sin_port);
}

SilentPort::~SilentPort() {
  close(m_fd);
}

}  // namespace shipcheck::test
