// A read-only Redis connection over hiredis: connect and command timeouts, AUTH (ACL user or
// password) and SELECT from the URL, failures classified (refused, timeout, auth failed,
// TLS). Only the read-only commands the checks need are sent: any other is refused here,
// before it reaches the server, so no check can write to the Redis it inspects.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "engines/redis/url.h"

struct redisContext;

namespace shipcheck::redis {

enum class FailureKind {
  refused,
  timeout,
  auth_failed,
  tls,
  closed,
  refused_command,
  unsupported,  // this build cannot speak to it (rediss://), nothing about the server
  other
};

// "refused", "timeout", "auth failed", "TLS failed", ... for messages.
std::string_view to_string(FailureKind kind);

struct Failure {
  FailureKind kind = FailureKind::other;
  std::string message;  // never holds the password
};

struct Reply {
  enum class Type { string, status, integer, nil, array, error };
  Type type = Type::nil;
  std::string text;  // string, status and error replies
  long long integer = 0;
  std::vector<Reply> elements;

  bool is_error() const { return type == Type::error; }
};

// True iff `args` is a command the engine may send (PING, INFO, CONFIG GET, CLUSTER INFO,
// CLUSTER NODES, LLEN, ZCARD, XLEN, EXISTS, TYPE, AUTH, SELECT, ACL WHOAMI, ACL DRYRUN,
// COMMAND INFO).
bool is_read_only(const std::vector<std::string>& args);

class Connection {
 public:
  // Connects to the URL's host and port within `timeout`; every later command waits at most
  // `timeout` for its reply. With `authenticate`, sends AUTH when the URL has a password
  // and SELECT when it names a database other than 0. rediss:// fails with kind
  // `unsupported`: Debian 12's hiredis (0.14) has no TLS support.
  static tl::expected<Connection, Failure> open(const Url& url, std::chrono::milliseconds timeout,
                                                bool authenticate = true);

  // Sends one command and reads its reply. A server error (-ERR ...) is a Reply of type
  // error, not a Failure; a Failure (timeout, closed connection) leaves the connection
  // unusable. Commands outside is_read_only fail with kind `refused_command`.
  tl::expected<Reply, Failure> command(const std::vector<std::string>& args);

 private:
  struct Free {
    void operator()(redisContext* context) const;
  };
  Connection(redisContext* context, std::string where, std::chrono::milliseconds timeout);
  Failure io_failure() const;

  std::unique_ptr<redisContext, Free> m_context;
  std::string m_where;  // "127.0.0.1:6379", for messages
  std::chrono::milliseconds m_timeout;
};

// INFO's text as key -> value ("redis_version" -> "7.0.15"); section headers dropped.
std::vector<std::pair<std::string, std::string>> parse_info(std::string_view text);

}  // namespace shipcheck::redis
