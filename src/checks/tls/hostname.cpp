// TLS003: the leaf certificate covers the host name clients use (subjectAltName, or the
// common name when there is no SAN; wildcards one label deep), as X509_check_host decides.
#include "checks/tls/hostname.h"

#include <fmt/format.h>

namespace shipcheck::checks {

TlsHostname::TlsHostname()
    : TlsRule(RuleInfo{"TLS003", "tls", "Certificate matches the host name", Severity::high,
                       "issue the certificate for the service's host name (in subjectAltName)"}) {}

std::vector<Result> TlsHostname::check(const tls::Inspection& inspection,
                                       const tls::Target& target) const {
  const std::string subject =
      inspection.chain.empty() ? std::string("none") : inspection.chain.front().subject;
  const std::string evidence = fmt::format("leaf subject: {}", subject);
  if (!inspection.hostname_matches) {
    return {fail(fmt::format("the certificate is not valid for {}", target.host), evidence)};
  }
  return {pass(fmt::format("the certificate is valid for {}", target.host), evidence)};
}

}  // namespace shipcheck::checks
