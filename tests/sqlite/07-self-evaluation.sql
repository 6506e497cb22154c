-- The self-evaluations: budget adjusted and executed, execution rate, score and grade.
SELECT t.kind, t.name, f.total AS budget, a.total AS adjusted, e.total AS executed,
       t.execution_rate_computed AS rate, t.budget_score_computed AS budget_score,
       COALESCE(t.score, t.score_computed) AS score, COALESCE(t.grade, t.grade_computed) AS grade
FROM goal_tables t
JOIN fund_lines f ON f.table_id = t.id AND f.depth = 0
LEFT JOIN fund_phases a ON a.fund_line_id = f.id AND a.phase = 'adjusted'
LEFT JOIN fund_phases e ON e.fund_line_id = f.id AND e.phase = 'executed'
WHERE t.evaluation = 1
ORDER BY CAST(t.execution_rate_computed AS REAL), t.id;
