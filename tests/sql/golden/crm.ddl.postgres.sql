CREATE TABLE contacts (
  id BIGINT NOT NULL,
  email TEXT COLLATE "C" NOT NULL,
  age BIGINT,
  gender TEXT COLLATE "C" NOT NULL CHECK (gender IN ('female', 'male', 'other')),
  country TEXT COLLATE "C" NOT NULL,
  city TEXT COLLATE "C" NOT NULL,
  company_size BIGINT NOT NULL,
  industry TEXT COLLATE "C" NOT NULL,
  plan TEXT COLLATE "C" NOT NULL CHECK (plan IN ('free', 'trial', 'pro', 'enterprise')),
  trial_days_left BIGINT,
  signup_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  lifetime_value DOUBLE PRECISION NOT NULL,
  nps BIGINT,
  device TEXT COLLATE "C" NOT NULL CHECK (device IN ('mobile', 'desktop', 'tablet')),
  email_opt_in BOOLEAN NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE event_purchase (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  amount DOUBLE PRECISION NOT NULL
);
CREATE INDEX event_purchase_by_contact ON event_purchase (contact_key, "at");

CREATE TABLE event_email_open (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  campaign TEXT COLLATE "C" NOT NULL
);
CREATE INDEX event_email_open_by_contact ON event_email_open (contact_key, "at");

CREATE TABLE event_email_click (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  campaign TEXT COLLATE "C" NOT NULL
);
CREATE INDEX event_email_click_by_contact ON event_email_click (contact_key, "at");

CREATE TABLE event_page_view (
  contact_key BIGINT NOT NULL,
  "at" TIMESTAMPTZ NOT NULL,
  url TEXT COLLATE "C" NOT NULL
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
