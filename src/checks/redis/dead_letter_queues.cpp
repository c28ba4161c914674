// RDS010: for each key in dependencies.redis.dead_letter_queues, TYPE and then its length:
// a list (LLEN; hand-rolled and Celery-style), a sorted set (ZCARD; RQ's failed-job
// registry rq:failed:<queue>) or a stream (XLEN). Any other type fails: the worker's push
// answers WRONGTYPE and the failed task is lost on top of failing. A key that does not
// exist passes as an empty queue: Redis deletes an emptied list or sorted set, so a missing
// key cannot tell "nothing failed yet" from "nothing is wired". Above
// max_dead_letter_length (when set) fails: failures are piling up unexamined.
#include "checks/redis/dead_letter_queues.h"

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {
namespace {

// The command that measures a dead-letter key of `type`, or "" for a type that cannot be one.
const char* length_command(const std::string& type) {
  if (type == "list") {
    return "LLEN";
  }
  if (type == "zset") {
    return "ZCARD";
  }
  if (type == "stream") {
    return "XLEN";
  }
  return "";
}

}  // namespace

RedisDeadLetterQueues::RedisDeadLetterQueues()
    : RedisRule(RuleInfo{"RDS010", "redis", "Dead-letter queues can take failed tasks",
                         Severity::medium,
                         "point the workers' dead-letter handling at a list, sorted set or "
                         "stream key of its own, and look into the failed tasks it holds"}) {}

std::vector<Result> RedisDeadLetterQueues::check(const Context& /*ctx*/,
                                                 const redis_facts::Setup& setup,
                                                 const redis_facts::Facts& /*facts*/) const {
  const auto& queues = setup.config->dead_letter_queues;
  if (queues.empty()) {
    return {skip("no dependencies.redis.dead_letter_queues in shipcheck.yaml")};
  }
  auto connection = redis::Connection::open(setup.url, setup.timeout);
  if (!connection) {
    return {error(redis_facts::describe(connection.error()))};
  }
  const auto& bound = setup.config->max_dead_letter_length;
  std::vector<Result> results;
  for (const auto& queue : queues) {
    auto type = connection->command({"TYPE", queue});
    if (!type) {
      results.push_back(error(redis_facts::describe(type.error())));
      break;  // the connection is unusable now
    }
    if (type->is_error()) {
      results.push_back(
          error(fmt::format("dead-letter queue {}: TYPE failed: {}", queue, type->text)));
      continue;
    }
    if (type->text == "none") {
      results.push_back(pass(
          fmt::format("dead-letter queue {} is empty (no key: nothing has failed into it)", queue),
          fmt::format("TYPE {} = none", queue)));
      continue;
    }
    const std::string command = length_command(type->text);
    if (command.empty()) {
      results.push_back(fail(fmt::format("dead-letter queue {} is a {}, not a list, sorted set or "
                                         "stream: pushing a failed task to it fails",
                                         queue, type->text),
                             fmt::format("TYPE {} = {}", queue, type->text)));
      continue;
    }
    auto length = connection->command({command, queue});
    if (!length || length->is_error()) {
      results.push_back(error(length ? length->text : redis_facts::describe(length.error())));
      break;
    }
    const std::string evidence =
        fmt::format("TYPE {} = {}, {} = {}", queue, type->text, command, length->integer);
    if (bound && length->integer > *bound) {
      results.push_back(fail(fmt::format("dead-letter queue {} holds {} failed tasks, more than {}",
                                         queue, length->integer, *bound),
                             evidence));
    } else {
      results.push_back(
          pass(fmt::format("dead-letter queue {} ({}) holds {} failed tasks{}", queue, type->text,
                           length->integer, bound ? fmt::format(" (at most {})", *bound) : ""),
               evidence));
    }
  }
  return results;
}

}  // namespace shipcheck::checks
