-- Where does the money come from, summed exactly over every table?
SELECT table_kind, partition, source, lines, total_yuan
FROM funds_by_source
ORDER BY table_kind, partition, total_fen DESC, source;
