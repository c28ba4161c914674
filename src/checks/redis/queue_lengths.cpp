// RDS007: Celery and RQ keep each queue as a Redis list ("celery", "rq:queue:default"):
// TYPE, then LLEN, for every key in dependencies.redis.queues, one result each. A queue
// that does not exist is empty (Redis deletes an emptied list). A backlog before a deploy
// means workers are not keeping up, and the deploy restarts them on top of it.
#include "checks/redis/queue_lengths.h"

#include <fmt/format.h>

#include "config/config.h"

namespace shipcheck::checks {

RedisQueueLengths::RedisQueueLengths()
    : RedisRule(RuleInfo{"RDS007", "redis", "Task queues are not backed up", Severity::medium,
                         "find out why workers fall behind (crashed, too few, a slow task) and "
                         "drain the queue before deploying"}) {}

std::vector<Result> RedisQueueLengths::check(const Context& /*ctx*/,
                                             const redis_facts::Setup& setup,
                                             const redis_facts::Facts& /*facts*/) const {
  const auto& queues = setup.config->queues;
  if (queues.empty()) {
    return {skip("no dependencies.redis.queues in shipcheck.yaml")};
  }
  auto connection = redis::Connection::open(setup.url, setup.timeout);
  if (!connection) {
    return {error(redis_facts::describe(connection.error()))};
  }
  const long long bound = setup.config->max_queue_length;
  std::vector<Result> results;
  for (const auto& queue : queues) {
    auto type = connection->command({"TYPE", queue});
    if (!type) {
      results.push_back(error(redis_facts::describe(type.error())));
      break;  // the connection is unusable now
    }
    if (type->text != "list" && type->text != "none") {
      results.push_back(error(fmt::format("queue {}: the key is a {}, not a list", queue,
                                          type->is_error() ? "failed TYPE" : type->text)));
      continue;
    }
    auto length = connection->command({"LLEN", queue});
    if (!length || length->is_error()) {
      results.push_back(error(length ? length->text : redis_facts::describe(length.error())));
      break;
    }
    const std::string evidence = fmt::format("LLEN {} = {}", queue, length->integer);
    if (length->integer > bound) {
      results.push_back(
          fail(fmt::format("queue {} holds {} tasks, more than {}", queue, length->integer, bound),
               evidence));
    } else {
      results.push_back(
          pass(fmt::format("queue {} holds {} tasks (at most {})", queue, length->integer, bound),
               evidence));
    }
  }
  return results;
}

}  // namespace shipcheck::checks
