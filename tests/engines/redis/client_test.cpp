// The Redis engine against a real redis-server: read-only by construction, bounded by its
// timeout, failures classified.
#include "engines/redis/client.h"

#include <gtest/gtest.h>

#include "support/nginx.h"
#include "support/redis.h"
#include "support/socket_server.h"

namespace shipcheck::redis {
namespace {

using namespace std::chrono_literals;

Url url_of(const std::string& text) {
  auto url = parse_url(text);
  if (!url) {
    throw std::runtime_error(url.error());
  }
  return *url;
}

TEST(RedisClient, ReadsInfoAndNeverSendsAWrite) {
  const test::RedisServer server;
  auto connection = Connection::open(url_of(server.url()), 5s);
  ASSERT_TRUE(connection) << connection.error().message;
  auto info = connection->command({"INFO", "server"});
  ASSERT_TRUE(info);
  bool has_version = false;
  for (const auto& [key, value] : parse_info(info->text)) {
    has_version = has_version || (key == "redis_version" && value.rfind("7.", 0) == 0);
  }
  EXPECT_TRUE(has_version) << info->text;
  for (const std::vector<std::string>& write :
       std::vector<std::vector<std::string>>{{"SET", "k", "v"},
                                             {"set", "k", "v"},
                                             {"FLUSHALL"},
                                             {"CONFIG", "SET", "save", ""},
                                             {"DEL", "k"},
                                             {"EVAL", "return 1", "0"},
                                             {"ACL", "SETUSER", "x", "on"},
                                             {"ACL", "DELUSER", "default"},
                                             {"COMMAND", "GETKEYS", "SET", "k", "v"},
                                             {}}) {
    const auto reply = connection->command(write);
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().kind, FailureKind::refused_command);
  }
  EXPECT_EQ(server.cli("EXISTS k"), "0\n");
  EXPECT_EQ(server.info_field("rdb_changes_since_last_save"), "0");
}

TEST(RedisClient, AclDryrunNamesADangerousCommandWithoutRunningIt) {
  const test::RedisServer server;
  server.cli("SET kept 1");
  auto connection = Connection::open(url_of(server.url()), 5s);
  ASSERT_TRUE(connection) << connection.error().message;
  const auto dryrun = connection->command({"ACL", "DRYRUN", "default", "FLUSHALL"});
  ASSERT_TRUE(dryrun) << dryrun.error().message;
  EXPECT_EQ(dryrun->text, "OK");
  EXPECT_EQ(server.cli("EXISTS kept"), "1\n");
}

TEST(RedisClient, AServerThatNeverAnswersIsATimeout) {
  const test::SilentPort silent;
  auto connection =
      Connection::open(url_of(fmt::format("redis://127.0.0.1:{}/0", silent.port())), 200ms);
  ASSERT_TRUE(connection);  // the kernel completes the handshake
  const auto reply = connection->command({"PING"});
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().kind, FailureKind::timeout);
  EXPECT_NE(reply.error().message.find("did not answer within 200ms"), std::string::npos);
}

TEST(RedisClient, ClassifiesRefusedAndWrongCredentials) {
  const auto refused =
      Connection::open(url_of(fmt::format("redis://127.0.0.1:{}/0", test::free_port())), 1s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, FailureKind::refused);
  test::RedisOptions options;
  options.password = "right-password-1234";
  const test::RedisServer server(options);
  const auto wrong = Connection::open(
      url_of(fmt::format("redis://:wrong-password-99@127.0.0.1:{}/0", server.port())), 1s);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, FailureKind::auth_failed);
  EXPECT_EQ(wrong.error().message.find("wrong-password-99"), std::string::npos);
  EXPECT_TRUE(Connection::open(url_of(server.url()), 1s));
}

TEST(RedisClient, ParsesInfoLines) {
  const auto fields = parse_info(
      "# Server\r\nredis_version:7.0.15\r\n\r\n# Keyspace\r\n"
      "db0:keys=1,expires=0,avg_ttl=0\r\n");
  ASSERT_EQ(fields.size(), 2U);
  EXPECT_EQ(fields[0], (std::pair<std::string, std::string>{"redis_version", "7.0.15"}));
  EXPECT_EQ(fields[1].second, "keys=1,expires=0,avg_ttl=0");
}

}  // namespace
}  // namespace shipcheck::redis
