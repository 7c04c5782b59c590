-- Pause remembers where the campaign was, so resume continues exactly there.
ALTER TABLE campaigns ADD COLUMN paused_from text;
