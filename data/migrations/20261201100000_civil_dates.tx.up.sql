-- Civil dates (issue 10): the days that were TIMESTAMP columns become DATE
-- columns, and every DATE holds the Danish day as 'YYYY-MM-DD'.
--
-- consents.given_at (a day, stored as an instant) becomes given_on, and
-- gp_requests.prescription_expires becomes a DATE. Both are converted to
-- the Danish day of the stored UTC instant: a day stored as 00:00 UTC stays
-- that day; an instant such as 23:30 UTC becomes the next day, as Denmark
-- saw it. Renewal reminders, due RenewalNoticeDays before the expiry, are
-- now due at the start of that Danish day (workflow.Settings.RenewalDue);
-- the stored ones move there too, so the reminder run finds them instead
-- of adding a second one.
{{if .PG}}
ALTER TABLE consents RENAME COLUMN given_at TO given_on;
--bun:split
ALTER TABLE consents ALTER COLUMN given_on TYPE DATE
    USING ((given_on AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Copenhagen')::date;
--bun:split
ALTER TABLE gp_requests ALTER COLUMN prescription_expires TYPE DATE
    USING ((prescription_expires AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Copenhagen')::date;
--bun:split
UPDATE reminders SET due_at = ((((due_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Copenhagen')::date::timestamp
    AT TIME ZONE 'Europe/Copenhagen') AT TIME ZONE 'UTC')
    WHERE kind = 'prescription_renewal';
{{else}}
-- SQLite has no zone data: the Danish offset is the EU rule, UTC+2 from
-- 01:00 UTC on the last Sunday of March (the Sunday on or after 25 March)
-- to 01:00 UTC on the last Sunday of October, UTC+1 otherwise. The columns
-- are rebuilt so that their declared type is DATE.
ALTER TABLE consents ADD COLUMN given_on DATE;
--bun:split
UPDATE consents SET given_on = date(datetime(given_at), CASE
    WHEN datetime(given_at) >= datetime(strftime('%Y', datetime(given_at)) || '-03-25', 'weekday 0', '+1 hour')
     AND datetime(given_at) < datetime(strftime('%Y', datetime(given_at)) || '-10-25', 'weekday 0', '+1 hour')
    THEN '+2 hours' ELSE '+1 hour' END);
--bun:split
ALTER TABLE consents DROP COLUMN given_at;
--bun:split
ALTER TABLE gp_requests ADD COLUMN prescription_expires_day DATE;
--bun:split
UPDATE gp_requests SET prescription_expires_day = date(datetime(prescription_expires), CASE
    WHEN datetime(prescription_expires) >= datetime(strftime('%Y', datetime(prescription_expires)) || '-03-25', 'weekday 0', '+1 hour')
     AND datetime(prescription_expires) < datetime(strftime('%Y', datetime(prescription_expires)) || '-10-25', 'weekday 0', '+1 hour')
    THEN '+2 hours' ELSE '+1 hour' END)
    WHERE prescription_expires IS NOT NULL;
--bun:split
ALTER TABLE gp_requests DROP COLUMN prescription_expires;
--bun:split
ALTER TABLE gp_requests RENAME COLUMN prescription_expires_day TO prescription_expires;
--bun:split
-- d is the Danish day of due_at; its start is d 00:00 less 2 hours in
-- summer time, less 1 hour otherwise, written as bun writes a time.
UPDATE reminders SET due_at = (
    SELECT CASE
        WHEN summer >= datetime(strftime('%Y', d) || '-03-25', 'weekday 0', '+1 hour')
         AND summer < datetime(strftime('%Y', d) || '-10-25', 'weekday 0', '+1 hour')
        THEN summer ELSE datetime(d, '-1 hour') END || '+00:00'
    FROM (SELECT d, datetime(d, '-2 hours') AS summer FROM (SELECT date(datetime(reminders.due_at), CASE
        WHEN datetime(reminders.due_at) >= datetime(strftime('%Y', datetime(reminders.due_at)) || '-03-25', 'weekday 0', '+1 hour')
         AND datetime(reminders.due_at) < datetime(strftime('%Y', datetime(reminders.due_at)) || '-10-25', 'weekday 0', '+1 hour')
        THEN '+2 hours' ELSE '+1 hour' END) AS d)))
    WHERE kind = 'prescription_renewal';
--bun:split
-- The columns already declared DATE held a time.Time written as text
-- ('2026-12-01 00:00:00+00:00', always 00:00 UTC of the civil date): keep
-- the date.
UPDATE citizens SET birth_date = substr(birth_date, 1, 10) WHERE length(birth_date) > 10;
--bun:split
UPDATE pharmacy_closed_dates SET date = substr(date, 1, 10) WHERE length(date) > 10;
--bun:split
UPDATE gp_absences SET from_date = substr(from_date, 1, 10), to_date = substr(to_date, 1, 10)
    WHERE length(from_date) > 10 OR length(to_date) > 10;
--bun:split
UPDATE roll_periods SET start_date = substr(start_date, 1, 10), end_date = substr(end_date, 1, 10),
    deadline = substr(deadline, 1, 10), packing_date = substr(packing_date, 1, 10),
    expected_delivery = substr(expected_delivery, 1, 10)
    WHERE length(start_date) > 10 OR length(end_date) > 10 OR length(deadline) > 10
       OR length(packing_date) > 10 OR length(expected_delivery) > 10;
--bun:split
UPDATE medication_changes SET effective_date = substr(effective_date, 1, 10) WHERE length(effective_date) > 10;
{{end}}
