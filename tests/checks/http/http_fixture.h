// Live header rules' tests: a real nginx answering with the headers under test.
#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "support/fixture.h"
#include "support/nginx.h"

namespace shipcheck::test {

// The demo's nginx headers: every HDR rule passes with these.
inline const std::string k_good_headers =
    "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;\n"
    "add_header Content-Security-Policy \"default-src 'none'; frame-ancestors 'none'\" always;\n"
    "add_header X-Frame-Options \"DENY\" always;\n"
    "add_header X-Content-Type-Options \"nosniff\" always;\n"
    "add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n";

// `headers` without the add_header lines of `name`.
inline std::string without_header(const std::string& headers, const std::string& name) {
  std::istringstream in(headers);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.find("add_header " + name + " ") == std::string::npos) {
      out += line + "\n";
    }
  }
  return out;
}

// Runs `check` against an nginx serving `headers` (and `http_block` on plain HTTP).
inline std::vector<Result> run_live(
    const Check& check, const std::string& headers,
    const std::string& http_block = "return 301 https://$host:{https_port}$request_uri;") {
  const Nginx nginx(https_server(headers, http_block));
  return run_check(check, nginx.config());
}

// An HTTPS server block with the good headers and these `locations` (nginx text).
inline std::string site(const std::string& locations) {
  return "server {\n  listen 127.0.0.1:{https_port} ssl http2;\n  server_name app.test;\n"
         "  ssl_certificate \"{cert}\";\n  ssl_certificate_key \"{key}\";\n" +
         k_good_headers + locations + "}\n";
}

// Runs `check` against an nginx serving `locations`, after `adjust` edits the config.
inline std::vector<Result> run_site(const Check& check, const std::string& locations,
                                    const std::function<void(Config&)>& adjust = {}) {
  const Nginx nginx(site(locations));
  Config config = nginx.config();
  if (adjust) {
    adjust(config);
  }
  return run_check(check, config);
}

}  // namespace shipcheck::test
