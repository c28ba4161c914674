// DNS002: the largest TTL among the records answering for the name (A, AAAA and any CNAME
// on the way) against dns.max_ttl (default 60 s, as the seeds lower it before a deploy),
// so that a rollback that moves the name is seen by clients within that time. A caching
// resolver answers with the time its copy has left; point dns.resolver at the zone's
// authoritative server to read the TTL as configured.
#include "checks/dns/ttl.h"

#include <algorithm>

#include <fmt/format.h>

#include "checks/context.h"
#include "core/duration.h"

namespace shipcheck::checks {

DnsTtl::DnsTtl()
    : DnsRule(RuleInfo{"DNS002", "dns", "DNS TTL is short before a deploy", Severity::medium,
                       "lower the records' TTL to 60 s at least one old TTL before the deploy, "
                       "and raise it again once the release is stable"}) {}

Result DnsTtl::check(const Context& ctx, const std::string& name, const dns_facts::Lookup& lookup,
                     const std::string& resolver) const {
  if (!lookup.error.empty()) {
    return error(fmt::format("{}: {}", name, lookup.error));
  }
  const auto records = lookup.records();
  if (records.empty()) {
    return skip(fmt::format("{} does not resolve, so it has no TTL", name));
  }
  const auto highest = *std::max_element(
      records.begin(), records.end(), [](const auto& a, const auto& b) { return a.ttl < b.ttl; });
  const long max_ttl = static_cast<long>(
      parse_duration(ctx.config.dns.max_ttl).value_or(std::chrono::seconds(60)).count() / 1000);
  const std::string evidence = fmt::format("{} {} {} (TTL {} s) from {}", highest.name,
                                           highest.type, highest.data, highest.ttl, resolver);
  if (highest.ttl > max_ttl) {
    return fail(fmt::format("{} has a TTL of {} s, above {} s", name, highest.ttl, max_ttl),
                evidence);
  }
  return pass(fmt::format("{} has a TTL of {} s (at most {} s)", name, highest.ttl, max_ttl),
              evidence);
}

}  // namespace shipcheck::checks
