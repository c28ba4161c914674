// TLS001: Only TLS 1.2 or newer is offered. Rule page: docs/rules/TLS001.md
#pragma once

#include "checks/tls/tls_facts.h"

namespace shipcheck::checks {

class TlsProtocols final : public tls_facts::TlsRule {
 public:
  TlsProtocols();

 protected:
  std::vector<Result> check(const tls::Inspection& inspection,
                            const tls::Target& target) const override;
};

}  // namespace shipcheck::checks
