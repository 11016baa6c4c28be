// One generated contact and its events, as plain values ready to be written as CSV rows.
// Enumerations follow the order of the example schema (examples/crm/crm.schema.seg).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seg::runtime {

enum class Gender : std::uint8_t { Female, Male, Other };
enum class Plan : std::uint8_t { Free, Trial, Pro, Enterprise };
enum class Device : std::uint8_t { Mobile, Desktop, Tablet };
enum class EventType : std::uint8_t {
  Purchase,
  EmailOpen,
  EmailClick,
  PageView,
  FriendAdded,
  FormSubmit,
  CartAbandoned,
  SupportTicket,
};
inline constexpr std::size_t kEventTypeCount = 8;

inline constexpr std::array<std::string_view, 3> kGenderNames{"female", "male", "other"};
inline constexpr std::array<std::string_view, 4> kPlanNames{"free", "trial", "pro", "enterprise"};
inline constexpr std::array<std::string_view, 3> kDeviceNames{"mobile", "desktop", "tablet"};
inline constexpr std::array<std::string_view, kEventTypeCount> kEventTypeNames{
    "purchase",     "email_open",  "email_click",    "page_view",
    "friend_added", "form_submit", "cart_abandoned", "support_ticket"};

template <class E> constexpr std::size_t indexOf(E value) {
  return static_cast<std::size_t>(value);
}

struct ContactRecord {
  std::uint64_t id = 0;
  std::string email;
  std::optional<int> age;
  Gender gender = Gender::Female;
  std::string_view country;
  std::string_view city;
  std::int64_t companySize = 1;
  std::string_view industry;
  Plan plan = Plan::Free;
  std::optional<int> trialDaysLeft;
  std::int64_t signupAt = 0; // unix seconds
  std::int64_t lastSeenAt = 0;
  std::int64_t lifetimeValueCents = 0;
  std::optional<int> nps;
  Device device = Device::Desktop;
  bool emailOptIn = false;
};

struct EventRecord {
  std::int64_t at = 0;          // unix seconds
  std::int64_t amountCents = 0; // purchase only
  std::string_view detail;      // campaign (e-mail events) or url (page_view)
  EventType type = EventType::PageView;
};

} // namespace seg::runtime
