// The store over libpq, through the PostgreSQL engine's session (deadlines, messages without
// the password). The schema version lives in a table; migrations serialize on an advisory
// lock, so that two CI jobs opening a fresh database at once apply each step once.
#include "store/postgres.h"

#include <chrono>

#include <fmt/format.h>

#include "core/text.h"
#include "engines/postgres/session.h"
#include "store/migrations.h"

namespace shipcheck::store {
namespace {

// Long enough for a busy server (or another migration holding the lock); short enough that a
// run does not hang on a history it cannot reach.
constexpr std::chrono::milliseconds k_pg_store_timeout{10'000};

// Any fixed key: advisory locks are per database, and only migrations take this one.
constexpr std::int64_t k_migration_lock_key = 0x73686970636b;  // "shipck"

constexpr std::string_view k_schema_table = R"sql(
CREATE TABLE IF NOT EXISTS shipcheck_schema (
  version INTEGER PRIMARY KEY,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
))sql";

std::optional<std::string> pg_param(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    return postgres_text(*text);
  }
  if (const auto* number = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*number);
  }
  return std::nullopt;
}

class PostgresDb final : public Db {
 public:
  explicit PostgresDb(postgres::Session session) : m_session(std::move(session)) {}

  void exec(std::string_view sql) override { rows_of(m_session.query(sql)); }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<std::optional<std::string>> texts;
    texts.reserve(params.size());
    for (const auto& value : params) {
      texts.push_back(pg_param(value));
    }
    return rows_of(m_session.query_nullable(numbered_parameters(sql), texts));
  }

  void begin() override { exec("BEGIN"); }

  void lock_schema() override {
    exec(fmt::format("SELECT pg_advisory_xact_lock({})", k_migration_lock_key));
    exec(k_schema_table);
  }

  int schema_version() override {
    // Without the table (a database shipcheck never wrote) reading it would fail, and abort
    // the transaction the read may be in.
    if (query("SELECT to_regclass('shipcheck_schema') IS NULL", {}).at(0).text(0) == "t") {
      return 0;
    }
    return static_cast<int>(
        query("SELECT coalesce(max(version), 0) FROM shipcheck_schema", {}).at(0).integer(0));
  }

  void set_schema_version(int version) override {
    query("INSERT INTO shipcheck_schema (version) VALUES (?)", {std::int64_t{version}});
  }

  std::string migration_sql(std::size_t step) const override { return postgres_migration(step); }

 private:
  static std::vector<Row> rows_of(tl::expected<postgres::Rows, postgres::Error> answer) {
    if (!answer) {
      throw StoreError(answer.error().message);
    }
    std::vector<Row> rows;
    for (auto& values : answer->rows) {
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  postgres::Session m_session;
};

}  // namespace

std::string postgres_display(std::string_view url) {
  std::string why;
  const auto info = postgres::parse_url(url, why);
  return info ? info->display : std::string("postgres://…");
}

std::unique_ptr<Db> open_postgres(std::string_view url) {
  postgres::Options options;
  options.timeout = k_pg_store_timeout;
  options.read_only = false;
  auto session = postgres::Session::connect(url, options);
  if (!session) {
    throw StoreError(session.error().message);
  }
  auto db = std::make_unique<PostgresDb>(std::move(*session));
  // Text goes in and comes out as UTF-8 whatever the database's or the client's locale.
  db->exec("SET client_encoding = 'UTF8'");
  return db;
}

std::string numbered_parameters(std::string_view sql) {
  std::string out;
  int next = 0;
  bool quoted = false;
  for (const char c : sql) {
    if (c == '\'') {
      quoted = !quoted;
    }
    if (c == '?' && !quoted) {
      out += fmt::format("${}", ++next);
    } else {
      out += c;
    }
  }
  return out;
}

std::string postgres_text(std::string_view text) {
  constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // 0: a NUL or a malformed sequence, replaced byte by byte.
    const std::size_t length = byte == 0 ? 0 : (byte < 0x80 ? 1 : utf8_sequence_length(text, i));
    if (length == 0) {
      out += k_replacement;
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace shipcheck::store
