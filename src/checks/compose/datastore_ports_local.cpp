// CMP012: database and cache ports are not published on every interface of the host.
#include "checks/compose/datastore_ports_local.h"

#include <array>
#include <charconv>

#include <fmt/format.h>

namespace shipcheck::checks::compose {
namespace {

struct Datastore {
  int port;
  std::string_view name;
};

constexpr std::array<Datastore, 7> k_datastores = {{
    {5432, "PostgreSQL"},
    {3306, "MySQL"},
    {6379, "Redis"},
    {27017, "MongoDB"},
    {9200, "Elasticsearch"},
    {5672, "RabbitMQ"},
    {11211, "Memcached"},
}};

// [first, last] of "5432" or "5432-5433"; nullopt for a variable or junk.
std::optional<std::pair<int, int>> port_range(std::string_view text) {
  const std::size_t dash = text.find('-');
  const std::string_view first_text = text.substr(0, dash);
  const std::string_view last_text =
      dash == std::string_view::npos ? first_text : text.substr(dash + 1);
  int first = 0;
  int last = 0;
  const auto a = std::from_chars(first_text.data(), first_text.data() + first_text.size(), first);
  const auto b = std::from_chars(last_text.data(), last_text.data() + last_text.size(), last);
  if (a.ec != std::errc() || b.ec != std::errc() || a.ptr != first_text.end() ||
      b.ptr != last_text.end()) {
    return std::nullopt;
  }
  return std::pair{first, last};
}

const Datastore* datastore_of(const Port& port) {
  const auto range = port_range(port.target);
  if (!range) {
    return nullptr;
  }
  for (const Datastore& store : k_datastores) {
    if (store.port >= range->first && store.port <= range->second) {
      return &store;
    }
  }
  return nullptr;
}

// 127.0.0.0/8, ::1, localhost, or a ${BIND:-127.0.0.1} whose default is one of them.
bool is_loopback(std::string_view host) {
  if (host.starts_with("${") && host.ends_with("}") && host.find(":-") != std::string_view::npos) {
    host = host.substr(host.find(":-") + 2);
    host.remove_suffix(1);
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return host.starts_with("127.") || host == "::1" || host == "localhost";
}

std::string shown(const Port& port) {
  if (port.node->is_scalar()) {
    return "ports: - " + port.node->value.substr(0, 100);
  }
  return fmt::format("ports: - {{target: {}, published: {}{}}}", port.target,
                     port.published.empty() ? "(any)" : port.published,
                     port.host_ip.empty() ? "" : ", host_ip: " + port.host_ip);
}

}  // namespace

ComposeDatastorePortsLocal::ComposeDatastorePortsLocal()
    : ComposeRule(RuleInfo{"CMP012", "compose",
                           "Database and cache ports are not published on every interface",
                           Severity::medium,
                           "drop the `ports:` entry (services reach the database over the "
                           "compose network) or bind it to loopback: \"127.0.0.1:5432:5432\""}) {}

void ComposeDatastorePortsLocal::inspect(const File& file, const Service& service,
                                         std::vector<Result>& out) const {
  for (const Port& port : ports(service)) {
    const Datastore* store = datastore_of(port);
    if (store == nullptr || is_loopback(port.host_ip)) {
      continue;
    }
    out.push_back(finding(file, service, port.node,
                          fmt::format("service '{}' publishes {} port {} on every interface",
                                      service.name, store->name, store->port),
                          shown(port)));
  }
}

}  // namespace shipcheck::checks::compose
