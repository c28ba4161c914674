// dotenv parser (placeholder: implemented by the dotenv work).
#include "engines/dotenv/dotenv.h"

namespace shipcheck::dotenv {

const Entry* File::find(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key == key) {
      return &*it;
    }
  }
  return nullptr;
}

tl::expected<File, ParseError> parse(std::string_view, std::string_view file, const Lookup&) {
  return tl::make_unexpected(ParseError{std::string(file), 0, 0, "not implemented", ""});
}

tl::expected<File, ParseError> parse_file(const std::string& path, const Lookup&) {
  return tl::make_unexpected(ParseError{path, 0, 0, "not implemented", ""});
}

}  // namespace shipcheck::dotenv
