// DNS lookups with ldns against a chosen resolver (or the system's, from /etc/resolv.conf):
// the answer section as the server sent it, TTLs included, which getaddrinfo hides. One
// attempt per nameserver, each bounded by a timeout.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace shipcheck::dns {

struct Server {
  std::string address;  // an IPv4 or IPv6 address; empty = the system's resolvers
  int port = 53;

  // "127.0.0.1:5353", "[::1]:53", or "the system resolver".
  std::string display() const;
};

// "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353"; an empty text is the system's.
tl::expected<Server, std::string> parse_server(std::string_view text);

struct Record {
  std::string name;  // owner, fully qualified ("api.example.com.")
  std::string type;  // "A", "AAAA", "CNAME" ...
  long ttl = 0;      // seconds
  std::string data;  // "127.0.0.1"
};

struct Answer {
  std::string rcode;            // "NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED" ...
  std::vector<Record> records;  // the answer section, in order
};

enum class QueryType { a, aaaa };

// Asks `server` for `name`'s records of `type` (recursion desired). An error (no answer in
// time, unreachable, bad name) is a message; a negative answer is an Answer with its rcode.
tl::expected<Answer, std::string> query(const Server& server, std::string_view name, QueryType type,
                                        std::chrono::milliseconds timeout);

}  // namespace shipcheck::dns
