// ldns behind one query function (see resolver.h).
#include "engines/dns/resolver.h"

// stdbool.h first: without __bool_true_false_are_defined, ldns/common.h #defines bool,
// true and false (clang's C++ headers do not define it), breaking every later header.
#include <stdbool.h>  // NOLINT(modernize-deprecated-headers)

#include <ldns/ldns.h>

#include <sys/time.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>

#include <fmt/format.h>

namespace shipcheck::dns {
namespace {

struct ResolverFree {
  void operator()(ldns_resolver* resolver) const { ldns_resolver_deep_free(resolver); }
};
struct PacketFree {
  void operator()(ldns_pkt* packet) const { ldns_pkt_free(packet); }
};
struct RdfFree {
  void operator()(ldns_rdf* rdf) const { ldns_rdf_deep_free(rdf); }
};
using ResolverPtr = std::unique_ptr<ldns_resolver, ResolverFree>;
using RdfPtr = std::unique_ptr<ldns_rdf, RdfFree>;

// ldns returns malloc'd strings.
std::string take(char* text) {
  std::string out = text != nullptr ? text : "";
  std::free(text);
  return out;
}

bool is_ipv6(std::string_view address) {
  return address.find(':') != std::string_view::npos;
}

std::optional<int> port_number(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 ||
      value > 65535) {
    return std::nullopt;
  }
  return value;
}

tl::expected<ResolverPtr, std::string> make_resolver(const Server& server) {
  if (server.address.empty()) {
    ldns_resolver* raw = nullptr;
    if (ldns_resolver_new_frm_file(&raw, nullptr) != LDNS_STATUS_OK || raw == nullptr) {
      return tl::make_unexpected("cannot read the system's resolvers (/etc/resolv.conf)");
    }
    return ResolverPtr(raw);
  }
  ResolverPtr resolver(ldns_resolver_new());
  RdfPtr address(ldns_rdf_new_frm_str(
      is_ipv6(server.address) ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, server.address.c_str()));
  if (!resolver || !address) {
    return tl::make_unexpected(fmt::format("'{}' is not an IP address", server.address));
  }
  ldns_resolver_push_nameserver(resolver.get(), address.get());  // copies it
  ldns_resolver_set_port(resolver.get(), static_cast<std::uint16_t>(server.port));
  return resolver;
}

std::vector<Record> records_of(const ldns_pkt& packet) {
  std::vector<Record> records;
  const ldns_rr_list* answer = ldns_pkt_answer(&packet);
  for (std::size_t i = 0; answer != nullptr && i < ldns_rr_list_rr_count(answer); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(answer, i);
    Record record;
    record.name = take(ldns_rdf2str(ldns_rr_owner(rr)));
    record.type = take(ldns_rr_type2str(ldns_rr_get_type(rr)));
    record.ttl = static_cast<long>(ldns_rr_ttl(rr));
    if (ldns_rr_rd_count(rr) > 0) {
      record.data = take(ldns_rdf2str(ldns_rr_rdf(rr, 0)));
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::string Server::display() const {
  if (address.empty()) {
    return "the system resolver";
  }
  return is_ipv6(address) ? fmt::format("[{}]:{}", address, port)
                          : fmt::format("{}:{}", address, port);
}

tl::expected<Server, std::string> parse_server(std::string_view text) {
  Server server;
  if (text.empty()) {
    return server;
  }
  std::string_view port;
  if (text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || (close + 1 < text.size() && text[close + 1] != ':')) {
      return tl::make_unexpected("expected [IPv6]:port");
    }
    server.address = std::string(text.substr(1, close - 1));
    port = close + 1 < text.size() ? text.substr(close + 2) : std::string_view();
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    server.address = std::string(text.substr(0, text.find(':')));
    port = text.substr(text.find(':') + 1);
  } else {
    server.address = std::string(text);  // IPv4 alone, or IPv6 without a port
  }
  if (!port.empty() || text.back() == ':') {
    const auto number = port_number(port);
    if (!number) {
      return tl::make_unexpected("the port is not a number from 1 to 65535");
    }
    server.port = *number;
  }
  RdfPtr check(ldns_rdf_new_frm_str(is_ipv6(server.address) ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A,
                                    server.address.c_str()));
  if (!check) {
    return tl::make_unexpected("not an IP address (a resolver is given by address, not name)");
  }
  return server;
}

tl::expected<Answer, std::string> query(const Server& server, std::string_view name, QueryType type,
                                        std::chrono::milliseconds timeout) {
  auto resolver = make_resolver(server);
  if (!resolver) {
    return tl::make_unexpected(resolver.error());
  }
  ldns_resolver* r = resolver->get();
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ldns_resolver_set_timeout(r, tv);
  ldns_resolver_set_retry(r, 1);  // one attempt per nameserver: the timeout is the bound
  ldns_resolver_set_recursive(r, true);
  ldns_resolver_set_dnsrch(r, false);
  const std::string text(name);
  RdfPtr domain(ldns_dname_new_frm_str(text.c_str()));
  if (!domain) {
    return tl::make_unexpected(fmt::format("'{}' is not a valid DNS name", text));
  }
  ldns_pkt* raw = nullptr;
  const ldns_status status = ldns_resolver_query_status(
      &raw, r, domain.get(), type == QueryType::a ? LDNS_RR_TYPE_A : LDNS_RR_TYPE_AAAA,
      LDNS_RR_CLASS_IN, LDNS_RD);
  std::unique_ptr<ldns_pkt, PacketFree> packet(raw);
  if (status != LDNS_STATUS_OK || !packet) {
    return tl::make_unexpected(fmt::format("no answer from {} ({}; timeout {} ms)",
                                           server.display(), ldns_get_errorstr_by_id(status),
                                           timeout.count()));
  }
  return Answer{take(ldns_pkt_rcode2str(ldns_pkt_get_rcode(packet.get()))), records_of(*packet)};
}

}  // namespace shipcheck::dns
