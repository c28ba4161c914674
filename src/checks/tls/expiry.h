// TLS004: Certificate is not about to expire. Rule page: docs/rules/TLS004.md
#pragma once

#include "checks/tls/tls_facts.h"

namespace shipcheck::checks {

class TlsExpiry final : public tls_facts::TlsRule {
 public:
  TlsExpiry();

 protected:
  std::vector<Result> check(const tls::Inspection& inspection,
                            const tls::Target& target) const override;
};

}  // namespace shipcheck::checks
