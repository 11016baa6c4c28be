-- queries.clickhouse.sql - bench/peers/segments.seg written by hand for ClickHouse 18.16 over
-- the tables of `seg sql --ddl --dialect clickhouse` (timestamps as Int64 µs since 1970),
-- each statement returning members and id_sum. 18.16 has no window functions and one JOIN
-- per SELECT; ntile's L (the contacts strictly below) comes from sorted counts.
-- now = 1793491200000000 (2026-11-01T00:00:00Z); a day is 86400000000 µs.

-- segment: ny_women_25_45
SELECT count() AS members, sum(id) AS id_sum FROM contacts
WHERE city = 'New York' AND gender = 'female' AND age >= 25 AND age <= 45;

-- segment: recent_buyers
SELECT count() AS members, sum(contact_key) AS id_sum
FROM (SELECT DISTINCT contact_key FROM event_purchase
      WHERE at > 1792886400000000 AND at <= 1793491200000000);

-- segment: social
SELECT count() AS members, sum(contact_key) AS id_sum
FROM (SELECT contact_key FROM event_friend_added GROUP BY contact_key HAVING count() >= 5);

-- segment: high_spenders
SELECT count() AS members, sum(contact_key) AS id_sum
FROM (SELECT contact_key FROM event_purchase
      WHERE at > 1761955200000000 AND at <= 1793491200000000
      GROUP BY contact_key HAVING sum(amount) > 1000);

-- segment: pricing_window
SELECT count() AS members, sum(contact_key) AS id_sum
FROM (SELECT contact_key FROM event_page_view
      WHERE url = '/pricing' AND at > 1792281600000000 AND at <= 1793491200000000
      GROUP BY contact_key HAVING count() >= 2)
WHERE contact_key NOT IN (SELECT contact_key FROM event_purchase
                          WHERE at > 1790899200000000 AND at <= 1793491200000000);

-- segment: hot_leads
SELECT count() AS members, sum(id) AS id_sum
FROM (
  SELECT id, company_size, last_seen_at, opens, clicks FROM (
    SELECT id, company_size, last_seen_at, opens FROM contacts
    ANY LEFT JOIN (SELECT contact_key AS id, count() AS opens FROM event_email_open
                   WHERE at > 1790899200000000 AND at <= 1793491200000000 GROUP BY contact_key) USING id)
  ANY LEFT JOIN (SELECT contact_key AS id, count() AS clicks FROM event_email_click
                 WHERE at > 1790899200000000 AND at <= 1793491200000000 GROUP BY contact_key) USING id)
WHERE least(5 * opens, 30) + least(10 * clicks, 30)
      + if(id IN (SELECT contact_key FROM event_page_view
                  WHERE url = '/pricing' AND at > 1792281600000000 AND at <= 1793491200000000), 20, 0)
      + if(company_size >= 100, 15, 0) + if(last_seen_at < 1788307200000000, -10, 0) >= 40;

-- segment: champions
SELECT count() AS members, sum(id) AS id_sum
FROM (
  SELECT id, nr, nf, nm FROM (
    SELECT id, nr, nf FROM (
      SELECT id, least(5, 1 + intDiv(5 * l, (SELECT uniqExact(contact_key) FROM event_purchase))) AS nr FROM (
        SELECT contact_key AS id, r FROM (SELECT contact_key, -intDiv(1793491200000000 - max(at), 86400000000) AS r FROM event_purchase GROUP BY contact_key))
      ANY LEFT JOIN (
        SELECT r, l FROM (SELECT arraySort(groupArray((r, c))) AS s
                          FROM (SELECT r, count() AS c FROM (SELECT contact_key, -intDiv(1793491200000000 - max(at), 86400000000) AS r FROM event_purchase GROUP BY contact_key) GROUP BY r))
        ARRAY JOIN arrayMap(t -> tupleElement(t, 1), s) AS r,
                   arrayMap((total, t) -> total - tupleElement(t, 2), arrayCumSum(arrayMap(t -> tupleElement(t, 2), s)), s) AS l)
      USING r)
    ANY LEFT JOIN (
      SELECT id, least(5, 1 + intDiv(5 * l, (SELECT count() FROM contacts))) AS nf FROM (
        SELECT id, f FROM (SELECT id FROM contacts)
        ANY LEFT JOIN (SELECT contact_key AS id, count() AS f FROM event_purchase GROUP BY contact_key) USING id)
      ANY LEFT JOIN (
        SELECT f, l FROM (SELECT arraySort(groupArray((f, c))) AS s FROM (
          SELECT f, count() AS c FROM (
            SELECT id, f FROM (SELECT id FROM contacts)
            ANY LEFT JOIN (SELECT contact_key AS id, count() AS f FROM event_purchase GROUP BY contact_key) USING id)
          GROUP BY f))
        ARRAY JOIN arrayMap(t -> tupleElement(t, 1), s) AS f,
                   arrayMap((total, t) -> total - tupleElement(t, 2), arrayCumSum(arrayMap(t -> tupleElement(t, 2), s)), s) AS l)
      USING f) USING id)
  ANY LEFT JOIN (
    SELECT id, least(5, 1 + intDiv(5 * l, (SELECT count() FROM contacts))) AS nm FROM (
      SELECT id, m FROM (SELECT id FROM contacts)
      ANY LEFT JOIN (SELECT contact_key AS id, sum(amount) AS m FROM event_purchase GROUP BY contact_key) USING id)
    ANY LEFT JOIN (
      SELECT m, l FROM (SELECT arraySort(groupArray((m, c))) AS s FROM (
        SELECT m, count() AS c FROM (
          SELECT id, m FROM (SELECT id FROM contacts)
          ANY LEFT JOIN (SELECT contact_key AS id, sum(amount) AS m FROM event_purchase GROUP BY contact_key) USING id)
        GROUP BY m))
      ARRAY JOIN arrayMap(t -> tupleElement(t, 1), s) AS m,
                 arrayMap((total, t) -> total - tupleElement(t, 2), arrayCumSum(arrayMap(t -> tupleElement(t, 2), s)), s) AS l)
    USING m) USING id)
WHERE nr >= 4 AND nf >= 4 AND nm >= 4;
