-- Which schedule stages lie outside the project's 实施期, and which run past its budget year?
SELECT t.name AS project, t.department, r.name AS stage, r.form, r.first_day, r.last_day,
       CASE WHEN r.first_day IS NULL OR t.period_from IS NULL THEN 'not comparable'
            WHEN r.first_day < t.period_from OR r.last_day > t.period_to THEN 'outside'
            ELSE 'inside' END AS in_period,
       r.last_day > printf('%04d-12-31', t.year) AS past_year
FROM schedule_rows r JOIN goal_tables t ON t.id = r.table_id
ORDER BY t.id, r.position;
