// DNS001: an A or AAAA record for the name, from the configured resolver. NXDOMAIN, or an
// answer without addresses, fails; no answer at all (resolver down, timeout) is an error.
#include "checks/dns/resolves.h"

#include <fmt/format.h>

namespace shipcheck::checks {

DnsResolves::DnsResolves()
    : DnsRule(RuleInfo{"DNS001", "dns", "Service names resolve", Severity::critical,
                       "create the A/AAAA (or CNAME) records for the name at your DNS provider, "
                       "and check the delegation of its zone"}) {}

Result DnsResolves::check(const Context& /*ctx*/, const std::string& name,
                          const dns_facts::Lookup& lookup, const std::string& resolver) const {
  if (!lookup.error.empty()) {
    return error(fmt::format("{}: {}", name, lookup.error));
  }
  const auto addresses = lookup.addresses();
  if (addresses.empty()) {
    return fail(fmt::format("{} does not resolve ({})", name, lookup.rcode()),
                fmt::format("A and AAAA asked at {}", resolver));
  }
  std::string list = addresses.front();
  for (std::size_t i = 1; i < addresses.size(); ++i) {
    list += ", " + addresses[i];
  }
  return pass(fmt::format("{} resolves to {}", name, list),
              fmt::format("A and AAAA asked at {}", resolver));
}

}  // namespace shipcheck::checks
