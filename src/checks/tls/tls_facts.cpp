// TLS target and shared inspection (see tls_facts.h).
#include "checks/tls/tls_facts.h"

#include <fmt/format.h>

#include "checks/context.h"

namespace shipcheck::checks::tls_facts {
namespace {

struct SharedInspection {
  tls::Inspection inspection;
};

// "host:port:addr" entries, as curl --resolve takes them; the address for host:port.
std::string resolved_address(const std::vector<std::string>& entries, const std::string& host,
                             int port) {
  const std::string prefix = fmt::format("{}:{}:", host, port);
  for (const auto& entry : entries) {
    if (entry.rfind(prefix, 0) == 0) {
      std::string address = entry.substr(prefix.size());
      if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
      }
      return address;
    }
  }
  return {};
}

}  // namespace

std::optional<tls::Target> target_of(const Context& ctx, std::string& why) {
  const std::string& url = ctx.config.url;
  if (url.empty()) {
    why = "no url configured (set url: in shipcheck.yaml, or use shipcheck probe URL)";
    return std::nullopt;
  }
  constexpr std::string_view k_scheme = "https://";
  if (url.rfind(k_scheme, 0) != 0) {
    why = fmt::format("{} is not https://: there is no TLS to inspect", url);
    return std::nullopt;
  }
  std::string authority = url.substr(k_scheme.size());
  authority = authority.substr(0, authority.find_first_of("/?#"));
  authority =
      authority.substr(authority.rfind('@') == std::string::npos ? 0 : authority.rfind('@') + 1);
  tls::Target target;
  std::size_t colon = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {  // [::1]:8443
    const std::size_t close = authority.find(']');
    target.host = authority.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    colon =
        close != std::string::npos && close + 1 < authority.size() ? close + 1 : std::string::npos;
  } else {
    target.host = authority.substr(0, colon);
  }
  if (colon != std::string::npos) {
    try {
      target.port = std::stoi(authority.substr(colon + 1));
    } catch (const std::exception&) {
      why = fmt::format("{} has no valid port", url);
      return std::nullopt;
    }
  }
  target.address = resolved_address(ctx.config.tls.resolve, target.host, target.port);
  if (!ctx.config.tls.ca_file.empty()) {
    target.ca_file = (ctx.root / ctx.config.tls.ca_file).string();
  }
  return target;
}

const tls::Inspection& inspection(const Context& ctx) {
  return ctx.memo
      .get<SharedInspection>([&ctx] {
        std::string why;
        const auto target = target_of(ctx, why);
        SharedInspection shared;
        if (target) {
          shared.inspection = tls::inspect(*target);
        } else {
          shared.inspection.error = why;
        }
        return shared;
      })
      .inspection;
}

std::vector<Result> TlsRule::run(const Context& ctx) const {
  std::string why;
  const auto target = target_of(ctx, why);
  std::vector<Result> results;
  if (!target) {
    results = {skip(why)};
  } else if (const tls::Inspection& found = inspection(ctx); !found.error.empty()) {
    results = {error(fmt::format("TLS handshake with {}:{} failed: {}", target->host, target->port,
                                 found.error))};
  } else {
    results = check(found, *target);
  }
  // The URL (empty without one), not host:port: every live rule names the target it ran
  // for, so that `probe` over many targets on one host and port keeps their results apart.
  for (auto& r : results) {
    r.target = ctx.config.url;
  }
  return results;
}

}  // namespace shipcheck::checks::tls_facts
