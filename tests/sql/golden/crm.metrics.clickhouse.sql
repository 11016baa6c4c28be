-- metric contacts
SELECT toInt64(count()) AS seg_contacts,
  toInt64(count()) AS contacts
FROM (
  SELECT id AS contact_key
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric opted_in
SELECT toInt64(count()) AS seg_contacts,
  toInt64(countIf(ifNull(seg_x0, 0) != 0)) AS opted_in
FROM (
  SELECT id AS contact_key,
    email_opt_in AS seg_x0
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric contacts_by_lifecycle
SELECT arrayElement(['churned', 'at_risk', 'new', 'active', 'dormant'], seg_k0 + 1) AS lifecycle, toInt64(count()) AS seg_contacts,
  toInt64(count()) AS contacts_by_lifecycle
FROM (
  SELECT id AS contact_key,
    multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4)) AS seg_k0
  FROM (
  SELECT id, signup_at, last_seen_at, e_page_view_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_page_view_a0 FROM (
      SELECT contact_key,
        toInt64(count()) AS e_page_view_a0
      FROM event_page_view
      WHERE "at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000)
      GROUP BY contact_key
    )
  ) USING id
  )
)
GROUP BY seg_k0
ORDER BY seg_k0
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric hot_lead_share_by_country
SELECT seg_k0 AS country, toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS hot_lead_share_by_country
FROM (
  SELECT id AS contact_key,
    country AS seg_k0,
    (((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 40.)) AS seg_x0
  FROM (
  SELECT id, country, company_size, last_seen_at, e_email_open_a0, e_email_click_a0, e_page_view_a0
  FROM (
  SELECT id, country, company_size, last_seen_at, e_email_open_a0, e_email_click_a0
  FROM (
  SELECT id, country, company_size, last_seen_at, e_email_open_a0
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
)
GROUP BY seg_k0
ORDER BY seg_k0
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric nps
SELECT toInt64(count()) AS seg_contacts,
  ((100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) - (100. * toFloat64(toInt64(countIf(ifNull(seg_x1, 0) != 0))) / toFloat64(nullIf(count(seg_x1), 0)))) AS nps
FROM (
  SELECT id AS contact_key,
    (nps >= toInt64(9)) AS seg_x0,
    (nps <= toInt64(6)) AS seg_x1
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric nps_by_plan
SELECT seg_k0 AS plan, toInt64(count()) AS seg_contacts,
  ((100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) - (100. * toFloat64(toInt64(countIf(ifNull(seg_x1, 0) != 0))) / toFloat64(nullIf(count(seg_x1), 0)))) AS nps_by_plan
FROM (
  SELECT id AS contact_key,
    plan AS seg_k0,
    (nps >= toInt64(9)) AS seg_x0,
    (nps <= toInt64(6)) AS seg_x1
  FROM contacts
)
GROUP BY seg_k0
ORDER BY seg_k0
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric nps_by_plan_device
SELECT seg_k0 AS plan, seg_k1 AS device, toInt64(count()) AS seg_contacts,
  ((100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) - (100. * toFloat64(toInt64(countIf(ifNull(seg_x1, 0) != 0))) / toFloat64(nullIf(count(seg_x1), 0)))) AS nps_by_plan_device
FROM (
  SELECT id AS contact_key,
    plan AS seg_k0,
    device AS seg_k1,
    (nps >= toInt64(9)) AS seg_x0,
    (nps <= toInt64(6)) AS seg_x1
  FROM contacts
)
GROUP BY seg_k0, seg_k1
ORDER BY seg_k0, seg_k1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric nps_response_rate
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS nps_response_rate
FROM (
  SELECT id AS contact_key,
    (nps IS NOT NULL) AS seg_x0
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric nps_median
SELECT toInt64(count()) AS seg_contacts,
  if(count(seg_x0) = 0, NULL, if(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.5)), toFloat64(count(seg_x0)) - 1.) = floor(((toFloat64(count(seg_x0)) - 1.) * 0.5)), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) + 1), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) + 1) + (((toFloat64(count(seg_x0)) - 1.) * 0.5) - floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) * (arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.5)), toFloat64(count(seg_x0)) - 1.)) + 1) - arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) + 1)))) AS nps_median
FROM (
  SELECT id AS contact_key,
    nps AS seg_x0
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric nps_p25
SELECT toInt64(count()) AS seg_contacts,
  if(count(seg_x0) = 0, NULL, if(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.25)), toFloat64(count(seg_x0)) - 1.) = floor(((toFloat64(count(seg_x0)) - 1.) * 0.25)), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.25))) + 1), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.25))) + 1) + (((toFloat64(count(seg_x0)) - 1.) * 0.25) - floor(((toFloat64(count(seg_x0)) - 1.) * 0.25))) * (arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.25)), toFloat64(count(seg_x0)) - 1.)) + 1) - arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.25))) + 1)))) AS nps_p25
FROM (
  SELECT id AS contact_key,
    nps AS seg_x0
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric repeat_purchase
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS repeat_purchase
FROM (
  SELECT id AS contact_key,
    (coalesce(e_purchase_a0, 0) >= toInt64(2)) AS seg_x0
  FROM (
  SELECT id, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        toInt64(count()) AS e_purchase_a0
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric trial_conversion
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS trial_conversion
FROM (
  SELECT id AS contact_key,
    (((plan = 'trial') AND (last_seen_at < toInt64(1790899200000000)))) AS seg_for,
    (coalesce(e_purchase_a0, 0) > 0) AS seg_x0
  FROM (
  SELECT id, plan, last_seen_at, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        toInt64(count()) AS e_purchase_a0
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric revenue_365d
SELECT toInt64(count()) AS seg_contacts,
  arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf((contact_key, ifNull(seg_x0, 0)), isNotNull(seg_x0))))) AS revenue_365d
FROM (
  SELECT id AS contact_key,
    coalesce(e_purchase_a0, 0.) AS seg_x0
  FROM (
  SELECT id, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0
      FROM event_purchase
      WHERE "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000)
      GROUP BY contact_key
    )
  ) USING id
  )
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric average_order_value
SELECT toInt64(count()) AS seg_contacts,
  (toFloat64(arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf((contact_key, ifNull(seg_x0, 0)), isNotNull(seg_x0)))))) / nullIf(toFloat64(coalesce(toInt64(sum(seg_x1)), toInt64(0))), 0.)) AS average_order_value
FROM (
  SELECT id AS contact_key,
    coalesce(e_purchase_a0, 0.) AS seg_x0,
    coalesce(e_purchase_a1, 0) AS seg_x1
  FROM (
  SELECT id, e_purchase_a0, e_purchase_a1
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0, e_purchase_a1 FROM (
      SELECT contact_key,
        arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0,
        toInt64(count()) AS e_purchase_a1
      FROM event_purchase
      WHERE "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000)
      GROUP BY contact_key
    )
  ) USING id
  )
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric click_through_rate
SELECT toInt64(count()) AS seg_contacts,
  (toFloat64(coalesce(toInt64(sum(seg_x0)), toInt64(0))) / nullIf(toFloat64(coalesce(toInt64(sum(seg_x1)), toInt64(0))), 0.)) AS click_through_rate
FROM (
  SELECT id AS contact_key,
    coalesce(e_email_click_a0, 0) AS seg_x0,
    coalesce(e_email_open_a0, 0) AS seg_x1
  FROM (
  SELECT id, e_email_open_a0, e_email_click_a0
  FROM (
  SELECT id, e_email_open_a0
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
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric avg_ltv_vip
SELECT toInt64(count()) AS seg_contacts,
  (arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf((contact_key, ifNull(toFloat64(seg_x0), 0)), isNotNull(seg_x0))))) / toFloat64(nullIf(count(seg_x0), 0))) AS avg_ltv_vip
FROM (
  SELECT id AS contact_key,
    ((((coalesce(e_purchase_a0, 0.) > 1000.)) AND (NOT (((plan = 'trial') AND (last_seen_at < toInt64(1790899200000000))))))) AS seg_for,
    lifetime_value AS seg_x0
  FROM (
  SELECT id, plan, last_seen_at, lifetime_value, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0
      FROM event_purchase
      WHERE "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000)
      GROUP BY contact_key
    )
  ) USING id
  )
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric median_ltv_by_plan
SELECT seg_k0 AS plan, toInt64(count()) AS seg_contacts,
  if(count(seg_x0) = 0, NULL, if(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.5)), toFloat64(count(seg_x0)) - 1.) = floor(((toFloat64(count(seg_x0)) - 1.) * 0.5)), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) + 1), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) + 1) + (((toFloat64(count(seg_x0)) - 1.) * 0.5) - floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) * (arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.5)), toFloat64(count(seg_x0)) - 1.)) + 1) - arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.5))) + 1)))) AS median_ltv_by_plan
FROM (
  SELECT id AS contact_key,
    plan AS seg_k0,
    lifetime_value AS seg_x0
  FROM contacts
)
GROUP BY seg_k0
ORDER BY seg_k0
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric ltv_p90
SELECT toInt64(count()) AS seg_contacts,
  if(count(seg_x0) = 0, NULL, if(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.9)), toFloat64(count(seg_x0)) - 1.) = floor(((toFloat64(count(seg_x0)) - 1.) * 0.9)), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.9))) + 1), arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.9))) + 1) + (((toFloat64(count(seg_x0)) - 1.) * 0.9) - floor(((toFloat64(count(seg_x0)) - 1.) * 0.9))) * (arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(least(ceil(((toFloat64(count(seg_x0)) - 1.) * 0.9)), toFloat64(count(seg_x0)) - 1.)) + 1) - arrayElement(arraySort(groupArrayIf(toFloat64(ifNull(seg_x0, 0)), isNotNull(seg_x0))), toUInt64(floor(((toFloat64(count(seg_x0)) - 1.) * 0.9))) + 1)))) AS ltv_p90
FROM (
  SELECT id AS contact_key,
    lifetime_value AS seg_x0
  FROM contacts
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric top_quintile_ltv
SELECT toInt64(count()) AS seg_contacts,
  (arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf((contact_key, ifNull(toFloat64(seg_x0), 0)), isNotNull(seg_x0))))) / toFloat64(nullIf(count(seg_x0), 0))) AS top_quintile_ltv
FROM (
  SELECT id AS contact_key,
    (ntile_0 = toInt64(5)) AS seg_for,
    lifetime_value AS seg_x0
  FROM (
  SELECT id, lifetime_value, ntile_0
  FROM contacts
  ANY LEFT JOIN (
    SELECT id, bucket AS ntile_0
    FROM (SELECT id, isNaN(assumeNotNull(x)) AS n, if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.) AS v FROM (SELECT id, lifetime_value AS x FROM contacts) WHERE isNotNull(x))
    ANY LEFT JOIN (SELECT tupleElement(t, 1) AS n, tupleElement(t, 2) AS v, toInt64(least(5, 1 + intDiv(5 * l, total))) AS bucket FROM (SELECT arraySort(groupArray((n, v, c))) AS s, arraySum(arrayMap(u -> tupleElement(u, 3), s)) AS total FROM (SELECT n, v, count() AS c FROM (SELECT id, isNaN(assumeNotNull(x)) AS n, if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.) AS v FROM (SELECT id, lifetime_value AS x FROM contacts) WHERE isNotNull(x)) GROUP BY n, v)) ARRAY JOIN s AS t, arrayMap((running, u) -> running - tupleElement(u, 3), arrayCumSum(arrayMap(u -> tupleElement(u, 3), s)), s) AS l) USING n, v
  ) USING id
  )
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric avg_lead_score_by_plan
SELECT seg_k0 AS plan, toInt64(count()) AS seg_contacts,
  (arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf((contact_key, ifNull(toFloat64(seg_x0), 0)), isNotNull(seg_x0))))) / toFloat64(nullIf(count(seg_x0), 0))) AS avg_lead_score_by_plan
FROM (
  SELECT id AS contact_key,
    plan AS seg_k0,
    (greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) AS seg_x0
  FROM (
  SELECT id, company_size, plan, last_seen_at, e_email_open_a0, e_email_click_a0, e_page_view_a0
  FROM (
  SELECT id, company_size, plan, last_seen_at, e_email_open_a0, e_email_click_a0
  FROM (
  SELECT id, company_size, plan, last_seen_at, e_email_open_a0
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
)
GROUP BY seg_k0
ORDER BY seg_k0
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric churn_rate
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS churn_rate
FROM (
  SELECT id AS contact_key,
    ((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0)) AS seg_x0
  FROM (
  SELECT id, signup_at, last_seen_at, e_page_view_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_page_view_a0 FROM (
      SELECT contact_key,
        toInt64(count()) AS e_page_view_a0
      FROM event_page_view
      WHERE "at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000)
      GROUP BY contact_key
    )
  ) USING id
  )
)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric churn_rate_by_plan
SELECT seg_k0 AS plan, toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS churn_rate_by_plan
FROM (
  SELECT id AS contact_key,
    plan AS seg_k0,
    ((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0)) AS seg_x0
  FROM (
  SELECT id, plan, signup_at, last_seen_at, e_page_view_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_page_view_a0 FROM (
      SELECT contact_key,
        toInt64(count()) AS e_page_view_a0
      FROM event_page_view
      WHERE "at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000)
      GROUP BY contact_key
    )
  ) USING id
  )
)
GROUP BY seg_k0
ORDER BY seg_k0
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric retention_30d
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS retention_30d
FROM (
  SELECT id AS contact_key,
    ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) >= toInt64(30)) AS seg_for,
    (last_seen_at > toInt64(1790899200000000)) AS seg_x0
  FROM contacts
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric buyer_retention
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS buyer_retention
FROM (
  SELECT id AS contact_key,
    (coalesce(e_purchase_a0, 0) > 0) AS seg_for,
    (coalesce(e_purchase_a1, 0) > 0) AS seg_x0
  FROM (
  SELECT id, e_purchase_a0, e_purchase_a1
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0, e_purchase_a1 FROM (
      SELECT contact_key,
        toInt64(countIf(ifNull((("at" > toInt64(1788307200000000)) AND ("at" <= toInt64(1790899200000000))), 0))) AS e_purchase_a0,
        toInt64(countIf("at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a1
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric pricing_conversion
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS pricing_conversion
FROM (
  SELECT id AS contact_key,
    (coalesce(e_page_view_a0, 0) > 0) AS seg_for,
    (coalesce(seq_0, 0) = 1) AS seg_x0
  FROM (
  SELECT id, e_page_view_a0, seq_0
  FROM (
  SELECT id, e_page_view_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_page_view_a0 FROM (
      SELECT contact_key,
        toInt64(count()) AS e_page_view_a0
      FROM event_page_view
      WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000) AND ifNull((url = '/pricing'), 0)
      GROUP BY contact_key
    )
  ) USING id
  )
  ANY LEFT JOIN (
    SELECT contact_key AS id, seq_0 FROM (
      SELECT contact_key, toUInt8(arrayExists((p, i, others) -> tupleElement(p, 2) AND arrayExists((q, j) -> j != i AND tupleElement(q, 3) AND tupleElement(q, 1) >= tupleElement(p, 1) AND tupleElement(q, 1) <= tupleElement(p, 1) + toInt64(604800000000), others, arrayEnumerate(others)), seg_events, arrayEnumerate(seg_events), replicate(seg_events, seg_events))) AS seq_0
      FROM (SELECT contact_key, groupArray(("at", seg_c1, seg_c2)) AS seg_events FROM (SELECT contact_key, "at", toUInt8(ifNull((url = '/pricing'), 0)) AS seg_c1, toUInt8(0) AS seg_c2 FROM event_page_view UNION ALL SELECT contact_key, "at", toUInt8(0) AS seg_c1, toUInt8(1) AS seg_c2 FROM event_purchase) GROUP BY contact_key)
    )
  ) USING id
  )
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- metric paid_conversion_90d
SELECT toInt64(count()) AS seg_contacts,
  (100. * toFloat64(toInt64(countIf(ifNull(seg_x0, 0) != 0))) / toFloat64(nullIf(count(seg_x0), 0))) AS paid_conversion_90d
FROM (
  SELECT id AS contact_key,
    (signup_at > toInt64(1785715200000000)) AS seg_for,
    toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((plan = 'pro')) * 2, 1), ifNull(toUInt8((plan = 'enterprise')) * 2, 1)), 1), 2)) AS seg_x0
  FROM contacts
)
WHERE ifNull(seg_for, 0) = 1
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';
