#include "DeadlineChild.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace seg::jit {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor when it goes out of scope.
class Descriptor {
public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { close(); }
  int get() const { return fd_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

private:
  int fd_;
};

[[noreturn]] void childMain(int out, const std::function<std::string()>& work) {
  std::string bytes;
  try {
    bytes = work();
  } catch (...) {
    _exit(3);
  }
  const char* at = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t written = ::write(out, at, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) _exit(4);
    at += written;
    left -= static_cast<std::size_t>(written);
  }
  _exit(0);
}

} // namespace

ChildResult runInChild(const std::function<std::string()>& work,
                       std::chrono::milliseconds deadline) {
  ChildResult result;
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    result.detail = fmt::format("pipe: {}", std::strerror(errno));
    return result;
  }
  Descriptor readEnd(ends[0]), writeEnd(ends[1]);
  const pid_t child = ::fork();
  if (child < 0) {
    result.detail = fmt::format("fork: {}", std::strerror(errno));
    return result;
  }
  if (child == 0) {
    readEnd.close();
    childMain(writeEnd.get(), work);
  }
  writeEnd.close();

  // Read until the child closes its end (done) or the deadline passes.
  const auto end = Clock::now() + deadline;
  bool timedOut = false;
  char buffer[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
    if (left.count() <= 0) {
      timedOut = true;
      break;
    }
    pollfd watched{readEnd.get(), POLLIN, 0};
    const int ready =
        ::poll(&watched, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t got = ::read(readEnd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break; // end of file: the child is done or gone
    result.output.append(buffer, static_cast<std::size_t>(got));
  }
  if (timedOut) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (timedOut) {
    result.status = ChildResult::Status::TimedOut;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    result.status = ChildResult::Status::Finished;
  } else {
    result.status = ChildResult::Status::Crashed;
    result.detail = WIFSIGNALED(status) ? fmt::format("signal {} ({})", WTERMSIG(status),
                                                      strsignal(WTERMSIG(status)))
                                        : fmt::format("exit status {}", WEXITSTATUS(status));
  }
  return result;
}

} // namespace seg::jit
