// DNS lookups shared by the DNS checks (see dns_facts.h).
#include "checks/dns/dns_facts.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/context.h"
#include "core/duration.h"

namespace shipcheck::checks::dns_facts {
namespace {

Lookup look_up(const dns::Server& server, const std::string& name,
               std::chrono::milliseconds timeout) {
  Lookup lookup;
  std::string errors;
  for (const auto type : {dns::QueryType::a, dns::QueryType::aaaa}) {
    auto answer = dns::query(server, name, type, timeout);
    if (!answer) {
      errors = errors.empty() ? answer.error() : errors;
      continue;
    }
    (type == dns::QueryType::a ? lookup.a : lookup.aaaa) = std::move(*answer);
  }
  // One failed query and an empty other answer tell nothing; so do two failures.
  if (!errors.empty() && lookup.addresses().empty()) {
    lookup.error = errors;
  }
  return lookup;
}

Lookups look_up_all(const Context& ctx, const dns::Server& server) {
  const auto timeout =
      std::max(parse_duration(ctx.config.dns.timeout).value_or(std::chrono::seconds(5)),
               std::chrono::milliseconds(1));
  Lookups lookups;
  lookups.resolver = server.display();
  for (const auto& name : ctx.config.dns.names) {
    lookups.by_name.emplace(name, look_up(server, name, timeout));
  }
  return lookups;
}

}  // namespace

std::vector<dns::Record> Lookup::records() const {
  std::vector<dns::Record> out;
  for (const auto* answer : {&a, &aaaa}) {
    if (*answer) {
      out.insert(out.end(), (*answer)->records.begin(), (*answer)->records.end());
    }
  }
  return out;
}

std::vector<std::string> Lookup::addresses() const {
  std::vector<std::string> out;
  for (const auto& record : records()) {
    if (record.type == "A" || record.type == "AAAA") {
      out.push_back(record.data);
    }
  }
  return out;
}

std::string Lookup::rcode() const {
  for (const auto* answer : {&a, &aaaa}) {
    if (*answer && (*answer)->rcode != "NOERROR") {
      return (*answer)->rcode;
    }
  }
  return "NOERROR";
}

std::vector<Result> DnsRule::run(const Context& ctx) const {
  const auto& names = ctx.config.dns.names;
  if (names.empty()) {
    return {skip("no dns.names in shipcheck.yaml")};
  }
  const auto server = dns::parse_server(ctx.config.dns.resolver);
  if (!server) {
    return {error(fmt::format("dns.resolver '{}': {}", ctx.config.dns.resolver, server.error()))};
  }
  const Lookups& lookups = ctx.memo.get<Lookups>([&] { return look_up_all(ctx, *server); });
  std::vector<Result> results;
  for (const auto& name : names) {
    Result result = check(ctx, name, lookups.by_name.at(name), lookups.resolver);
    result.target = name;
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace shipcheck::checks::dns_facts
