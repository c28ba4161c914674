// redis:// URL parsing (see url.h). Percent-escapes in user and password are decoded, as
// redis-py does, so "p%40ss" authenticates as "p@ss".
#include "engines/redis/url.h"

#include <charconv>
#include <optional>

#include <fmt/format.h>

namespace shipcheck::redis {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Parses a whole decimal number in [min, max]; nullopt otherwise.
std::optional<int> number_in(std::string_view text, int min, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    return std::nullopt;
  }
  return value;
}

// "user:password" (either part may be empty, the colon optional) into `url`.
void read_userinfo(std::string_view userinfo, Url& url) {
  const std::size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) {
    // redis-py reads "redis://name@host" as a user without a password.
    url.user = percent_decode(userinfo);
    return;
  }
  url.user = percent_decode(userinfo.substr(0, colon));
  url.password = percent_decode(userinfo.substr(colon + 1));
  url.has_password = true;
}

// "host", "host:port", "[::1]:port" into `url`.
tl::expected<void, std::string> read_host_port(std::string_view hostport, Url& url) {
  std::string_view port;
  if (!hostport.empty() && hostport.front() == '[') {
    const std::size_t close = hostport.find(']');
    if (close == std::string_view::npos) {
      return tl::make_unexpected("an IPv6 host lacks its closing ']'");
    }
    url.host = std::string(hostport.substr(1, close - 1));
    const std::string_view rest = hostport.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') {
      return tl::make_unexpected("unexpected text after the IPv6 host");
    }
    port = rest.empty() ? rest : rest.substr(1);
  } else {
    const std::size_t colon = hostport.rfind(':');
    url.host = std::string(hostport.substr(0, colon));
    port = colon == std::string_view::npos ? std::string_view() : hostport.substr(colon + 1);
  }
  if (url.host.empty()) {
    return tl::make_unexpected("the URL has no host");
  }
  if (!port.empty()) {
    const auto value = number_in(port, 1, 65535);
    if (!value) {
      return tl::make_unexpected("the port is not a number from 1 to 65535");
    }
    url.port = *value;
  }
  return {};
}

}  // namespace

std::string Url::target() const {
  const bool v6 = host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}/{}", tls ? "rediss" : "redis", v6 ? "[" : "", host,
                     v6 ? "]" : "", port, db);
}

tl::expected<Url, std::string> parse_url(std::string_view text) {
  Url url;
  if (text.substr(0, 8) == "redis://") {
    text.remove_prefix(8);
  } else if (text.substr(0, 9) == "rediss://") {
    url.tls = true;
    text.remove_prefix(9);
  } else {
    return tl::make_unexpected("not a redis:// or rediss:// URL");
  }
  text = text.substr(0, text.find_first_of("?#"));
  const std::size_t slash = text.find('/');
  std::string_view authority = text.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? "" : text.substr(slash + 1);
  // The last '@' ends the userinfo: a password may contain an unescaped '@'.
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    read_userinfo(authority.substr(0, at), url);
    authority.remove_prefix(at + 1);
  }
  if (auto ok = read_host_port(authority, url); !ok) {
    return tl::make_unexpected(ok.error());
  }
  if (!path.empty()) {
    const auto db = number_in(path, 0, 1'000'000);
    if (!db) {
      return tl::make_unexpected("the path is not a database number (redis://host:6379/0)");
    }
    url.db = *db;
  }
  return url;
}

}  // namespace shipcheck::redis
