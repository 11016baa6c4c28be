-- score lead_score
SELECT c.id AS contact_key,
  GREATEST(LEAST(((((LEAST((5::float8 * CAST(COALESCE(e_email_open.a0, 0) AS DOUBLE PRECISION)), 30::float8) + LEAST((10::float8 * CAST(COALESCE(e_email_click.a0, 0) AS DOUBLE PRECISION)), 30::float8)) + CASE WHEN (COALESCE(e_page_view.a0, 0) > 0) THEN 20::float8 ELSE 0::float8 END) + CASE WHEN (c.company_size >= 100) THEN 15::float8 ELSE 0::float8 END) + CASE WHEN (c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00') THEN -10::float8 ELSE 0::float8 END), 100::float8), 0::float8) AS lead_score
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
) AS e_page_view ON e_page_view.contact_key = c.id;

-- score engagement
SELECT c.id AS contact_key,
  (((((3::float8 * COALESCE(e_page_view.a0, 0::float8)) + (8::float8 * COALESCE(e_email_click.a0, 0::float8))) + (2::float8 * COALESCE(e_email_open.a0, 0::float8))) + (5::float8 * COALESCE(e_page_view.a1, 0::float8))) + (25::float8 * COALESCE(e_purchase.a0, 0::float8))) AS engagement
FROM contacts AS c
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at") AS a0
  FROM event_purchase
  GROUP BY contact_key
) AS e_purchase ON e_purchase.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at") AS a0
  FROM event_email_open
  GROUP BY contact_key
) AS e_email_open ON e_email_open.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at") AS a0
  FROM event_email_click
  GROUP BY contact_key
) AS e_email_click ON e_email_click.contact_key = c.id
LEFT JOIN (
  SELECT contact_key,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at") AS a0,
    sum(CASE WHEN (CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8) < 1075 THEN power(2::float8, -(CAST(GREATEST(1793491200000000 - CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT), 0) AS DOUBLE PRECISION) / 1209600000000::float8)) ELSE 0::float8 END ORDER BY "at") FILTER (WHERE starts_with(url, '/docs') IS TRUE) AS a1
  FROM event_page_view
  GROUP BY contact_key
) AS e_page_view ON e_page_view.contact_key = c.id;
