-- In the self-evaluations, which indicators lost points, and how many?
SELECT table_name, name, target, actual, weight,
       COALESCE(score, score_computed) AS score
FROM check_points_lost
ORDER BY file, line;
