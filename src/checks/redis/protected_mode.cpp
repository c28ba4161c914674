// RDS008: the exposed-Redis case, a server anyone on the network can use: no password, a
// bind beyond loopback, and protected mode off (protected mode refuses every non-loopback
// client while the default user has no password, on Redis 6 and later whatever the bind;
// before 6 only when no bind is set). A password (RDS002's NOAUTH) is enough to pass, so
// CONFIG GET is needed only when there is none.
#include "checks/redis/protected_mode.h"

#include <cstdlib>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks {

namespace redis_bind {

bool is_wildcard(std::string_view address) {
  return address == "*" || address == "0.0.0.0" || address == "::" || address == "::*";
}

std::vector<std::string> reachable_addresses(std::string_view bind) {
  std::vector<std::string> out;
  bool any = false;
  for (const auto& word : split(bind, ' ')) {
    std::string_view address = trim(word);
    if (address.empty()) {
      continue;
    }
    any = true;
    if (address.front() == '-') {
      address.remove_prefix(1);
    }
    if (address.rfind("127.", 0) == 0 || address == "::1" || address == "localhost") {
      continue;
    }
    out.emplace_back(address);
  }
  if (!any) {
    out.emplace_back("*");
  }
  return out;
}

}  // namespace redis_bind

namespace {

// No password (the auth rule fails that), but nobody off the host gets in.
constexpr const char* k_protected =
    "protected mode refuses clients from other hosts (no password is set)";

std::string config_value(const redis_facts::Facts& facts, const char* name) {
  const auto it = facts.config.find(name);
  return it == facts.config.end() ? std::string() : it->second;
}

// "every interface" or "203.0.113.7, 10.0.0.5".
std::string where_text(const std::vector<std::string>& addresses) {
  for (const auto& address : addresses) {
    if (redis_bind::is_wildcard(address)) {
      return "every interface";
    }
  }
  std::string text;
  for (const auto& address : addresses) {
    text += (text.empty() ? "" : ", ") + address;
  }
  return text;
}

}  // namespace

RedisProtectedMode::RedisProtectedMode()
    : RedisRule(RuleInfo{"RDS008", "redis", "Redis is not open to other hosts without a password",
                         Severity::critical,
                         "set a password (requirepass, or ACL users and `user default off`); "
                         "bind only the addresses clients use and keep protected-mode yes"}) {}

std::vector<Result> RedisProtectedMode::check(const Context& /*ctx*/,
                                              const redis_facts::Setup& setup,
                                              const redis_facts::Facts& facts) const {
  const auto reply = redis_facts::ping_without_auth(setup);
  if (!reply) {
    return {error(redis_facts::describe(reply.error()))};
  }
  const bool has_bind = facts.config.count("bind") != 0;
  const std::string bind = config_value(facts, "bind");
  const std::string mode = config_value(facts, "protected-mode");
  const std::string evidence =
      fmt::format("bind \"{}\", protected-mode {}, PING without AUTH: {}", has_bind ? bind : "?",
                  mode.empty() ? "?" : mode, reply->text);
  if (reply->is_error() && reply->text.rfind("NOAUTH", 0) == 0) {
    return {pass("Redis requires a password, wherever it listens", evidence)};
  }
  if (reply->is_error() && reply->text.rfind("DENIED", 0) == 0) {
    return {pass(k_protected, evidence)};
  }
  if (!has_bind || mode.empty()) {
    return {error(fmt::format(
        "Redis requires no password, and CONFIG GET was refused ({}): cannot tell whether it "
        "listens beyond loopback",
        facts.config_error.empty() ? "no bind or protected-mode" : facts.config_error))};
  }
  const auto reachable = redis_bind::reachable_addresses(bind);
  if (reachable.empty()) {
    return {pass("Redis requires no password but listens on loopback only", evidence)};
  }
  // Before Redis 6, an explicit bind switched protected mode off.
  const bool protects =
      mode == "yes" && (std::atoi(facts.field("redis_version").c_str()) >= 6 || bind.empty());
  if (protects) {
    return {pass(k_protected, evidence)};
  }
  const std::string mode_text = mode == "yes"
                                    ? "protected mode ignored (an explicit bind before Redis 6)"
                                    : "protected-mode " + mode;
  return {fail(fmt::format("Redis listens on {} with {} and no password: anyone who reaches "
                           "the port can use it",
                           where_text(reachable), mode_text),
               evidence)};
}

}  // namespace shipcheck::checks
