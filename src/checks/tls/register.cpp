// The tls family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/tls/chain_trusted.h"
#include "checks/tls/expiry.h"
#include "checks/tls/hostname.h"
#include "checks/tls/key_strength.h"
#include "checks/tls/protocols.h"

namespace shipcheck::checks {

void register_tls(Registry& registry) {
  registry.emplace<TlsChainTrusted>();
  registry.emplace<TlsExpiry>();
  registry.emplace<TlsHostname>();
  registry.emplace<TlsKeyStrength>();
  registry.emplace<TlsProtocols>();
}

}  // namespace shipcheck::checks
