// TLS001: the server accepts TLS 1.2 and/or 1.3 and refuses 1.0 and 1.1 (deprecated by
// RFC 8996), each version tried with a handshake of its own.
#include "checks/tls/protocols.h"

#include <fmt/format.h>

namespace shipcheck::checks {

TlsProtocols::TlsProtocols()
    : TlsRule(RuleInfo{"TLS001", "tls", "Only TLS 1.2 or newer is offered", Severity::high,
                       "offer TLSv1.2 and TLSv1.3 only (nginx: ssl_protocols TLSv1.2 TLSv1.3;)"}) {}

std::vector<Result> TlsProtocols::check(const tls::Inspection& inspection,
                                        const tls::Target& /*target*/) const {
  std::vector<std::string> accepted;
  std::vector<std::string> legacy;
  for (const auto& probe : inspection.versions) {
    if (probe.accepted) {
      accepted.push_back(probe.version);
      if (probe.version == "TLSv1" || probe.version == "TLSv1.1") {
        legacy.push_back(probe.version);
      }
    }
  }
  const std::string evidence = fmt::format("accepted: {}", fmt::join(accepted, ", "));
  if (!legacy.empty()) {
    return {fail(
        fmt::format("the server accepts {} (deprecated, RFC 8996)", fmt::join(legacy, " and ")),
        evidence)};
  }
  if (accepted.empty()) {
    return {fail("the server accepts neither TLSv1.2 nor TLSv1.3", evidence)};
  }
  return {pass(fmt::format("only {} accepted", fmt::join(accepted, " and ")), evidence)};
}

}  // namespace shipcheck::checks
