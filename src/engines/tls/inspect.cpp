// TLS inspection (see inspect.h): non-blocking sockets and handshakes, each under a
// deadline, so that a silent or trickling server costs at most the timeout.
#include "engines/tls/inspect.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace shipcheck::tls {
namespace {

using Clock = std::chrono::steady_clock;
using CtxPtr = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
using SslPtr = std::unique_ptr<SSL, decltype(&SSL_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

class Socket {
 public:
  explicit Socket(int fd) : m_fd(fd) {}
  ~Socket() {
    if (m_fd >= 0) {
      close(m_fd);
    }
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return m_fd; }

 private:
  int m_fd;
};

int remaining_ms(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd p{fd, events, 0};
  return poll(&p, 1, remaining_ms(deadline)) == 1;
}

bool is_ip_literal(const std::string& host) {
  in6_addr buffer{};
  return inet_pton(AF_INET, host.c_str(), &buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), &buffer) == 1;
}

// A connected non-blocking socket, or the reason there is none.
std::unique_ptr<Socket> connect_to(const Target& target, Clock::time_point deadline,
                                   std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string& where = target.address.empty() ? target.host : target.address;
  if (const int rc =
          getaddrinfo(where.c_str(), std::to_string(target.port).c_str(), &hints, &found);
      rc != 0) {
    error = fmt::format("cannot resolve {}: {}", where, gai_strerror(rc));
    return nullptr;
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
  error = fmt::format("cannot connect to {}:{}", where, target.port);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    auto socket = std::make_unique<Socket>(::socket(a->ai_family, a->ai_socktype, a->ai_protocol));
    if (socket->fd() < 0) {
      continue;
    }
    fcntl(socket->fd(), F_SETFL, fcntl(socket->fd(), F_GETFL) | O_NONBLOCK);
    if (::connect(socket->fd(), a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      continue;
    }
    if (!wait_for(socket->fd(), POLLOUT, deadline)) {
      error = fmt::format("no connection to {}:{} within the timeout", where, target.port);
      continue;
    }
    int so_error = 0;
    socklen_t size = sizeof so_error;
    getsockopt(socket->fd(), SOL_SOCKET, SO_ERROR, &so_error, &size);
    if (so_error == 0) {
      return socket;
    }
    error = fmt::format("cannot connect to {}:{}: {}", where, target.port, std::strerror(so_error));
  }
  return nullptr;
}

std::string openssl_error_text() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) {
    return "the handshake failed";
  }
  char buffer[256];
  ERR_error_string_n(code, buffer, sizeof buffer);
  return buffer;
}

// Runs SSL_connect to completion or the deadline; empty on success, else why not.
std::string handshake(SSL* ssl, int fd, Clock::time_point deadline) {
  while (true) {
    ERR_clear_error();
    const int rc = SSL_connect(ssl);
    if (rc == 1) {
      return {};
    }
    const int reason = SSL_get_error(ssl, rc);
    if (reason == SSL_ERROR_WANT_READ || reason == SSL_ERROR_WANT_WRITE) {
      if (!wait_for(fd, reason == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
        return "no complete handshake within the timeout";
      }
      continue;
    }
    if (reason == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
      return "the server closed the connection during the handshake";
    }
    return openssl_error_text();
  }
}

struct Session {
  std::unique_ptr<Socket> socket;
  SslPtr ssl{nullptr, SSL_free};
  std::string error;
};

Session open_session(SSL_CTX* ctx, const Target& target,
                     std::vector<std::pair<int, std::string>>* verify_errors) {
  Session session;
  const auto deadline = Clock::now() + target.timeout;
  session.socket = connect_to(target, deadline, session.error);
  if (!session.socket) {
    return session;
  }
  session.error.clear();
  session.ssl.reset(SSL_new(ctx));
  SSL* ssl = session.ssl.get();
  SSL_set_fd(ssl, session.socket->fd());
  if (!is_ip_literal(target.host)) {
    SSL_set_tlsext_host_name(ssl, target.host.c_str());
  }
  SSL_set_app_data(ssl, verify_errors);
  SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp);
  session.error = handshake(ssl, session.socket->fd(), deadline);
  return session;
}

// Records every verification problem and lets the handshake go on, so that one run sees
// them all (an expired leaf and a missing intermediate are two findings, not one).
int record_verify_error(int ok, X509_STORE_CTX* store) {
  if (ok == 0) {
    auto* ssl =
        static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* errors = static_cast<std::vector<std::pair<int, std::string>>*>(SSL_get_app_data(ssl));
    const int code = X509_STORE_CTX_get_error(store);
    if (errors != nullptr) {
      const std::pair<int, std::string> entry{code, X509_verify_cert_error_string(code)};
      if (std::find(errors->begin(), errors->end(), entry) == errors->end()) {
        errors->push_back(entry);
      }
    }
  }
  return 1;
}

CtxPtr new_context() {
  CtxPtr ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  if (!ctx) {
    throw std::runtime_error("OpenSSL could not create a TLS context");
  }
  return ctx;
}

std::string name_line(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::time_t to_time(const ASN1_TIME* time) {
  std::tm tm{};
  return ASN1_TIME_to_tm(time, &tm) == 1 ? timegm(&tm) : 0;
}

Certificate describe(X509* cert) {
  Certificate c;
  c.subject = name_line(X509_get_subject_name(cert));
  c.issuer = name_line(X509_get_issuer_name(cert));
  c.not_before = to_time(X509_get0_notBefore(cert));
  c.not_after = to_time(X509_get0_notAfter(cert));
  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    const char* type = EVP_PKEY_get0_type_name(key);  // "RSA", "EC", "ED25519"
    c.key_type = type != nullptr ? type : "unknown";
    c.key_bits = EVP_PKEY_get_bits(key);
  }
  const char* signature = OBJ_nid2ln(X509_get_signature_nid(cert));
  c.signature_algorithm = signature != nullptr ? signature : "unknown";
  c.self_signed = X509_check_issued(cert, cert) == X509_V_OK;
  return c;
}

// Probing handshakes accept anything the server offers: Debian's OpenSSL refuses TLS
// 1.0/1.1, small keys and SHA-1 signatures at its default level 2, which would make a
// server offering them look safe (or unreachable) instead of failing the rule about them.
void accept_anything(SSL_CTX* ctx) {
  SSL_CTX_set_security_level(ctx, 0);
  SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0");
}

bool accepts_version(const Target& target, int version) {
  CtxPtr ctx = new_context();
  SSL_CTX_set_min_proto_version(ctx.get(), version);
  SSL_CTX_set_max_proto_version(ctx.get(), version);
  accept_anything(ctx.get());
  return open_session(ctx.get(), target, nullptr).error.empty();
}

// The system's trust store plus `ca_file`, read once per CA file for the whole process and
// shared by every inspection: reading the system bundle (some 140 certificates, decoded
// one by one) was half the CPU of probing a target, and the same for each of 500 targets.
// OpenSSL locks an X509_STORE for concurrent use by many contexts. Never freed: abandoned
// check threads may still hold one. nullptr when `ca_file` cannot be read.
X509_STORE* trust_store(const std::string& ca_file) {
  static std::mutex mutex;
  static auto* const stores = new std::map<std::string, X509_STORE*>();
  std::lock_guard lock(mutex);
  if (auto it = stores->find(ca_file); it != stores->end()) {
    return it->second;
  }
  X509_STORE* store = X509_STORE_new();
  if (store == nullptr) {
    throw std::runtime_error("OpenSSL could not create a certificate store");
  }
  X509_STORE_set_default_paths(store);
  if (!ca_file.empty() && X509_STORE_load_file(store, ca_file.c_str()) != 1) {
    X509_STORE_free(store);
    ERR_clear_error();
    return nullptr;
  }
  stores->emplace(ca_file, store);
  return store;
}

void ignore_sigpipe_once() {
  // A server that resets mid-handshake must not kill the process with SIGPIPE.
  static std::once_flag once;
  std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

}  // namespace

Inspection inspect(const Target& target) {
  ignore_sigpipe_once();
  Inspection out;
  CtxPtr ctx = new_context();
  accept_anything(ctx.get());
  X509_STORE* store = trust_store(target.ca_file);
  if (store == nullptr) {
    out.error = fmt::format("cannot read the CA file {}", target.ca_file);
    return out;
  }
  SSL_CTX_set1_cert_store(ctx.get(), store);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, record_verify_error);
  Session session = open_session(ctx.get(), target, &out.verify_errors);
  if (!session.error.empty()) {
    out.error = session.error;
    return out;
  }
  SSL* ssl = session.ssl.get();
  out.protocol = SSL_get_version(ssl);
  out.cipher = SSL_get_cipher_name(ssl);
  const unsigned char* ocsp = nullptr;
  out.ocsp_stapled = SSL_get_tlsext_status_ocsp_resp(ssl, &ocsp) > 0;
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl)) {
    for (int i = 0; i < sk_X509_num(chain); ++i) {
      out.chain.push_back(describe(sk_X509_value(chain, i)));
    }
  }
  if (X509* leaf = SSL_get0_peer_certificate(ssl)) {
    out.hostname_matches =
        is_ip_literal(target.host)
            ? X509_check_ip_asc(leaf, target.host.c_str(), 0) == 1
            : X509_check_host(leaf, target.host.c_str(), target.host.size(), 0, nullptr) == 1;
  }
  SSL_shutdown(ssl);
  for (const auto& [name, version] :
       std::vector<std::pair<std::string, int>>{{"TLSv1", TLS1_VERSION},
                                                {"TLSv1.1", TLS1_1_VERSION},
                                                {"TLSv1.2", TLS1_2_VERSION},
                                                {"TLSv1.3", TLS1_3_VERSION}}) {
    out.versions.push_back(VersionProbe{name, accepts_version(target, version)});
  }
  return out;
}

}  // namespace shipcheck::tls
