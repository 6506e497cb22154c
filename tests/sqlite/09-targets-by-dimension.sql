-- What are the targets measured in?  (Qualitative and date targets have no dimension.)
SELECT COALESCE(g.dimension, '(' || g.kind || ')') AS measured_in, COUNT(*) AS targets,
       COUNT(DISTINCT i.table_id) AS tables
FROM targets g JOIN indicators i ON i.id = g.indicator_id
WHERE g.role = 'target'
GROUP BY measured_in
ORDER BY targets DESC, measured_in;
