-- Standing questions as views and table macros, recreated on every open (they hold no data).
-- Each is documented with an example in the README.

-- A mechanism with the level (national/provincial/prefecture/county) of the org that runs it.
CREATE OR REPLACE VIEW mechanism_orgs AS
SELECT m.*, d.date, d.year, d.file,
       (SELECT o.level FROM orgs o WHERE o.doc_id = m.doc_id AND o.name = m.org AND o.level IS NOT NULL LIMIT 1) AS org_level
FROM mechanisms m JOIN documents d USING (doc_id);

-- First appearance of each mechanism name, overall.
CREATE OR REPLACE VIEW mechanism_first_use AS
SELECT name, min(date) AS first_date, arg_min(org, coalesce(date, DATE '9999-12-31')) AS first_org,
       arg_min(file, coalesce(date, DATE '9999-12-31')) AS first_file, count(DISTINCT doc_id)::INTEGER AS documents, count(DISTINCT org)::INTEGER AS orgs
FROM mechanism_orgs GROUP BY name;

-- First appearance of each mechanism name per level of the org that runs it.
CREATE OR REPLACE VIEW mechanism_first_use_by_level AS
SELECT name, org_level, min(date) AS first_date, arg_min(org, coalesce(date, DATE '9999-12-31')) AS first_org, count(DISTINCT doc_id)::INTEGER AS documents
FROM mechanism_orgs GROUP BY name, org_level;

-- Use per year: documents and mentions.
CREATE OR REPLACE VIEW mechanism_use_per_year AS
SELECT mm.name, d.year, count(DISTINCT mm.doc_id)::INTEGER AS documents, count(*)::INTEGER AS mentions
FROM mechanism_mentions mm JOIN documents d USING (doc_id) GROUP BY mm.name, d.year;

-- Mentions with their paragraph number (paragraphs are the lines of documents.text).
CREATE OR REPLACE VIEW mechanism_mention_paragraphs AS
SELECT mm.*, length(substr(d.text, 1, mm.start)) - length(replace(substr(d.text, 1, mm.start), chr(10), '')) AS paragraph
FROM mechanism_mentions mm JOIN documents d USING (doc_id);

-- Co-occurrence: two mechanisms named in the same document.
CREATE OR REPLACE VIEW mechanism_cooccurrence_document AS
SELECT a.name AS a, b.name AS b, count(DISTINCT a.doc_id)::INTEGER AS documents
FROM mechanisms a JOIN mechanisms b ON a.doc_id = b.doc_id AND a.name < b.name GROUP BY a.name, b.name;

-- Co-occurrence: two mechanisms named in the same paragraph.
CREATE OR REPLACE VIEW mechanism_cooccurrence_paragraph AS
SELECT a.name AS a, b.name AS b, count(DISTINCT (a.doc_id, a.paragraph))::INTEGER AS paragraphs, count(DISTINCT a.doc_id)::INTEGER AS documents
FROM mechanism_mention_paragraphs a JOIN mechanism_mention_paragraphs b
  ON a.doc_id = b.doc_id AND a.paragraph = b.paragraph AND a.name < b.name
GROUP BY a.name, b.name;

-- Metrics by indicator and org (per year): how many, total, range.
CREATE OR REPLACE VIEW metrics_by_indicator AS
SELECT m.indicator, m.unit, m.org, d.year, count(*)::INTEGER AS n, sum(m.value) AS total, min(m.value) AS min_value, max(m.value) AS max_value,
       list(DISTINCT m.qualifier) AS qualifiers
FROM metrics m JOIN documents d USING (doc_id) GROUP BY m.indicator, m.unit, m.org, d.year;

-- People and their titles over time.
CREATE OR REPLACE VIEW people_titles AS
SELECT p.name, t.title, min(d.date) AS first_date, max(d.date) AS last_date, count(DISTINCT p.doc_id)::INTEGER AS documents, list(DISTINCT d.year) AS years
FROM people p JOIN documents d USING (doc_id), unnest(p.titles) AS t(title)
GROUP BY p.name, t.title;

-- Documents by quality flag.
CREATE OR REPLACE VIEW documents_by_flag AS
SELECT f.rule_id, f.severity, count(DISTINCT f.doc_id)::INTEGER AS documents, list(DISTINCT d.file) AS files
FROM flags f JOIN documents d USING (doc_id) GROUP BY f.rule_id, f.severity;

-- Table macro: one mechanism's timeline (documents and mentions per year).
CREATE OR REPLACE MACRO mechanism_timeline(label) AS TABLE
SELECT year, documents, mentions FROM mechanism_use_per_year WHERE name = label ORDER BY year;
