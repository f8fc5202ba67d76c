#include "base/utc.h"

#include <chrono>
#include <ctime>

namespace strata {

std::string IsoUtc(int64_t seconds) {
  // Calendar arithmetic and digits only: gmtime_r and strftime (or snprintf)
  // cost more than reading a history row, and `status` formats 500 of them.
  using namespace std::chrono;
  const sys_seconds t{std::chrono::seconds(seconds)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<std::chrono::seconds> time{t - day};
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&out](size_t at, int width, int64_t value) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      out[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, 4, static_cast<int>(ymd.year()));
  put(5, 2, static_cast<unsigned>(ymd.month()));
  put(8, 2, static_cast<unsigned>(ymd.day()));
  put(11, 2, time.hours().count());
  put(14, 2, time.minutes().count());
  put(17, 2, time.seconds().count());
  return out;
}

std::string UtcNow() { return IsoUtc(std::time(nullptr)); }

}  // namespace strata
