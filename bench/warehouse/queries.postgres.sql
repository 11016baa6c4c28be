-- queries.postgres.sql - bench/peers/segments.seg written by hand for PostgreSQL 15 over the
-- tables of `seg sql --ddl` (one table per event type), as bench/peers/queries.postgres.sql
-- does over one events table. Each statement returns members and id_sum (the sum of the
-- members' ids). `now` is 2026-11-01T00:00:00Z; `within D` is now - D < at <= now.

-- segment: ny_women_25_45
SELECT count(*) AS members, sum(id) AS id_sum
FROM contacts
WHERE city = 'New York' AND gender = 'female' AND age BETWEEN 25 AND 45;

-- segment: recent_buyers
SELECT count(*) AS members, sum(contact_key) AS id_sum
FROM (SELECT DISTINCT contact_key FROM event_purchase
      WHERE "at" > TIMESTAMPTZ '2026-10-25 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') s;

-- segment: social
SELECT count(*) AS members, sum(contact_key) AS id_sum
FROM (SELECT contact_key FROM event_friend_added GROUP BY contact_key HAVING count(*) >= 5) s;

-- segment: high_spenders
SELECT count(*) AS members, sum(contact_key) AS id_sum
FROM (SELECT contact_key FROM event_purchase
      WHERE "at" > TIMESTAMPTZ '2025-11-01 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
      GROUP BY contact_key HAVING sum(amount) > 1000) s;

-- segment: pricing_window
SELECT count(*) AS members, sum(p.contact_key) AS id_sum
FROM (SELECT contact_key FROM event_page_view
      WHERE url = '/pricing'
        AND "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
      GROUP BY contact_key HAVING count(*) >= 2) p
WHERE NOT EXISTS (SELECT 1 FROM event_purchase e
                  WHERE e.contact_key = p.contact_key
                    AND e."at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND e."at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00');

-- segment: hot_leads
SELECT count(*) AS members, sum(c.id) AS id_sum
FROM contacts c
LEFT JOIN (SELECT contact_key, count(*) AS opens FROM event_email_open
           WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
           GROUP BY contact_key) o ON o.contact_key = c.id
LEFT JOIN (SELECT contact_key, count(*) AS clicks FROM event_email_click
           WHERE "at" > TIMESTAMPTZ '2026-10-02 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00'
           GROUP BY contact_key) k ON k.contact_key = c.id
LEFT JOIN (SELECT DISTINCT contact_key FROM event_page_view
           WHERE url = '/pricing'
             AND "at" > TIMESTAMPTZ '2026-10-18 00:00:00+00' AND "at" <= TIMESTAMPTZ '2026-11-01 00:00:00+00') p
  ON p.contact_key = c.id
WHERE least(5 * coalesce(o.opens, 0), 30) + least(10 * coalesce(k.clicks, 0), 30)
      + CASE WHEN p.contact_key IS NOT NULL THEN 20 ELSE 0 END
      + CASE WHEN c.company_size >= 100 THEN 15 ELSE 0 END
      + CASE WHEN c.last_seen_at < TIMESTAMPTZ '2026-09-02 00:00:00+00' THEN -10 ELSE 0 END
      >= 40;

-- segment: champions
WITH buys AS (
  SELECT contact_key, max("at") AS last_at, count(*) AS n, sum(amount) AS total
  FROM event_purchase GROUP BY contact_key
), rfm AS (
  SELECT c.id,
         -CAST(floor(extract(epoch FROM TIMESTAMPTZ '2026-11-01 00:00:00+00' - b.last_at) / 86400) AS bigint) AS r,
         coalesce(b.n, 0) AS f, coalesce(b.total, 0) AS m
  FROM contacts c LEFT JOIN buys b ON b.contact_key = c.id
), ranked AS (
  SELECT id,
         CASE WHEN r IS NOT NULL THEN
           least(5, 1 + (5 * (rank() OVER (ORDER BY r ASC NULLS LAST) - 1)) / count(r) OVER ()) END AS nr,
         least(5, 1 + (5 * (rank() OVER (ORDER BY f ASC) - 1)) / count(f) OVER ()) AS nf,
         least(5, 1 + (5 * (rank() OVER (ORDER BY m ASC) - 1)) / count(m) OVER ()) AS nm
  FROM rfm
)
SELECT count(*) AS members, sum(id) AS id_sum FROM ranked WHERE nr >= 4 AND nf >= 4 AND nm >= 4;
