-- Which indicators appear, by name, in more than one table, and with which targets?
SELECT name, COUNT(*) AS tables, group_concat(table_name || ': ' || target, '; ') AS targets
FROM (SELECT name, table_name, target FROM indicator_rows ORDER BY table_id)
GROUP BY name
HAVING COUNT(*) > 1
ORDER BY name;
