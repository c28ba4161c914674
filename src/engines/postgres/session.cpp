// libpq sessions with deadlines (see session.h). Connecting and querying use libpq's
// asynchronous API and poll() on its socket, so that the deadline is ours, not the kernel's.
#include "engines/postgres/session.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include <fmt/format.h>

#include "core/text.h"
#include "engines/postgres/client_tools.h"

namespace shipcheck::postgres {
namespace {

using Clock = std::chrono::steady_clock;

// A parsed connection string, freed on scope exit.
struct ConninfoDeleter {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};
using Conninfo = std::unique_ptr<PQconninfoOption, ConninfoDeleter>;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// libpq's parse errors quote the offending part of the URL, which may be the password:
// quoted text is dropped.
std::string without_quotes(std::string_view text) {
  std::string out;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
      out += quoted ? "\"…" : "\"";
    } else if (!quoted) {
      out += c;
    }
  }
  return out;
}

// Multi-line libpq text on one line: "a\nb\n" -> "a; b".
std::string one_line(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = trim(text.substr(0, end));
    if (!line.empty()) {
      out += out.empty() ? "" : "; ";
      out += line;
    }
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

std::string value_of(const PQconninfoOption* options, std::string_view key) {
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (key == o->keyword && o->val != nullptr) {
      return o->val;
    }
  }
  return {};
}

// What the message says about the cause. Authentication is tested first: "no pg_hba.conf
// entry for host ..., SSL off" is a refusal by the server's rules, not a TLS failure.
Failure classify(std::string_view message) {
  const std::string lower = to_lower(message);
  const auto has = [&lower](std::string_view word) {
    return lower.find(word) != std::string::npos;
  };
  if (has("password authentication failed") || has("no password supplied") ||
      has("authentication failed") || has("pg_hba.conf") || has("fe_sendauth") ||
      (has("role \"") && has("does not exist"))) {
    return Failure::auth_failed;
  }
  if (has("connection refused")) {
    return Failure::refused;
  }
  if (has("ssl") || has("certificate") || has("tls")) {
    return Failure::tls_failed;
  }
  if (has("canceling statement due to statement timeout")) {
    return Failure::timeout;
  }
  return Failure::other;
}

// Waits until `fd` is readable (or writable); false when the deadline passes first.
bool wait_for(int fd, bool write, Clock::time_point deadline) {
  pollfd p{fd, static_cast<short>(write ? POLLOUT : POLLIN), 0};
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      return false;
    }
    const int n = poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (n > 0) {
      return true;  // ready, or an error/hang-up libpq will report
    }
    if (n < 0 && errno != EINTR) {
      return true;
    }
  }
}

// Which step of the connection an overrun stopped in, for the timeout message.
std::string_view phase_of(PGconn* conn) {
  switch (PQstatus(conn)) {
    case CONNECTION_STARTED:
      return "waiting for the TCP connection";
    case CONNECTION_SSL_STARTUP:
      return "during the TLS handshake";
    case CONNECTION_MADE:
    case CONNECTION_AWAITING_RESPONSE:
      return "waiting for the server's answer to the startup message";
    case CONNECTION_AUTH_OK:
    case CONNECTION_SETENV:
    case CONNECTION_CHECK_WRITABLE:
    case CONNECTION_CONSUME:
      return "waiting for the server to finish the startup";
    default:
      return "while connecting";
  }
}

std::string seconds_text(std::chrono::milliseconds ms) {
  return ms.count() % 1000 == 0 ? fmt::format("{}s", ms.count() / 1000)
                                : fmt::format("{}ms", ms.count());
}

}  // namespace

std::string_view to_string(Failure failure) {
  switch (failure) {
    case Failure::refused:
      return "refused";
    case Failure::timeout:
      return "timeout";
    case Failure::auth_failed:
      return "auth failed";
    case Failure::tls_failed:
      return "TLS failed";
    case Failure::other:
      break;
  }
  return "error";
}

std::optional<UrlInfo> parse_url(std::string_view url, std::string& why) {
  char* error = nullptr;
  Conninfo options(PQconninfoParse(std::string(url).c_str(), &error));
  if (!options) {
    why = fmt::format("not a valid PostgreSQL connection URL ({})",
                      error != nullptr ? without_quotes(one_line(error)) : "out of memory");
    PQfreemem(error);
    return std::nullopt;
  }
  UrlInfo info;
  info.host = value_of(options.get(), "host");
  if (info.host.empty()) {
    info.host = value_of(options.get(), "hostaddr");
  }
  info.host = info.host.empty() ? "localhost" : info.host;
  info.port = value_of(options.get(), "port");
  info.port = info.port.empty() ? "5432" : info.port;
  info.user = value_of(options.get(), "user");
  info.dbname = value_of(options.get(), "dbname");
  info.sslmode = value_of(options.get(), "sslmode");
  const bool ipv6 = info.host.find(':') != std::string::npos && info.host.front() != '/';
  info.display = fmt::format("postgres://{}:{}/{}", ipv6 ? "[" + info.host + "]" : info.host,
                             info.port, info.dbname.empty() ? info.user : info.dbname);
  return info;
}

std::string Rows::text(std::size_t row, std::size_t column) const {
  const auto& value = rows.at(row).at(column);
  return value ? *value : std::string();
}

void Session::Closer::operator()(pg_conn* conn) const {
  PQfinish(conn);
}

Session::Session(pg_conn* conn, Options options, std::string password)
    : m_conn(conn), m_options(std::move(options)), m_password(std::move(password)) {}
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;
Session::~Session() = default;

tl::expected<Session, Error> Session::connect(std::string_view url, const Options& options) {
  std::string why;
  if (!parse_url(url, why)) {
    return tl::make_unexpected(Error{Failure::other, why});
  }
  char* parse_error = nullptr;
  Conninfo parsed(PQconninfoParse(std::string(url).c_str(), &parse_error));
  PQfreemem(parse_error);
  std::string password = parsed ? value_of(parsed.get(), "password") : std::string();

  const std::string dsn(url);
  // The URL first (expand_dbname), then what we insist on.
  const char* keys[] = {"dbname", "application_name", nullptr};
  const char* values[] = {dsn.c_str(), options.application_name.c_str(), nullptr};
  const auto start = Clock::now();
  const auto deadline = start + options.timeout;
  Session session(PQconnectStartParams(keys, values, 1), options, std::move(password));
  PGconn* conn = session.m_conn.get();
  if (conn == nullptr) {
    return tl::make_unexpected(Error{Failure::other, "out of memory"});
  }
  PostgresPollingStatusType state =
      PQstatus(conn) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
    if (!wait_for(PQsocket(conn), state == PGRES_POLLING_WRITING, deadline)) {
      return tl::make_unexpected(Error{
          Failure::timeout,
          fmt::format("no answer within {} ({})", seconds_text(options.timeout), phase_of(conn))});
    }
    state = PQconnectPoll(conn);
  }
  if (state == PGRES_POLLING_FAILED) {
    const std::string message =
        without_password(one_line(PQerrorMessage(conn)), session.m_password);
    return tl::make_unexpected(Error{classify(message), message});
  }
  session.m_connect_time =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  session.m_server_version = PQserverVersion(conn);
  session.m_ssl_in_use = PQsslInUse(conn) == 1;
  if (const char* protocol = PQsslAttribute(conn, "protocol")) {
    session.m_ssl_protocol = protocol;
  }
  PQsetnonblocking(conn, 1);
  auto set = session.query(
      fmt::format("SET default_transaction_read_only = {}; SET statement_timeout = {}",
                  options.read_only ? "on" : "off", options.per_query().count()));
  if (!set) {
    return tl::make_unexpected(set.error());
  }
  return session;
}

std::string Session::server_version_text() const {
  // 150018 -> 15.18; before 10 the scheme was 90624 -> 9.6.24.
  if (m_server_version >= 100000) {
    return fmt::format("{}.{}", m_server_version / 10000, m_server_version % 10000);
  }
  return fmt::format("{}.{}.{}", m_server_version / 10000, m_server_version / 100 % 100,
                     m_server_version % 100);
}

Error Session::lost(std::string_view what) {
  Error error{Failure::other,
              fmt::format("{}: {}", what, m_conn ? one_line(PQerrorMessage(m_conn.get())) : "")};
  error.message = without_password(error.message, m_password);
  m_conn.reset();  // a half-read answer cannot be resumed
  return error;
}

tl::expected<Rows, Error> Session::query(std::string_view sql,
                                         const std::vector<std::string>& params) {
  return query_nullable(sql, std::vector<std::optional<std::string>>(params.begin(), params.end()));
}

tl::expected<Rows, Error> Session::query_nullable(
    std::string_view sql, const std::vector<std::optional<std::string>>& params) {
  if (!m_conn) {
    return tl::make_unexpected(
        Error{Failure::other, "the connection was closed after an earlier failure"});
  }
  if (auto sent = send(sql, params); !sent) {
    return tl::make_unexpected(sent.error());
  }
  return receive();
}

tl::expected<void, Error> Session::send(std::string_view sql,
                                        const std::vector<std::optional<std::string>>& params) {
  PGconn* conn = m_conn.get();
  const std::string text(sql);
  int sent = 0;
  if (params.empty()) {
    sent = PQsendQuery(conn, text.c_str());
  } else {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) {
      values.push_back(p ? p->c_str() : nullptr);
    }
    sent = PQsendQueryParams(conn, text.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
  }
  if (sent == 0) {
    return tl::make_unexpected(lost("cannot send the query"));
  }
  const auto deadline = Clock::now() + m_options.per_query();
  for (int pending = PQflush(conn); pending != 0; pending = PQflush(conn)) {
    if (pending < 0) {
      return tl::make_unexpected(lost("cannot send the query"));
    }
    if (!wait_for(PQsocket(conn), true, deadline)) {
      m_conn.reset();
      return tl::make_unexpected(Error{
          Failure::timeout,
          fmt::format("the server took no query within {}", seconds_text(m_options.per_query()))});
    }
  }
  return {};
}

tl::expected<Rows, Error> Session::receive() {
  PGconn* conn = m_conn.get();
  const auto deadline = Clock::now() + m_options.per_query();
  std::optional<Error> failed;
  Rows rows;
  for (;;) {
    while (PQisBusy(conn) == 1) {
      if (!wait_for(PQsocket(conn), false, deadline)) {
        m_conn.reset();
        return tl::make_unexpected(
            Error{Failure::timeout,
                  fmt::format("no answer within {}", seconds_text(m_options.per_query()))});
      }
      if (PQconsumeInput(conn) == 0) {
        return tl::make_unexpected(lost("connection lost"));
      }
    }
    ResultPtr result(PQgetResult(conn));
    if (!result) {
      break;
    }
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      if (!failed) {
        const std::string message =
            without_password(one_line(PQresultErrorMessage(result.get())), m_password);
        failed = Error{classify(message), message};
      }
      continue;
    }
    rows = Rows{};
    const int n_rows = PQntuples(result.get());
    const int n_columns = PQnfields(result.get());
    for (int c = 0; c < n_columns; ++c) {
      rows.columns.emplace_back(PQfname(result.get(), c));
    }
    for (int r = 0; r < n_rows; ++r) {
      auto& row = rows.rows.emplace_back();
      for (int c = 0; c < n_columns; ++c) {
        row.push_back(PQgetisnull(result.get(), r, c) == 1
                          ? std::nullopt
                          : std::optional<std::string>(PQgetvalue(result.get(), r, c)));
      }
    }
  }
  if (failed) {
    return tl::make_unexpected(*failed);
  }
  return rows;
}

}  // namespace shipcheck::postgres
