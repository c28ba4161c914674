#include "engines/postgres/client_tools.h"

#include <libpq-fe.h>

#include <cctype>
#include <memory>

namespace shipcheck::postgres {
namespace {

struct OptionsDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

// The percent-encoding a URL path segment needs for a database name.
std::string encode_segment(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 15];
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> libpq_environment(std::string_view url,
                                                                   std::string_view dbname) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, OptionsDeleter> options(
      PQconninfoParse(std::string(url).c_str(), &error));
  PQfreemem(error);
  std::vector<std::pair<std::string, std::string>> env;
  if (!options) {
    return env;
  }
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->envvar != nullptr && o->val != nullptr && *o->val != '\0') {
      env.emplace_back(o->envvar, o->val);
    }
  }
  if (!dbname.empty()) {
    env.emplace_back("PGDATABASE", std::string(dbname));
  }
  return env;
}

std::optional<std::string> url_with_database(std::string_view url, std::string_view dbname) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || !url.starts_with("postgres")) {
    return std::nullopt;
  }
  const std::size_t authority = scheme_end + 3;
  const std::size_t query = std::min(url.find('?', authority), url.size());
  const std::size_t path = std::min(url.find('/', authority), query);
  std::string out(url.substr(0, path));
  out += '/';
  out += encode_segment(dbname);
  out += url.substr(query);
  return out;
}

std::string without_password(std::string text, const std::string& password) {
  if (password.size() < 4) {
    return text;
  }
  for (std::size_t at = text.find(password); at != std::string::npos;
       at = text.find(password, at + 1)) {
    text.replace(at, password.size(), "…");
  }
  return text;
}

}  // namespace shipcheck::postgres
