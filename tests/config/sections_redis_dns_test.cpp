// shipcheck.yaml's dependencies.redis and dns sections: what loads, the defaults, and each
// bad value stopping the load with its line and column.
#include <gtest/gtest.h>

#include "config/expect_error.h"
#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

const EnvLookup k_redis_dns_env = [](std::string_view) -> std::optional<std::string> {
  return std::nullopt;
};

tl::expected<Config, ParseError> load_redis_dns(const std::string& text) {
  const test::TempDir dir;
  return load_config_text(text, "shipcheck.yaml", dir.path(), k_redis_dns_env);
}

ParseError redis_dns_error(const std::string& text) {
  const auto config = load_redis_dns(text);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

TEST(LoaderRedisDns, LoadsEveryRedisAndDnsSetting) {
  const auto config = load_redis_dns(R"(dependencies:
  redis:
    url_env: BROKER_URL
    use: queue
    persistence: false
    max_memory_share: 0.75
    timeout: 2s
    queues: [celery, "rq:queue:default"]
    max_queue_length: 500
    cluster: {primaries: 3, replicas: 3}
dns:
  names: [api.example.com, www.example.com]
  resolver: "127.0.0.1:5353"
  max_ttl: 5m
  timeout: 1s
)");
  ASSERT_TRUE(config) << config.error().to_string();
  const auto& redis = *config->dependencies.redis;
  EXPECT_EQ(redis.url_env, "BROKER_URL");
  EXPECT_EQ(redis.use, "queue");
  EXPECT_FALSE(redis.persistence);
  EXPECT_DOUBLE_EQ(redis.max_memory_share, 0.75);
  EXPECT_EQ(redis.timeout, "2s");
  EXPECT_EQ(redis.queues, (std::vector<std::string>{"celery", "rq:queue:default"}));
  EXPECT_EQ(redis.max_queue_length, 500);
  ASSERT_TRUE(redis.cluster);
  EXPECT_EQ(redis.cluster->primaries, 3);
  EXPECT_EQ(redis.cluster->replicas, 3);
  EXPECT_EQ(config->dns.names, (std::vector<std::string>{"api.example.com", "www.example.com"}));
  EXPECT_EQ(config->dns.resolver, "127.0.0.1:5353");
  EXPECT_EQ(config->dns.max_ttl, "5m");
  EXPECT_EQ(config->dns.timeout, "1s");
}

TEST(LoaderRedisDns, AnEmptyRedisSectionHasTheDefaults) {
  const auto config = load_redis_dns("dependencies:\n  redis:\n");
  ASSERT_TRUE(config) << config.error().to_string();
  const auto& redis = *config->dependencies.redis;
  EXPECT_EQ(redis.url_env, "REDIS_URL");
  EXPECT_EQ(redis.use, "cache");
  EXPECT_TRUE(redis.persistence);
  EXPECT_DOUBLE_EQ(redis.max_memory_share, 0.9);
  EXPECT_EQ(redis.timeout, "5s");
  EXPECT_FALSE(redis.cluster);
  EXPECT_TRUE(config->dns.names.empty());
  EXPECT_EQ(config->dns.max_ttl, "60s");
}

TEST(LoaderRedisDns, LoadsDangerousCommandsAndDeadLetterQueues) {
  const auto config = load_redis_dns(R"(dependencies:
  redis:
    dangerous_commands: [flushall, "config|set", "Config Rewrite"]
    dead_letter_queues: [celery.dead-letter, "rq:failed:default"]
    max_dead_letter_length: 50
)");
  ASSERT_TRUE(config) << config.error().to_string();
  const auto& redis = *config->dependencies.redis;
  EXPECT_EQ(redis.dangerous_commands,
            (std::vector<std::string>{"FLUSHALL", "CONFIG SET", "CONFIG REWRITE"}));
  EXPECT_EQ(redis.dead_letter_queues,
            (std::vector<std::string>{"celery.dead-letter", "rq:failed:default"}));
  EXPECT_EQ(redis.max_dead_letter_length, 50);
}

TEST(LoaderRedisDns, DangerousCommandsTrueIsTheDefaultListAndFalseIsOff) {
  const auto on = load_redis_dns("dependencies:\n  redis: {dangerous_commands: true}\n");
  ASSERT_TRUE(on) << on.error().to_string();
  EXPECT_EQ(on->dependencies.redis->dangerous_commands,
            (std::vector<std::string>{"FLUSHALL", "FLUSHDB", "CONFIG", "KEYS", "DEBUG"}));
  const auto off = load_redis_dns("dependencies:\n  redis: {dangerous_commands: false}\n");
  ASSERT_TRUE(off) << off.error().to_string();
  EXPECT_TRUE(off->dependencies.redis->dangerous_commands.empty());
  const auto unset = load_redis_dns("dependencies:\n  redis:\n");
  ASSERT_TRUE(unset) << unset.error().to_string();
  EXPECT_TRUE(unset->dependencies.redis->dangerous_commands.empty());
  EXPECT_TRUE(unset->dependencies.redis->dead_letter_queues.empty());
  EXPECT_FALSE(unset->dependencies.redis->max_dead_letter_length);
}

TEST(LoaderRedisDns, BadDangerousCommands) {
  EXPECT_ERROR_AT(
      redis_dns_error("dependencies:\n  redis:\n    dangerous_commands: [FLUSHALL, \"rm -rf\"]\n"),
      3, 36, "a Redis command");
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    dangerous_commands: sometimes\n"),
                  3, 25, "true or false");
}

TEST(LoaderRedisDns, BadDeadLetterSettings) {
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    max_dead_letter_length: -1\n"), 3,
                  29, "max_dead_letter_length");
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    dead_letter_queues: dlq\n"), 3, 25,
                  "dead_letter_queues");
}

TEST(LoaderRedisDns, BadUse) {
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis: {use: broker}\n"), 2, 16,
                  "one of cache, queue, sessions, token_blacklist");
}

TEST(LoaderRedisDns, BadMemoryShare) {
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    max_memory_share: 90\n"), 3, 23,
                  "max_memory_share");
}

TEST(LoaderRedisDns, BadTimeout) {
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    timeout: soon\n"), 3, 14,
                  "a duration");
}

TEST(LoaderRedisDns, BadClusterShape) {
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    cluster: {primaries: 0}\n"), 3, 26,
                  "primaries");
  EXPECT_ERROR_AT(redis_dns_error("dependencies:\n  redis:\n    cluster: {shards: 3}\n"), 3, 15,
                  "shards");
}

TEST(LoaderRedisDns, BadResolver) {
  EXPECT_ERROR_AT(
      redis_dns_error("dns:\n  names: [api.example.com]\n  resolver: dns.example.com\n"), 3, 13,
      "a resolver address");
}

TEST(LoaderRedisDns, BadName) {
  EXPECT_ERROR_AT(redis_dns_error("dns:\n  names: [api.example.com, \"bad name\"]\n"), 2, 28,
                  "a host name");
}

TEST(LoaderRedisDns, BadMaxTtl) {
  EXPECT_ERROR_AT(redis_dns_error("dns:\n  max_ttl: sixty\n"), 2, 12, "a duration");
}

}  // namespace
}  // namespace shipcheck::config
