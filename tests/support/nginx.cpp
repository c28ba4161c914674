// Real nginx for the live checks' tests (see nginx.h).
#include "support/nginx.h"

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace shipcheck::test {
namespace {

namespace fs = std::filesystem;

void run_or_throw(const std::string& command) {
  std::string output;
  if (run_command(command, output) != 0) {
    throw std::runtime_error(command + " failed: " + output);
  }
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// nginx in the foreground, as our child, so that its PID is known and it is reaped here.
int spawn_nginx(const fs::path& dir) {
  const std::string prefix = dir.string();
  const std::string conf = (dir / "nginx.conf").string();
  const std::string log = (dir / "error.log").string();
  const std::string out = (dir / "nginx.out").string();
  std::vector<std::string> args = {"nginx", "-p", prefix, "-c", conf, "-e", log};
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "nginx", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error("cannot start nginx (is nginx-light installed?)");
  }
  return pid;
}

bool exited(int pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
}

// Stops the master by its PID: SIGTERM first, so that it stops its workers (a SIGKILLed
// master leaves them running, orphaned), SIGKILL after 5 s; then reaped.
void stop_master(int pid) {
  kill(pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!exited(pid)) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    close(fd);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

const TestCertificates& test_certificates() {
  static const TempDir dir;
  static const TestCertificates certificates = [] {
    const fs::path d = dir.path();
    dir.write("san.ext", "subjectAltName=DNS:app.test,DNS:localhost,IP:127.0.0.1\n");
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    // A year: TLS004 warns under 30 days, and a 30-day certificate read a second after it
    // was made has 29 days left (a flaky "warn" in every test that expects a pass).
    run_or_throw(
        fmt::format("cd '{}' && openssl req -x509 {} -keyout ca.key -out ca.pem -days 400 "
                    "-subj '/CN=shipcheck test CA'",
                    d.string(), ec));
    run_or_throw(
        fmt::format("cd '{}' && openssl req {} -keyout server.key -out server.csr "
                    "-subj '/CN=app.test'",
                    d.string(), ec));
    run_or_throw(
        fmt::format("cd '{}' && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key "
                    "-CAcreateserial -out server.pem -days 365 -extfile san.ext",
                    d.string()));
    return TestCertificates{d / "ca.pem", d / "server.pem", d / "server.key"};
  }();
  return certificates;
}

std::string https_server(const std::string& headers, const std::string& http_block_body) {
  return fmt::format(R"(
  server {{
    listen 127.0.0.1:{{https_port}} ssl http2;
    server_name app.test localhost;
    ssl_certificate "{{cert}}";
    ssl_certificate_key "{{key}}";
    ssl_protocols TLSv1.2 TLSv1.3;
    {}
    location / {{
      default_type application/json;
      return 200 '{{"status": "ok"}}';
    }}
  }}
  server {{
    listen 127.0.0.1:{{http_port}};
    server_name app.test localhost;
    {}
  }}
)",
                     headers, http_block_body);
}

Nginx::Nginx(const std::string& servers) {
  const TestCertificates& certs = test_certificates();
  m_https_port = free_port();
  m_http_port = free_port();
  while (m_http_port == m_https_port) {
    m_http_port = free_port();
  }
  const fs::path d = m_dir.path();
  std::string blocks = servers;
  blocks = replace_all(blocks, "{https_port}", std::to_string(m_https_port));
  blocks = replace_all(blocks, "{http_port}", std::to_string(m_http_port));
  blocks = replace_all(blocks, "{cert}", certs.cert.string());
  blocks = replace_all(blocks, "{key}", certs.key.string());
  blocks = replace_all(blocks, "{dir}", d.string());
  const std::string conf = fmt::format(
      R"(worker_processes 1;
daemon off;
pid "{0}/nginx.pid";
error_log "{0}/error.log" warn;
events {{ worker_connections 128; }}
http {{
  access_log off;
  server_tokens off;
  client_body_temp_path "{0}/body";
  proxy_temp_path "{0}/proxy";
  fastcgi_temp_path "{0}/fastcgi";
  uwsgi_temp_path "{0}/uwsgi";
  scgi_temp_path "{0}/scgi";
{1}
}}
)",
      d.string(), blocks);
  m_dir.write("nginx.conf", conf);
  m_pid = spawn_nginx(d);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  bool gone = false;
  while (!(gone = exited(m_pid)) && !accepts_connections(m_https_port) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (gone || !accepts_connections(m_https_port)) {
    std::ifstream log(d / "nginx.out");
    const std::string said{std::istreambuf_iterator<char>(log), std::istreambuf_iterator<char>()};
    if (!gone) {
      stop_master(m_pid);
    }
    m_pid = 0;
    throw std::runtime_error("nginx did not start on port " + std::to_string(m_https_port) + ": " +
                             said);
  }
}

Nginx::~Nginx() {
  if (m_pid > 0) {
    stop_master(m_pid);  // the master is our child
  }
}

std::string Nginx::https_url(const std::string& path) const {
  return fmt::format("https://app.test:{}{}", m_https_port, path);
}

std::string Nginx::http_url(const std::string& path) const {
  return fmt::format("http://app.test:{}{}", m_http_port, path);
}

Config Nginx::config() const {
  Config config = config_for(m_dir.path());
  config.url = https_url();
  config.http_url = http_url();
  config.tls.ca_file = test_certificates().ca.string();
  config.tls.resolve = {fmt::format("app.test:{}:127.0.0.1", m_https_port),
                        fmt::format("app.test:{}:127.0.0.1", m_http_port)};
  return config;
}

}  // namespace shipcheck::test
