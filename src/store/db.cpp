// Row access and the transaction guard shared by both backends.
#include "store/db.h"

#include <charconv>

namespace shipcheck::store {

std::string Row::text(std::size_t column) const {
  const auto& value = m_values.at(column);
  return value ? *value : std::string();
}

std::int64_t Row::integer(std::size_t column) const {
  const auto& value = m_values.at(column);
  std::int64_t out = 0;
  if (value) {
    std::from_chars(value->data(), value->data() + value->size(), out);
  }
  return out;
}

Transaction::Transaction(Db& db) : m_db(db) {
  m_db.begin();
}

Transaction::~Transaction() {
  if (!m_open) {
    return;
  }
  try {
    m_db.exec("ROLLBACK");
  } catch (const StoreError&) {
    // Best effort: both databases roll back an open transaction when the connection closes.
  }
}

void Transaction::commit() {
  m_db.exec("COMMIT");
  m_open = false;
}

}  // namespace shipcheck::store
