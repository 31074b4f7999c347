-- Schema version 2: a mechanism's national flag and whether it is a run label (the one rule, in
-- store/tables.ts isRunLabel, stored instead of restated in SQL), and code-point offsets beside the UTF-16
-- ones on every span table, so SQL's substr (which counts code points) can cut out a span's surface:
-- substr(d.text, cp_start + 1, cp_end - cp_start), and orig_cp_start/orig_cp_end into original. Rows stored before this version have nulls here until
-- their documents are processed again (a new pipeline hash does that).
ALTER TABLE mechanisms ADD COLUMN national BOOLEAN;
ALTER TABLE mechanisms ADD COLUMN is_label BOOLEAN;
ALTER TABLE orgs ADD COLUMN cp_start INTEGER;
ALTER TABLE orgs ADD COLUMN cp_end INTEGER;
ALTER TABLE orgs ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE orgs ADD COLUMN orig_cp_end INTEGER;
ALTER TABLE mechanisms ADD COLUMN cp_start INTEGER;
ALTER TABLE mechanisms ADD COLUMN cp_end INTEGER;
ALTER TABLE mechanisms ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE mechanisms ADD COLUMN orig_cp_end INTEGER;
ALTER TABLE mechanism_mentions ADD COLUMN cp_start INTEGER;
ALTER TABLE mechanism_mentions ADD COLUMN cp_end INTEGER;
ALTER TABLE mechanism_mentions ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE mechanism_mentions ADD COLUMN orig_cp_end INTEGER;
ALTER TABLE metrics ADD COLUMN cp_start INTEGER;
ALTER TABLE metrics ADD COLUMN cp_end INTEGER;
ALTER TABLE metrics ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE metrics ADD COLUMN orig_cp_end INTEGER;
ALTER TABLE people ADD COLUMN cp_start INTEGER;
ALTER TABLE people ADD COLUMN cp_end INTEGER;
ALTER TABLE people ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE people ADD COLUMN orig_cp_end INTEGER;
ALTER TABLE org_systems ADD COLUMN cp_start INTEGER;
ALTER TABLE org_systems ADD COLUMN cp_end INTEGER;
ALTER TABLE org_systems ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE org_systems ADD COLUMN orig_cp_end INTEGER;
ALTER TABLE org_units ADD COLUMN cp_start INTEGER;
ALTER TABLE org_units ADD COLUMN cp_end INTEGER;
ALTER TABLE org_units ADD COLUMN orig_cp_start INTEGER;
ALTER TABLE org_units ADD COLUMN orig_cp_end INTEGER;
