// hiredis behind a read-only, timeout-bounded Connection (see client.h).
#include "engines/redis/client.h"

#include <hiredis/hiredis.h>

#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::redis {
namespace {

timeval timeval_of(std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  return tv;
}

std::string duration_text(std::chrono::milliseconds timeout) {
  return timeout.count() % 1000 == 0 ? fmt::format("{}s", timeout.count() / 1000)
                                     : fmt::format("{}ms", timeout.count());
}

struct ReplyFree {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};

Reply convert(const redisReply& raw) {
  Reply reply;
  switch (raw.type) {
    case REDIS_REPLY_STRING:
      reply.type = Reply::Type::string;
      break;
    case REDIS_REPLY_STATUS:
      reply.type = Reply::Type::status;
      break;
    case REDIS_REPLY_ERROR:
      reply.type = Reply::Type::error;
      break;
    case REDIS_REPLY_INTEGER:
      reply.type = Reply::Type::integer;
      reply.integer = raw.integer;
      break;
    case REDIS_REPLY_ARRAY:
      reply.type = Reply::Type::array;
      for (std::size_t i = 0; i < raw.elements; ++i) {
        reply.elements.push_back(convert(*raw.element[i]));
      }
      break;
    default:
      reply.type = Reply::Type::nil;
  }
  if (raw.str != nullptr) {
    reply.text.assign(raw.str, raw.len);
  }
  return reply;
}

// What hiredis says about a failed connect or read, classified. hiredis 0.14 copies
// strerror(errno) into errstr on I/O errors; EAGAIN is its read timeout.
FailureKind kind_of(const redisContext& context) {
  const std::string_view text = context.errstr;
  if (context.err == REDIS_ERR_EOF) {
    return FailureKind::closed;
  }
  if (text == std::strerror(ECONNREFUSED)) {
    return FailureKind::refused;
  }
  if (text == std::strerror(EAGAIN) || text == std::strerror(ETIMEDOUT) ||
      contains_icase(text, "timed out") || contains_icase(text, "timeout")) {
    return FailureKind::timeout;
  }
  return FailureKind::other;
}

// A reply that says the connection lacks credentials or permission.
bool is_auth_error(std::string_view text) {
  return text.rfind("WRONGPASS", 0) == 0 || text.rfind("NOAUTH", 0) == 0 ||
         text.rfind("NOPERM", 0) == 0;
}

}  // namespace

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::refused:
      return "refused";
    case FailureKind::timeout:
      return "timeout";
    case FailureKind::auth_failed:
      return "auth failed";
    case FailureKind::tls:
      return "TLS failed";
    case FailureKind::closed:
      return "closed";
    case FailureKind::refused_command:
      return "not read-only";
    case FailureKind::unsupported:
      return "not supported";
    case FailureKind::other:
      break;
  }
  return "failed";
}

bool is_read_only(const std::vector<std::string>& args) {
  if (args.empty()) {
    return false;
  }
  const std::string name = to_upper(args[0]);
  const std::string sub = args.size() > 1 ? to_upper(args[1]) : std::string();
  static const char* const k_plain[] = {"PING",   "INFO", "LLEN",   "ZCARD", "XLEN",
                                        "EXISTS", "TYPE", "SELECT", "AUTH"};
  if (std::any_of(std::begin(k_plain), std::end(k_plain),
                  [&](const char* c) { return name == c; })) {
    return true;
  }
  return (name == "CONFIG" && sub == "GET") ||
         (name == "CLUSTER" && (sub == "INFO" || sub == "NODES")) ||
         // ACL DRYRUN only says whether a user could run the command it names; it never
         // runs it, whatever follows.
         (name == "ACL" && (sub == "WHOAMI" || sub == "DRYRUN")) ||
         (name == "COMMAND" && sub == "INFO");
}

void Connection::Free::operator()(redisContext* context) const {
  redisFree(context);
}

Connection::Connection(redisContext* context, std::string where, std::chrono::milliseconds timeout)
    : m_context(context), m_where(std::move(where)), m_timeout(timeout) {}

Failure Connection::io_failure() const {
  const FailureKind kind = kind_of(*m_context);
  switch (kind) {
    case FailureKind::timeout:
      return {kind, fmt::format("{} did not answer within {}", m_where, duration_text(m_timeout))};
    case FailureKind::closed:
      return {kind, fmt::format("{} closed the connection", m_where)};
    default:
      return {kind, fmt::format("{}: {}", m_where, m_context->errstr)};
  }
}

tl::expected<Connection, Failure> Connection::open(const Url& url,
                                                   std::chrono::milliseconds timeout,
                                                   bool authenticate) {
  const std::string where = url.host.find(':') != std::string::npos
                                ? fmt::format("[{}]:{}", url.host, url.port)
                                : fmt::format("{}:{}", url.host, url.port);
  if (url.tls) {
    return tl::make_unexpected(
        Failure{FailureKind::unsupported,
                "rediss:// needs TLS support in hiredis, which this build's hiredis (0.14, "
                "Debian 12) lacks; check the server over redis:// from inside its network"});
  }
  redisContext* raw = redisConnectWithTimeout(url.host.c_str(), url.port, timeval_of(timeout));
  if (raw == nullptr) {
    return tl::make_unexpected(Failure{FailureKind::other, "out of memory"});
  }
  Connection connection(raw, where, timeout);
  if (raw->err != 0) {
    Failure failure = connection.io_failure();
    if (failure.kind == FailureKind::refused) {
      failure.message = fmt::format("connection to {} refused", where);
    } else if (failure.kind == FailureKind::timeout) {
      failure.message = fmt::format("no connection to {} within {}", where, duration_text(timeout));
    }
    return tl::make_unexpected(failure);
  }
  redisSetTimeout(raw, timeval_of(timeout));
  if (!authenticate) {
    return connection;
  }
  if (url.has_password) {
    std::vector<std::string> auth = {"AUTH"};
    if (!url.user.empty()) {
      auth.push_back(url.user);
    }
    auth.push_back(url.password);
    auto reply = connection.command(auth);
    if (!reply) {
      return tl::make_unexpected(reply.error());
    }
    if (reply->is_error()) {
      return tl::make_unexpected(
          Failure{FailureKind::auth_failed,
                  fmt::format("{} refused the URL's credentials: {}", where, reply->text)});
    }
  }
  if (url.db != 0) {
    auto reply = connection.command({"SELECT", std::to_string(url.db)});
    if (!reply) {
      return tl::make_unexpected(reply.error());
    }
    if (reply->is_error()) {
      const FailureKind kind =
          is_auth_error(reply->text) ? FailureKind::auth_failed : FailureKind::other;
      return tl::make_unexpected(
          Failure{kind, fmt::format("SELECT {} on {}: {}", url.db, where, reply->text)});
    }
  }
  return connection;
}

tl::expected<Reply, Failure> Connection::command(const std::vector<std::string>& args) {
  if (!is_read_only(args)) {
    return tl::make_unexpected(Failure{FailureKind::refused_command,
                                       fmt::format("'{}' is not a read-only command; not sent",
                                                   args.empty() ? std::string() : args[0])});
  }
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  std::unique_ptr<redisReply, ReplyFree> reply(static_cast<redisReply*>(redisCommandArgv(
      m_context.get(), static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (reply == nullptr) {
    return tl::make_unexpected(io_failure());
  }
  return convert(*reply);
}

std::vector<std::pair<std::string, std::string>> parse_info(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& raw_line : split(text, '\n')) {
    const std::string_view line = trim(raw_line);
    const std::size_t colon = line.find(':');
    if (line.empty() || line.front() == '#' || colon == std::string_view::npos) {
      continue;
    }
    fields.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
  }
  return fields;
}

}  // namespace shipcheck::redis
