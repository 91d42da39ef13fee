-- Meetings are often held online or hybrid (Teams, Zoom): the link people
-- join by, kept with the meeting so that the calendar file and exchange
-- packages carry it. Empty means none.
ALTER TABLE meetings ADD COLUMN online_link TEXT NOT NULL DEFAULT '' CHECK (length(online_link) <= 2000);
