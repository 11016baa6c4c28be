-- queries.duckdb.sql - the segments of segments.seg as plain SQL for DuckDB 1.5.
-- Each statement answers one segment with one row: members (how many contacts are in
-- it) and id_sum (the sum of their ids, an order-independent checksum).
-- `now` is 2026-11-01T00:00:00Z everywhere; `at` holds UTC as TIMESTAMP (no zone).
-- `within D` means now - D < at <= now. A contact is a member iff the condition is TRUE.
-- Every event belongs to a contact that exists (seg import and run.sh check it), so a
-- segment that needs at least one event may be answered from the events table alone.
-- The file is split on the `-- segment:` lines; queries.postgres.sql has the same ones.

-- segment: ny_women_25_45
-- age is nullable: a NULL age makes BETWEEN unknown, and WHERE keeps only TRUE rows.
SELECT count(*) AS members, sum(id) AS id_sum
FROM contacts
WHERE city = 'New York' AND gender = 'female' AND age BETWEEN 25 AND 45;

-- segment: recent_buyers
SELECT count(*) AS members, sum(contact_id) AS id_sum
FROM (SELECT DISTINCT contact_id
      FROM events
      WHERE type = 'purchase'
        AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 7 DAY
        AND "at" <= TIMESTAMP '2026-11-01 00:00:00') AS s;

-- segment: social
SELECT count(*) AS members, sum(contact_id) AS id_sum
FROM (SELECT contact_id
      FROM events
      WHERE type = 'friend_added'
      GROUP BY contact_id
      HAVING count(*) >= 5) AS s;

-- segment: high_spenders
-- sum over no events is 0, which is not > 1000, so contacts without purchases are out.
SELECT count(*) AS members, sum(contact_id) AS id_sum
FROM (SELECT contact_id
      FROM events
      WHERE type = 'purchase'
        AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 365 DAY
        AND "at" <= TIMESTAMP '2026-11-01 00:00:00'
      GROUP BY contact_id
      HAVING sum(amount) > 1000) AS s;

-- segment: pricing_window
SELECT count(*) AS members, sum(p.contact_id) AS id_sum
FROM (SELECT contact_id
      FROM events
      WHERE type = 'page_view' AND url = '/pricing'
        AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 14 DAY
        AND "at" <= TIMESTAMP '2026-11-01 00:00:00'
      GROUP BY contact_id
      HAVING count(*) >= 2) AS p
WHERE NOT EXISTS (SELECT 1
                  FROM events e
                  WHERE e.contact_id = p.contact_id AND e.type = 'purchase'
                    AND e."at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 30 DAY
                    AND e."at" <= TIMESTAMP '2026-11-01 00:00:00');

-- segment: hot_leads
-- lead_score: 5 per email_open within 30d max 30; 10 per email_click within 30d max 30;
-- 20 if a /pricing page_view within 14d; 15 if company_size >= 100; -10 if last seen
-- more than 60 days ago. A rule whose condition is unknown adds nothing (CASE ... ELSE 0).
-- Every contact counts (one with no events may still score), hence the LEFT JOIN.
SELECT count(*) AS members, sum(c.id) AS id_sum
FROM contacts c
LEFT JOIN (SELECT contact_id,
                  count(*) FILTER (WHERE type = 'email_open') AS opens,
                  count(*) FILTER (WHERE type = 'email_click') AS clicks,
                  bool_or(type = 'page_view' AND url = '/pricing'
                          AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 14 DAY)
                    AS pricing
           FROM events
           WHERE type IN ('email_open', 'email_click', 'page_view')
             AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 30 DAY
             AND "at" <= TIMESTAMP '2026-11-01 00:00:00'
           GROUP BY contact_id) AS ev ON ev.contact_id = c.id
WHERE least(5 * coalesce(ev.opens, 0), 30)
      + least(10 * coalesce(ev.clicks, 0), 30)
      + CASE WHEN ev.pricing THEN 20 ELSE 0 END
      + CASE WHEN c.company_size >= 100 THEN 15 ELSE 0 END
      + CASE WHEN c.last_seen_at < TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 60 DAY
             THEN -10 ELSE 0 END
      >= 40;

-- segment: champions
-- ntile(5, x) = min(5, 1 + floor(5 L / N)) with N = contacts whose x is not null and
-- L = those whose x is strictly smaller. rank() - 1 over x ascending, nulls last, is
-- exactly L (ties share a rank); this is NOT SQL's ntile(), which splits ties.
-- x1 = -days_since(last(purchase.at)): null without purchases; days_since is
-- floor((now - ts) / 86400 s). x2 = count(purchase), x3 = sum(purchase.amount): 0, not
-- null, without purchases, so every contact is ranked on them (N = all contacts).
-- `//` is integer division (both operands are >= 0 here). The microseconds between now
-- and the last purchase (< 2^53) divided by 86400000000.0 floor exactly: a true quotient
-- below an integer is below it by at least 1/86400000000, far above the rounding error.
WITH buys AS (
  SELECT contact_id, max("at") AS last_at, count(*) AS n, sum(amount) AS total
  FROM events
  WHERE type = 'purchase'
  GROUP BY contact_id
), rfm AS (
  SELECT c.id,
         -CAST(floor((epoch_us(TIMESTAMP '2026-11-01 00:00:00') - epoch_us(b.last_at))
                     / 86400000000.0) AS BIGINT) AS r,
         coalesce(b.n, 0) AS f,
         coalesce(b.total, 0) AS m
  FROM contacts c LEFT JOIN buys b ON b.contact_id = c.id
), ranked AS (
  SELECT id,
         CASE WHEN r IS NOT NULL THEN
           least(5, 1 + (5 * (rank() OVER (ORDER BY r ASC NULLS LAST) - 1))
                        // count(r) OVER ()) END AS nr,
         least(5, 1 + (5 * (rank() OVER (ORDER BY f ASC) - 1)) // count(f) OVER ()) AS nf,
         least(5, 1 + (5 * (rank() OVER (ORDER BY m ASC) - 1)) // count(m) OVER ()) AS nm
  FROM rfm
)
SELECT count(*) AS members, sum(id) AS id_sum
FROM ranked
WHERE nr >= 4 AND nf >= 4 AND nm >= 4;
