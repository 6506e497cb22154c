-- Which duties does no project carry, and do the projects' own funds cover the rest?
SELECT t.name AS department, d.name AS duty, d.amount_yuan AS duty_yuan,
       COUNT(p.id) AS projects,
       CASE WHEN COUNT(p.id) > 0 THEN printf('%d.%02d', SUM(p.amount_fen) / 100,
                                             SUM(p.amount_fen) % 100) END AS rows_yuan,
       CASE WHEN COUNT(f.id) > 0 THEN printf('%d.%02d', SUM(f.total_fen) / 100,
                                             SUM(f.total_fen) % 100) END AS project_funds_yuan
FROM duty_rows d
JOIN goal_tables t ON t.id = d.table_id
LEFT JOIN duty_rows p ON p.level = 'project'
     AND d.id = (SELECT CASE WHEN u.level = 'duty' THEN u.id ELSE u.parent_id END
                 FROM duty_rows u WHERE u.id = p.parent_id)
LEFT JOIN fund_lines f ON f.table_id = p.project_id AND f.depth = 0
WHERE d.level = 'duty'
GROUP BY d.id
ORDER BY d.id;
