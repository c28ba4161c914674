// TLS002: the chain the server sends verifies up to a trusted root (the system store, plus
// tls.ca_file). Validity dates are TLS004's and the host name TLS003's, so a chain that is
// only expired or only for another name passes here. Whether the server staples an OCSP
// response is reported beside the verdict, never part of it.
#include "checks/tls/chain_trusted.h"

#include <fmt/format.h>
#include <openssl/x509_vfy.h>

namespace shipcheck::checks {
namespace {

bool belongs_to_other_rules(int code) {
  return code == X509_V_ERR_CERT_HAS_EXPIRED || code == X509_V_ERR_CERT_NOT_YET_VALID ||
         code == X509_V_ERR_HOSTNAME_MISMATCH || code == X509_V_ERR_IP_ADDRESS_MISMATCH;
}

bool missing_issuer(int code) {
  return code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
         code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT;
}

}  // namespace

TlsChainTrusted::TlsChainTrusted()
    : TlsRule(RuleInfo{"TLS002", "tls", "Certificate chain is complete and trusted",
                       Severity::critical,
                       "serve the full chain, leaf then intermediates (nginx: ssl_certificate "
                       "with fullchain.pem), from a CA clients trust"}) {}

std::vector<Result> TlsChainTrusted::check(const tls::Inspection& inspection,
                                           const tls::Target& /*target*/) const {
  std::vector<std::string> problems;
  bool incomplete = false;
  for (const auto& [code, text] : inspection.verify_errors) {
    if (!belongs_to_other_rules(code)) {
      problems.push_back(text);
      incomplete = incomplete || missing_issuer(code);
    }
  }
  // Stapling is reported, never judged: private CAs often run no OCSP responder at all.
  const std::string stapling =
      inspection.ocsp_stapled ? "OCSP response stapled" : "no OCSP response stapled";
  const std::string evidence =
      inspection.chain.empty()
          ? "no certificate sent; " + stapling
          : fmt::format("{} certificate(s) sent; leaf issued by {}; {}", inspection.chain.size(),
                        inspection.chain.front().issuer, stapling);
  if (problems.empty()) {
    return {pass(fmt::format("the chain verifies to a trusted root ({} certificate(s) sent, {})",
                             inspection.chain.size(), stapling),
                 evidence)};
  }
  const std::string why =
      incomplete ? "; an intermediate certificate is missing from what the server sends, or its "
                   "root is not trusted"
                 : "";
  return {fail(fmt::format("the chain does not verify: {}{}", fmt::join(problems, "; "), why),
               evidence)};
}

}  // namespace shipcheck::checks
