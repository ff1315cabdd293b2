-- The agencies a printed name may resemble (src/store/agencies.ts, candidatesOf) found through
-- indexes: names ending with it, by the reversed name's prefix, and names of its length beginning
-- with its first two characters. Before, every agency was compared with LIKE '%…%' patterns: an
-- import's agency matching grew with the number of agencies.
CREATE INDEX agencies_name_reversed ON agencies (reverse(name) text_pattern_ops);
CREATE INDEX agencies_name_head ON agencies (left(name, 2), char_length(name));
