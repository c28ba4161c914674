// Real redis-server (Debian's) on 127.0.0.1 for the Redis rules' tests: its own directory
// and free port, started as the test's child with its PID recorded and stopped by it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/fixture.h"

namespace shipcheck::test {

struct RedisOptions {
  enum class Persistence { none, rdb, aof };
  std::string password;      // requirepass for the default user
  std::string acl_user;      // an ACL user with every permission (the default user is then off)
  std::string acl_password;  // that user's password
  std::vector<std::string> acl_user_rules;  // more ACL rules for it, e.g. {"-flushdb", "-keys"}
  bool default_user_open = false;           // with acl_user: leave `default` on, without a password
  Persistence persistence = Persistence::none;
  std::string maxmemory;           // "64mb"; empty = unlimited
  std::string policy;              // maxmemory-policy; empty = Redis's default (noeviction)
  std::vector<std::string> extra;  // more arguments, e.g. {"--protected-mode", "no"}
};

class RedisServer {
 public:
  explicit RedisServer(const RedisOptions& options = {});
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  int port() const { return m_port; }
  // redis://[user:password@]127.0.0.1:<port>/<db> with the credentials it was started with.
  std::string url(int db = 0) const;
  // Runs redis-cli against it (authenticated) with `args`; returns its output. For the
  // test's own setup (writes included); throws when redis-cli fails.
  std::string cli(const std::string& args) const;
  // One field of INFO ("" when absent), read with redis-cli.
  std::string info_field(const std::string& field, const std::string& section = "") const;
  const std::filesystem::path& dir() const { return m_dir.path(); }

 private:
  RedisOptions m_options;
  TempDir m_dir;
  int m_port = 0;
  std::unique_ptr<ChildProcess> m_process;
};

// The value of `field` in "field:value" lines (INFO, CLUSTER INFO); "" when absent.
std::string field_of(const std::string& text, const std::string& field);

// Three redis-servers in cluster mode, joined by redis-cli --cluster create, every slot
// covered (no replicas): cluster_state ok. About a second to start.
class RedisCluster {
 public:
  RedisCluster();
  const RedisServer& node(int i) const { return *m_nodes.at(i); }

 private:
  std::vector<std::unique_ptr<RedisServer>> m_nodes;
};

}  // namespace shipcheck::test
