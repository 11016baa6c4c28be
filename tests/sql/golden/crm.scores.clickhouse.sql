-- score lead_score
SELECT id AS contact_key,
  greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.) AS lead_score
FROM (
SELECT id, company_size, last_seen_at, e_email_open_a0, e_email_click_a0, e_page_view_a0
FROM (
SELECT id, company_size, last_seen_at, e_email_open_a0, e_email_click_a0
FROM (
SELECT id, company_size, last_seen_at, e_email_open_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_open_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_email_open_a0
    FROM event_email_open
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_click_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_email_click_a0
    FROM event_email_click
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_page_view_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_page_view_a0
    FROM event_page_view
    WHERE "at" > toInt64(1792281600000000) AND "at" <= toInt64(1793491200000000) AND ifNull((url = '/pricing'), 0)
    GROUP BY contact_key
  )
) USING id
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- score engagement
SELECT id AS contact_key,
  (((((3. * coalesce(e_page_view_a0, 0.)) + (8. * coalesce(e_email_click_a0, 0.))) + (2. * coalesce(e_email_open_a0, 0.))) + (5. * coalesce(e_page_view_a1, 0.))) + (25. * coalesce(e_purchase_a0, 0.))) AS engagement
FROM (
SELECT id, e_purchase_a0, e_email_open_a0, e_email_click_a0, e_page_view_a0, e_page_view_a1
FROM (
SELECT id, e_purchase_a0, e_email_open_a0, e_email_click_a0
FROM (
SELECT id, e_purchase_a0, e_email_open_a0
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_purchase_a0
    FROM event_purchase
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_open_a0 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_email_open_a0
    FROM event_email_open
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_click_a0 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_email_click_a0
    FROM event_email_click
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_page_view_a0, e_page_view_a1 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_page_view_a0,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), ifNull(startsWith(url, '/docs'), 0))))) AS e_page_view_a1
    FROM event_page_view
    GROUP BY contact_key
  )
) USING id
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';
