// The signoffs table (migration v2): `shipcheck signoff` records who vouched for a manual
// item, and `run` reads the newest sign-off of each item back.
#include "store/store.h"

namespace shipcheck::store {

std::int64_t Store::record_signoff(const SignoffRow& s) {
  return m_db
      ->query(
          "INSERT INTO signoffs (service, item, signed_by, signed_at, note, git_commit) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {s.service, s.item, s.signed_by, s.signed_at, s.note, s.commit})
      .at(0)
      .integer(0);
}

std::optional<SignoffRow> Store::latest_signoff(const std::string& service,
                                                const std::string& item) const {
  const auto rows = m_db->query(
      "SELECT id, service, item, signed_by, signed_at, note, git_commit FROM signoffs "
      "WHERE service = ? AND item = ? ORDER BY id DESC LIMIT 1",
      {service, item});
  if (rows.empty()) {
    return std::nullopt;
  }
  const Row& row = rows.front();
  return SignoffRow{row.integer(0), row.text(1), row.text(2), row.text(3),
                    row.text(4),    row.text(5), row.text(6)};
}

}  // namespace shipcheck::store
