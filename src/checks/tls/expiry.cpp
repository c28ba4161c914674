// TLS004: days until the leaf certificate expires: fail under 7 (or already expired, or
// not yet valid), warn under 30, as monitoring services and testssl.sh count.
#include "checks/tls/expiry.h"

#include <ctime>

#include <fmt/format.h>

namespace shipcheck::checks {
namespace {

constexpr long long k_fail_days = 7;
constexpr long long k_warn_days = 30;

std::string date_of(std::time_t when) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

}  // namespace

TlsExpiry::TlsExpiry()
    : TlsRule(RuleInfo{"TLS004", "tls", "Certificate is not about to expire", Severity::high,
                       "renew the certificate (and automate renewal: certbot/cert-manager renew "
                       "30 days ahead)"}) {}

std::vector<Result> TlsExpiry::check(const tls::Inspection& inspection,
                                     const tls::Target& /*target*/) const {
  if (inspection.chain.empty()) {
    return {error("the server sent no certificate")};
  }
  const tls::Certificate& leaf = inspection.chain.front();
  const std::time_t now = std::time(nullptr);
  const std::string evidence =
      fmt::format("valid from {} to {}", date_of(leaf.not_before), date_of(leaf.not_after));
  if (leaf.not_before > now) {
    return {fail(fmt::format("the certificate is not valid before {}", date_of(leaf.not_before)),
                 evidence)};
  }
  const long long seconds_left = static_cast<long long>(leaf.not_after) - now;
  const long long days = seconds_left / 86400;
  if (seconds_left <= 0) {
    return {fail(fmt::format("the certificate expired on {}", date_of(leaf.not_after)), evidence)};
  }
  if (days < k_fail_days) {
    return {fail(
        fmt::format("the certificate expires in {} day(s), on {}", days, date_of(leaf.not_after)),
        evidence)};
  }
  if (days < k_warn_days) {
    return {warn(
        fmt::format("the certificate expires in {} days, on {}", days, date_of(leaf.not_after)),
        evidence)};
  }
  return {pass(fmt::format("the certificate is valid for {} more days", days), evidence)};
}

}  // namespace shipcheck::checks
