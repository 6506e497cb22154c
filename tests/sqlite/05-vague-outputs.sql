-- Which output indicators (产出指标) have a qualitative target instead of a measure?
SELECT table_name, level2, name, target
FROM check_vague_outputs
ORDER BY file, line;
