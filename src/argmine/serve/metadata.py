"""Datasette metadata for an argmine database (the 0.65 metadata format).

Descriptions for every table and column of the schema, facets, full-text
search, and canned queries for the questions analysts ask most.
"""

from __future__ import annotations

from typing import Any

from argmine import __version__
from argmine.store.queries import ANSWERED

#: What both unit searches show of a match.
_UNIT_SEARCH = """select u.text, u.component, u.stance, d.author, d.title, d.url
from units_fts join units u on u.rowid = units_fts.rowid
join documents d on d.id = u.document_id"""

TABLES: dict[str, dict[str, Any]] = {
    "threads": {
        "description": "Discussion threads and the target proposition stance is measured against.",
        "columns": {"id": "Stable thread name (from the manifest or --thread).",
                    "title": "Thread title.", "target": "The target proposition.",
                    "language": "Language of the thread (ISO 639-1)."},
    },
    "documents": {
        "description": "Posts and comments. text is NULL for a document that is only "
                       "referenced (cited by author and title or by URL) and not ingested yet.",
        "facets": ["kind", "author", "stance", "thread_id"],
        "columns": {
            "id": "Stable id derived from the document's key.",
            "kind": "post or comment.", "title": "Title (posts).", "author": "Author name.",
            "url": "Where the document lives.", "published": "Publication date (ISO 8601).",
            "parent_id": "The post or comment a comment replies to.",
            "thread_id": "The thread.", "lang": "Detected language.",
            "text": "Plain text; unit offsets point into it.",
            "content_hash": "SHA-256 of what the reader contributed (unchanged = skipped).",
            "source": "File or URL it was read from.", "ingested_at": "Last write (UTC).",
            "key": "The key the id derives from (URL, manifest entry, comment anchor).",
            "stance": "Document stance: its central claim's, else the weighted majority of "
                      "its argumentative units.",
            "stance_confidence": "Heuristic confidence of the document stance (0-1).",
            "model_version": "The label models that produced the stance.",
        },
    },
    "units": {
        "description": "Argumentative units: spans of documents.text with their labels.",
        "facets": ["component", "stance", "central"],
        "columns": {
            "id": "document id and index.", "document_id": "The document.",
            "idx": "Position in the document (0-based).",
            "start": "Start offset into documents.text.", "end": "End offset (exclusive).",
            "text": "The unit: documents.text[start:end].",
            "component": "claim, premise or none.",
            "stance": "PRO, CONTRA or NEUTRAL towards the thread's target.",
            "confidence": "Confidence of the stance label (0-1).",
            "central": "1 for the document's central claim.",
            "model_version": "The label models that produced the labels.",
        },
    },
    "links": {
        "description": "Relations between documents.",
        "facets": ["kind"],
        "columns": {"source_id": "From this document.", "target_id": "To this document.",
                    "kind": "reply (comment to parent), response (post answering a post) or "
                            "cites (reference list item, pingback, mention)."},
    },
    "runs": {
        "description": "One row per argmine ingest: versions, times and counts.",
        "columns": {"id": "Run number.", "argmine_version": "argmine version.",
                    "spacy_pipeline": "The spaCy pipeline and segmenter that ran.",
                    "model_versions": "Versions of the models (JSON).",
                    "started_at": "Start (UTC).", "ended_at": "End (UTC).",
                    "sources": "Sources read.", "documents_added": "New documents.",
                    "documents_changed": "Changed documents.",
                    "documents_unchanged": "Unchanged documents (skipped).",
                    "errors": "Sources that failed."},
    },
    "ingest_errors": {
        "description": "Sources that failed, one line each.",
        "columns": {"id": "Row id.", "run_id": "The run.", "source": "File or URL.",
                    "error": "Why it failed."},
    },
    "annotations": {
        "description": "Human annotations (argmine annotate import): one row per annotator and "
                       "span, never written over the model's labels in units. argmine "
                       "agreement compares annotators with each other and with the model.",
        "facets": ["annotator", "stance", "component"],
        "columns": {
            "id": "Row id.", "annotator": "Who annotated (--annotator or the file's field).",
            "document_id": "The document.", "start": "Start offset into documents.text.",
            "end": "End offset (exclusive).", "text": "documents.text[start:end].",
            "unit_id": "The model's unit with this span; NULL when the model's segmentation "
                       "has no such unit (set again when one comes back after relabelling).",
            "component": "claim, premise or none (the annotator's).",
            "stance": "PRO, CONTRA or NEUTRAL towards the thread's target (the annotator's).",
            "central": "1 when the annotator marked it as the document's central claim.",
            "source": "The file it was imported from.",
            "imported_at": "When these labels were imported (UTC); unchanged on re-import.",
        },
    },
    **{f"{table}_fts_pending": {
        "description": f"Rows of {table} written in an open transaction and not yet in "
                       f"{table}_fts (indexed just before each commit, so empty when read).",
        "hidden": True,
        "columns": {"id": f"rowid of the {table} row."},
    } for table in ("documents", "units")},
    "annotation_details": {
        "description": "Each annotation beside the model's labels for the same unit, with the "
                       "document's thread and author.",
        "facets": ["annotator", "thread_id", "stance", "model_stance"],
    },
    "unit_details": {
        "description": "Units with their document's author, kind, title, date and URL.",
        "facets": ["author", "kind", "component", "stance"],
    },
    "author_stance": {
        "description": "Per author and thread: document stances and unit counts by stance.",
    },
    "missing_references": {
        "description": "Cited documents whose text has not been ingested, and how often cited.",
    },
}

QUERIES: dict[str, dict[str, str]] = {
    "claims_by_stance": {
        "title": "Claims by stance",
        "description": "Claims with a given stance (PRO, CONTRA or NEUTRAL), most confident first.",
        "sql": """select u.text, u.stance, u.confidence, u.central, d.author, d.title, d.url,
  u.start, u."end", u.document_id from units u join documents d on d.id = u.document_id
where u.component = 'claim' and u.stance = :stance
order by u.central desc, u.confidence desc""",
    },
    "author_arguments": {
        "title": "An author's arguments",
        "description": "Every claim and premise of one author, in document order.",
        "sql": """select d.published, d.kind, u.component, u.stance, u.confidence, u.text, d.url
from units u join documents d on d.id = u.document_id
where d.author = :author and u.component in ('claim', 'premise')
order by d.published, u.document_id, u.idx""",
    },
    "disagreeing_replies": {
        "title": "Replies that disagree with their parent",
        "description": "Comments and responses whose stance opposes the stance of what they answer.",
        "sql": f"""select distinct c.author, c.stance, p.author as parent_author,
  p.stance as parent_stance, substr(c.text, 1, 300) as reply, c.url
from documents c {ANSWERED}
where c.stance in ('PRO', 'CONTRA') and p.stance in ('PRO', 'CONTRA') and c.stance != p.stance
order by c.published""",
    },
    "gold_against_model": {
        "title": "Where annotators and the model disagree",
        "description": "Annotated units whose stance or component differs from the model's.",
        "sql": """select annotator, stance, model_stance, component, model_component, text,
  author, document_id, start, "end" from annotation_details
where model_stance is not null and (stance != model_stance or component != model_component)
order by document_id, start, annotator""",
    },
    "search_units": {
        "title": "Search units by word",
        "description": "Units holding every word given (B2B-Unternehmen, Vertrauen Kunden); "
                       "for phrases, prefixes and OR see 'Search units (FTS5 syntax)'.",
        # every word quoted: a hyphen or a quote in what a user types is no FTS5 syntax error
        "sql": f"""{_UNIT_SEARCH}
where :q != '' and units_fts match
  '"' || replace(replace(trim(:q), '"', '""'), ' ', '" "') || '"' order by rank""",
    },
    "search_units_fts": {
        "title": "Search units (FTS5 syntax)",
        "description": "Full-text search over the units in SQLite FTS5 syntax: Wörter, "
                       "\"eine Phrase\", Präfix*, A OR B; a hyphenated word in quotes.",
        "sql": f"""{_UNIT_SEARCH}
where :q != '' and units_fts match :q order by rank""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a database file named ``database`` (its stem)."""
    return {
        "title": "argmine: arguments in German discussion threads",
        "description": "Posts, comments, argumentative units and their stance towards each "
                       "thread's target proposition, as mined by argmine "
                       f"{__version__}.",
        "license": "argmine code and labels: MIT; the texts belong to their authors",
        "source": "argmine",
        "databases": {database: {
            "description": "One argmine store (schema: README, 'The database').",
            "tables": TABLES,
            "queries": QUERIES,
        }},
    }
