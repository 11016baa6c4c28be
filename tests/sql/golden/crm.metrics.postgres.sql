-- metric contacts
SELECT count(*) AS seg_contacts,
  count(*) AS contacts
FROM (
  SELECT c.id AS contact_key
  FROM contacts AS c
) AS m;

-- metric opted_in
SELECT count(*) AS seg_contacts,
  count(*) FILTER (WHERE m.seg_x0) AS opted_in
FROM (
  SELECT c.id AS contact_key,
    c.email_opt_in AS seg_x0
  FROM contacts AS c
) AS m;

-- metric contacts_by_lifecycle
SELECT CASE m.seg_k0 WHEN 0 THEN 'churned' WHEN 1 THEN 'at_risk' WHEN 2 THEN 'new' WHEN 3 THEN 'active' WHEN 4 THEN 'dormant' END AS lifecycle, count(*) AS seg_contacts,
  count(*) AS contacts_by_lifecycle
FROM (
  SELECT c.id AS contact_key,
    CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) / 86400000000 - CASE WHEN (1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END AS seg_k0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) AS a0
    FROM event_page_view
    WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
    GROUP BY contact_key
  ) AS e_page_view ON e_page_view.contact_key = c.id
) AS m
GROUP BY m.seg_k0
ORDER BY m.seg_k0;

-- metric hot_lead_share_by_country
SELECT m.seg_k0 AS country, count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS hot_lead_share_by_country
FROM (
  SELECT c.id AS contact_key,
    c.country AS seg_k0,
    (((GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) >= 40::float8)) AS seg_x0
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
) AS m
GROUP BY m.seg_k0
ORDER BY m.seg_k0 COLLATE "C";

-- metric nps
SELECT count(*) AS seg_contacts,
  ((100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) - (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x1) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x1), 0) AS DOUBLE PRECISION))) AS nps
FROM (
  SELECT c.id AS contact_key,
    (c.nps >= 9) AS seg_x0,
    (c.nps <= 6) AS seg_x1
  FROM contacts AS c
) AS m;

-- metric nps_by_plan
SELECT m.seg_k0 AS plan, count(*) AS seg_contacts,
  ((100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) - (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x1) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x1), 0) AS DOUBLE PRECISION))) AS nps_by_plan
FROM (
  SELECT c.id AS contact_key,
    c.plan AS seg_k0,
    (c.nps >= 9) AS seg_x0,
    (c.nps <= 6) AS seg_x1
  FROM contacts AS c
) AS m
GROUP BY m.seg_k0
ORDER BY CASE m.seg_k0 WHEN 'free' THEN 0 WHEN 'trial' THEN 1 WHEN 'pro' THEN 2 WHEN 'enterprise' THEN 3 END;

-- metric nps_by_plan_device
SELECT m.seg_k0 AS plan, m.seg_k1 AS device, count(*) AS seg_contacts,
  ((100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) - (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x1) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x1), 0) AS DOUBLE PRECISION))) AS nps_by_plan_device
FROM (
  SELECT c.id AS contact_key,
    c.plan AS seg_k0,
    c.device AS seg_k1,
    (c.nps >= 9) AS seg_x0,
    (c.nps <= 6) AS seg_x1
  FROM contacts AS c
) AS m
GROUP BY m.seg_k0, m.seg_k1
ORDER BY CASE m.seg_k0 WHEN 'free' THEN 0 WHEN 'trial' THEN 1 WHEN 'pro' THEN 2 WHEN 'enterprise' THEN 3 END, CASE m.seg_k1 WHEN 'mobile' THEN 0 WHEN 'desktop' THEN 1 WHEN 'tablet' THEN 2 END;

-- metric nps_response_rate
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS nps_response_rate
FROM (
  SELECT c.id AS contact_key,
    (c.nps IS NOT NULL) AS seg_x0
  FROM contacts AS c
) AS m;

-- metric nps_median
SELECT count(*) AS seg_contacts,
  percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY CAST(m.seg_x0 AS DOUBLE PRECISION)) AS nps_median
FROM (
  SELECT c.id AS contact_key,
    c.nps AS seg_x0
  FROM contacts AS c
) AS m;

-- metric nps_p25
SELECT count(*) AS seg_contacts,
  percentile_cont(0.25::float8) WITHIN GROUP (ORDER BY CAST(m.seg_x0 AS DOUBLE PRECISION)) AS nps_p25
FROM (
  SELECT c.id AS contact_key,
    c.nps AS seg_x0
  FROM contacts AS c
) AS m;

-- metric repeat_purchase
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS repeat_purchase
FROM (
  SELECT c.id AS contact_key,
    (COALESCE(e_purchase.a0, 0) >= 2) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) AS a0
    FROM event_purchase
    GROUP BY contact_key
  ) AS e_purchase ON e_purchase.contact_key = c.id
) AS m;

-- metric trial_conversion
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS trial_conversion
FROM (
  SELECT c.id AS contact_key,
    (((c.plan = 'trial') AND (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00'))) AS seg_for,
    (COALESCE(e_purchase.a0, 0) > 0) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) AS a0
    FROM event_purchase
    GROUP BY contact_key
  ) AS e_purchase ON e_purchase.contact_key = c.id
) AS m
WHERE m.seg_for;

-- metric revenue_365d
SELECT count(*) AS seg_contacts,
  COALESCE(sum(m.seg_x0 ORDER BY m.contact_key), 0::float8) AS revenue_365d
FROM (
  SELECT c.id AS contact_key,
    COALESCE(e_purchase.a0, 0::float8) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      sum(amount ORDER BY "at") AS a0
    FROM event_purchase
    WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
    GROUP BY contact_key
  ) AS e_purchase ON e_purchase.contact_key = c.id
) AS m;

-- metric average_order_value
SELECT count(*) AS seg_contacts,
  (CAST(COALESCE(sum(m.seg_x0 ORDER BY m.contact_key), 0::float8) AS DOUBLE PRECISION) / NULLIF(CAST(COALESCE(CAST(sum(m.seg_x1) AS BIGINT), 0) AS DOUBLE PRECISION), 0::float8)) AS average_order_value
FROM (
  SELECT c.id AS contact_key,
    COALESCE(e_purchase.a0, 0::float8) AS seg_x0,
    COALESCE(e_purchase.a1, 0) AS seg_x1
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      sum(amount ORDER BY "at") AS a0,
      count(*) AS a1
    FROM event_purchase
    WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
    GROUP BY contact_key
  ) AS e_purchase ON e_purchase.contact_key = c.id
) AS m;

-- metric click_through_rate
SELECT count(*) AS seg_contacts,
  (CAST(COALESCE(CAST(sum(m.seg_x0) AS BIGINT), 0) AS DOUBLE PRECISION) / NULLIF(CAST(COALESCE(CAST(sum(m.seg_x1) AS BIGINT), 0) AS DOUBLE PRECISION), 0::float8)) AS click_through_rate
FROM (
  SELECT c.id AS contact_key,
    COALESCE(e_email_click.a0, 0) AS seg_x0,
    COALESCE(e_email_open.a0, 0) AS seg_x1
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
) AS m;

-- metric avg_ltv_vip
SELECT count(*) AS seg_contacts,
  (sum(CAST(m.seg_x0 AS DOUBLE PRECISION) ORDER BY m.contact_key) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS avg_ltv_vip
FROM (
  SELECT c.id AS contact_key,
    ((((COALESCE(e_purchase.a0, 0::float8) > 1000::float8)) AND (NOT (((c.plan = 'trial') AND (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00')))))) AS seg_for,
    c.lifetime_value AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      sum(amount ORDER BY "at") AS a0
    FROM event_purchase
    WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
    GROUP BY contact_key
  ) AS e_purchase ON e_purchase.contact_key = c.id
) AS m
WHERE m.seg_for;

-- metric median_ltv_by_plan
SELECT m.seg_k0 AS plan, count(*) AS seg_contacts,
  percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY CAST(m.seg_x0 AS DOUBLE PRECISION)) AS median_ltv_by_plan
FROM (
  SELECT c.id AS contact_key,
    c.plan AS seg_k0,
    c.lifetime_value AS seg_x0
  FROM contacts AS c
) AS m
GROUP BY m.seg_k0
ORDER BY CASE m.seg_k0 WHEN 'free' THEN 0 WHEN 'trial' THEN 1 WHEN 'pro' THEN 2 WHEN 'enterprise' THEN 3 END;

-- metric ltv_p90
SELECT count(*) AS seg_contacts,
  percentile_cont(0.9::float8) WITHIN GROUP (ORDER BY CAST(m.seg_x0 AS DOUBLE PRECISION)) AS ltv_p90
FROM (
  SELECT c.id AS contact_key,
    c.lifetime_value AS seg_x0
  FROM contacts AS c
) AS m;

-- metric top_quintile_ltv
SELECT count(*) AS seg_contacts,
  (sum(CAST(m.seg_x0 AS DOUBLE PRECISION) ORDER BY m.contact_key) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS top_quintile_ltv
FROM (
  SELECT c.id AS contact_key,
    (ranks.r0 = 5) AS seg_for,
    c.lifetime_value AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      CASE WHEN x0 IS NULL THEN NULL ELSE LEAST(5, 1 + (5 * (rank() OVER (ORDER BY x0) - 1)) / count(x0) OVER ()) END AS r0
    FROM (
      SELECT c.id AS contact_key,
        c.lifetime_value AS x0
      FROM contacts AS c
    ) AS inputs
  ) AS ranks ON ranks.contact_key = c.id
) AS m
WHERE m.seg_for;

-- metric avg_lead_score_by_plan
SELECT m.seg_k0 AS plan, count(*) AS seg_contacts,
  (sum(CAST(m.seg_x0 AS DOUBLE PRECISION) ORDER BY m.contact_key) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS avg_lead_score_by_plan
FROM (
  SELECT c.id AS contact_key,
    c.plan AS seg_k0,
    (GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8)) AS seg_x0
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
) AS m
GROUP BY m.seg_k0
ORDER BY CASE m.seg_k0 WHEN 'free' THEN 0 WHEN 'trial' THEN 1 WHEN 'pro' THEN 2 WHEN 'enterprise' THEN 3 END;

-- metric churn_rate
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS churn_rate
FROM (
  SELECT c.id AS contact_key,
    ((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) / 86400000000 - CASE WHEN (1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) = 0) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) AS a0
    FROM event_page_view
    WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
    GROUP BY contact_key
  ) AS e_page_view ON e_page_view.contact_key = c.id
) AS m;

-- metric churn_rate_by_plan
SELECT m.seg_k0 AS plan, count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS churn_rate_by_plan
FROM (
  SELECT c.id AS contact_key,
    c.plan AS seg_k0,
    ((CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-08-03 00:00:00+00') THEN 0 WHEN (c.last_seen_at < TIMESTAMPTZ '2026-10-02 00:00:00+00') THEN 1 WHEN (((1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) / 86400000000 - CASE WHEN (1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) % 86400000000 < 0 THEN 1 ELSE 0 END) <= 14) THEN 2 WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 3 ELSE 4 END) = 0) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) AS a0
    FROM event_page_view
    WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
    GROUP BY contact_key
  ) AS e_page_view ON e_page_view.contact_key = c.id
) AS m
GROUP BY m.seg_k0
ORDER BY CASE m.seg_k0 WHEN 'free' THEN 0 WHEN 'trial' THEN 1 WHEN 'pro' THEN 2 WHEN 'enterprise' THEN 3 END;

-- metric retention_30d
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS retention_30d
FROM (
  SELECT c.id AS contact_key,
    (((1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) / 86400000000 - CASE WHEN (1793491200000000 - CAST(EXTRACT(EPOCH FROM c.signup_at) * 1000000 AS BIGINT)) % 86400000000 < 0 THEN 1 ELSE 0 END) >= 30) AS seg_for,
    (c.last_seen_at > TIMESTAMPTZ '2026-10-02 00:00:00+00') AS seg_x0
  FROM contacts AS c
) AS m
WHERE m.seg_for;

-- metric buyer_retention
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS buyer_retention
FROM (
  SELECT c.id AS contact_key,
    (COALESCE(e_purchase.a0, 0) > 0) AS seg_for,
    (COALESCE(e_purchase.a1, 0) > 0) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) FILTER (WHERE (("at" > TIMESTAMPTZ '2026-09-02 00:00:00+00') AND ("at" <= TIMESTAMPTZ '2026-10-02 00:00:00+00')) IS TRUE) AS a0,
      count(*) FILTER (WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') AS a1
    FROM event_purchase
    GROUP BY contact_key
  ) AS e_purchase ON e_purchase.contact_key = c.id
) AS m
WHERE m.seg_for;

-- metric pricing_conversion
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS pricing_conversion
FROM (
  SELECT c.id AS contact_key,
    (COALESCE(e_page_view.a0, 0) > 0) AS seg_for,
    EXISTS (SELECT 1 FROM event_page_view AS s1 JOIN event_purchase AS s2 ON s2.contact_key = s1.contact_key AND s2."at" >= s1."at" AND s2."at" <= s1."at" + 604800000000 * INTERVAL '1 microsecond' WHERE s1.contact_key = c.id AND ((s1.url = '/pricing')) IS TRUE) AS seg_x0
  FROM contacts AS c
  LEFT JOIN (
    SELECT contact_key,
      count(*) AS a0
    FROM event_page_view
    WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00' AND (url = '/pricing') IS TRUE
    GROUP BY contact_key
  ) AS e_page_view ON e_page_view.contact_key = c.id
) AS m
WHERE m.seg_for;

-- metric paid_conversion_90d
SELECT count(*) AS seg_contacts,
  (100::float8 * CAST(count(*) FILTER (WHERE m.seg_x0) AS DOUBLE PRECISION) / CAST(NULLIF(count(m.seg_x0), 0) AS DOUBLE PRECISION)) AS paid_conversion_90d
FROM (
  SELECT c.id AS contact_key,
    (c.signup_at > TIMESTAMPTZ '2026-08-03 00:00:00+00') AS seg_for,
    (c.plan IN ('pro', 'enterprise')) AS seg_x0
  FROM contacts AS c
) AS m
WHERE m.seg_for;
