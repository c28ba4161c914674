// What a load test sends, prepared once: the target's address (resolved before the clock
// starts) and each request serialized to its bytes, so that sending one costs a write().
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace shipcheck::load {

struct Target {
  bool tls = false;
  std::string host;  // as in the URL (the Host header and TLS server name)
  int port = 0;
  std::string path;  // "/" when the URL names none; with its query
  sockaddr_storage address{};
  socklen_t address_length = 0;
};

// Parses http(s)://host[:port][/path] without looking anything up (address left empty).
tl::expected<Target, std::string> parse_target(std::string_view url);

// Fills target.address from `name` (an IP address, or a name looked up once).
tl::expected<void, std::string> resolve_address(Target& target, const std::string& name);

// parse_target, then resolve_address of the host (or of `resolve_to`, an address given like
// curl --resolve). Errors say what is wrong with the URL or the name.
tl::expected<Target, std::string> resolve_target(std::string_view url,
                                                 std::string_view resolve_to = {});

// "scheme://host[:port]" of `url` (its path and query cut off).
std::string origin_of(std::string_view url);

// The address a curl-style --resolve entry ("HOST:PORT:ADDR", ADDR possibly in brackets)
// pins for `target`'s host and port; "" when none does; an error for a malformed entry.
tl::expected<std::string, std::string> pinned_address(const std::vector<std::string>& resolve,
                                                      const Target& target);

struct RequestSpec {
  std::string method = "GET";
  std::string path;  // empty = the target's
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int weight = 1;  // share in a mix
};

// A request ready to send.
struct Prepared {
  std::string bytes;
  bool head = false;  // a HEAD response has no body whatever its headers say
};

// The request's bytes: request line, Host, User-Agent (unless given), the headers,
// Content-Length when there is a body (or the method usually has one), the body.
Prepared prepare(const Target& target, const RequestSpec& spec);

// The order requests go out in: each spec repeated by its weight, interleaved (a, b, a, c, a,
// b, ...), so that every window of the sequence holds the mix.
std::vector<std::size_t> mix_sequence(const std::vector<RequestSpec>& specs);

}  // namespace shipcheck::load
