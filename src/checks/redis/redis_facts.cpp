// Redis target and shared facts (see redis_facts.h).
#include "checks/redis/redis_facts.h"

#include <charconv>

#include <fmt/format.h>

#include "checks/context.h"
#include "config/loader.h"
#include "core/duration.h"

namespace shipcheck::checks::redis_facts {
namespace {

// The CONFIG parameters the rules read; each asked alone so that one unknown name (an
// older server) does not hide the others.
const char* const k_config_parameters[] = {
    "save", "appendonly",           "appendfsync",          "protected-mode",
    "bind", "enable-debug-command", "enable-module-command"};

std::optional<std::string> url_text(const Context& ctx, const std::string& name) {
  if (auto value = config::process_env(name)) {
    return value;
  }
  if (ctx.env) {
    if (const auto* entry = ctx.env->find(name)) {
      return entry->value;
    }
  }
  return std::nullopt;
}

void read_config(redis::Connection& connection, Facts& facts) {
  for (const char* parameter : k_config_parameters) {
    auto reply = connection.command({"CONFIG", "GET", parameter});
    if (!reply) {
      facts.config_error = reply.error().message;
      return;
    }
    if (reply->is_error()) {
      facts.config_error = reply->text;
      return;
    }
    if (reply->elements.size() == 2) {
      facts.config[parameter] = reply->elements[1].text;
    }
  }
}

Facts gather(const Setup& setup) {
  Facts facts;
  auto connection = redis::Connection::open(setup.url, setup.timeout);
  if (!connection) {
    facts.failure = connection.error();
    return facts;
  }
  auto ping = connection->command({"PING"});
  if (!ping) {
    facts.failure = ping.error();
    return facts;
  }
  if (ping->is_error()) {
    // NOAUTH: the server wants credentials the URL does not carry; nothing more can be read.
    // Other errors (MISCONF: a failed snapshot stops writes, and PING with them) still let
    // INFO tell the rules why.
    if (ping->text.rfind("NOAUTH", 0) == 0 || ping->text.rfind("NOPERM", 0) == 0) {
      facts.failure = redis::Failure{redis::FailureKind::auth_failed,
                                     fmt::format("PING answered: {}", ping->text)};
      return facts;
    }
    facts.ping_error = ping->text;
  }
  auto info = connection->command({"INFO"});
  if (!info) {
    facts.failure = info.error();
    return facts;
  }
  for (auto& [key, value] : redis::parse_info(info->text)) {
    facts.info[key] = value;
  }
  read_config(*connection, facts);
  return facts;
}

}  // namespace

std::string Facts::field(const std::string& name) const {
  const auto it = info.find(name);
  return it == info.end() ? std::string() : it->second;
}

long long Facts::number(const std::string& name, long long fallback) const {
  const std::string text = field(name);
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return text.empty() || ec != std::errc() ? fallback : value;
}

tl::expected<redis::Reply, redis::Failure> ping_without_auth(const Setup& setup) {
  auto connection = redis::Connection::open(setup.url, setup.timeout, /*authenticate=*/false);
  if (!connection) {
    return tl::make_unexpected(connection.error());
  }
  return connection->command({"PING"});
}

std::string describe(const redis::Failure& failure) {
  return fmt::format("{}: {}", redis::to_string(failure.kind), failure.message);
}

std::string bytes_text(long long bytes) {
  if (bytes < 1024) {
    return fmt::format("{} B", bytes);
  }
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

Result RedisRule::unreachable(const redis::Failure& failure) const {
  return error(describe(failure));
}

std::vector<Result> RedisRule::run(const Context& ctx) const {
  const auto& redis_config = ctx.config.dependencies.redis;
  if (!redis_config) {
    return {skip("no dependencies.redis in shipcheck.yaml")};
  }
  const auto text = url_text(ctx, redis_config->url_env);
  if (!text || text->empty()) {
    return {skip(
        fmt::format("{} is not set (in the environment or the env file)", redis_config->url_env))};
  }
  auto url = redis::parse_url(*text);
  if (!url) {
    return {
        error(fmt::format("{} is not a usable Redis URL: {}", redis_config->url_env, url.error()))};
  }
  const auto timeout = parse_duration(redis_config->timeout);
  const Setup setup{
      *url, std::max(timeout.value_or(std::chrono::seconds(5)), std::chrono::milliseconds(1)),
      &*redis_config};
  std::vector<Result> results;
  if (!needs_facts()) {
    results = check(ctx, setup, Facts{});
  } else {
    const Facts& facts = ctx.memo.get<Facts>([&] { return gather(setup); });
    results =
        facts.failure ? std::vector<Result>{unreachable(*facts.failure)} : check(ctx, setup, facts);
  }
  for (auto& result : results) {
    result.target = setup.url.target();
  }
  return results;
}

}  // namespace shipcheck::checks::redis_facts
