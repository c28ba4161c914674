#include "engines/load/transport.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

namespace shipcheck::load {

std::unique_ptr<TlsContext> TlsContext::create(const std::string& ca_file, bool insecure,
                                               std::string& why) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) {
    why = "cannot create a TLS context";
    return nullptr;
  }
  auto out = std::unique_ptr<TlsContext>(new TlsContext(ctx));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
  if (insecure) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    return out;
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_default_verify_paths(ctx);
  if (!ca_file.empty() && SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr) != 1) {
    why = fmt::format("cannot read the CA file {}", ca_file);
    return nullptr;
  }
  return out;
}

TlsContext::~TlsContext() {
  SSL_CTX_free(m_ctx);
}

Transport::~Transport() {
  close();
  if (m_session != nullptr) {
    SSL_SESSION_free(m_session);
  }
}

void Transport::close(bool clean) {
  if (m_ssl != nullptr) {
    if (clean) {
      // What a close_notify exchange would record, without the round trip: OpenSSL keeps a
      // session resumable only after a shutdown.
      SSL_set_shutdown(m_ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    }
    if (SSL_SESSION* session = SSL_get1_session(m_ssl)) {
      if (m_session != nullptr) {
        SSL_SESSION_free(m_session);
      }
      m_session = session;
    }
    SSL_free(m_ssl);
    m_ssl = nullptr;
  }
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
  m_tcp_up = false;
}

Io Transport::start_connect(const Target& target, TlsContext* tls) {
  close();
  m_target = &target;
  m_fd = ::socket(target.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (m_fd < 0) {
    return Io::failed;
  }
  const int one = 1;
  ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (tls != nullptr) {
    m_ssl = SSL_new(tls->get());
    SSL_set_fd(m_ssl, m_fd);
    SSL_set_tlsext_host_name(m_ssl, target.host.c_str());
    SSL_set1_host(m_ssl, target.host.c_str());
    if (m_session != nullptr) {
      SSL_set_session(m_ssl, m_session);
    }
  }
  if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&target.address), target.address_length) ==
      0) {
    m_tcp_up = true;
    return Io::want_write;
  }
  return errno == EINPROGRESS ? Io::want_write : Io::failed;
}

Io Transport::finish_connect(std::string& why) {
  if (!m_tcp_up) {
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
      why = std::strerror(error);
      return Io::failed;
    }
    m_tcp_up = true;
  }
  return m_ssl == nullptr ? Io::done : handshake(why);
}

Io Transport::handshake(std::string& why) {
  const int rc = SSL_connect(m_ssl);
  if (rc == 1) {
    return Io::done;
  }
  switch (SSL_get_error(m_ssl, rc)) {
    case SSL_ERROR_WANT_READ:
      return Io::want_read;
    case SSL_ERROR_WANT_WRITE:
      return Io::want_write;
    default: {
      const long verify = SSL_get_verify_result(m_ssl);
      why = verify != X509_V_OK
                ? fmt::format("certificate: {}", X509_verify_cert_error_string(verify))
                : "TLS handshake failed";
      ERR_clear_error();
      return Io::failed;
    }
  }
}

Io Transport::write(const char* data, std::size_t size, std::size_t& written) {
  while (written < size) {
    if (m_ssl != nullptr) {
      const int n = SSL_write(m_ssl, data + written, static_cast<int>(size - written));
      if (n > 0) {
        written += static_cast<std::size_t>(n);
        continue;
      }
      const int error = SSL_get_error(m_ssl, n);
      ERR_clear_error();
      if (error == SSL_ERROR_WANT_WRITE) {
        return Io::want_write;
      }
      return error == SSL_ERROR_WANT_READ ? Io::want_read : Io::failed;
    }
    const ssize_t n = ::send(m_fd, data + written, size - written, MSG_NOSIGNAL);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return Io::want_write;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return Io::failed;
    }
  }
  return Io::done;
}

Io Transport::read(char* buffer, std::size_t size, std::size_t& got) {
  got = 0;
  if (m_ssl != nullptr) {
    const int n = SSL_read(m_ssl, buffer, static_cast<int>(size));
    if (n > 0) {
      got = static_cast<std::size_t>(n);
      return Io::done;
    }
    const int error = SSL_get_error(m_ssl, n);
    ERR_clear_error();
    if (error == SSL_ERROR_WANT_READ) {
      return Io::want_read;
    }
    if (error == SSL_ERROR_WANT_WRITE) {
      return Io::want_write;
    }
    return error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && n == 0) ? Io::closed
                                                                                    : Io::failed;
  }
  for (;;) {
    const ssize_t n = ::recv(m_fd, buffer, size, 0);
    if (n > 0) {
      got = static_cast<std::size_t>(n);
      return Io::done;
    }
    if (n == 0) {
      return Io::closed;
    }
    if (errno == EINTR) {
      continue;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK ? Io::want_read : Io::failed;
  }
}

bool Transport::pending() const {
  return m_ssl != nullptr && SSL_pending(m_ssl) > 0;
}

}  // namespace shipcheck::load
