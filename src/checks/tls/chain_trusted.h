// TLS002: Certificate chain is complete and trusted. Rule page: docs/rules/TLS002.md
#pragma once

#include "checks/tls/tls_facts.h"

namespace shipcheck::checks {

class TlsChainTrusted final : public tls_facts::TlsRule {
 public:
  TlsChainTrusted();

 protected:
  std::vector<Result> check(const tls::Inspection& inspection,
                            const tls::Target& target) const override;
};

}  // namespace shipcheck::checks
