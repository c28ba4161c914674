// PostgreSQL sessions over libpq with hard deadlines: connecting and every query end within
// the timeout however the server behaves (a port that accepts and never answers included),
// and every session is read-only. Errors are classified and never carry the password.
// Knows nothing of rules.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

struct pg_conn;

namespace shipcheck::postgres {

enum class Failure { refused, timeout, auth_failed, tls_failed, other };

// "refused", "timeout", "auth failed", "TLS failed", "error".
std::string_view to_string(Failure failure);

struct Error {
  Failure kind = Failure::other;
  std::string message;  // libpq's or the server's words, on one line, without the password
};

// What a connection URL names, from libpq's own parser (postgres://, postgresql:// or
// key=value strings). `display` is `postgres://host:port/db`: what reports may show.
struct UrlInfo {
  std::string host;  // "localhost" when the URL names none
  std::string port;  // "5432" when the URL names none
  std::string dbname;
  std::string user;
  std::string sslmode;  // as written; empty = libpq's default (prefer)
  std::string display;
};

// nullopt with `why` (which never quotes the URL) when libpq cannot parse `url`.
std::optional<UrlInfo> parse_url(std::string_view url, std::string& why);

struct Options {
  std::chrono::milliseconds timeout{5000};  // connecting, and each query
  // Each query's bound when it differs from the connection's (a drill counting every row of
  // a table); zero = `timeout`.
  std::chrono::milliseconds query_timeout{0};
  // Only the drills turn this off, for the scratch databases they create, fill and drop.
  bool read_only = true;
  std::string application_name = "shipcheck";

  std::chrono::milliseconds per_query() const {
    return query_timeout.count() > 0 ? query_timeout : timeout;
  }
};

// A query's rows in text form; a NULL is nullopt.
struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;

  std::size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  // The value at (row, column), "" for NULL.
  std::string text(std::size_t row, std::size_t column) const;
  bool is_null(std::size_t row, std::size_t column) const { return !rows[row][column]; }
};

// One connection. Not thread-safe: callers sharing a session serialize its use.
class Session {
 public:
  // Connects within options.timeout, then sets default_transaction_read_only = on (unless
  // options.read_only is off) and a statement_timeout equal to the query timeout, so nothing
  // the session runs can write or outlast it server-side. The hostname is resolved before the
  // deadline starts (libpq resolves synchronously); IP addresses are not looked up.
  static tl::expected<Session, Error> connect(std::string_view url, const Options& options);

  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  ~Session();

  // Runs `sql` (parameters $1.. as text; none = the simple protocol, which allows several
  // statements and returns the last one's rows) within the timeout. After a timeout or a lost
  // connection the session is closed and every later query fails at once.
  tl::expected<Rows, Error> query(std::string_view sql,
                                  const std::vector<std::string>& params = {});
  // As query(), where a nullopt parameter is NULL (for writes: the run store).
  tl::expected<Rows, Error> query_nullable(std::string_view sql,
                                           const std::vector<std::optional<std::string>>& params);

  int server_version() const { return m_server_version; }  // 150018 for 15.18
  std::string server_version_text() const;                 // "15.18"
  bool ssl_in_use() const { return m_ssl_in_use; }
  const std::string& ssl_protocol() const { return m_ssl_protocol; }
  std::chrono::milliseconds connect_time() const { return m_connect_time; }

 private:
  struct Closer {
    void operator()(pg_conn* conn) const;
  };
  Session(pg_conn* conn, Options options, std::string password);
  tl::expected<void, Error> send(std::string_view sql,
                                 const std::vector<std::optional<std::string>>& params);
  tl::expected<Rows, Error> receive();
  Error lost(std::string_view what);

  std::unique_ptr<pg_conn, Closer> m_conn;
  Options m_options;
  std::string m_password;  // only to scrub it from messages
  int m_server_version = 0;
  bool m_ssl_in_use = false;
  std::string m_ssl_protocol;
  std::chrono::milliseconds m_connect_time{0};
};

}  // namespace shipcheck::postgres
