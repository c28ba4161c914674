// TLS003: Certificate matches the host name. Rule page: docs/rules/TLS003.md
#pragma once

#include "checks/tls/tls_facts.h"

namespace shipcheck::checks {

class TlsHostname final : public tls_facts::TlsRule {
 public:
  TlsHostname();

 protected:
  std::vector<Result> check(const tls::Inspection& inspection,
                            const tls::Target& target) const override;
};

}  // namespace shipcheck::checks
