// One load-test connection's socket: non-blocking connect, then plain or TLS reads and
// writes that report "would block" instead of blocking, so that one thread's event loop can
// drive hundreds of them. TLS sessions are kept and offered again when reconnecting, as a
// browser or a load balancer's client would.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "engines/load/target.h"

struct ssl_ctx_st;
struct ssl_st;
struct ssl_session_st;

namespace shipcheck::load {

// The TLS settings every connection of a run shares (thread-safe once built).
class TlsContext {
 public:
  // Verifies peers against the system's trust store plus `ca_file` (PEM), unless `insecure`.
  static std::unique_ptr<TlsContext> create(const std::string& ca_file, bool insecure,
                                            std::string& why);
  ~TlsContext();
  ssl_ctx_st* get() const { return m_ctx; }

 private:
  explicit TlsContext(ssl_ctx_st* ctx) : m_ctx(ctx) {}
  ssl_ctx_st* m_ctx;
};

enum class Io { done, want_read, want_write, closed, failed };

class Transport {
 public:
  Transport() = default;
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Starts a non-blocking connect; want_write while it is under way, failed on an
  // immediate error.
  Io start_connect(const Target& target, TlsContext* tls);
  // Continues the connect and then the TLS handshake: done when the connection can carry
  // requests. `why` is set on failure.
  Io finish_connect(std::string& why);
  // Writes from `data`; `written` grows by what went out.
  Io write(const char* data, std::size_t size, std::size_t& written);
  // Reads into `buffer`; `got` is how many bytes arrived (done), closed at EOF.
  Io read(char* buffer, std::size_t size, std::size_t& got);
  // Whether TLS holds decrypted bytes not yet read (epoll cannot see those).
  bool pending() const;
  // Closes the connection. `clean`: it ended as HTTP allows (a response in full, then the
  // server's close or ours), so its TLS session may be resumed by the next connect; after a
  // failure OpenSSL forgets it.
  void close(bool clean = false);
  int fd() const { return m_fd; }
  bool is_open() const { return m_fd >= 0; }

 private:
  Io handshake(std::string& why);
  int m_fd = -1;
  bool m_tcp_up = false;
  ssl_st* m_ssl = nullptr;
  ssl_session_st* m_session = nullptr;
  const Target* m_target = nullptr;
};

}  // namespace shipcheck::load
