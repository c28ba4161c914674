#include "engines/secrets/scan.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <limits>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace shipcheck::secrets {
namespace {

// Chunks of a stream (and of files too large to read at once); the overlap is longer than
// any detector's window, so a secret cut by one chunk's end is whole in the next.
constexpr std::size_t k_chunk = 8 * 1024 * 1024;
constexpr std::size_t k_overlap = 64 * 1024;
constexpr std::size_t k_binary_probe = 8 * 1024;

unsigned worker_count(unsigned jobs, std::size_t items) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const unsigned wanted = jobs == 0 ? cores : jobs;
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, items)));
}

// Runs work(i, scratch) for i in [0, n) on `jobs` threads, each with its own scratch.
void parallel_for(const Matcher& matcher, std::size_t n, unsigned jobs,
                  const std::function<void(std::size_t, Matcher::Scratch&)>& work) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    auto scratch = matcher.make_scratch();
    for (std::size_t i = next++; i < n; i = next++) {
      work(i, *scratch);
    }
  };
  const unsigned count = worker_count(jobs, n);
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < count; ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (auto& t : threads) {
    t.join();
  }
}

// Scans a buffer chunk by chunk (whole when it fits in one), feeding `next` more bytes.
class Chunker {
 public:
  Chunker(const Matcher& matcher, Matcher::Scratch& scratch, std::string path)
      : m_matcher(matcher), m_scratch(scratch), m_path(std::move(path)) {}

  // Appends bytes; scans whatever is complete. `last` flushes the tail.
  void feed(std::string_view bytes, bool last, std::vector<Finding>& out) {
    m_buffer.append(bytes);
    if (!last && m_buffer.size() < k_chunk + k_overlap) {
      return;
    }
    std::size_t cut = m_buffer.size();
    if (!last) {
      const std::size_t nl = m_buffer.find('\n', m_buffer.size() - k_overlap);
      cut = nl == std::string::npos ? m_buffer.size() - k_overlap : nl + 1;
    }
    for (auto& f : m_matcher.scan(m_buffer, m_path, m_scratch)) {
      if (f.offset >= cut) {
        continue;  // rescanned with more context in the next chunk
      }
      f.offset += m_base_offset;
      f.line += m_base_line;
      out.push_back(std::move(f));
    }
    m_base_line += static_cast<int>(
        std::count(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(cut), '\n'));
    m_base_offset += cut;
    m_buffer.erase(0, cut);
  }

 private:
  const Matcher& m_matcher;
  Matcher::Scratch& m_scratch;
  std::string m_path;
  std::string m_buffer;
  std::size_t m_base_offset = 0;
  int m_base_line = 0;
};

struct FileScan {
  std::vector<Finding> findings;
  std::uintmax_t bytes = 0;
  bool binary = false;
  bool large = false;
  bool allowlisted = false;
};

// An open file, closed when it goes out of scope. Plain POSIX calls: a scan opens tens of
// thousands of small files, and ifstream's set-up (or a stat before the open, one more
// path lookup) shows in profiles.
class OpenFile {
 public:
  explicit OpenFile(const std::filesystem::path& file)
      : m_fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~OpenFile() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  // Size in bytes; nullopt when the file cannot be opened or is not a regular file.
  std::optional<std::uintmax_t> size() const {
    struct stat info {};
    if (m_fd < 0 || ::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      return std::nullopt;
    }
    return static_cast<std::uintmax_t>(info.st_size);
  }
  // Reads up to `limit` bytes into `buffer` (resized to what was read).
  void read(std::size_t limit, std::string& buffer) const {
    buffer.resize(limit);
    std::size_t got = 0;
    while (got < limit) {
      const ssize_t n = ::read(m_fd, buffer.data() + got, limit - got);
      if (n <= 0) {
        break;
      }
      got += static_cast<std::size_t>(n);
    }
    buffer.resize(got);
  }

 private:
  int m_fd;
};

FileScan scan_file(const Matcher& matcher, Matcher::Scratch& scratch,
                   const std::filesystem::path& file, const std::string& path,
                   std::uintmax_t max_size) {
  FileScan out;
  const OpenFile in(file);
  const auto size = in.size();
  if (!size) {
    return out;  // vanished or unreadable since it was listed: nothing to scan
  }
  if (*size > max_size) {
    out.large = true;
    return out;
  }
  thread_local std::string buffer;
  if (*size <= k_chunk) {
    // The common case: one read, one scan, no chunk bookkeeping.
    in.read(static_cast<std::size_t>(*size), buffer);
    if (looks_binary(std::string_view(buffer).substr(0, k_binary_probe))) {
      out.binary = true;
      return out;
    }
    out.bytes = buffer.size();
    out.findings = matcher.scan(buffer, path, scratch);
    return out;
  }
  Chunker chunker(matcher, scratch, path);
  for (bool first = true;; first = false) {
    in.read(k_chunk, buffer);
    if (first && looks_binary(std::string_view(buffer).substr(0, k_binary_probe))) {
      out.binary = true;
      return out;
    }
    out.bytes += buffer.size();
    const bool last = buffer.size() < k_chunk;
    chunker.feed(buffer, last, out.findings);
    if (last) {
      return out;
    }
  }
}

std::string finding_key(const Finding& f) {
  return f.detector->id + '\0' + f.secret;
}

tl::expected<std::vector<SourceFinding>, std::string> scan_history(
    const Matcher& matcher, const std::filesystem::path& root, const ScanOptions& options,
    ScanStats& stats) {
  auto index = index_history(root, HistoryOptions{options.since, options.max_file_size});
  if (!index) {
    return tl::make_unexpected(index.error());
  }
  stats.commits = index->commits.size();
  stats.blob_versions = index->blob_versions;
  stats.skipped_large += index->skipped_large;
  std::vector<std::vector<Finding>> per_blob(index->blobs.size());
  std::vector<char> binary(index->blobs.size(), 0);
  std::vector<char> allowlisted(index->blobs.size(), 0);
  std::mutex error_mutex;
  std::string error;
  std::atomic<std::uintmax_t> bytes{0};
  parallel_for(matcher, index->blobs.size(), options.jobs, [&](std::size_t i, auto& scratch) {
    thread_local std::optional<std::pair<std::string, BlobReader>> reader;
    if (!reader || reader->first != root.string()) {
      auto opened = BlobReader::open(root);
      if (!opened) {
        std::lock_guard lock(error_mutex);
        error = opened.error();
        return;
      }
      reader.emplace(root.string(), std::move(*opened));
    }
    const HistoryBlob& blob = index->blobs[i];
    if (matcher.path_allowed(blob.path)) {
      allowlisted[i] = 1;
      return;
    }
    auto content = reader->second.read(blob.oid);
    if (!content) {
      std::lock_guard lock(error_mutex);
      error = content.error();
      return;
    }
    if (looks_binary(std::string_view(*content).substr(0, k_binary_probe))) {
      binary[i] = 1;
      return;
    }
    bytes += content->size();
    per_blob[i] = matcher.scan(*content, blob.path, scratch);
  });
  if (!error.empty()) {
    return tl::make_unexpected(error);
  }
  stats.bytes += bytes;
  stats.blobs = index->blobs.size();
  stats.files += index->blobs.size();
  std::vector<SourceFinding> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < per_blob.size(); ++i) {
    stats.skipped_binary += static_cast<std::size_t>(binary[i]);
    stats.skipped_allowlisted += static_cast<std::size_t>(allowlisted[i]);
    const HistoryBlob& blob = index->blobs[i];
    for (auto& f : per_blob[i]) {
      // Blobs come in the order history introduced them: the first holder of a secret wins.
      if (seen.insert(finding_key(f)).second) {
        out.push_back(SourceFinding{std::move(f), blob.path, index->commits[blob.commit]});
      }
    }
  }
  return out;
}

// Batches of paths handed from the listing thread to the scanning threads (batched so
// that a tree of small files does not cost a lock and a wake-up per file).
class PathQueue {
 public:
  static constexpr std::size_t k_batch = 64;
  using Batch = std::vector<std::string>;

  void push(Batch batch) {
    {
      std::lock_guard lock(m_mutex);
      m_batches.push_back(std::move(batch));
    }
    m_ready.notify_one();
  }
  void close() {
    {
      std::lock_guard lock(m_mutex);
      m_closed = true;
    }
    m_ready.notify_all();
  }
  // The next batch; empty once the queue is closed and drained.
  Batch pop() {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return !m_batches.empty() || m_closed; });
    if (m_batches.empty()) {
      return {};
    }
    Batch batch = std::move(m_batches.front());
    m_batches.pop_front();
    return batch;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<Batch> m_batches;
  bool m_closed = false;
};

using PathScans = std::vector<std::pair<std::string, FileScan>>;

// Lists the tree on this thread while `jobs` threads scan what is listed so far: listing
// a large tree takes a fifth of the scan and need not come first. Sorted by path.
tl::expected<PathScans, std::string> scan_worktree(const PendingMatcher& pending,
                                                   const std::filesystem::path& root,
                                                   const ScanOptions& options) {
  PathQueue queue;
  const unsigned count = worker_count(options.jobs, std::numeric_limits<std::size_t>::max());
  std::vector<PathScans> per_thread(count);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < count; ++t) {
    threads.emplace_back([&, t] {
      if (!pending.get()) {
        return;  // reported after the listing
      }
      const Matcher& matcher = **pending.get();
      auto scratch = matcher.make_scratch();
      for (auto batch = queue.pop(); !batch.empty(); batch = queue.pop()) {
        for (auto& path : batch) {
          FileScan scan;
          scan.allowlisted = matcher.path_allowed(path);
          if (!scan.allowlisted) {
            scan = scan_file(matcher, *scratch, root / path, path, options.max_file_size);
          }
          per_thread[t].emplace_back(std::move(path), std::move(scan));
        }
      }
    });
  }
  PathQueue::Batch batch;
  auto listed = visit_worktree_files(root, [&](std::string path) {
    batch.push_back(std::move(path));
    if (batch.size() == PathQueue::k_batch) {
      queue.push(std::exchange(batch, {}));
    }
  });
  if (!batch.empty()) {
    queue.push(std::move(batch));
  }
  queue.close();
  for (auto& thread : threads) {
    thread.join();
  }
  if (!pending.get()) {
    return tl::make_unexpected(pending.get().error());
  }
  if (!listed) {
    return tl::make_unexpected(listed.error());
  }
  PathScans all;
  for (auto& scans : per_thread) {
    std::move(scans.begin(), scans.end(), std::back_inserter(all));
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return all;
}

}  // namespace

tl::expected<ScanOutput, std::string> scan_directory(const Matcher& matcher,
                                                     const std::filesystem::path& root,
                                                     const ScanOptions& options) {
  std::promise<tl::expected<const Matcher*, std::string>> ready;
  ready.set_value(&matcher);
  return scan_directory(ready.get_future().share(), root, options);
}

tl::expected<ScanOutput, std::string> scan_directory(const PendingMatcher& pending,
                                                     const std::filesystem::path& root,
                                                     const ScanOptions& options) {
  auto scanned = scan_worktree(pending, root, options);
  if (!scanned) {
    return tl::make_unexpected(scanned.error());
  }
  ScanOutput output;
  ScanStats& stats = output.stats;
  std::set<std::string> in_tree;
  for (auto& [path, s] : *scanned) {
    stats.skipped_allowlisted += static_cast<std::size_t>(s.allowlisted);
    stats.skipped_binary += static_cast<std::size_t>(s.binary);
    stats.skipped_large += static_cast<std::size_t>(s.large);
    if (!s.allowlisted && !s.binary && !s.large) {
      ++stats.files;
      stats.bytes += s.bytes;
    }
    for (auto& f : s.findings) {
      in_tree.insert(finding_key(f));
      output.findings.push_back(SourceFinding{std::move(f), path, std::nullopt});
    }
  }
  if (options.history) {
    auto history = scan_history(**pending.get(), root, options, stats);
    if (!history) {
      return tl::make_unexpected(history.error());
    }
    for (auto& f : *history) {
      if (in_tree.count(finding_key(f.finding)) == 0) {
        output.findings.push_back(std::move(f));
      }
    }
  }
  return output;
}

ScanOutput scan_stream(const Matcher& matcher, std::istream& in, const std::string& name) {
  ScanOutput output;
  auto scratch = matcher.make_scratch();
  Chunker chunker(matcher, *scratch, name);
  std::vector<Finding> findings;
  std::string buffer(1024 * 1024, '\0');
  while (true) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    output.stats.bytes += got;
    const bool last = got == 0 || !in;
    chunker.feed(std::string_view(buffer.data(), got), last, findings);
    if (last) {
      break;
    }
  }
  output.stats.files = 1;
  for (auto& f : findings) {
    output.findings.push_back(SourceFinding{std::move(f), name, std::nullopt});
  }
  return output;
}

}  // namespace shipcheck::secrets
