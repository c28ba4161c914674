// TLS005: strong key and signatures. Rule page: docs/rules/TLS005.md
#pragma once

#include "checks/tls/tls_facts.h"

namespace shipcheck::checks {

class TlsKeyStrength final : public tls_facts::TlsRule {
 public:
  TlsKeyStrength();

 protected:
  std::vector<Result> check(const tls::Inspection& inspection,
                            const tls::Target& target) const override;
};

}  // namespace shipcheck::checks
