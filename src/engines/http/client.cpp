// libcurl multi-interface client (see client.h).
#include "engines/http/client.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/x509.h>

#include "core/text.h"

namespace shipcheck::http {
namespace {

// More header bytes than any real response sends; curl's own cap is per header line.
constexpr std::size_t k_max_header_bytes = 256 * 1024;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialise");
    }
  });
}

struct CurlSlist {
  curl_slist* list = nullptr;
  CurlSlist() = default;
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist() { curl_slist_free_all(list); }
  void append(const std::string& item) {
    curl_slist* grown = curl_slist_append(list, item.c_str());
    if (grown == nullptr) {
      throw std::bad_alloc();
    }
    list = grown;
  }
};

using EasyPtr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using MultiPtr = std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)>;

// One request in flight: its handle, its header list and what has arrived so far.
struct Transfer {
  EasyPtr easy{nullptr, curl_easy_cleanup};
  CurlSlist headers;
  Response response;
  std::size_t max_body = 0;
  std::size_t header_bytes = 0;
  bool headers_too_large = false;
  char error_text[CURL_ERROR_SIZE] = {};
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  t->header_bytes += bytes;
  if (t->header_bytes > k_max_header_bytes) {
    t->headers_too_large = true;
    return 0;  // aborts the transfer
  }
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();  // a new response (after a redirect or a 100 Continue)
    return bytes;
  }
  const std::size_t colon = line.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    t->response.headers.emplace_back(to_lower(trim(line.substr(0, colon))),
                                     std::string(trim(line.substr(colon + 1))));
  }
  return bytes;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  const std::size_t room = t->max_body - std::min(t->max_body, t->response.body.size());
  t->response.body.append(data, std::min(room, bytes));
  if (bytes > room) {
    t->response.body_truncated = true;
    return 0;  // enough read: stop the transfer rather than download the rest
  }
  return bytes;
}

void set_method(CURL* easy, const Request& request) {
  if (request.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" || !request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
}

void set_trust(CURL* easy, const Options& options) {
  if (!options.verify_peer) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    return;
  }
  if (options.ca_file.empty()) {
    return;
  }
  // CURLOPT_CAINFO alone would replace the system store; the configured CA is an extra
  // anchor, so the system's certificate directory stays in use beside it.
  curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(easy, CURLOPT_CAPATH, X509_get_default_cert_dir());
}

std::unique_ptr<Transfer> start(const Request& request, const Options& options,
                                const CurlSlist& resolve) {
  auto t = std::make_unique<Transfer>();
  t->easy.reset(curl_easy_init());
  if (!t->easy) {
    throw std::runtime_error("libcurl could not create a handle");
  }
  CURL* easy = t->easy.get();
  t->max_body = options.max_body;
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // The requests of a batch go to one origin: wait for the first connection and, over
  // HTTP/2, send them all on it, rather than make a TLS handshake per request. Most of the
  // CPU of probing many targets was those handshakes; an HTTP/1.1 server still gets
  // parallel connections once the first one shows it cannot multiplex.
  curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "shipcheck/" SHIPCHECK_VERSION);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error_text);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
  if (resolve.list != nullptr) {
    curl_easy_setopt(easy, CURLOPT_RESOLVE, resolve.list);
  }
  set_trust(easy, options);
  set_method(easy, request);
  for (const auto& header : request.headers) {
    t->headers.append(header);
  }
  if (t->headers.list != nullptr) {
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers.list);
  }
  return t;
}

std::string describe_failure(CURLcode code, const Transfer& t, const Options& options) {
  if (t.headers_too_large) {
    return fmt::format("the response headers exceed {} KiB", k_max_header_bytes / 1024);
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return fmt::format("no complete response within {} ms", options.timeout.count());
  }
  const std::string_view detail = t.error_text;
  return detail.empty() ? std::string(curl_easy_strerror(code)) : std::string(detail);
}

void finish(CURLcode code, Transfer& t, const Options& options) {
  CURL* easy = t.easy.get();
  Response& r = t.response;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
  curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &r.seconds);
  long version = 0;
  curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
  r.http_version = version == CURL_HTTP_VERSION_2_0   ? "2"
                   : version == CURL_HTTP_VERSION_1_0 ? "1.0"
                   : version == CURL_HTTP_VERSION_3   ? "3"
                                                      : "1.1";
  const char* url = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url != nullptr) {
    r.effective_url = url;
  }
  const char* redirect = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK &&
      redirect != nullptr) {
    r.redirect_url = redirect;
  }
  const bool stopped_reading = code == CURLE_WRITE_ERROR && r.body_truncated;
  if (code != CURLE_OK && !stopped_reading) {
    r.error = describe_failure(code, t, options);
  }
}

}  // namespace

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> Response::headers_named(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [key, value] : headers) {
    if (key == name) {
      out.emplace_back(value);
    }
  }
  return out;
}

std::vector<Response> fetch_all(const std::vector<Request>& requests, const Options& options) {
  init_curl_once();
  MultiPtr multi(curl_multi_init(), curl_multi_cleanup);
  if (!multi) {
    throw std::runtime_error("libcurl could not create a multi handle");
  }
  curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(std::max(1U, options.max_parallel)));
  curl_multi_setopt(multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  CurlSlist resolve;
  for (const auto& entry : options.resolve) {
    resolve.append(entry);
  }
  std::vector<std::unique_ptr<Transfer>> transfers;
  transfers.reserve(requests.size());
  for (const auto& request : requests) {
    transfers.push_back(start(request, options, resolve));
    curl_multi_add_handle(multi.get(), transfers.back()->easy.get());
  }
  int running = 0;
  do {
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
      throw std::runtime_error("libcurl's multi interface failed");
    }
    int messages = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &messages)) {
      if (message->msg != CURLMSG_DONE) {
        continue;
      }
      // Each handle carries its transfer: no search per finished request.
      Transfer* done = nullptr;
      if (curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &done) == CURLE_OK &&
          done != nullptr) {
        finish(message->data.result, *done, options);
      }
    }
    if (running > 0) {
      curl_multi_poll(multi.get(), nullptr, 0, 200, nullptr);
    }
  } while (running > 0);
  std::vector<Response> responses;
  responses.reserve(transfers.size());
  for (auto& t : transfers) {
    curl_multi_remove_handle(multi.get(), t->easy.get());
    responses.push_back(std::move(t->response));
  }
  return responses;
}

Response fetch(const Request& request, const Options& options) {
  return std::move(fetch_all({request}, options).front());
}

}  // namespace shipcheck::http
