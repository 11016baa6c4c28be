CREATE TABLE contacts (
  id BIGINT NOT NULL,
  email VARCHAR NOT NULL,
  age BIGINT,
  gender VARCHAR NOT NULL CHECK (gender IN ('female', 'male', 'other')),
  country VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  company_size BIGINT NOT NULL,
  industry VARCHAR NOT NULL,
  plan VARCHAR NOT NULL CHECK (plan IN ('free', 'trial', 'pro', 'enterprise')),
  trial_days_left BIGINT,
  signup_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  lifetime_value DOUBLE NOT NULL,
  nps BIGINT,
  device VARCHAR NOT NULL CHECK (device IN ('mobile', 'desktop', 'tablet')),
  email_opt_in BOOLEAN NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE event_purchase (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  amount DOUBLE NOT NULL
);
CREATE INDEX event_purchase_by_contact ON event_purchase (contact_key, "at");

CREATE TABLE event_email_open (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  campaign VARCHAR NOT NULL
);
CREATE INDEX event_email_open_by_contact ON event_email_open (contact_key, "at");

CREATE TABLE event_email_click (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  campaign VARCHAR NOT NULL
);
CREATE INDEX event_email_click_by_contact ON event_email_click (contact_key, "at");

CREATE TABLE event_page_view (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  url VARCHAR NOT NULL
);
CREATE INDEX event_page_view_by_contact ON event_page_view (contact_key, "at");

CREATE TABLE event_friend_added (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_friend_added_by_contact ON event_friend_added (contact_key, "at");

CREATE TABLE event_form_submit (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_form_submit_by_contact ON event_form_submit (contact_key, "at");

CREATE TABLE event_cart_abandoned (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_cart_abandoned_by_contact ON event_cart_abandoned (contact_key, "at");

CREATE TABLE event_support_ticket (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_support_ticket_by_contact ON event_support_ticket (contact_key, "at");
