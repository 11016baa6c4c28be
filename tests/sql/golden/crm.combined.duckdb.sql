-- combined
SELECT c.id AS contact_key,
  (COALESCE((((c.city = 'New York') AND (c.gender = 'female')) AND ((c.age >= 25) AND (c.age <= 45))), FALSE)) AS ny_women_25_45,
  (COALESCE((c.age < 30), FALSE)) AS under_30,
  ((c.age IS NULL)) AS age_unknown,
  ((c.country IN ('DE', 'AT', 'CH'))) AS dach,
  ((c.city IN ('London', 'Paris', 'Berlin'))) AS meetup_cities,
  (((c.company_size >= 100) AND (c.industry IN ('software', 'finance')))) AS big_b2b,
  (((c.company_size >= 10) AND (c.company_size <= 99))) AS smb,
  (((c.plan = 'enterprise') OR (c.company_size >= 1000))) AS enterprise_accounts,
  (((right(translate(c.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), char_length('@gmail.com')) = '@gmail.com') OR (right(translate(c.email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), char_length('@yahoo.com')) = '@yahoo.com'))) AS freemail,
  ((c.device = 'mobile')) AS mobile_users,
  (((((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) AND (c.device = 'mobile'))) AS new_mobile,
  ((COALESCE(e_purchase.a0, 0) > 0)) AS recent_buyers,
  ((COALESCE(e_purchase.a1, 0) >= 2)) AS repeat_buyers,
  ((COALESCE(e_friend_added.a0, 0) >= 5)) AS social,
  (((COALESCE(e_email_open.a0, 0) >= 3) AND (COALESCE(e_email_click.a0, 0) > 0))) AS email_engaged,
  ((c.email_opt_in AND (NOT (COALESCE(e_email_open.a1, 0) > 0)))) AS email_dormant,
  ((COALESCE(e_email_click.a1, 0) > 0)) AS black_friday_clickers,
  (((COALESCE(e_page_view.a0, 0) >= 2) AND (NOT (COALESCE(e_purchase.a2, 0) > 0)))) AS pricing_window,
  (((COALESCE(e_cart_abandoned.a0, 0) > 0) AND (NOT (COALESCE(e_purchase.a3, 0) > 0)))) AS cart_abandoners,
  ((COALESCE(e_page_view.a1, 0) >= 10)) AS power_users,
  (((c.plan = 'trial') AND (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00'))) AS inactive_trial,
  (COALESCE(((c.plan = 'trial') AND (c.trial_days_left <= 3)), FALSE)) AS trial_ending,
  (EXISTS (SELECT 1 FROM event_page_view AS s1 JOIN event_purchase AS s2 ON s2.contact_key = s1.contact_key AND s2."at" >= s1."at" AND epoch_us(s2."at") - epoch_us(s1."at") <= 172800000000 WHERE s1.contact_key = c.id AND ((s1.url = '/pricing')) IS TRUE)) AS pricing_to_purchase,
  (EXISTS (SELECT 1 FROM event_email_click AS s1 JOIN event_purchase AS s2 ON s2.contact_key = s1.contact_key AND s2."at" >= s1."at" AND epoch_us(s2."at") - epoch_us(s1."at") <= 86400000000 WHERE s1.contact_key = c.id)) AS click_then_buy,
  ((COALESCE(e_support_ticket.a0, 0) >= 3)) AS support_heavy,
  ((COALESCE(e_purchase.a4, 0) > 0)) AS q1_2026_buyers,
  (((COALESCE(e_purchase.a5, 0) > 0) AND (NOT (COALESCE(e_purchase.a6, 0) > 0)))) AS lapsed_buyers,
  (COALESCE((CAST(isodow(make_timestamp(e_purchase.a7)) AS BIGINT) >= 6), FALSE)) AS weekend_shoppers,
  ((COALESCE(e_purchase.a8, 0::float8) > 1000::float8)) AS high_spenders,
  (COALESCE(((e_purchase.a9 / NULLIF(e_purchase.a10, 0)) >= 150::float8), FALSE)) AS big_baskets,
  ((c.lifetime_value >= 5000::float8)) AS high_ltv,
  (COALESCE((((ranks.r0 >= 4) AND (ranks.r1 >= 4)) AND (ranks.r2 >= 4)), FALSE)) AS champions,
  ((((COALESCE(e_purchase.a8, 0::float8) > 1000::float8)) AND (NOT (((c.plan = 'trial') AND (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00')))))) AS vip,
  CASE (CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a2, 0) > 0) THEN 3 ELSE 4 END) WHEN 0 THEN 'churned' WHEN 1 THEN 'at_risk' WHEN 2 THEN 'new' WHEN 3 THEN 'active' WHEN 4 THEN 'dormant' END AS lifecycle,
  ((((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a2, 0) > 0) THEN 3 ELSE 4 END) = 1) AND (c.plan = 'pro'))) AS at_risk_pro,
  ((((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a2, 0) > 0) THEN 3 ELSE 4 END) = 0) AND (c.lifetime_value >= 500::float8))) AS win_back,
  ((((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a2, 0) > 0) THEN 3 ELSE 4 END) = 2) AND (NOT (COALESCE(e_form_submit.a0, 0) > 0)))) AS onboarding_nudge,
  (COALESCE((c.nps >= 9), FALSE)) AS promoters,
  (COALESCE((c.nps <= 6), FALSE)) AS detractors,
  (COALESCE((((c.plan = 'pro') AND ((((c.company_size >= 100) AND (c.industry IN ('software', 'finance')))) OR ((COALESCE(e_purchase.a8, 0::float8) > 1000::float8)))) AND ((c.nps IS NULL) OR (c.nps >= 7))), FALSE)) AS upsell_targets,
  ((c.email_opt_in AND (NOT ((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a2, 0) > 0) THEN 3 ELSE 4 END) = 0)))) AS newsletter,
  ((((COALESCE((c.nps >= 9), FALSE)) AND ((((c.company_size >= 100) AND (c.industry IN ('software', 'finance')))) OR (((c.plan = 'enterprise') OR (c.company_size >= 1000))))) AND (NOT ((COALESCE(e_support_ticket.a0, 0) >= 3))))) AS case_study_candidates,
  (((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 40::float8)) AS hot_leads,
  ((((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 20::float8) AND ((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) < 40::float8))) AS warm_leads,
  ((((((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 40::float8)) AND (((c.company_size >= 100) AND (c.industry IN ('software', 'finance'))))) AND (NOT ((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - epoch_us(c.signup_at)) // 86400000000 - CASE WHEN (1793491200000000 - epoch_us(c.signup_at)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a2, 0) > 0) THEN 3 ELSE 4 END) = 0)))) AS sales_ready,
  (((((((((3::float8 * COALESCE(e_page_view.a3, 0::float8)) + (8::float8 * COALESCE(e_email_click.a2, 0::float8))) + (2::float8 * COALESCE(e_email_open.a2, 0::float8))) + (5::float8 * COALESCE(e_page_view.a4, 0::float8))) + (25::float8 * COALESCE(e_purchase.a11, 0::float8)))) < 5::float8) AND (c.lifetime_value >= 1000::float8))) AS cooling_valuable,
  ((ranks.r3 = 10)) AS top_engaged
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a0,
    count(*) AS a1,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a2,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-29 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a3,
    count(*) FILTER (WHERE (("at" >= TIMESTAMPTZ '2026-01-01 00:00:00+00') AND ("at" < TIMESTAMPTZ '2026-04-01 00:00:00+00')) IS TRUE) AS a4,
    count(*) FILTER (WHERE ("at" <= TIMESTAMPTZ '2026-05-05 00:00:00+00') IS TRUE) AS a5,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-05-05 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a6,
    max(epoch_us("at")) AS a7,
    sum(amount ORDER BY "at", rowid) FILTER (WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a8,
    sum(CAST(amount AS DOUBLE PRECISION) ORDER BY "at", rowid) FILTER (WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a9,
    count(amount) FILTER (WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a10,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a11
  FROM event_purchase
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a0,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-08-03 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a1,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a2
  FROM event_email_open
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a0,
    count(*) FILTER (WHERE starts_with(campaign, 'black-friday') IS TRUE) AS a1,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a2
  FROM event_email_click
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00' AND (url = '/pricing') IS TRUE) AS a0,
    count(DISTINCT (epoch_us("at") // 86400000000 - CASE WHEN epoch_us("at") % 86400000000 < 0 THEN 1 ELSE 0 END)) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-04 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a1,
    count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a2,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a3,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) FILTER (WHERE starts_with(url, '/docs') IS TRUE) AS a4
  FROM event_page_view
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_friend_added
  GROUP BY contact_key
) AS e_friend_added ON e_friend_added.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_form_submit
  GROUP BY contact_key
) AS e_form_submit ON e_form_submit.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_cart_abandoned
  WHERE "at" > TIMESTAMPTZ '2026-10-29 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_cart_abandoned ON e_cart_abandoned.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    count(*) AS a0
  FROM event_support_ticket
  WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
  GROUP BY contact_key
) AS e_support_ticket ON e_support_ticket.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    CASE WHEN x0 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x0 NULLS LAST) - 1)) // count(x0) OVER ()) END AS r0,
    CASE WHEN x1 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x1 NULLS LAST) - 1)) // count(x1) OVER ()) END AS r1,
    CASE WHEN x2 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x2 NULLS LAST) - 1)) // count(x2) OVER ()) END AS r2,
    CASE WHEN x3 IS NULL THEN NULL ELSE LEAST(10, 1 + (10 * (rank() OVER (ORDER BY x3 NULLS LAST) - 1)) // count(x3) OVER ()) END AS r3
  FROM (
    SELECT c.id AS contact_key,
      (- ((1793491200000000 - e_purchase.a0) // 86400000000 - CASE WHEN (1793491200000000 - e_purchase.a0) % 86400000000 < 0 THEN 1 ELSE 0 END)) AS x0,
      COALESCE(e_purchase.a1, 0) AS x1,
      COALESCE(e_purchase.a2, 0::float8) AS x2,
      ((((((3::float8 * COALESCE(e_page_view.a0, 0::float8)) + (8::float8 * COALESCE(e_email_click.a0, 0::float8))) + (2::float8 * COALESCE(e_email_open.a0, 0::float8))) + (5::float8 * COALESCE(e_page_view.a1, 0::float8))) + (25::float8 * COALESCE(e_purchase.a3, 0::float8)))) AS x3
    FROM contacts AS c
    LEFT JOIN (
      SELECT contact_key,
        max(epoch_us("at")) AS a0,
        count(*) AS a1,
        sum(amount ORDER BY "at", rowid) AS a2,
        sum(CASE WHEN (CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - epoch_us("at"), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at", rowid) AS a3
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
) AS ranks ON ranks.contact_key = c.id;
