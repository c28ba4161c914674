// Chooses the backend a project's history is in: its `store:` URL, or its SQLite file.
#include "store/open.h"

#include <system_error>

#include "store/postgres.h"

namespace shipcheck::store {

tl::expected<std::optional<Store>, std::string> open_history(const HistoryLocation& where,
                                                             Access access) {
  if (!where.url.empty()) {
    return Store::open_url(where.url, access == Access::write);
  }
  if (access == Access::read) {
    std::error_code ec;
    if (!std::filesystem::exists(default_db_path(where.root), ec)) {
      return std::optional<Store>();
    }
    return Store::open(default_db_path(where.root)).map([](Store s) {
      return std::optional<Store>(std::move(s));
    });
  }
  return Store::open_for_project(where.root).map([](Store s) {
    return std::optional<Store>(std::move(s));
  });
}

std::string history_name(const HistoryLocation& where) {
  return where.url.empty() ? default_db_path(where.root).string() : postgres_display(where.url);
}

}  // namespace shipcheck::store
