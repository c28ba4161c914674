#include "cli/manual_items.h"

#include <fmt/format.h>

#include "core/duration.h"
#include "core/utc_time.h"
#include "engines/git/repo.h"
#include "store/open.h"

namespace shipcheck::cli {
namespace {

// Why `signoff` does not count for `item` now, or nullopt when it does.
std::optional<std::string> stale(const ManualItem& item, const store::SignoffRow& signoff,
                                 const std::string& head) {
  if (!signoff.commit.empty() && signoff.commit != head) {
    return fmt::format("the sign-off of '{}' by {} was for commit {}, not HEAD: sign it off again",
                       item.id, signoff.signed_by, signoff.commit.substr(0, 7));
  }
  if (item.valid_for.empty()) {
    return std::nullopt;
  }
  const auto valid_for = parse_duration(item.valid_for);
  const auto signed_at = parse_utc(signoff.signed_at);
  if (!valid_for || !signed_at) {
    return fmt::format("the sign-off of '{}' has no readable time ({})", item.id,
                       signoff.signed_at);
  }
  if (std::chrono::system_clock::from_time_t(*signed_at) + *valid_for <
      std::chrono::system_clock::now()) {
    return fmt::format("the sign-off of '{}' by {} on {} expired (valid for {}): sign it off again",
                       item.id, signoff.signed_by, signoff.signed_at, item.valid_for);
  }
  return std::nullopt;
}

}  // namespace

std::vector<ManualRecord> manual_records(const Config& config, std::vector<std::string>& notices) {
  std::vector<ManualRecord> records;
  for (const auto& item : config.manual) {
    records.push_back(ManualRecord{item.id, item.title, item.source, item.required, {}, {}, {}});
  }
  if (records.empty()) {
    return records;
  }
  auto db = store::open_history(store::history_location(config), store::Access::read);
  if (!db) {
    notices.push_back(fmt::format("sign-offs not read: {}", db.error()));
    return records;
  }
  if (!*db) {
    return records;
  }
  const std::string head = git::head_commit_or_empty(config.root);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto signoff = (*db)->latest_signoff(config.service, config.manual[i].id);
    if (!signoff) {
      continue;
    }
    if (auto why = stale(config.manual[i], *signoff, head)) {
      notices.push_back(*why);
      continue;
    }
    records[i].signed_off_by = signoff->signed_by;
    records[i].signed_off_at = signoff->signed_at;
    if (!signoff->note.empty()) {
      records[i].note = signoff->note;
    }
  }
  return records;
}

}  // namespace shipcheck::cli
