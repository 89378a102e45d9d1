-- Report rollups: every stock (state, active75, eligible, potential, help)
-- also has a total row, metric@t with day 0: the sum of all its rows. A
-- report reads a stock at the period end as its total less the rows after
-- the period (data/reportsource_rollups.go, asOfTotal) and the medicine-help
-- total as one row per municipality, instead of every year and month row
-- back to the oldest. From now on rollupDeltas.add writes them; this adds
-- them for the rollups written before.
INSERT INTO rollups (metric, municipality_code, key, day, day2, month, n)
SELECT metric || '@t', municipality_code, key, 0, 0, 197001, SUM(n)
FROM rollups
WHERE metric IN ('state', 'active75', 'eligible', 'potential', 'help')
GROUP BY metric, municipality_code, key
HAVING SUM(n) <> 0;
