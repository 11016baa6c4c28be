-- segment ny_women_25_45
SELECT id AS contact_key
FROM contacts
WHERE toUInt8(intDiv(nullIf(least(ifNull(toUInt8(((city = 'New York') AND (gender = 'female'))) * 2, 1), ifNull(toUInt8(toUInt8(intDiv(nullIf(least(ifNull(toUInt8((age >= toInt64(25))) * 2, 1), ifNull(toUInt8((age <= toInt64(45))) * 2, 1)), 1), 2))) * 2, 1)), 1), 2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment under_30
SELECT id AS contact_key
FROM contacts
WHERE (age < toInt64(30))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment age_unknown
SELECT id AS contact_key
FROM contacts
WHERE (age IS NULL)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment dach
SELECT id AS contact_key
FROM contacts
WHERE toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8(toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((country = 'DE')) * 2, 1), ifNull(toUInt8((country = 'AT')) * 2, 1)), 1), 2))) * 2, 1), ifNull(toUInt8((country = 'CH')) * 2, 1)), 1), 2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment meetup_cities
SELECT id AS contact_key
FROM contacts
WHERE toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8(toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((city = 'London')) * 2, 1), ifNull(toUInt8((city = 'Paris')) * 2, 1)), 1), 2))) * 2, 1), ifNull(toUInt8((city = 'Berlin')) * 2, 1)), 1), 2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment big_b2b
SELECT id AS contact_key
FROM contacts
WHERE ((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment smb
SELECT id AS contact_key
FROM contacts
WHERE ((company_size >= toInt64(10)) AND (company_size <= toInt64(99)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment enterprise_accounts
SELECT id AS contact_key
FROM contacts
WHERE ((plan = 'enterprise') OR (company_size >= toInt64(1000)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment freemail
SELECT id AS contact_key
FROM contacts
WHERE (endsWith(lower(email), '@gmail.com') OR endsWith(lower(email), '@yahoo.com'))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment mobile_users
SELECT id AS contact_key
FROM contacts
WHERE (device = 'mobile')
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment new_mobile
SELECT id AS contact_key
FROM contacts
WHERE (((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)) AND (device = 'mobile'))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment recent_buyers
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_purchase_a0
    FROM event_purchase
    WHERE "at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_purchase_a0, 0) > 0)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment repeat_buyers
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_purchase_a0
    FROM event_purchase
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_purchase_a0, 0) >= toInt64(2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment social
SELECT id AS contact_key
FROM (
SELECT id, e_friend_added_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_friend_added_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_friend_added_a0
    FROM event_friend_added
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_friend_added_a0, 0) >= toInt64(5))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment email_engaged
SELECT id AS contact_key
FROM (
SELECT id, e_email_open_a0, e_email_click_a0
FROM (
SELECT id, e_email_open_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_email_open_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_email_open_a0
    FROM event_email_open
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
ANY INNER JOIN (
  SELECT contact_key AS id, e_email_click_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_email_click_a0
    FROM event_email_click
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE ((coalesce(e_email_open_a0, 0) >= toInt64(3)) AND (coalesce(e_email_click_a0, 0) > 0))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment email_dormant
SELECT id AS contact_key
FROM (
SELECT id, email_opt_in, e_email_open_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_open_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_email_open_a0
    FROM event_email_open
    WHERE "at" > toInt64(1785715200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (email_opt_in AND (NOT (coalesce(e_email_open_a0, 0) > 0)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment black_friday_clickers
SELECT id AS contact_key
FROM (
SELECT id, e_email_click_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_email_click_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_email_click_a0
    FROM event_email_click
    WHERE ifNull(startsWith(campaign, 'black-friday'), 0)
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_email_click_a0, 0) > 0)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment pricing_window
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0, e_page_view_a0
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_purchase_a0
    FROM event_purchase
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
ANY INNER JOIN (
  SELECT contact_key AS id, e_page_view_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_page_view_a0
    FROM event_page_view
    WHERE "at" > toInt64(1792281600000000) AND "at" <= toInt64(1793491200000000) AND ifNull((url = '/pricing'), 0)
    GROUP BY contact_key
  )
) USING id
)
WHERE ((coalesce(e_page_view_a0, 0) >= toInt64(2)) AND (NOT (coalesce(e_purchase_a0, 0) > 0)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment cart_abandoners
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0, e_cart_abandoned_a0
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_purchase_a0
    FROM event_purchase
    WHERE "at" > toInt64(1793232000000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
ANY INNER JOIN (
  SELECT contact_key AS id, e_cart_abandoned_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_cart_abandoned_a0
    FROM event_cart_abandoned
    WHERE "at" > toInt64(1793232000000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE ((coalesce(e_cart_abandoned_a0, 0) > 0) AND (NOT (coalesce(e_purchase_a0, 0) > 0)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment power_users
SELECT id AS contact_key
FROM (
SELECT id, e_page_view_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_page_view_a0 FROM (
    SELECT contact_key,
      toInt64(uniqExactIf((intDiv("at", toInt64(86400000000)) - if(modulo("at", toInt64(86400000000)) < 0, 1, 0)), 1)) AS e_page_view_a0
    FROM event_page_view
    WHERE "at" > toInt64(1791072000000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_page_view_a0, 0) >= toInt64(10))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment inactive_trial
SELECT id AS contact_key
FROM contacts
WHERE ((plan = 'trial') AND (last_seen_at < toInt64(1790899200000000)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment trial_ending
SELECT id AS contact_key
FROM contacts
WHERE toUInt8(intDiv(nullIf(least(ifNull(toUInt8((plan = 'trial')) * 2, 1), ifNull(toUInt8((trial_days_left <= toInt64(3))) * 2, 1)), 1), 2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment pricing_to_purchase
SELECT id AS contact_key
FROM (
SELECT id, seq_0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, seq_0 FROM (
    SELECT contact_key, toUInt8(arrayExists((p, i, others) -> tupleElement(p, 2) AND arrayExists((q, j) -> j != i AND tupleElement(q, 3) AND tupleElement(q, 1) >= tupleElement(p, 1) AND tupleElement(q, 1) <= tupleElement(p, 1) + toInt64(172800000000), others, arrayEnumerate(others)), seg_events, arrayEnumerate(seg_events), replicate(seg_events, seg_events))) AS seq_0
    FROM (SELECT contact_key, groupArray(("at", seg_c1, seg_c2)) AS seg_events FROM (SELECT contact_key, "at", toUInt8(ifNull((url = '/pricing'), 0)) AS seg_c1, toUInt8(0) AS seg_c2 FROM event_page_view UNION ALL SELECT contact_key, "at", toUInt8(0) AS seg_c1, toUInt8(1) AS seg_c2 FROM event_purchase) GROUP BY contact_key)
  )
) USING id
)
WHERE (coalesce(seq_0, 0) = 1)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment click_then_buy
SELECT id AS contact_key
FROM (
SELECT id, seq_0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, seq_0 FROM (
    SELECT contact_key, toUInt8(arrayExists((p, i, others) -> tupleElement(p, 2) AND arrayExists((q, j) -> j != i AND tupleElement(q, 3) AND tupleElement(q, 1) >= tupleElement(p, 1) AND tupleElement(q, 1) <= tupleElement(p, 1) + toInt64(86400000000), others, arrayEnumerate(others)), seg_events, arrayEnumerate(seg_events), replicate(seg_events, seg_events))) AS seq_0
    FROM (SELECT contact_key, groupArray(("at", seg_c1, seg_c2)) AS seg_events FROM (SELECT contact_key, "at", toUInt8(1) AS seg_c1, toUInt8(0) AS seg_c2 FROM event_email_click UNION ALL SELECT contact_key, "at", toUInt8(0) AS seg_c1, toUInt8(1) AS seg_c2 FROM event_purchase) GROUP BY contact_key)
  )
) USING id
)
WHERE (coalesce(seq_0, 0) = 1)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment support_heavy
SELECT id AS contact_key
FROM (
SELECT id, e_support_ticket_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_support_ticket_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_support_ticket_a0
    FROM event_support_ticket
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_support_ticket_a0, 0) >= toInt64(3))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment q1_2026_buyers
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_purchase_a0
    FROM event_purchase
    WHERE ifNull((("at" >= toInt64(1767225600000000)) AND ("at" < toInt64(1775001600000000))), 0)
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_purchase_a0, 0) > 0)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment lapsed_buyers
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0, e_purchase_a1
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0, e_purchase_a1 FROM (
    SELECT contact_key,
      toInt64(countIf(ifNull(("at" <= toInt64(1777939200000000)), 0))) AS e_purchase_a0,
      toInt64(countIf("at" > toInt64(1777939200000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a1
    FROM event_purchase
    GROUP BY contact_key
  )
) USING id
)
WHERE ((coalesce(e_purchase_a0, 0) > 0) AND (NOT (coalesce(e_purchase_a1, 0) > 0)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment weekend_shoppers
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      if(countIf(1) = 0, NULL, maxIf("at", 1)) AS e_purchase_a0
    FROM event_purchase
    GROUP BY contact_key
  )
) USING id
)
WHERE (arrayElement(arrayMap(d -> (d - (intDiv(d, toInt64(7)) - if(modulo(d, toInt64(7)) < 0, 1, 0)) * 7 + 1), [toInt64(((intDiv(e_purchase_a0, toInt64(86400000000)) - if(modulo(e_purchase_a0, toInt64(86400000000)) < 0, 1, 0)) + 3))]), 1) >= toInt64(6))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment high_spenders
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0
    FROM event_purchase
    WHERE "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (coalesce(e_purchase_a0, 0.) > 1000.)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment big_baskets
SELECT id AS contact_key
FROM (
SELECT id, e_purchase_a0, e_purchase_a1
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0, e_purchase_a1 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", toFloat64(amount)), 1)))) AS e_purchase_a0,
      toInt64(countIf(1)) AS e_purchase_a1
    FROM event_purchase
    WHERE "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE ((e_purchase_a0 / nullIf(e_purchase_a1, 0)) >= 150.)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment high_ltv
SELECT id AS contact_key
FROM contacts
WHERE (lifetime_value >= 5000.)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment champions
SELECT id AS contact_key
FROM (
SELECT id, ntile_0, ntile_1, ntile_2
FROM (
SELECT id, ntile_0, ntile_1
FROM (
SELECT id, ntile_0
FROM contacts
ANY LEFT JOIN (
  SELECT id, bucket AS ntile_0
  FROM (SELECT id, isNaN(assumeNotNull(x)) AS n, if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.) AS v FROM (SELECT id, coalesce(e_purchase_a0, 0.) AS x FROM (
  SELECT id, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )) WHERE isNotNull(x))
  ANY LEFT JOIN (SELECT tupleElement(t, 1) AS n, tupleElement(t, 2) AS v, toInt64(least(5, 1 + intDiv(5 * l, total))) AS bucket FROM (SELECT arraySort(groupArray((n, v, c))) AS s, arraySum(arrayMap(u -> tupleElement(u, 3), s)) AS total FROM (SELECT n, v, count() AS c FROM (SELECT id, isNaN(assumeNotNull(x)) AS n, if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.) AS v FROM (SELECT id, coalesce(e_purchase_a0, 0.) AS x FROM (
  SELECT id, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )) WHERE isNotNull(x)) GROUP BY n, v)) ARRAY JOIN s AS t, arrayMap((running, u) -> running - tupleElement(u, 3), arrayCumSum(arrayMap(u -> tupleElement(u, 3), s)), s) AS l) USING n, v
) USING id
)
ANY LEFT JOIN (
  SELECT id, bucket AS ntile_1
  FROM (SELECT id, toUInt8(0) AS n, assumeNotNull(x) AS v FROM (SELECT id, coalesce(e_purchase_a0, 0) AS x FROM (
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
  )) WHERE isNotNull(x))
  ANY LEFT JOIN (SELECT tupleElement(t, 1) AS n, tupleElement(t, 2) AS v, toInt64(least(5, 1 + intDiv(5 * l, total))) AS bucket FROM (SELECT arraySort(groupArray((n, v, c))) AS s, arraySum(arrayMap(u -> tupleElement(u, 3), s)) AS total FROM (SELECT n, v, count() AS c FROM (SELECT id, toUInt8(0) AS n, assumeNotNull(x) AS v FROM (SELECT id, coalesce(e_purchase_a0, 0) AS x FROM (
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
  )) WHERE isNotNull(x)) GROUP BY n, v)) ARRAY JOIN s AS t, arrayMap((running, u) -> running - tupleElement(u, 3), arrayCumSum(arrayMap(u -> tupleElement(u, 3), s)), s) AS l) USING n, v
) USING id
)
ANY LEFT JOIN (
  SELECT id, bucket AS ntile_2
  FROM (SELECT id, toUInt8(0) AS n, assumeNotNull(x) AS v FROM (SELECT id, (- (intDiv((toInt64(1793491200000000) - e_purchase_a0), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - e_purchase_a0), toInt64(86400000000)) < 0, 1, 0))) AS x FROM (
  SELECT id, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        if(countIf(1) = 0, NULL, maxIf("at", 1)) AS e_purchase_a0
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )) WHERE isNotNull(x))
  ANY LEFT JOIN (SELECT tupleElement(t, 1) AS n, tupleElement(t, 2) AS v, toInt64(least(5, 1 + intDiv(5 * l, total))) AS bucket FROM (SELECT arraySort(groupArray((n, v, c))) AS s, arraySum(arrayMap(u -> tupleElement(u, 3), s)) AS total FROM (SELECT n, v, count() AS c FROM (SELECT id, toUInt8(0) AS n, assumeNotNull(x) AS v FROM (SELECT id, (- (intDiv((toInt64(1793491200000000) - e_purchase_a0), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - e_purchase_a0), toInt64(86400000000)) < 0, 1, 0))) AS x FROM (
  SELECT id, e_purchase_a0
  FROM contacts
  ANY LEFT JOIN (
    SELECT contact_key AS id, e_purchase_a0 FROM (
      SELECT contact_key,
        if(countIf(1) = 0, NULL, maxIf("at", 1)) AS e_purchase_a0
      FROM event_purchase
      GROUP BY contact_key
    )
  ) USING id
  )) WHERE isNotNull(x)) GROUP BY n, v)) ARRAY JOIN s AS t, arrayMap((running, u) -> running - tupleElement(u, 3), arrayCumSum(arrayMap(u -> tupleElement(u, 3), s)), s) AS l) USING n, v
) USING id
)
WHERE toUInt8(intDiv(nullIf(least(ifNull(toUInt8(toUInt8(intDiv(nullIf(least(ifNull(toUInt8((ntile_2 >= toInt64(4))) * 2, 1), ifNull(toUInt8((ntile_1 >= toInt64(4))) * 2, 1)), 1), 2))) * 2, 1), ifNull(toUInt8((ntile_0 >= toInt64(4))) * 2, 1)), 1), 2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment vip
SELECT id AS contact_key
FROM (
SELECT id, plan, last_seen_at, e_purchase_a0
FROM contacts
ANY INNER JOIN (
  SELECT contact_key AS id, e_purchase_a0 FROM (
    SELECT contact_key,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), 1)))) AS e_purchase_a0
    FROM event_purchase
    WHERE "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (((coalesce(e_purchase_a0, 0.) > 1000.)) AND (NOT (((plan = 'trial') AND (last_seen_at < toInt64(1790899200000000))))))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- partition lifecycle
SELECT id AS contact_key, arrayElement(['churned', 'at_risk', 'new', 'active', 'dormant'], (multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) + 1) AS branch
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
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment at_risk_pro
SELECT id AS contact_key
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
WHERE (((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) = toInt64(1)) AND (plan = 'pro'))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment win_back
SELECT id AS contact_key
FROM (
SELECT id, signup_at, last_seen_at, lifetime_value, e_page_view_a0
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
WHERE (((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0)) AND (lifetime_value >= 500.))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment onboarding_nudge
SELECT id AS contact_key
FROM (
SELECT id, signup_at, last_seen_at, e_page_view_a0, e_form_submit_a0
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
ANY LEFT JOIN (
  SELECT contact_key AS id, e_form_submit_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_form_submit_a0
    FROM event_form_submit
    GROUP BY contact_key
  )
) USING id
)
WHERE (((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) = toInt64(2)) AND (NOT (coalesce(e_form_submit_a0, 0) > 0)))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment promoters
SELECT id AS contact_key
FROM contacts
WHERE (nps >= toInt64(9))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment detractors
SELECT id AS contact_key
FROM contacts
WHERE (nps <= toInt64(6))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment upsell_targets
SELECT id AS contact_key
FROM (
SELECT id, company_size, industry, plan, nps, e_purchase_a0
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
WHERE toUInt8(intDiv(nullIf(least(ifNull(toUInt8(((plan = 'pro') AND ((((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2)))) OR ((coalesce(e_purchase_a0, 0.) > 1000.))))) * 2, 1), ifNull(toUInt8(toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((nps IS NULL)) * 2, 1), ifNull(toUInt8((nps >= toInt64(7))) * 2, 1)), 1), 2))) * 2, 1)), 1), 2))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment newsletter
SELECT id AS contact_key
FROM (
SELECT id, signup_at, last_seen_at, email_opt_in, e_page_view_a0
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
WHERE (email_opt_in AND (NOT ((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a0, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0))))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment case_study_candidates
SELECT id AS contact_key
FROM (
SELECT id, company_size, industry, plan, nps, e_support_ticket_a0
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_support_ticket_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_support_ticket_a0
    FROM event_support_ticket
    WHERE "at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (((ifNull((nps >= toInt64(9)), 0)) AND ((((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2)))) OR (((plan = 'enterprise') OR (company_size >= toInt64(1000)))))) AND (NOT ((coalesce(e_support_ticket_a0, 0) >= toInt64(3)))))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment hot_leads
SELECT id AS contact_key
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
WHERE ((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 40.)
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment warm_leads
SELECT id AS contact_key
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
WHERE (((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 20.) AND ((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) < 40.))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment sales_ready
SELECT id AS contact_key
FROM (
SELECT id, company_size, industry, signup_at, last_seen_at, e_email_open_a0, e_email_click_a0, e_page_view_a0, e_page_view_a1
FROM (
SELECT id, company_size, industry, signup_at, last_seen_at, e_email_open_a0, e_email_click_a0
FROM (
SELECT id, company_size, industry, signup_at, last_seen_at, e_email_open_a0
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
  SELECT contact_key AS id, e_page_view_a0, e_page_view_a1 FROM (
    SELECT contact_key,
      toInt64(countIf(ifNull((url = '/pricing'), 0))) AS e_page_view_a0,
      toInt64(countIf("at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000))) AS e_page_view_a1
    FROM event_page_view
    WHERE "at" > toInt64(1792281600000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
WHERE (((((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 40.)) AND (((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2))))) AND (NOT ((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a1, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0))))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment cooling_valuable
SELECT id AS contact_key
FROM (
SELECT id, lifetime_value, e_purchase_a0, e_email_open_a0, e_email_click_a0, e_page_view_a0, e_page_view_a1
FROM (
SELECT id, lifetime_value, e_purchase_a0, e_email_open_a0, e_email_click_a0
FROM (
SELECT id, lifetime_value, e_purchase_a0, e_email_open_a0
FROM (
SELECT id, lifetime_value, e_purchase_a0
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
WHERE ((((((((3. * coalesce(e_page_view_a0, 0.)) + (8. * coalesce(e_email_click_a0, 0.))) + (2. * coalesce(e_email_open_a0, 0.))) + (5. * coalesce(e_page_view_a1, 0.))) + (25. * coalesce(e_purchase_a0, 0.)))) < 5.) AND (lifetime_value >= 1000.))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';

-- segment top_engaged
SELECT id AS contact_key
FROM (
SELECT id, ntile_0
FROM contacts
ANY LEFT JOIN (
  SELECT id, bucket AS ntile_0
  FROM (SELECT id, isNaN(assumeNotNull(x)) AS n, if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.) AS v FROM (SELECT id, ((((((3. * coalesce(e_page_view_a0, 0.)) + (8. * coalesce(e_email_click_a0, 0.))) + (2. * coalesce(e_email_open_a0, 0.))) + (5. * coalesce(e_page_view_a1, 0.))) + (25. * coalesce(e_purchase_a0, 0.)))) AS x FROM (
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
  )) WHERE isNotNull(x))
  ANY LEFT JOIN (SELECT tupleElement(t, 1) AS n, tupleElement(t, 2) AS v, toInt64(least(10, 1 + intDiv(10 * l, total))) AS bucket FROM (SELECT arraySort(groupArray((n, v, c))) AS s, arraySum(arrayMap(u -> tupleElement(u, 3), s)) AS total FROM (SELECT n, v, count() AS c FROM (SELECT id, isNaN(assumeNotNull(x)) AS n, if(isNaN(assumeNotNull(x)), 0., assumeNotNull(x) + 0.) AS v FROM (SELECT id, ((((((3. * coalesce(e_page_view_a0, 0.)) + (8. * coalesce(e_email_click_a0, 0.))) + (2. * coalesce(e_email_open_a0, 0.))) + (5. * coalesce(e_page_view_a1, 0.))) + (25. * coalesce(e_purchase_a0, 0.)))) AS x FROM (
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
  )) WHERE isNotNull(x)) GROUP BY n, v)) ARRAY JOIN s AS t, arrayMap((running, u) -> running - tupleElement(u, 3), arrayCumSum(arrayMap(u -> tupleElement(u, 3), s)), s) AS l) USING n, v
) USING id
)
WHERE (ntile_0 = toInt64(10))
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';
