// Real PostgreSQL servers for the PG checks' tests (see postgres.h).
#include "support/postgres.h"

#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "support/nginx.h"

namespace shipcheck::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The newest installed server, or $PG_BINDIR (as scripts/demo finds it).
fs::path bindir() {
  if (const char* dir = std::getenv("PG_BINDIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  fs::path newest;
  int newest_major = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const int major = std::atoi(entry.path().filename().c_str());
    if (major > newest_major && fs::exists(entry.path() / "bin" / "postgres")) {
      newest_major = major;
      newest = entry.path() / "bin";
    }
  }
  if (newest.empty()) {
    throw std::runtime_error(
        "no PostgreSQL server in /usr/lib/postgresql (apt-get install postgresql)");
  }
  return newest;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string random_hex(int bytes) {
  std::random_device rd;
  std::string out;
  for (int i = 0; i < bytes; ++i) {
    out += fmt::format("{:02x}", rd() & 0xff);
  }
  return out;
}

// The account the server runs as: postgres when we are root (the server refuses root).
struct Account {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

const Account& account() {
  static const Account found = [] {
    Account a;
    if (geteuid() != 0) {
      return a;
    }
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      throw std::runtime_error("running as root, and there is no postgres user to run the server");
    }
    a.switch_user = true;
    a.uid = pw->pw_uid;
    a.gid = pw->pw_gid;
    return a;
  }();
  return found;
}

void give_to_server(const fs::path& path) {
  if (account().switch_user && chown(path.c_str(), account().uid, account().gid) != 0) {
    throw std::runtime_error("cannot chown " + path.string());
  }
}

void run_shell_or_throw(const std::string& command) {
  std::string output;
  if (run_command(command, output) != 0) {
    throw std::runtime_error(command + " failed: " + output);
  }
}

// Starts `args` as the server's account with output to `log`, as our child (so its PID is
// the program's own and it is reaped here). It gets SIGINT if this process dies first.
pid_t spawn(const std::vector<std::string>& args, const fs::path& log, const fs::path& home,
            const fs::path& input = "/dev/null") {
  std::vector<char*> argv;
  std::vector<std::string> owned = args;
  for (auto& arg : owned) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_text = {"HOME=" + home.string(), "PATH=/usr/bin:/bin",
                                       "LANG=C.UTF-8", "PGTZ=UTC"};
  std::vector<char*> envp;
  for (auto& e : env_text) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  const Account& who = account();
  const std::string log_path = log.string();
  const std::string input_path = input.string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {  // only async-signal-safe calls until exec
    const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    const int in = open(input_path.c_str(), O_RDONLY);
    dup2(in, 0);
    if (who.switch_user &&
        (setgroups(0, nullptr) != 0 || setgid(who.gid) != 0 || setuid(who.uid) != 0)) {
      _exit(126);
    }
    prctl(PR_SET_PDEATHSIG, SIGINT);
    if (getppid() != parent) {
      _exit(125);
    }
    if (chdir(home.c_str()) != 0) {
      _exit(124);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

// Waits up to `limit` for `pid`; its exit status, or -1 if it is still running.
int wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (Clock::now() > deadline) {
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Runs a server program to completion as the server's account; throws with its log.
void run_as_server(const std::vector<std::string>& args, const fs::path& dir,
                   const fs::path& input = "/dev/null") {
  const fs::path log = dir / "tool.log";
  const pid_t pid = spawn(args, log, dir, input);
  const int code = wait_exit(pid, std::chrono::seconds(60));
  if (code != 0) {
    if (code < 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    throw std::runtime_error(fmt::format("{} failed ({}): {}", args.front(), code, read_all(log)));
  }
}

fs::path cache_dir() {
  const char* dir = std::getenv("SHIPCHECK_CACHE_DIR");
  return dir != nullptr && *dir != '\0' ? fs::path(dir)
                                        : fs::temp_directory_path() / "shipcheck-cache";
}

// Fills `data` with a cluster holding the role `app` (no password yet, pg_monitor granted)
// and its database `app`. initdb and creating a database take about two seconds and give the
// same result every time, so that runs once per server version and cache directory; later
// servers copy it (1 MB WAL segments keep the copy small).
void make_cluster(const fs::path& data, const fs::path& dir) {
  const fs::path bin = bindir();
  const fs::path cached =
      cache_dir() / fmt::format("pg-template-{}-v2", bin.parent_path().filename().string());
  if (fs::exists(cached / "PG_VERSION")) {
    run_shell_or_throw(fmt::format("cp -a '{}' '{}'", cached.string(), data.string()));
    return;
  }
  fs::create_directories(data);
  give_to_server(data);
  fs::permissions(data, fs::perms::owner_all);
  run_as_server({(bin / "initdb").string(), "-D", data.string(), "-U", "postgres", "-E", "UTF8",
                 "--no-locale", "--no-sync", "--wal-segsize=1", "--auth-local=trust",
                 "--auth-host=scram-sha-256"},
                dir);
  std::ofstream(data / "postgresql.conf", std::ios::app) << "include_if_exists 'test.conf'\n";
  // Single-user mode: no listener exists yet; one statement a line.
  std::ofstream(dir / "bootstrap.sql")
      << "CREATE ROLE app LOGIN;\nCREATE DATABASE app OWNER app;\nGRANT pg_monitor TO app;\n";
  run_as_server(
      {(bin / "postgres").string(), "--single", "-D", data.string(), "-c", "fsync=off", "postgres"},
      dir, dir / "bootstrap.sql");
  // Cached under a unique name, then renamed: concurrent tests never see half a copy.
  std::error_code ec;
  fs::create_directories(cached.parent_path(), ec);
  const fs::path partial = cached.string() + ".tmp-" + random_hex(6);
  std::string output;
  if (run_command(fmt::format("cp -a '{}' '{}'", data.string(), partial.string()), output) != 0 ||
      (fs::rename(partial, cached, ec), ec)) {
    fs::remove_all(partial, ec);
  }
}

bool accepts(const std::string& conninfo) {
  return PQping(conninfo.c_str()) == PQPING_OK;
}

PGconn* connect_or_throw(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("test connection failed: " + message);
  }
  return conn;
}

}  // namespace

ScratchDir::ScratchDir() {
  std::error_code ec;
  const fs::path shm = "/dev/shm";
  const fs::path base =
      fs::is_directory(shm, ec) && access(shm.c_str(), W_OK) == 0 ? shm : fs::temp_directory_path();
  m_path = base / ("shipcheck-pg-" + random_hex(8));
  fs::create_directories(m_path);
  // The server's account must reach its data directory through this one.
  fs::permissions(m_path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

fs::path ScratchDir::write(const std::string& relative, const std::string& content) const {
  const fs::path full = m_path / relative;
  fs::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << content;
  return full;
}

Postgres::Postgres(PostgresOptions options) : m_password(random_hex(24)) {
  m_data = m_dir.path() / "data";
  m_socket_dir = m_dir.path() / "sock";
  fs::create_directories(m_socket_dir);
  give_to_server(m_socket_dir);
  m_port = free_port();
  make_cluster(m_data, m_dir.path());
  m_dir.write("data/pg_hba.conf",
              "local all all trust\n"
              "host replication postgres 127.0.0.1/32 trust\n"
              "host all all 127.0.0.1/32 scram-sha-256\n");
  if (options.ssl) {
    const TestCertificates& certs = test_certificates();
    fs::copy_file(certs.cert, m_data / "server.crt", fs::copy_options::overwrite_existing);
    fs::copy_file(certs.key, m_data / "server.key", fs::copy_options::overwrite_existing);
    fs::permissions(m_data / "server.key", fs::perms::owner_read | fs::perms::owner_write);
    give_to_server(m_data / "server.crt");
    give_to_server(m_data / "server.key");
  }
  start(server_conf(options));
  sql(fmt::format("ALTER ROLE app PASSWORD '{}'{}", m_password,
                  options.monitor ? "" : "; REVOKE pg_monitor FROM app"),
      "postgres");
}

std::string Postgres::server_conf(const PostgresOptions& options) const {
  std::string conf = fmt::format(
      "listen_addresses = '127.0.0.1'\n"
      "port = {}\n"
      "unix_socket_directories = '{}'\n"
      "max_connections = {}\n"
      "shared_buffers = 16MB\n"
      "fsync = off\n"
      "synchronous_commit = off\n"
      "full_page_writes = off\n"
      // Autovacuum's ANALYZE updates catalog rows: the read-only proof counts tuple writes.
      "autovacuum = off\n"
      "password_encryption = 'scram-sha-256'\n"
      "ssl = {}\n"
      "ssl_cert_file = 'server.crt'\n"
      "ssl_key_file = 'server.key'\n",
      m_port, m_socket_dir.string(), options.max_connections, options.ssl ? "on" : "off");
  for (const auto& line : options.settings) {
    conf += line + "\n";
  }
  return conf;
}

void Postgres::start(const std::string& conf) {
  m_dir.write("data/test.conf", conf);
  for (const char* file : {"data/test.conf", "data/pg_hba.conf"}) {
    give_to_server(m_dir.path() / file);
  }
  m_pid = spawn({(bindir() / "postgres").string(), "-D", m_data.string()},
                m_dir.path() / "postgres.log", m_dir.path());
  const std::string conninfo =
      fmt::format("host={} port={} user=postgres dbname=postgres", m_socket_dir.string(), m_port);
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  while (!accepts(conninfo)) {
    if (wait_exit(m_pid, std::chrono::milliseconds(0)) >= 0 || Clock::now() > deadline) {
      const bool running = wait_exit(m_pid, std::chrono::milliseconds(0)) < 0;
      if (running) {
        stop();
      }
      m_pid = 0;
      throw std::runtime_error(fmt::format("postgres did not start on port {}: {}", m_port,
                                           read_all(m_dir.path() / "postgres.log")));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Postgres::Postgres(ReplicaTag, const Postgres& primary) : m_password(primary.m_password) {
  m_data = m_dir.path() / "data";
  m_socket_dir = m_dir.path() / "sock";
  fs::create_directories(m_socket_dir);
  give_to_server(m_socket_dir);
  give_to_server(m_dir.path());
  m_port = free_port();
  run_as_server({(bindir() / "pg_basebackup").string(), "-h", "127.0.0.1", "-p",
                 std::to_string(primary.port()), "-U", "postgres", "-D", m_data.string(), "-R",
                 "-X", "stream", "-c", "fast", "--no-sync"},
                m_dir.path());
  std::string conf = read_all(primary.m_data / "test.conf");
  conf += fmt::format("port = {}\nunix_socket_directories = '{}'\n", m_port, m_socket_dir.string());
  start(conf);
}

std::unique_ptr<Postgres> Postgres::replica_of(const Postgres& primary) {
  std::unique_ptr<Postgres> replica(new Postgres(ReplicaTag{}, primary));
  const auto deadline = Clock::now() + std::chrono::seconds(15);
  while (primary.sql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'",
                     "postgres") != std::vector<std::string>{"1"}) {
    if (Clock::now() > deadline) {
      throw std::runtime_error("the replica did not start streaming: " +
                               read_all(replica->dir() / "postgres.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return replica;
}

Postgres::~Postgres() {
  stop();
}

void Postgres::stop() {
  if (m_pid <= 0) {
    return;
  }
  // SIGINT is the fast shutdown: clients are disconnected instead of waited for.
  kill(m_pid, SIGINT);
  if (wait_exit(m_pid, std::chrono::seconds(15)) < 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  m_pid = 0;
}

std::string Postgres::url(std::string_view query) const {
  return fmt::format("postgresql://app:{}@127.0.0.1:{}/app{}{}", m_password, m_port,
                     query.empty() ? "" : "?", query);
}

std::vector<std::string> Postgres::sql(std::string_view statements, std::string_view db) const {
  PGconn* conn = connect_or_throw(
      fmt::format("host={} port={} user=postgres dbname={}", m_socket_dir.string(), m_port, db));
  PGresult* result = PQexec(conn, std::string(statements).c_str());
  const ExecStatusType status = PQresultStatus(result);
  std::vector<std::string> rows;
  std::string error;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    error = PQresultErrorMessage(result);
  } else {
    for (int r = 0; r < PQntuples(result); ++r) {
      rows.emplace_back(PQgetvalue(result, r, 0));
    }
  }
  PQclear(result);
  PQfinish(conn);
  if (!error.empty()) {
    throw std::runtime_error(fmt::format("SQL failed: {}: {}", statements, error));
  }
  return rows;
}

PgClient::PgClient(const std::string& url) : m_conn(connect_or_throw(url)) {}

PgClient::~PgClient() {
  PQfinish(m_conn);
}

void PgClient::exec(const std::string& sql) {
  PGresult* result = PQexec(m_conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  const std::string error = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw std::runtime_error(fmt::format("SQL failed: {}: {}", sql, error));
  }
}

}  // namespace shipcheck::test
