-- GP requests to an absent GP: the absence seen when the request was sent,
-- and when it was redirected to the substitute (the follow-up counts from then).
ALTER TABLE gp_requests ADD COLUMN gp_absence_id TEXT REFERENCES gp_absences (id);
--bun:split
ALTER TABLE gp_requests ADD COLUMN redirected_at TIMESTAMP;
