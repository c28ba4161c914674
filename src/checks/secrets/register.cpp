// The secrets family: one SecretFindings per SEC rule (the detectors live in
// rules/secrets.yaml), in id order.
#include "checks/families.h"
#include "checks/secrets/secret_findings.h"
#include "checks/secrets/secret_rules.h"

namespace shipcheck::checks {

void register_secrets(Registry& registry) {
  for (const auto& rule : secrets::secret_rules()) {
    registry.emplace<SecretFindings>(rule.id);
  }
}

}  // namespace shipcheck::checks
