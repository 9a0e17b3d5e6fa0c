"""The SQLite schema: a public interface, because analysts query it in Datasette.

Tables
    ``threads``        a discussion and its target proposition
    ``documents``      posts and comments (``text`` NULL: referenced, not yet ingested)
    ``units``          argumentative units with offsets into ``documents.text``
    ``links``          ``reply`` (comment -> parent), ``response`` (post answering a
                       post), ``cites`` (mention, reference list item, pingback)
    ``runs``           one row per ``argmine ingest``: versions, times, counts
    ``ingest_errors``  one row per source that failed in a run
    ``annotations``    human labels of spans (``argmine annotate import``), one row per
                       annotator and span, never written over the model's labels
Views
    ``unit_details``        units with their document's author, kind, date and URL
    ``missing_references``  cited documents whose text argmine has not seen
Full-text search (SQLite's default unicode61 tokenizer; porter would be English-only)
    ``documents_fts`` on title, author, text; ``units_fts`` on text.
"""

from __future__ import annotations

TABLES = """
CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    title TEXT,
    target TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'de'
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('post', 'comment')),
    title TEXT,
    author TEXT,
    url TEXT,
    published TEXT,
    parent_id TEXT REFERENCES documents(id),
    thread_id TEXT REFERENCES threads(id),
    lang TEXT,
    text TEXT,
    content_hash TEXT,
    source TEXT,
    ingested_at TEXT,
    key TEXT NOT NULL
);
CREATE TABLE units (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    component TEXT CHECK (component IN ('claim', 'premise', 'none')),
    stance TEXT CHECK (stance IN ('PRO', 'CONTRA', 'NEUTRAL')),
    confidence REAL,
    central INTEGER NOT NULL DEFAULT 0 CHECK (central IN (0, 1)),
    model_version TEXT,
    UNIQUE (document_id, idx),
    CHECK (start >= 0 AND "end" > start)
);
CREATE TABLE links (
    source_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'response', 'cites')),
    PRIMARY KEY (source_id, target_id, kind)
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    argmine_version TEXT NOT NULL,
    spacy_pipeline TEXT,
    model_versions TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    sources INTEGER NOT NULL DEFAULT 0,
    documents_added INTEGER NOT NULL DEFAULT 0,
    documents_changed INTEGER NOT NULL DEFAULT 0,
    documents_unchanged INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ingest_errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    error TEXT NOT NULL
);
"""

INDEXES = """
CREATE INDEX idx_documents_parent_id ON documents(parent_id);
CREATE INDEX idx_documents_thread_id ON documents(thread_id);
CREATE INDEX idx_documents_url ON documents(url);
CREATE INDEX idx_documents_author ON documents(author);
CREATE INDEX idx_documents_kind ON documents(kind);
CREATE INDEX idx_units_document_id ON units(document_id);  -- dropped again by migration 6
CREATE INDEX idx_units_stance ON units(stance);
CREATE INDEX idx_links_target_id ON links(target_id);
CREATE INDEX idx_links_source_id ON links(source_id);
CREATE INDEX idx_ingest_errors_run_id ON ingest_errors(run_id);
"""

#: Posts by author, compared as ``Store._post_by`` compares them (ignoring case): without
#: it, that look-up read every post for every new post, quadratic in the archive (issue 11).
POST_AUTHOR_INDEX = """
CREATE INDEX idx_documents_post_author ON documents(author COLLATE NOCASE)
WHERE kind = 'post' AND title IS NOT NULL;
"""

VIEWS = {
    "unit_details": """
        SELECT units.id, units.document_id, units.idx, units.start, units."end", units.text,
               units.component, units.stance, units.confidence, units.central,
               units.model_version, documents.kind, documents.author, documents.title,
               documents.published, documents.url, documents.thread_id
        FROM units JOIN documents ON documents.id = units.document_id
    """,
    "missing_references": """
        SELECT documents.id, documents.title, documents.author, documents.url,
               documents.thread_id, COUNT(links.source_id) AS cited_by
        FROM documents LEFT JOIN links ON links.target_id = documents.id
        WHERE documents.text IS NULL
        GROUP BY documents.id
    """,
}

FTS = {"documents": ["title", "author", "text"], "units": ["text"]}

DOCUMENT_STANCE = """
ALTER TABLE documents ADD COLUMN stance TEXT CHECK (stance IN ('PRO', 'CONTRA', 'NEUTRAL'));
ALTER TABLE documents ADD COLUMN stance_confidence REAL;
ALTER TABLE documents ADD COLUMN model_version TEXT;
CREATE INDEX idx_documents_stance ON documents(stance);
"""

AUTHOR_STANCE_VIEW = """
    SELECT d.thread_id, d.author,
           COUNT(DISTINCT d.id) AS documents,
           SUM(d.stance = 'PRO') AS pro_documents,
           SUM(d.stance = 'CONTRA') AS contra_documents,
           SUM(d.stance = 'NEUTRAL') AS neutral_documents,
           (SELECT COUNT(*) FROM units u JOIN documents x ON x.id = u.document_id
             WHERE x.author = d.author AND x.thread_id = d.thread_id AND u.stance = 'PRO') AS pro_units,
           (SELECT COUNT(*) FROM units u JOIN documents x ON x.id = u.document_id
             WHERE x.author = d.author AND x.thread_id = d.thread_id AND u.stance = 'CONTRA') AS contra_units,
           (SELECT COUNT(*) FROM units u JOIN documents x ON x.id = u.document_id
             WHERE x.author = d.author AND x.thread_id = d.thread_id AND u.stance = 'NEUTRAL') AS neutral_units
    FROM documents d
    WHERE d.text IS NOT NULL AND d.author IS NOT NULL
    GROUP BY d.thread_id, d.author
"""

# Human annotations (issue 12).  A row is keyed by annotator and span, not by unit: units
# are deleted and re-inserted whenever a document is relabelled (ingest --reanalyze), so a
# foreign key that cascaded would lose the gold, and one that blocked would stop the ingest.
# unit_id is set to NULL when its unit goes and set again by the trigger below when a unit
# with the same span comes back; a span the segmenter no longer produces keeps its labels.
ANNOTATIONS = """
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    annotator TEXT NOT NULL CHECK (length(trim(annotator)) > 0),
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
    component TEXT NOT NULL CHECK (component IN ('claim', 'premise', 'none')),
    stance TEXT NOT NULL CHECK (stance IN ('PRO', 'CONTRA', 'NEUTRAL')),
    central INTEGER NOT NULL DEFAULT 0 CHECK (central IN (0, 1)),
    source TEXT,
    imported_at TEXT NOT NULL,
    UNIQUE (annotator, document_id, start, "end"),
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX idx_annotations_unit_id ON annotations(unit_id);
CREATE INDEX idx_annotations_span ON annotations(document_id, start, "end");
CREATE INDEX idx_annotations_annotator ON annotations(annotator);
CREATE TRIGGER annotations_relink_unit AFTER INSERT ON units BEGIN
    UPDATE annotations SET unit_id = NEW.id
    WHERE document_id = NEW.document_id AND start = NEW.start AND "end" = NEW."end";
END;
"""

ANNOTATION_DETAILS_VIEW = """
    SELECT a.id, a.annotator, a.document_id, a.start, a."end", a.text, a.unit_id,
           a.component, a.stance, a.central, a.imported_at,
           u.component AS model_component, u.stance AS model_stance,
           u.confidence AS model_confidence, u.central AS model_central,
           u.model_version, d.thread_id, d.author, d.kind
    FROM annotations a
    JOIN documents d ON d.id = a.document_id
    LEFT JOIN units u ON u.id = a.unit_id
"""
