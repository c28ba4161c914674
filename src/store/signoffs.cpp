// The signoffs table (migration v2): `shipcheck signoff` records who vouched for a manual
// item, and `run` reads the newest sign-off of each item back.
#include "store/store.h"

namespace shipcheck::store {

std::int64_t Store::record_signoff(const SignoffRow& s) {
  Statement stmt(m_db.get(),
                 "INSERT INTO signoffs (service, item, signed_by, signed_at, note, git_commit) "
                 "VALUES (?, ?, ?, ?, ?, ?)");
  stmt.bind(1, s.service)
      .bind(2, s.item)
      .bind(3, s.signed_by)
      .bind(4, s.signed_at)
      .bind(5, s.note)
      .bind(6, s.commit);
  stmt.step();
  return sqlite3_last_insert_rowid(m_db.get());
}

std::optional<SignoffRow> Store::latest_signoff(const std::string& service,
                                                const std::string& item) const {
  Statement stmt(m_db.get(),
                 "SELECT id, service, item, signed_by, signed_at, note, git_commit FROM signoffs "
                 "WHERE service = ? AND item = ? ORDER BY id DESC LIMIT 1");
  stmt.bind(1, service).bind(2, item);
  if (!stmt.step()) {
    return std::nullopt;
  }
  return SignoffRow{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3),
                    stmt.text(4),    stmt.text(5), stmt.text(6)};
}

}  // namespace shipcheck::store
