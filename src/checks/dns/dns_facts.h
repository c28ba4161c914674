// What the DNS checks share: the names of `dns.names`, each asked for A and AAAA once per
// run (through the memo) at `dns.resolver` (default: the system's) within `dns.timeout`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/check.h"
#include "engines/dns/resolver.h"

namespace shipcheck {
struct Context;
}

namespace shipcheck::checks::dns_facts {

// The two answers for one name; an error text where a query got no answer at all.
struct Lookup {
  std::optional<dns::Answer> a;
  std::optional<dns::Answer> aaaa;
  std::string error;  // the first query error, when both failed or one failed and one is empty

  // Every answer record of both queries (CNAMEs included).
  std::vector<dns::Record> records() const;
  // The A and AAAA addresses ("127.0.0.1", "::1").
  std::vector<std::string> addresses() const;
  // "NXDOMAIN", or "NOERROR" (no records), for a name without addresses.
  std::string rcode() const;
};

struct Lookups {
  std::string resolver;  // as displayed: "127.0.0.1:5353" or "the system resolver"
  std::map<std::string, Lookup> by_name;
};

// A check on each configured name: skipped without `dns.names`, `error` for a resolver
// address that does not parse. `check` gets every name's lookup; each result's target is
// the name.
class DnsRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;

 protected:
  virtual Result check(const Context& ctx, const std::string& name, const Lookup& lookup,
                       const std::string& resolver) const = 0;
};

}  // namespace shipcheck::checks::dns_facts
