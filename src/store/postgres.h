// The PostgreSQL backend of the store: one history shared by a team and its CI, named by
// `store: postgresql://...` in shipcheck.yaml (docs/history.md).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/db.h"

namespace shipcheck::store {

// `url` as messages may show it (postgres://host:port/db): never the password.
std::string postgres_display(std::string_view url);

// Connects to `url` (connecting and each statement bounded by a timeout, so an unreachable
// server cannot hang a run). Throws StoreError, without the password, when it cannot.
std::unique_ptr<Db> open_postgres(std::string_view url);

// `sql` with each `?` outside a quoted literal numbered as PostgreSQL wants it ($1, $2, ...),
// so that the store's statements are written once for both backends.
std::string numbered_parameters(std::string_view sql);

// `text` as PostgreSQL accepts it in a UTF-8 text column: each malformed UTF-8 byte and each
// NUL (which SQLite keeps, and PostgreSQL refuses) becomes U+FFFD.
std::string postgres_text(std::string_view text);

}  // namespace shipcheck::store
