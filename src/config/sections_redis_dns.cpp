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
const Shape k_dns_name_shape{is_dns_name, "a host name", "e.g. api.example.com"};
const Shape k_resolver_shape{is_resolver_address, "a resolver address, IP[:port]",
                             "e.g. 127.0.0.1:5353 or [::1]:53; omit it for the system's"};

const std::vector<Field<RedisClusterConfig>> k_redis_cluster_fields{
    {"primaries", [](R& r, const N& n, const P& p,
                     RedisClusterConfig& o) { r.read(o.primaries, n, p, 1, 16'384); }},
    {"replicas", [](R& r, const N& n, const P& p,
                    RedisClusterConfig& o) { r.read(o.replicas, n, p, 0, 100'000); }},
};

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
