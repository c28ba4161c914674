#include "engines/redis/url.h"

#include <gtest/gtest.h>

namespace shipcheck::redis {
namespace {

TEST(RedisUrl, ReadsUserPasswordHostPortAndDatabase) {
  const auto url = parse_url("redis://default:p%40ss@cache.internal:6380/2");
  ASSERT_TRUE(url) << url.error();
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->user, "default");
  EXPECT_EQ(url->password, "p@ss");
  EXPECT_TRUE(url->has_password);
  EXPECT_EQ(url->host, "cache.internal");
  EXPECT_EQ(url->port, 6380);
  EXPECT_EQ(url->db, 2);
  EXPECT_EQ(url->target(), "redis://cache.internal:6380/2");
}

TEST(RedisUrl, DefaultsAndTheShortForms) {
  const auto bare = parse_url("redis://localhost");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->port, 6379);
  EXPECT_EQ(bare->db, 0);
  EXPECT_FALSE(bare->has_password);
  const auto password_only = parse_url("rediss://:s3cret@[::1]:7000/0?ssl_cert_reqs=none");
  ASSERT_TRUE(password_only);
  EXPECT_TRUE(password_only->tls);
  EXPECT_EQ(password_only->user, "");
  EXPECT_EQ(password_only->password, "s3cret");
  EXPECT_EQ(password_only->host, "::1");
  EXPECT_EQ(password_only->target(), "rediss://[::1]:7000/0");
  // redis-py: a name alone before '@' is a user without a password.
  const auto user_only = parse_url("redis://worker@host");
  ASSERT_TRUE(user_only);
  EXPECT_EQ(user_only->user, "worker");
  EXPECT_FALSE(user_only->has_password);
  // The last '@' ends the credentials: the password may hold one.
  const auto at_sign = parse_url("redis://u:a@b@host:1/0");
  ASSERT_TRUE(at_sign);
  EXPECT_EQ(at_sign->password, "a@b");
  EXPECT_EQ(at_sign->host, "host");
}

TEST(RedisUrl, ErrorsNeverQuoteTheUrl) {
  for (const char* text : {"http://u:hunter2-secret@host/", "redis://u:hunter2-secret@host:99999",
                           "redis://u:hunter2-secret@host/x", "redis://u:hunter2-secret@/0",
                           "redis://u:hunter2-secret@[::1/0"}) {
    const auto url = parse_url(text);
    ASSERT_FALSE(url) << text;
    EXPECT_EQ(url.error().find("hunter2"), std::string::npos) << url.error();
  }
}

}  // namespace
}  // namespace shipcheck::redis
