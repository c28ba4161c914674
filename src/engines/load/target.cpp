#include "engines/load/target.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include <fmt/format.h>

namespace shipcheck::load {
namespace {

bool has_header(const RequestSpec& spec, std::string_view name) {
  return std::any_of(spec.headers.begin(), spec.headers.end(), [name](const auto& h) {
    return h.first.size() == name.size() &&
           std::equal(h.first.begin(), h.first.end(), name.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

// An IP address in `text` (no lookup), with `port`.
bool literal_address(const std::string& text, int port, Target& target) {
  auto* v4 = reinterpret_cast<sockaddr_in*>(&target.address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&target.address);
  if (inet_pton(AF_INET, text.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
    target.address_length = sizeof(sockaddr_in);
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    target.address_length = sizeof(sockaddr_in6);
    return true;
  }
  return false;
}

}  // namespace

tl::expected<Target, std::string> parse_target(std::string_view url) {
  Target target;
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    target.tls = true;
    rest = url.substr(8);
  } else {
    return tl::make_unexpected(fmt::format("'{}' is not an http:// or https:// URL", url));
  }
  const std::size_t path_at = std::min(rest.find_first_of("/?"), rest.size());
  std::string_view authority = rest.substr(0, path_at);
  target.path = std::string(rest.substr(path_at));
  if (target.path.empty() || target.path.front() == '?') {
    target.path.insert(0, "/");
  }
  if (authority.find('@') != std::string_view::npos) {
    return tl::make_unexpected("a load test URL takes no user:password@ (use -H Authorization)");
  }
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return tl::make_unexpected(fmt::format("'{}': an IPv6 address lacks its ']'", url));
    }
    target.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      port_text = authority.substr(close + 2);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    target.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
    }
  }
  if (target.host.empty()) {
    return tl::make_unexpected(fmt::format("'{}' names no host", url));
  }
  target.port = target.tls ? 443 : 80;
  if (!port_text.empty()) {
    int port = 0;
    for (const char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) {
        return tl::make_unexpected(fmt::format("'{}': the port is not a number 1-65535", url));
      }
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) {
      return tl::make_unexpected(fmt::format("'{}': the port is not a number 1-65535", url));
    }
    target.port = port;
  }
  return target;
}

tl::expected<void, std::string> resolve_address(Target& target, const std::string& address) {
  if (literal_address(address, target.port, target)) {
    return {};
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = getaddrinfo(address.c_str(), nullptr, &hints, &found);
  if (rc != 0 || found == nullptr) {
    return tl::make_unexpected(
        fmt::format("cannot resolve {}: {}", address, rc != 0 ? gai_strerror(rc) : "no address"));
  }
  std::memcpy(&target.address, found->ai_addr, found->ai_addrlen);
  target.address_length = found->ai_addrlen;
  freeaddrinfo(found);
  if (target.address.ss_family == AF_INET) {
    reinterpret_cast<sockaddr_in*>(&target.address)->sin_port =
        htons(static_cast<std::uint16_t>(target.port));
  } else {
    reinterpret_cast<sockaddr_in6*>(&target.address)->sin6_port =
        htons(static_cast<std::uint16_t>(target.port));
  }
  return {};
}

tl::expected<Target, std::string> resolve_target(std::string_view url,
                                                 std::string_view resolve_to) {
  auto target = parse_target(url);
  if (!target) {
    return target;
  }
  auto resolved =
      resolve_address(*target, resolve_to.empty() ? target->host : std::string(resolve_to));
  if (!resolved) {
    return tl::make_unexpected(resolved.error());
  }
  return target;
}

std::string origin_of(std::string_view url) {
  const auto scheme = url.find("://");
  const auto path = url.find_first_of("/?", scheme == std::string_view::npos ? 0 : scheme + 3);
  return std::string(url.substr(0, path));
}

tl::expected<std::string, std::string> pinned_address(const std::vector<std::string>& resolve,
                                                      const Target& target) {
  for (const auto& entry : resolve) {
    const auto first = entry.find(':');
    const auto second = first == std::string::npos ? first : entry.find(':', first + 1);
    if (second == std::string::npos) {
      return tl::make_unexpected(fmt::format("--resolve '{}' is not HOST:PORT:ADDR", entry));
    }
    if (entry.substr(0, first) == target.host &&
        entry.substr(first + 1, second - first - 1) == std::to_string(target.port)) {
      std::string address = entry.substr(second + 1);
      if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
      }
      return address;
    }
  }
  return std::string();
}

Prepared prepare(const Target& target, const RequestSpec& spec) {
  Prepared out;
  out.head = spec.method == "HEAD";
  const bool default_port = target.port == (target.tls ? 443 : 80);
  const bool v6 = target.host.find(':') != std::string::npos;
  const std::string host = fmt::format("{}{}{}", v6 ? "[" : "", target.host, v6 ? "]" : "");
  out.bytes = fmt::format("{} {} HTTP/1.1\r\nHost: {}{}\r\n", spec.method,
                          spec.path.empty() ? target.path : spec.path, host,
                          default_port ? std::string() : fmt::format(":{}", target.port));
  if (!has_header(spec, "user-agent")) {
    out.bytes += "User-Agent: shipcheck-load\r\n";
  }
  for (const auto& [name, value] : spec.headers) {
    out.bytes += fmt::format("{}: {}\r\n", name, value);
  }
  const bool usually_has_body =
      spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH";
  if ((!spec.body.empty() || usually_has_body) && !has_header(spec, "content-length")) {
    out.bytes += fmt::format("Content-Length: {}\r\n", spec.body.size());
  }
  out.bytes += "\r\n";
  out.bytes += spec.body;
  return out;
}

std::vector<std::size_t> mix_sequence(const std::vector<RequestSpec>& specs) {
  std::vector<std::size_t> sequence;
  if (specs.empty()) {
    return sequence;
  }
  // Smooth weighted round robin (as nginx balances upstreams): every spec appears `weight`
  // times per cycle, spread evenly.
  const int total = std::accumulate(specs.begin(), specs.end(), 0,
                                    [](int s, const auto& r) { return s + std::max(r.weight, 1); });
  std::vector<int> current(specs.size(), 0);
  for (int n = 0; n < total; ++n) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      current[i] += std::max(specs[i].weight, 1);
      if (current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    sequence.push_back(best);
  }
  return sequence;
}

}  // namespace shipcheck::load
