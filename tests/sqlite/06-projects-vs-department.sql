-- How much of each department's 项目支出 do its project tables account for?
SELECT d.name AS department, f.total_yuan AS project_spending_yuan,
       COUNT(p.id) AS projects,
       printf('%d.%02d', SUM(pf.total_fen) / 100, SUM(pf.total_fen) % 100) AS projects_yuan,
       printf('%.2f%%', 100.0 * SUM(pf.total_fen) / f.total_fen) AS share
FROM goal_tables d
JOIN fund_lines f ON f.table_id = d.id AND f.depth = 1 AND f.name = '项目支出'
JOIN goal_tables p ON p.department_id = d.id
JOIN fund_lines pf ON pf.table_id = p.id AND pf.depth = 0
WHERE d.kind = 'department'
GROUP BY d.id
ORDER BY d.id;
