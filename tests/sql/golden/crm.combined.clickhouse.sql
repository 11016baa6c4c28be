-- combined
SELECT id AS contact_key,
  (ifNull(toUInt8(intDiv(nullIf(least(ifNull(toUInt8(((city = 'New York') AND (gender = 'female'))) * 2, 1), ifNull(toUInt8(toUInt8(intDiv(nullIf(least(ifNull(toUInt8((age >= toInt64(25))) * 2, 1), ifNull(toUInt8((age <= toInt64(45))) * 2, 1)), 1), 2))) * 2, 1)), 1), 2)), 0)) AS ny_women_25_45,
  (ifNull((age < toInt64(30)), 0)) AS under_30,
  ((age IS NULL)) AS age_unknown,
  (toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8(toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((country = 'DE')) * 2, 1), ifNull(toUInt8((country = 'AT')) * 2, 1)), 1), 2))) * 2, 1), ifNull(toUInt8((country = 'CH')) * 2, 1)), 1), 2))) AS dach,
  (toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8(toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((city = 'London')) * 2, 1), ifNull(toUInt8((city = 'Paris')) * 2, 1)), 1), 2))) * 2, 1), ifNull(toUInt8((city = 'Berlin')) * 2, 1)), 1), 2))) AS meetup_cities,
  (((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2)))) AS big_b2b,
  (((company_size >= toInt64(10)) AND (company_size <= toInt64(99)))) AS smb,
  (((plan = 'enterprise') OR (company_size >= toInt64(1000)))) AS enterprise_accounts,
  ((endsWith(lower(email), '@gmail.com') OR endsWith(lower(email), '@yahoo.com'))) AS freemail,
  ((device = 'mobile')) AS mobile_users,
  ((((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)) AND (device = 'mobile'))) AS new_mobile,
  ((coalesce(e_purchase_a0, 0) > 0)) AS recent_buyers,
  ((coalesce(e_purchase_a1, 0) >= toInt64(2))) AS repeat_buyers,
  ((coalesce(e_friend_added_a0, 0) >= toInt64(5))) AS social,
  (((coalesce(e_email_open_a0, 0) >= toInt64(3)) AND (coalesce(e_email_click_a0, 0) > 0))) AS email_engaged,
  ((email_opt_in AND (NOT (coalesce(e_email_open_a1, 0) > 0)))) AS email_dormant,
  ((coalesce(e_email_click_a1, 0) > 0)) AS black_friday_clickers,
  (((coalesce(e_page_view_a0, 0) >= toInt64(2)) AND (NOT (coalesce(e_purchase_a2, 0) > 0)))) AS pricing_window,
  (((coalesce(e_cart_abandoned_a0, 0) > 0) AND (NOT (coalesce(e_purchase_a3, 0) > 0)))) AS cart_abandoners,
  ((coalesce(e_page_view_a1, 0) >= toInt64(10))) AS power_users,
  (((plan = 'trial') AND (last_seen_at < toInt64(1790899200000000)))) AS inactive_trial,
  (ifNull(toUInt8(intDiv(nullIf(least(ifNull(toUInt8((plan = 'trial')) * 2, 1), ifNull(toUInt8((trial_days_left <= toInt64(3))) * 2, 1)), 1), 2)), 0)) AS trial_ending,
  ((coalesce(seq_0, 0) = 1)) AS pricing_to_purchase,
  ((coalesce(seq_1, 0) = 1)) AS click_then_buy,
  ((coalesce(e_support_ticket_a0, 0) >= toInt64(3))) AS support_heavy,
  ((coalesce(e_purchase_a4, 0) > 0)) AS q1_2026_buyers,
  (((coalesce(e_purchase_a5, 0) > 0) AND (NOT (coalesce(e_purchase_a6, 0) > 0)))) AS lapsed_buyers,
  (ifNull((arrayElement(arrayMap(d -> (d - (intDiv(d, toInt64(7)) - if(modulo(d, toInt64(7)) < 0, 1, 0)) * 7 + 1), [toInt64(((intDiv(e_purchase_a7, toInt64(86400000000)) - if(modulo(e_purchase_a7, toInt64(86400000000)) < 0, 1, 0)) + 3))]), 1) >= toInt64(6)), 0)) AS weekend_shoppers,
  ((coalesce(e_purchase_a8, 0.) > 1000.)) AS high_spenders,
  (ifNull(((e_purchase_a9 / nullIf(e_purchase_a10, 0)) >= 150.), 0)) AS big_baskets,
  ((lifetime_value >= 5000.)) AS high_ltv,
  (ifNull(toUInt8(intDiv(nullIf(least(ifNull(toUInt8(toUInt8(intDiv(nullIf(least(ifNull(toUInt8((ntile_2 >= toInt64(4))) * 2, 1), ifNull(toUInt8((ntile_1 >= toInt64(4))) * 2, 1)), 1), 2))) * 2, 1), ifNull(toUInt8((ntile_0 >= toInt64(4))) * 2, 1)), 1), 2)), 0)) AS champions,
  ((((coalesce(e_purchase_a8, 0.) > 1000.)) AND (NOT (((plan = 'trial') AND (last_seen_at < toInt64(1790899200000000))))))) AS vip,
  arrayElement(['churned', 'at_risk', 'new', 'active', 'dormant'], (multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a2, 0) > 0), toInt64(3), toInt64(4))) + 1) AS lifecycle,
  ((((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a2, 0) > 0), toInt64(3), toInt64(4))) = toInt64(1)) AND (plan = 'pro'))) AS at_risk_pro,
  ((((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a2, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0)) AND (lifetime_value >= 500.))) AS win_back,
  ((((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a2, 0) > 0), toInt64(3), toInt64(4))) = toInt64(2)) AND (NOT (coalesce(e_form_submit_a0, 0) > 0)))) AS onboarding_nudge,
  (ifNull((nps >= toInt64(9)), 0)) AS promoters,
  (ifNull((nps <= toInt64(6)), 0)) AS detractors,
  (ifNull(toUInt8(intDiv(nullIf(least(ifNull(toUInt8(((plan = 'pro') AND ((((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2)))) OR ((coalesce(e_purchase_a8, 0.) > 1000.))))) * 2, 1), ifNull(toUInt8(toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((nps IS NULL)) * 2, 1), ifNull(toUInt8((nps >= toInt64(7))) * 2, 1)), 1), 2))) * 2, 1)), 1), 2)), 0)) AS upsell_targets,
  ((email_opt_in AND (NOT ((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a2, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0))))) AS newsletter,
  ((((ifNull((nps >= toInt64(9)), 0)) AND ((((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2)))) OR (((plan = 'enterprise') OR (company_size >= toInt64(1000)))))) AND (NOT ((coalesce(e_support_ticket_a0, 0) >= toInt64(3)))))) AS case_study_candidates,
  (((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 40.)) AS hot_leads,
  ((((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 20.) AND ((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) < 40.))) AS warm_leads,
  ((((((greatest(least(((((least((5. * toFloat64(coalesce(e_email_open_a0, 0))), 30.) + least((10. * toFloat64(coalesce(e_email_click_a0, 0))), 30.)) + multiIf((coalesce(e_page_view_a0, 0) > 0), 20., 0.)) + multiIf((company_size >= toInt64(100)), 15., 0.)) + multiIf((last_seen_at < toInt64(1788307200000000)), -10., 0.)), 100.), 0.)) >= 40.)) AND (((company_size >= toInt64(100)) AND toUInt8(intDiv(nullIf(greatest(ifNull(toUInt8((industry = 'software')) * 2, 1), ifNull(toUInt8((industry = 'finance')) * 2, 1)), 1), 2))))) AND (NOT ((multiIf((last_seen_at < toInt64(1785715200000000)), toInt64(0), (last_seen_at < toInt64(1790899200000000)), toInt64(1), ((intDiv((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) - if(modulo((toInt64(1793491200000000) - signup_at), toInt64(86400000000)) < 0, 1, 0)) <= toInt64(14)), toInt64(2), (coalesce(e_page_view_a2, 0) > 0), toInt64(3), toInt64(4))) = toInt64(0))))) AS sales_ready,
  (((((((((3. * coalesce(e_page_view_a3, 0.)) + (8. * coalesce(e_email_click_a2, 0.))) + (2. * coalesce(e_email_open_a2, 0.))) + (5. * coalesce(e_page_view_a4, 0.))) + (25. * coalesce(e_purchase_a11, 0.)))) < 5.) AND (lifetime_value >= 1000.))) AS cooling_valuable,
  ((ntile_3 = toInt64(10))) AS top_engaged
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0, seq_0, seq_1, ntile_0, ntile_1, ntile_2, ntile_3
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0, seq_0, seq_1, ntile_0, ntile_1, ntile_2
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0, seq_0, seq_1, ntile_0, ntile_1
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0, seq_0, seq_1, ntile_0
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0, seq_0, seq_1
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0, seq_0
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0, e_support_ticket_a0
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0, e_cart_abandoned_a0
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0, e_form_submit_a0
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4, e_friend_added_a0
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2, e_email_click_a0, e_email_click_a1, e_email_click_a2
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11, e_email_open_a0, e_email_open_a1, e_email_open_a2
FROM (
SELECT id, email, age, gender, country, city, company_size, industry, plan, trial_days_left, signup_at, last_seen_at, lifetime_value, nps, device, email_opt_in, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11
FROM contacts
ANY LEFT JOIN (
  SELECT contact_key AS id, e_purchase_a0, e_purchase_a1, e_purchase_a2, e_purchase_a3, e_purchase_a4, e_purchase_a5, e_purchase_a6, e_purchase_a7, e_purchase_a8, e_purchase_a9, e_purchase_a10, e_purchase_a11 FROM (
    SELECT contact_key,
      toInt64(countIf("at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a0,
      toInt64(count()) AS e_purchase_a1,
      toInt64(countIf("at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a2,
      toInt64(countIf("at" > toInt64(1793232000000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a3,
      toInt64(countIf(ifNull((("at" >= toInt64(1767225600000000)) AND ("at" < toInt64(1775001600000000))), 0))) AS e_purchase_a4,
      toInt64(countIf(ifNull(("at" <= toInt64(1777939200000000)), 0))) AS e_purchase_a5,
      toInt64(countIf("at" > toInt64(1777939200000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a6,
      if(countIf(1) = 0, NULL, maxIf("at", 1)) AS e_purchase_a7,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", amount), "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000))))) AS e_purchase_a8,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", toFloat64(amount)), "at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000))))) AS e_purchase_a9,
      toInt64(countIf("at" > toInt64(1761955200000000) AND "at" <= toInt64(1793491200000000))) AS e_purchase_a10,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_purchase_a11
    FROM event_purchase
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_open_a0, e_email_open_a1, e_email_open_a2 FROM (
    SELECT contact_key,
      toInt64(countIf("at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000))) AS e_email_open_a0,
      toInt64(countIf("at" > toInt64(1785715200000000) AND "at" <= toInt64(1793491200000000))) AS e_email_open_a1,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_email_open_a2
    FROM event_email_open
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_email_click_a0, e_email_click_a1, e_email_click_a2 FROM (
    SELECT contact_key,
      toInt64(countIf("at" > toInt64(1790899200000000) AND "at" <= toInt64(1793491200000000))) AS e_email_click_a0,
      toInt64(countIf(ifNull(startsWith(campaign, 'black-friday'), 0))) AS e_email_click_a1,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_email_click_a2
    FROM event_email_click
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_page_view_a0, e_page_view_a1, e_page_view_a2, e_page_view_a3, e_page_view_a4 FROM (
    SELECT contact_key,
      toInt64(countIf("at" > toInt64(1792281600000000) AND "at" <= toInt64(1793491200000000) AND ifNull((url = '/pricing'), 0))) AS e_page_view_a0,
      toInt64(uniqExactIf((intDiv("at", toInt64(86400000000)) - if(modulo("at", toInt64(86400000000)) < 0, 1, 0)), "at" > toInt64(1791072000000000) AND "at" <= toInt64(1793491200000000))) AS e_page_view_a1,
      toInt64(countIf("at" > toInt64(1792886400000000) AND "at" <= toInt64(1793491200000000))) AS e_page_view_a2,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), 1)))) AS e_page_view_a3,
      arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(("at", exp2(-(toFloat64(greatest(toInt64(1793491200000000) - "at", toInt64(0))) / toFloat64(toInt64(1209600000000))))), ifNull(startsWith(url, '/docs'), 0))))) AS e_page_view_a4
    FROM event_page_view
    GROUP BY contact_key
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, e_friend_added_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_friend_added_a0
    FROM event_friend_added
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
ANY LEFT JOIN (
  SELECT contact_key AS id, e_cart_abandoned_a0 FROM (
    SELECT contact_key,
      toInt64(count()) AS e_cart_abandoned_a0
    FROM event_cart_abandoned
    WHERE "at" > toInt64(1793232000000000) AND "at" <= toInt64(1793491200000000)
    GROUP BY contact_key
  )
) USING id
)
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
ANY LEFT JOIN (
  SELECT contact_key AS id, seq_0 FROM (
    SELECT contact_key, toUInt8(arrayExists((p, i, others) -> tupleElement(p, 2) AND arrayExists((q, j) -> j != i AND tupleElement(q, 3) AND tupleElement(q, 1) >= tupleElement(p, 1) AND tupleElement(q, 1) <= tupleElement(p, 1) + toInt64(172800000000), others, arrayEnumerate(others)), seg_events, arrayEnumerate(seg_events), replicate(seg_events, seg_events))) AS seq_0
    FROM (SELECT contact_key, groupArray(("at", seg_c1, seg_c2)) AS seg_events FROM (SELECT contact_key, "at", toUInt8(ifNull((url = '/pricing'), 0)) AS seg_c1, toUInt8(0) AS seg_c2 FROM event_page_view UNION ALL SELECT contact_key, "at", toUInt8(0) AS seg_c1, toUInt8(1) AS seg_c2 FROM event_purchase) GROUP BY contact_key)
  )
) USING id
)
ANY LEFT JOIN (
  SELECT contact_key AS id, seq_1 FROM (
    SELECT contact_key, toUInt8(arrayExists((p, i, others) -> tupleElement(p, 2) AND arrayExists((q, j) -> j != i AND tupleElement(q, 3) AND tupleElement(q, 1) >= tupleElement(p, 1) AND tupleElement(q, 1) <= tupleElement(p, 1) + toInt64(86400000000), others, arrayEnumerate(others)), seg_events, arrayEnumerate(seg_events), replicate(seg_events, seg_events))) AS seq_1
    FROM (SELECT contact_key, groupArray(("at", seg_c1, seg_c2)) AS seg_events FROM (SELECT contact_key, "at", toUInt8(1) AS seg_c1, toUInt8(0) AS seg_c2 FROM event_email_click UNION ALL SELECT contact_key, "at", toUInt8(0) AS seg_c1, toUInt8(1) AS seg_c2 FROM event_purchase) GROUP BY contact_key)
  )
) USING id
)
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
ANY LEFT JOIN (
  SELECT id, bucket AS ntile_3
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
SETTINGS join_use_nulls = 1, distributed_product_mode = 'global';
