// DNS002: each configured name's TTL is at most dns.max_ttl. Rule page: docs/rules/DNS002.md
#pragma once

#include "checks/dns/dns_facts.h"

namespace shipcheck::checks {

class DnsTtl final : public dns_facts::DnsRule {
 public:
  DnsTtl();

 protected:
  Result check(const Context& ctx, const std::string& name, const dns_facts::Lookup& lookup,
               const std::string& resolver) const override;
};

}  // namespace shipcheck::checks
