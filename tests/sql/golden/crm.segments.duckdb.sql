-- segment ny_women_25_45
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (((c.city = 'New York') AND (c.gender = 'female')) AND ((c.age >= 25) AND (c.age <= 45)));

-- segment under_30
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.age < 30);

-- segment age_unknown
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.age IS NULL);

-- segment dach
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.country IN ('DE', 'AT', 'CH'));

-- segment meetup_cities
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.city IN ('London', 'Paris', 'Berlin'));

-- segment big_b2b
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((c.company_size >= 100) AND (c.industry IN ('software', 'finance')));

-- segment smb
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((c.company_size >= 10) AND (c.company_size <= 99));

-- segment enterprise_accounts
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((c.plan = 'enterprise') OR (c.company_size >= 1000));

-- segment freemail
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((right(translate(c.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), char_length('@gmail.com')) = '@gmail.com') OR (right(translate(c.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), char_length('@yahoo.com')) = '@yahoo.com'));

-- segment mobile_users
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.device = 'mobile');

-- segment new_mobile
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) AND (c.device = 'mobile'));

-- segment recent_buyers
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (COALESCE(e_purchase.a0, 0) > 0);

-- segment repeat_buyers
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_purchase
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (COALESCE(e_purchase.a0, 0) >= 2);

-- segment social
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_friend_added
  GROUP BY contact_key
) AS e_friend_added ON e_friend_added.contact_key = c.id
WHERE (COALESCE(e_friend_added.a0, 0) >= 5);

-- segment email_engaged
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_open
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_click
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
WHERE ((COALESCE(e_email_open.a0, 0) >= 3) AND (COALESCE(e_email_click.a0, 0) > 0));

-- segment email_dormant
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_open
  WHERE "at" > TIMESTAMPTZ '2026-08-03 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
WHERE (c.email_opt_in AND (NOT (COALESCE(e_email_open.a0, 0) > 0)));

-- segment black_friday_clickers
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_click
  WHERE starts_with(campaign, 'black-friday') IS TRUE
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
WHERE (COALESCE(e_email_click.a0, 0) > 0);

-- segment pricing_window
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00' AND (url = '/pricing') IS TRUE
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE ((COALESCE(e_page_view.a0, 0) >= 2) AND (NOT (COALESCE(e_purchase.a0, 0) > 0)));

-- segment cart_abandoners
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2026-10-29 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_cart_abandoned
  WHERE "at" > TIMESTAMPTZ '2026-10-29 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_cart_abandoned ON e_cart_abandoned.contact_key = c.id
WHERE ((COALESCE(e_cart_abandoned.a0, 0) > 0) AND (NOT (COALESCE(e_purchase.a0, 0) > 0)));

-- segment power_users
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(DISTINCT (epoch_us("at") // 86400000000 - CASE WHEN epoch_us("at") % 86400000000 < 0 THEN 1 ELSE 0 END)) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-04 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE (COALESCE(e_page_view.a0, 0) >= 10);

-- segment inactive_trial
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((c.plan = 'trial') AND (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00'));

-- segment trial_ending
SELECT c.id AS contact_key
FROM contacts AS c
WHERE ((c.plan = 'trial') AND (c.trial_days_left <= 3));

-- segment pricing_to_purchase
SELECT c.id AS contact_key
FROM contacts AS c
WHERE EXISTS (SELECT 1 FROM event_page_view AS s1 JOIN event_purchase AS s2 ON s2.contact_key = s1.contact_key AND s2."at" >= s1."at" AND epoch_us(s2."at") - epoch_us(s1."at") <= 172800000000 WHERE s1.contact_key = c.id AND ((s1.url = '/pricing')) IS TRUE);

-- segment click_then_buy
SELECT c.id AS contact_key
FROM contacts AS c
WHERE EXISTS (SELECT 1 FROM event_email_click AS s1 JOIN event_purchase AS s2 ON s2.contact_key = s1.contact_key AND s2."at" >= s1."at" AND epoch_us(s2."at") - epoch_us(s1."at") <= 86400000000 WHERE s1.contact_key = c.id);

-- segment support_heavy
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_support_ticket
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_support_ticket ON e_support_ticket.contact_key = c.id
WHERE (COALESCE(e_support_ticket.a0, 0) >= 3);

-- segment q1_2026_buyers
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_purchase
  WHERE (("at" >= TIMESTAMPTZ '2026-01-01 00:00:00+00') AND ("at" < TIMESTAMPTZ '2026-04-01 00:00:00+00')) IS TRUE
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (COALESCE(e_purchase.a0, 0) > 0);

-- segment lapsed_buyers
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    count(*) FILTER (WHERE ("at" <= TIMESTAMPTZ '2026-05-05 00:00:00+00') IS TRUE) AS a0,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-05-05 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a1
  FROM event_purchase
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE ((COALESCE(e_purchase.a0, 0) > 0) AND (NOT (COALESCE(e_purchase.a1, 0) > 0)));

-- segment weekend_shoppers
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    max(epoch_us("at")) AS a0
  FROM event_purchase
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (CAST(isodow(make_timestamp(e_purchase.a0)) AS BIGINT) >= 6);

-- segment high_spenders
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    sum(amount ORDER BY "at", rowid) AS a0
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (COALESCE(e_purchase.a0, 0::float8) > 1000::float8);

-- segment big_baskets
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    sum(CAST(amount AS DOUBLE PRECISION) ORDER BY "at", rowid) AS a0,
    count(amount) AS a1
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE ((e_purchase.a0 / NULLIF(e_purchase.a1, 0)) >= 150::float8);

-- segment high_ltv
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.lifetime_value >= 5000::float8);

-- segment champions
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    CASE WHEN x0 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x0 NULLS LAST) - 1)) // count(x0) OVER ()) END AS r0,
    CASE WHEN x1 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x1 NULLS LAST) - 1)) // count(x1) OVER ()) END AS r1,
    CASE WHEN x2 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x2 NULLS LAST) - 1)) // count(x2) OVER ()) END AS r2
  FROM (
    SELECT c.id AS contact_key,
      (- ((1793491200000000 - e_purchase.a0) // 86400000000 - CASE WHEN (1793491200000000 - e_purchase.a0) % 86400000000 < 0 THEN 1 ELSE 0 END)) AS x0,
      COALESCE(e_purchase.a1, 0) AS x1,
      COALESCE(e_purchase.a2, 0::float8) AS x2
    FROM contacts AS c
    LEFT JOIN (
      SELECT contact_key,
        max(epoch_us("at")) AS a0,
        count(*) AS a1,
        sum(amount ORDER BY "at", rowid) AS a2
      FROM event_purchase
      GROUP BY contact_key
    ) AS e_purchase ON e_purchase.contact_key = c.id
  ) AS inputs
) AS ranks ON ranks.contact_key = c.id
WHERE (((ranks.r0 >= 4) AND (ranks.r1 >= 4)) AND (ranks.r2 >= 4));

-- segment vip
SELECT c.id AS contact_key
FROM contacts AS c
JOIN (
  SELECT contact_key,
    sum(amount ORDER BY "at", rowid) AS a0
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (((COALESCE(e_purchase.a0, 0::float8) > 1000::float8)) AND (NOT (((c.plan = 'trial') AND (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00')))));

-- partition lifecycle
SELECT c.id AS contact_key, CASE (CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) WHEN 0 THEN 'churned' WHEN 1 THEN 'at_risk' WHEN 2 THEN 'new' WHEN 3 THEN 'active' WHEN 4 THEN 'dormant' END AS branch
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id;

-- segment at_risk_pro
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE (((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) = 1) AND (c.plan = 'pro'));

-- segment win_back
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE (((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) = 0) AND (c.lifetime_value >= 500::float8));

-- segment onboarding_nudge
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_form_submit
  GROUP BY contact_key
) AS e_form_submit ON e_form_submit.contact_key = c.id
WHERE (((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) = 2) AND (NOT (COALESCE(e_form_submit.a0, 0) > 0)));

-- segment promoters
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.nps >= 9);

-- segment detractors
SELECT c.id AS contact_key
FROM contacts AS c
WHERE (c.nps <= 6);

-- segment upsell_targets
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    sum(amount ORDER BY "at", rowid) AS a0
  FROM event_purchase
  WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
WHERE (((c.plan = 'pro') AND ((((c.company_size >= 100) AND (c.industry IN ('software', 'finance')))) OR ((COALESCE(e_purchase.a0, 0::float8) > 1000::float8)))) AND ((c.nps IS NULL) OR (c.nps >= 7)));

-- segment newsletter
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE (c.email_opt_in AND (NOT ((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) = 0)));

-- segment case_study_candidates
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_support_ticket
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_support_ticket ON e_support_ticket.contact_key = c.id
WHERE (((COALESCE((c.nps >= 9), FALSE)) AND ((((c.company_size >= 100) AND (c.industry IN ('software', 'finance')))) OR (((c.plan = 'enterprise') OR (c.company_size >= 1000))))) AND (NOT ((COALESCE(e_support_ticket.a0, 0) >= 3))));

-- segment hot_leads
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_open
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_click
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00' AND (url = '/pricing') IS TRUE
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE ((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 40::float8);

-- segment warm_leads
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_open
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_click
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00' AND (url = '/pricing') IS TRUE
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE (((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 20::float8) AND ((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) < 40::float8));

-- segment sales_ready
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_open
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_email_click
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) FILTER (WHERE (url = '/pricing') IS TRUE) AS a0,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a1
  FROM event_page_view
  WHERE "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE (((((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 40::float8)) AND (((c.company_size >= 100) AND (c.industry IN ('software', 'finance'))))) AND (NOT ((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a1, 0) > 0) THEN 3 ELSE 4 END) = 0)));

-- segment cooling_valuable
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0
  FROM event_purchase
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0
  FROM event_email_open
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0
  FROM event_email_click
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) FILTER (WHERE starts_with(url, '/docs') IS TRUE) AS a1
  FROM event_page_view
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
WHERE ((((((((3::float8 * COALESCE(e_page_view.a0, 0::float8)) + (8::float8 * COALESCE(e_email_click.a0, 0::float8))) + (2::float8 * COALESCE(e_email_open.a0, 0::float8))) + (5::float8 * COALESCE(e_page_view.a1, 0::float8))) + (25::float8 * COALESCE(e_purchase.a0, 0::float8)))) < 5::float8) AND (c.lifetime_value >= 1000::float8));

-- segment top_engaged
SELECT c.id AS contact_key
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    CASE WHEN x0 IS NULL THEN NULL ELSE LEAST(10, 1 + (10 * (rank() OVER (ORDER BY x0 NULLS LAST) - 1)) // count(x0) OVER ()) END AS r0
  FROM (
    SELECT c.id AS contact_key,
      ((((((3::float8 * COALESCE(e_page_view.a0, 0::float8)) + (8::float8 * COALESCE(e_email_click.a0, 0::float8))) + (2::float8 * COALESCE(e_email_open.a0, 0::float8))) + (5::float8 * COALESCE(e_page_view.a1, 0::float8))) + (25::float8 * COALESCE(e_purchase.a0, 0::float8)))) AS x0
    FROM contacts AS c
    LEFT JOIN (
      SELECT contact_key,
        sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0
      FROM event_purchase
      GROUP BY contact_key
    ) AS e_purchase ON e_purchase.contact_key = c.id
    LEFT JOIN (
      SELECT contact_key,
        sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0
      FROM event_email_open
      GROUP BY contact_key
    ) AS e_email_open ON e_email_open.contact_key = c.id
    LEFT JOIN (
      SELECT contact_key,
        sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0
      FROM event_email_click
      GROUP BY contact_key
    ) AS e_email_click ON e_email_click.contact_key = c.id
    LEFT JOIN (
      SELECT contact_key,
        sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a0,
        sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) FILTER (WHERE starts_with(url, '/docs') IS TRUE) AS a1
      FROM event_page_view
      GROUP BY contact_key
    ) AS e_page_view ON e_page_view.contact_key = c.id
  ) AS inputs
) AS ranks ON ranks.contact_key = c.id
WHERE (ranks.r0 = 10);
