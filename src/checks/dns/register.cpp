// The dns family's checks, one sorted line each.
#include "checks/dns/resolves.h"
#include "checks/dns/ttl.h"
#include "checks/families.h"

namespace shipcheck::checks {

void register_dns(Registry& registry) {
  registry.emplace<DnsResolves>();
  registry.emplace<DnsTtl>();
}

}  // namespace shipcheck::checks
