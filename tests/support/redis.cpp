// Real redis-server for tests (see redis.h).
#include "support/redis.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "support/nginx.h"

namespace shipcheck::test {
namespace {

// True once the server answers PING at all (+PONG, or -NOAUTH when it wants a password).
bool answers_ping(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    constexpr std::string_view k_ping = "PING\r\n";
    char reply[64] = {};
    ok = write(fd, k_ping.data(), k_ping.size()) == static_cast<ssize_t>(k_ping.size()) &&
         read(fd, reply, sizeof reply - 1) > 0 && (reply[0] == '+' || reply[0] == '-') &&
         std::string_view(reply).find("LOADING") == std::string_view::npos;
  }
  close(fd);
  return ok;
}

std::vector<std::string> persistence_args(RedisOptions::Persistence persistence) {
  switch (persistence) {
    case RedisOptions::Persistence::rdb:
      return {"--save", "3600 1 300 100", "--appendonly", "no"};
    case RedisOptions::Persistence::aof:
      return {"--save", "", "--appendonly", "yes"};
    case RedisOptions::Persistence::none:
      break;
  }
  return {"--save", "", "--appendonly", "no"};
}

std::string quoted(const std::string& text) {
  return "'" + text + "'";
}

}  // namespace

RedisServer::RedisServer(const RedisOptions& options) : m_options(options), m_port(free_port()) {
  const auto dir = m_dir.path();
  std::vector<std::string> args = {"redis-server",
                                   "--port",
                                   std::to_string(m_port),
                                   "--bind",
                                   "127.0.0.1",
                                   "--dir",
                                   dir.string(),
                                   "--daemonize",
                                   "no",
                                   "--logfile",
                                   "",
                                   "--databases",
                                   "16"};
  // Stopping must not wait for a final snapshot (which may be meant to fail).
  args.insert(args.end(), {"--shutdown-on-sigterm", "nosave"});
  for (auto& arg : persistence_args(options.persistence)) {
    args.push_back(arg);
  }
  if (!options.password.empty()) {
    args.insert(args.end(), {"--requirepass", options.password});
  }
  if (!options.acl_user.empty()) {
    // Each word its own argument: redis-server quotes an argument that holds spaces.
    if (options.default_user_open) {
      args.insert(args.end(), {"--user", "default", "on", "nopass", "~*", "&*", "+@all"});
    } else {
      args.insert(args.end(), {"--user", "default", "off"});
    }
    args.insert(args.end(), {"--user", options.acl_user, "on", ">" + options.acl_password, "~*",
                             "&*", "+@all"});
    args.insert(args.end(), options.acl_user_rules.begin(), options.acl_user_rules.end());
  }
  if (!options.maxmemory.empty()) {
    args.insert(args.end(), {"--maxmemory", options.maxmemory});
  }
  if (!options.policy.empty()) {
    args.insert(args.end(), {"--maxmemory-policy", options.policy});
  }
  args.insert(args.end(), options.extra.begin(), options.extra.end());
  const auto log = dir / "redis.out";
  m_process = std::make_unique<ChildProcess>(args, log);
  wait_until_ready(*m_process, log, "redis-server", [this] { return answers_ping(m_port); });
}

std::string RedisServer::url(int db) const {
  std::string credentials;
  if (!m_options.acl_user.empty()) {
    credentials = fmt::format("{}:{}@", m_options.acl_user, m_options.acl_password);
  } else if (!m_options.password.empty()) {
    credentials = fmt::format(":{}@", m_options.password);
  }
  return fmt::format("redis://{}127.0.0.1:{}/{}", credentials, m_port, db);
}

std::string RedisServer::cli(const std::string& args) const {
  std::string auth;
  if (!m_options.acl_user.empty()) {
    auth = fmt::format("--user {} --pass {}", quoted(m_options.acl_user),
                       quoted(m_options.acl_password));
  } else if (!m_options.password.empty()) {
    auth = "--pass " + quoted(m_options.password);
  }
  std::string output;
  const std::string command =
      fmt::format("redis-cli -h 127.0.0.1 -p {} {} --no-auth-warning {}", m_port, auth, args);
  if (run_command(command, output) != 0) {
    throw std::runtime_error("redis-cli " + args + " failed: " + output);
  }
  return output;
}

std::string field_of(const std::string& text, const std::string& field) {
  const std::string key = field + ":";
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') {
      const std::size_t end = text.find_first_of("\r\n", at);
      return text.substr(at + key.size(), end - at - key.size());
    }
  }
  return "";
}

std::string RedisServer::info_field(const std::string& field, const std::string& section) const {
  return field_of(cli("INFO " + section), field);
}

RedisCluster::RedisCluster() {
  std::string addresses;
  for (int i = 0; i < 3; ++i) {
    RedisOptions options;
    // The bus port is explicit: the default (port + 10000) is out of range for high ports.
    options.extra = {
        "--cluster-enabled",      "yes",  "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "5000", "--cluster-port",        std::to_string(free_port())};
    m_nodes.push_back(std::make_unique<RedisServer>(options));
    addresses += fmt::format(" 127.0.0.1:{}", m_nodes.back()->port());
  }
  std::string output;
  if (run_command("redis-cli --cluster create" + addresses + " --cluster-yes", output) != 0) {
    throw std::runtime_error("redis-cli --cluster create failed: " + output);
  }
  // The nodes agree on the slots by gossip: wait until each reports the cluster ok.
  for (int tries = 0; tries < 500; ++tries) {
    bool ok = true;
    for (const auto& node : m_nodes) {
      ok = ok && field_of(node->cli("CLUSTER INFO"), "cluster_state") == "ok";
    }
    if (ok) {
      return;
    }
    usleep(20'000);
  }
  throw std::runtime_error("the test cluster did not reach cluster_state ok");
}

}  // namespace shipcheck::test
