-- Which columns beyond the standard form do the tables print, on which rows, and how often?
SELECT c.name, c.row_set, COUNT(DISTINCT c.table_id) AS tables, COUNT(x.id) AS cells,
       (SELECT x2.text FROM column_cells x2 WHERE x2.column_id IN
           (SELECT id FROM form_columns WHERE name = c.name AND row_set = c.row_set)
        ORDER BY x2.id LIMIT 1) AS first_text
FROM form_columns c JOIN column_cells x ON x.column_id = c.id
GROUP BY c.name, c.row_set
ORDER BY cells DESC, c.name, c.row_set;
