-- Which satisfaction indicators do not aim at 90 % or more?
SELECT table_name, name, target, file, line
FROM check_satisfaction_below_90
ORDER BY file, line;
