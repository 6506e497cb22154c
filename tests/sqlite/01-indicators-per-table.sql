-- How many indicators does each table have, and how many of them are qualitative?
SELECT table_kind, table_name, COUNT(*) AS indicators,
       SUM(kind = 'qualitative') AS qualitative
FROM indicator_rows
GROUP BY table_id
ORDER BY table_id;
