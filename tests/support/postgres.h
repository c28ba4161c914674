// A real PostgreSQL (Debian's server binaries) on 127.0.0.1 for the PG checks' tests: its own
// data directory and unix socket directory in a temporary directory, a free port, SSL on or
// off, an application role with a random password, and optionally a streaming replica.
// Started as a child of the test (as the postgres user when the test runs as root: the
// server refuses root) and stopped by its PID with a fast shutdown.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "support/fixture.h"

struct pg_conn;

namespace shipcheck::test {

// A fresh directory for a server's files, on /dev/shm when it is a writable tmpfs (a cluster
// is a thousand files: written there in milliseconds, on a busy disk in a second), else under
// the temp directory. Removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path m_path;
};

struct PostgresOptions {
  bool ssl = true;
  int max_connections = 20;
  bool monitor = true;                // grant pg_monitor to the application role
  std::vector<std::string> settings;  // extra postgresql.conf lines ("name = value")
};

class Postgres {
 public:
  // Throws if the server does not start and accept connections within a few seconds.
  explicit Postgres(PostgresOptions options = {});
  ~Postgres();
  Postgres(const Postgres&) = delete;
  Postgres& operator=(const Postgres&) = delete;

  // A hot standby streaming from `primary` (pg_basebackup -R), on its own port; returns once
  // the primary lists it as streaming in pg_stat_replication.
  static std::unique_ptr<Postgres> replica_of(const Postgres& primary);

  int port() const { return m_port; }
  int pid() const { return m_pid; }
  const std::string& password() const { return m_password; }
  // postgresql://app:PASSWORD@127.0.0.1:PORT/app, then `?query` when given.
  std::string url(std::string_view query = "sslmode=require") const;
  const std::filesystem::path& dir() const { return m_dir.path(); }

  // Runs `statements` as the superuser over the unix socket in a session of its own (closed
  // before returning); returns the first column of the last statement's rows.
  std::vector<std::string> sql(std::string_view statements, std::string_view db = "app") const;

  // Fast shutdown (SIGINT) by PID, waited for. Idempotent.
  void stop();

 private:
  struct ReplicaTag {};
  Postgres(ReplicaTag, const Postgres& primary);
  void start(const std::string& conf);
  std::string server_conf(const PostgresOptions& options) const;

  ScratchDir m_dir;
  std::filesystem::path m_data;
  std::filesystem::path m_socket_dir;
  int m_port = 0;
  int m_pid = 0;
  std::string m_password;
};

// A client connection of the test itself (blocking libpq), closed on destruction.
class PgClient {
 public:
  explicit PgClient(const std::string& url);
  ~PgClient();
  PgClient(const PgClient&) = delete;
  PgClient& operator=(const PgClient&) = delete;
  // Runs `sql`; throws with the server's message on failure.
  void exec(const std::string& sql);

 private:
  pg_conn* m_conn = nullptr;
};

}  // namespace shipcheck::test
