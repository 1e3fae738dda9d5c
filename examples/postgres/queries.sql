-- Statements to EXPLAIN against the demo shop: `advisor analyze --explain examples/postgres/queries.sql`
-- (add --analyze-plans for the rules that need actual row counts).

-- PG-P01: a sequential scan that filters away almost every row (no index on url).
SELECT id, payload FROM shop.page_views WHERE url = '/p/17';

-- Its clean twin: the same lookup on the indexed copy.
SELECT id, payload FROM shop.page_views_indexed WHERE url = '/p/17';

-- PG-P07: upper() hides the index on city.
SELECT id FROM shop.customers WHERE upper(city) = 'CITY-17';

-- Its clean twin: the bare column can use the index.
SELECT id FROM shop.customers WHERE city = 'city-17';

-- PG-P04: a sort of the whole table larger than the default work_mem.
SELECT id, url, payload FROM shop.page_views ORDER BY url, payload;

-- Its clean twin: a sort of a few rows.
SELECT id, url FROM shop.page_views_indexed WHERE url = '/p/17' ORDER BY id;
