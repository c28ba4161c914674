// The Redis and DNS sections of shipcheck.yaml: dependencies.redis (the RDS rules) and
// dns (the DNS rules).
#include "config/sections.h"

#include <algorithm>
#include <cctype>

#include "engines/dns/resolver.h"

namespace shipcheck::config {
namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

// "FLUSHALL", "config set", "CONFIG|SET": a command, optionally with its subcommand.
bool is_command_name(std::string_view text) {
  const auto word = [](std::string_view w) {
    return !w.empty() && std::isalpha(static_cast<unsigned char>(w.front())) != 0 &&
           std::all_of(w.begin(), w.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
           });
  };
  const std::size_t gap = text.find_first_of(" |");
  return gap == std::string_view::npos ? word(text)
                                       : word(text.substr(0, gap)) && word(text.substr(gap + 1));
}

bool is_redis_use(std::string_view text) {
  return text == "cache" || text == "queue" || text == "sessions" || text == "token_blacklist";
}

// A host name as DNS carries it: labels of letters, digits, '-' and '_', dot-separated.
bool is_dns_name(std::string_view text) {
  if (text.empty() || text.size() > 253 || text.front() == '.' ||
      text.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
  });
}

bool is_resolver_address(std::string_view text) {
  return dns::parse_server(text).has_value();
}

const Shape k_use_shape{is_redis_use, "one of cache, queue, sessions, token_blacklist",
                        "what this Redis is for decides its eviction policy"};
const Shape k_command_shape{is_command_name, "a Redis command, optionally with a subcommand",
                            "e.g. FLUSHALL or CONFIG SET"};
const Shape k_dns_name_shape{is_dns_name, "a host name", "e.g. api.example.com"};
const Shape k_resolver_shape{is_resolver_address, "a resolver address, IP[:port]",
                             "e.g. 127.0.0.1:5353 or [::1]:53; omit it for the system's"};

const std::vector<Field<RedisClusterConfig>> k_redis_cluster_fields{
    {"primaries", [](R& r, const N& n, const P& p,
                     RedisClusterConfig& o) { r.read(o.primaries, n, p, 1, 16'384); }},
    {"replicas", [](R& r, const N& n, const P& p,
                    RedisClusterConfig& o) { r.read(o.replicas, n, p, 0, 100'000); }},
};

// `true` (the default list), `false` (off) or a list of commands, kept upper-case with a
// space before any subcommand.
void read_dangerous_commands(R& r, const N& n, const P& p, RedisConfig& o) {
  if (n.IsScalar()) {
    bool on = false;
    r.read(on, n, p);
    o.dangerous_commands = on ? k_default_dangerous_commands : std::vector<std::string>{};
    return;
  }
  r.read(o.dangerous_commands, n, p, &k_command_shape);
  for (auto& command : o.dangerous_commands) {
    std::replace(command.begin(), command.end(), '|', ' ');
    std::transform(command.begin(), command.end(), command.begin(), [](char c) {
      return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
  }
}

const std::vector<Field<RedisConfig>> k_redis_fields{
    {"url_env", [](R& r, const N& n, const P& p, RedisConfig& o) { r.read_name(o.url_env, n, p); }},
    {"use", [](R& r, const N& n, const P& p, RedisConfig& o) { r.read(o.use, n, p, k_use_shape); }},
    {"persistence",
     [](R& r, const N& n, const P& p, RedisConfig& o) { r.read(o.persistence, n, p); }},
    {"max_memory_share", [](R& r, const N& n, const P& p,
                            RedisConfig& o) { r.read(o.max_memory_share, n, p, 0.01, 1.0); }},
    {"timeout", [](R& r, const N& n, const P& p,
                   RedisConfig& o) { r.read(o.timeout, n, p, k_duration_shape); }},
    {"queues", [](R& r, const N& n, const P& p, RedisConfig& o) { r.read(o.queues, n, p); }},
    {"max_queue_length", [](R& r, const N& n, const P& p,
                            RedisConfig& o) { r.read(o.max_queue_length, n, p, 0, k_int_max); }},
    {"cluster",
     [](R& r, const N& n, const P& p, RedisConfig& o) {
       o.cluster.emplace();
       read_fields(r, n, p, k_redis_cluster_fields, *o.cluster);
     }},
    {"dangerous_commands", read_dangerous_commands},
    {"dead_letter_queues",
     [](R& r, const N& n, const P& p, RedisConfig& o) { r.read(o.dead_letter_queues, n, p); }},
    {"max_dead_letter_length",
     [](R& r, const N& n, const P& p, RedisConfig& o) {
       int bound = -1;
       r.read(bound, n, p, 0, k_int_max);
       if (bound >= 0) {
         o.max_dead_letter_length = bound;
       }
     }},
};

const std::vector<Field<DnsConfig>> k_dns_fields{
    {"names",
     [](R& r, const N& n, const P& p, DnsConfig& o) { r.read(o.names, n, p, &k_dns_name_shape); }},
    {"resolver", [](R& r, const N& n, const P& p,
                    DnsConfig& o) { r.read(o.resolver, n, p, k_resolver_shape); }},
    {"max_ttl",
     [](R& r, const N& n, const P& p, DnsConfig& o) { r.read(o.max_ttl, n, p, k_duration_shape); }},
    {"timeout",
     [](R& r, const N& n, const P& p, DnsConfig& o) { r.read(o.timeout, n, p, k_duration_shape); }},
};

}  // namespace

// A `redis:` section may be left empty; its URL then comes from REDIS_URL.
void read_redis(R& r, const N& node, const P& path, DependenciesConfig& out) {
  out.redis.emplace();
  out.redis->url_env = "REDIS_URL";
  read_fields(r, node, path, k_redis_fields, *out.redis);
}

void read_dns(R& r, const N& node, const P& path, Config& out) {
  read_fields(r, node, path, k_dns_fields, out.dns);
}

}  // namespace shipcheck::config
