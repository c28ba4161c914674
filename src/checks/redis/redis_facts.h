// What the RDS checks share: the Redis URL (from the variable dependencies.redis.url_env
// names, in the environment or else the env file; never shown with its credentials), and
// one authenticated look at the server per run (PING, INFO, CONFIG GET) through the memo.
// A PING answered NOAUTH (the URL lacks the password) counts as a failure.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/check.h"
#include "engines/redis/client.h"

namespace shipcheck {
struct Context;
struct RedisConfig;
}  // namespace shipcheck

namespace shipcheck::checks::redis_facts {

// The instance the RDS rules inspect.
struct Setup {
  redis::Url url;
  std::chrono::milliseconds timeout{5'000};
  const RedisConfig* config = nullptr;
};

// What one authenticated connection learned. `failure` set: nothing else is known.
struct Facts {
  std::optional<redis::Failure> failure;
  std::string ping_error;  // PING answered with an error that INFO may explain (MISCONF)
  std::map<std::string, std::string> info;
  // CONFIG GET results (save, appendonly, appendfsync, protected-mode, bind,
  // enable-debug-command, enable-module-command; absent when the server has no such
  // parameter); empty with
  // `config_error` when the command is renamed away or not allowed for this user.
  std::map<std::string, std::string> config;
  std::string config_error;

  // INFO field, or "" when absent.
  std::string field(const std::string& name) const;
  // INFO field as a number; `fallback` when absent or not a number.
  long long number(const std::string& name, long long fallback = 0) const;
};

// A check on the configured Redis: skipped without dependencies.redis or its URL variable,
// `error` for a bad URL or when the server could not be reached (with the cause: refused,
// timeout, auth failed, TLS failed). Every result's target is redis://host:port/db.
class RedisRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;

 protected:
  // The facts are gathered before this is called only when `needs_facts()`.
  virtual std::vector<Result> check(const Context& ctx, const Setup& setup,
                                    const Facts& facts) const = 0;
  virtual bool needs_facts() const { return true; }
  // The result for facts whose connection failed (default: error with the cause).
  virtual Result unreachable(const redis::Failure& failure) const;
};

// PING on a second connection that sends no AUTH: NOAUTH when a password is required, PONG
// when anyone who reaches the port gets in, DENIED when protected mode shuts this client out.
tl::expected<redis::Reply, redis::Failure> ping_without_auth(const Setup& setup);

// The connection's failure as "timeout: 127.0.0.1:6379 did not answer within 5s".
std::string describe(const redis::Failure& failure);

// Human-readable bytes: "512 B", "1.5 MiB".
std::string bytes_text(long long bytes);

}  // namespace shipcheck::checks::redis_facts
