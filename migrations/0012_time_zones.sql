-- TIME-1: every person has a time zone (an IANA name). People who joined
-- before zones existed are given Europe/Rome, where Settle started; they
-- can change it in Settings.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Rome';

-- TIME-2: the zone of the place a session happens in, kept with the
-- booking so its start reads the same however the parties move later.
ALTER TABLE bookings ADD COLUMN venue_zone TEXT NOT NULL DEFAULT 'Europe/Rome';
