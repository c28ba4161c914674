// DNS001: each configured name resolves to an address. Rule page: docs/rules/DNS001.md
#pragma once

#include "checks/dns/dns_facts.h"

namespace shipcheck::checks {

class DnsResolves final : public dns_facts::DnsRule {
 public:
  DnsResolves();

 protected:
  Result check(const Context& ctx, const std::string& name, const dns_facts::Lookup& lookup,
               const std::string& resolver) const override;
};

}  // namespace shipcheck::checks
