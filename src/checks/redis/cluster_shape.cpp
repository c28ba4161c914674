// RDS006: what redis-cli CLUSTER INFO and CLUSTER NODES show in the seeds' "Verify Redis
// cluster" step, read by the node of the URL. Primaries are those serving slots
// (cluster_size); replicas are the nodes flagged slave and not fail. Fewer than
// dependencies.redis.cluster asks for fails. Skipped when no cluster is configured.
#include "checks/redis/cluster_shape.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "config/config.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// Replicas that are up, from CLUSTER NODES ("<id> <addr> <flags> ..." per line).
int healthy_replicas(const std::string& nodes) {
  int count = 0;
  for (const auto& line : split(nodes, '\n')) {
    const auto fields = split(line, ' ');
    if (fields.size() < 3) {
      continue;
    }
    const auto flags = split(fields[2], ',');
    const auto has = [&](const char* flag) {
      return std::find(flags.begin(), flags.end(), flag) != flags.end();
    };
    if (has("slave") && !has("fail") && !has("fail?")) {
      ++count;
    }
  }
  return count;
}

std::string field_in(const std::string& text, const std::string& name) {
  for (const auto& [key, value] : redis::parse_info(text)) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

}  // namespace

RedisClusterShape::RedisClusterShape()
    : RedisRule(RuleInfo{"RDS006", "redis", "Redis Cluster is ok with its primaries and replicas",
                         Severity::high,
                         "add or repair nodes until every slot is served (redis-cli --cluster "
                         "fix/add-node) and each primary has its replica"}) {}

std::vector<Result> RedisClusterShape::check(const Context& /*ctx*/,
                                             const redis_facts::Setup& setup,
                                             const redis_facts::Facts& /*facts*/) const {
  if (!setup.config->cluster) {
    return {skip("no dependencies.redis.cluster in shipcheck.yaml")};
  }
  auto connection = redis::Connection::open(setup.url, setup.timeout);
  if (!connection) {
    return {error(redis_facts::describe(connection.error()))};
  }
  auto info = connection->command({"CLUSTER", "INFO"});
  if (!info) {
    return {error(redis_facts::describe(info.error()))};
  }
  if (info->is_error()) {
    return {fail(fmt::format("the server is not in cluster mode: {}", info->text))};
  }
  auto nodes = connection->command({"CLUSTER", "NODES"});
  if (!nodes || nodes->is_error()) {
    return {error(nodes ? nodes->text : redis_facts::describe(nodes.error()))};
  }
  const std::string state = field_in(info->text, "cluster_state");
  const int primaries = std::atoi(field_in(info->text, "cluster_size").c_str());
  const int replicas = healthy_replicas(nodes->text);
  const auto& want = *setup.config->cluster;
  const std::string shape = fmt::format("{} primaries and {} replicas", primaries, replicas);
  const std::string evidence =
      fmt::format("cluster_state:{}, cluster_size:{}, cluster_slots_ok:{}, replicas up: {}", state,
                  primaries, field_in(info->text, "cluster_slots_ok"), replicas);
  if (state != "ok") {
    return {fail(fmt::format("cluster_state is {} ({})", state, shape), evidence)};
  }
  if (primaries < want.primaries || replicas < want.replicas) {
    return {fail(fmt::format("the cluster has {}, fewer than the {} primaries and {} replicas "
                             "configured",
                             shape, want.primaries, want.replicas),
                 evidence)};
  }
  return {pass(fmt::format("cluster_state ok with {}", shape), evidence)};
}

}  // namespace shipcheck::checks
