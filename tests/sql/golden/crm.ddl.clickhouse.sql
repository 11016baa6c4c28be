CREATE TABLE contacts (
  id Int64,
  email String,
  age Nullable(Int64),
  gender Enum8('female' = 1, 'male' = 2, 'other' = 3),
  country String,
  city String,
  company_size Int64,
  industry String,
  plan Enum8('free' = 1, 'trial' = 2, 'pro' = 3, 'enterprise' = 4),
  trial_days_left Nullable(Int64),
  signup_at Int64,
  last_seen_at Int64,
  lifetime_value Float64,
  nps Nullable(Int64),
  device Enum8('mobile' = 1, 'desktop' = 2, 'tablet' = 3),
  email_opt_in UInt8
)
ENGINE = MergeTree
ORDER BY id;

CREATE TABLE event_purchase (
  contact_key Int64,
  "at" Int64,
  amount Float64
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_email_open (
  contact_key Int64,
  "at" Int64,
  campaign String
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_email_click (
  contact_key Int64,
  "at" Int64,
  campaign String
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_page_view (
  contact_key Int64,
  "at" Int64,
  url String
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_friend_added (
  contact_key Int64,
  "at" Int64
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_form_submit (
  contact_key Int64,
  "at" Int64
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_cart_abandoned (
  contact_key Int64,
  "at" Int64
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");

CREATE TABLE event_support_ticket (
  contact_key Int64,
  "at" Int64
)
ENGINE = MergeTree
ORDER BY (contact_key, "at");
