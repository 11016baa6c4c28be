-- metrics.duckdb.sql - the metrics of metrics.seg as plain SQL for DuckDB 1.5. Each
-- statement returns one row per group: the group's key columns (none for a metric without
-- `by`), then `value`. The file is split on the `-- metric:` lines.
-- percent(c) = 100 * (contacts where c is TRUE) / (contacts where c is not NULL);
-- median and quantile interpolate linearly (quantile_cont); a metric over a `for`
-- population keeps only the contacts where the condition is TRUE. `now` is
-- 2026-11-01T00:00:00Z; `within D` means now - D < at <= now.

-- metric: contacts
SELECT count(*) AS value FROM contacts;

-- metric: opted_in
SELECT count(*) FILTER (WHERE email_opt_in) AS value FROM contacts;

-- metric: nps
SELECT 100.0 * count(*) FILTER (WHERE nps >= 9) / count(nps)
     - 100.0 * count(*) FILTER (WHERE nps <= 6) / count(nps) AS value
FROM contacts;

-- metric: nps_by_plan
SELECT plan, 100.0 * count(*) FILTER (WHERE nps >= 9) / count(nps)
           - 100.0 * count(*) FILTER (WHERE nps <= 6) / count(nps) AS value
FROM contacts GROUP BY plan;

-- metric: nps_by_plan_device
SELECT plan, device, 100.0 * count(*) FILTER (WHERE nps >= 9) / count(nps)
                   - 100.0 * count(*) FILTER (WHERE nps <= 6) / count(nps) AS value
FROM contacts GROUP BY plan, device;

-- metric: nps_response_rate
SELECT 100.0 * count(nps) / count(*) AS value FROM contacts;

-- metric: nps_median
SELECT quantile_cont(nps, 0.5) AS value FROM contacts;

-- metric: nps_p25
SELECT quantile_cont(nps, 0.25) AS value FROM contacts;

-- metric: median_ltv_by_plan
SELECT plan, quantile_cont(lifetime_value, 0.5) AS value FROM contacts GROUP BY plan;

-- metric: ltv_p90
SELECT quantile_cont(lifetime_value, 0.9) AS value FROM contacts;

-- metric: paid_conversion_90d
SELECT 100.0 * count(*) FILTER (WHERE plan IN ('pro', 'enterprise')) / count(plan) AS value
FROM contacts WHERE signup_at > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 90 DAY;

-- metric: repeat_purchase
-- count(purchase) is 0, not NULL, without purchases: every contact is in the denominator.
SELECT 100.0 * (SELECT count(*) FROM (SELECT contact_id FROM events WHERE type = 'purchase'
                                      GROUP BY contact_id HAVING count(*) >= 2))
       / (SELECT count(*) FROM contacts) AS value;

-- metric: revenue_365d
SELECT sum(amount) AS value FROM events
WHERE type = 'purchase' AND amount IS NOT NULL
  AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 365 DAY
  AND "at" <= TIMESTAMP '2026-11-01 00:00:00';

-- metric: average_order_value
SELECT sum(amount) / count(*) AS value FROM events
WHERE type = 'purchase'
  AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 365 DAY
  AND "at" <= TIMESTAMP '2026-11-01 00:00:00';

-- metric: buyer_retention
SELECT 100.0 * (SELECT count(DISTINCT contact_id) FROM events
                WHERE type = 'purchase'
                  AND "at" > TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 30 DAY
                  AND "at" <= TIMESTAMP '2026-11-01 00:00:00')
       / (SELECT count(*) FROM contacts) AS value;

-- metric: hot_lead_share_by_plan
SELECT c.plan, 100.0 * count(*) FILTER (WHERE
         least(5 * coalesce(ev.opens, 0), 30)
         + least(10 * coalesce(ev.clicks, 0), 30)
         + CASE WHEN ev.pricing THEN 20 ELSE 0 END
         + CASE WHEN c.company_size >= 100 THEN 15 ELSE 0 END
         + CASE WHEN c.last_seen_at < TIMESTAMP '2026-11-01 00:00:00' - INTERVAL 60 DAY
                THEN -10 ELSE 0 END >= 40) / count(*) AS value
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
GROUP BY c.plan;
