-- Which indicators follow from others, from what, and does the value written agree?
SELECT i.name, g.form AS target, c.expression, c.value || ifnull(' ' || c.unit, '') AS computed,
       c.matches,
       (SELECT group_concat(x.written || ' = ' || x.value || ifnull(' ' || x.unit, ''), '; ')
        FROM (SELECT * FROM computation_inputs WHERE computation_id = c.id
              AND kind <> 'number' ORDER BY position) x) AS operands
FROM computations c
JOIN indicators i ON i.id = c.indicator_id
JOIN targets g ON g.indicator_id = i.id AND g.role = 'target'
ORDER BY c.id;
