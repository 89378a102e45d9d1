-- Issue 12 item 10: the share of the country a data set stands for. Demo
-- data are a sample (2 % at small scale), so the population denominators of
-- the report (inhabitants, aged 75+) are scaled by it, and the report says
-- so; real data keep 1. The reference figures themselves are not changed.
ALTER TABLE municipalities ADD COLUMN population_scale DOUBLE PRECISION NOT NULL DEFAULT 1;
