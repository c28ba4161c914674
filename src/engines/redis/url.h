// redis:// and rediss:// URLs as redis-py and the seeds write them:
// redis[s]://[[user]:password@]host[:port][/db][?options]. The password is held, never shown.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace shipcheck::redis {

struct Url {
  bool tls = false;  // rediss://
  std::string user;  // ACL user; empty = the default user
  std::string password;
  bool has_password = false;  // "redis://:@host" has an empty one
  std::string host;           // without brackets for IPv6
  int port = 6379;
  int db = 0;

  // "redis://host:port/db": what reports show as the target (no user, no password).
  std::string target() const;
};

// Parses `text`. Errors say what is wrong without quoting the text (it may hold a password).
tl::expected<Url, std::string> parse_url(std::string_view text);

}  // namespace shipcheck::redis
