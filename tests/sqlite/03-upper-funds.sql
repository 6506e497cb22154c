-- How much 上级 (higher-level) money does each project get, and how much in all?
SELECT t.name AS project, f.name, f.total, f.unit, f.total_yuan
FROM fund_lines f JOIN goal_tables t ON t.id = f.table_id
WHERE t.kind = 'project' AND f.name IN ('上级', '上级资金')
ORDER BY t.id, f.position;
SELECT COUNT(*) AS lines, SUM(f.total_fen) AS total_fen,
       printf('%d.%02d', SUM(f.total_fen) / 100, SUM(f.total_fen) % 100) AS total_yuan
FROM fund_lines f JOIN goal_tables t ON t.id = f.table_id
WHERE t.kind = 'project' AND f.name IN ('上级', '上级资金');
