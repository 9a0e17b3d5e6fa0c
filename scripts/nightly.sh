#!/usr/bin/env bash
# Nightly batch job: add new blog responses and comments to an argmine database.
#
# Example crontab line (every night at 02:30):
#   30 2 * * * cd /path/to/argmine && scripts/nightly.sh >> logs/nightly.log 2>&1
#
# Sources are listed one per line in $SOURCES (feeds, URLs, folders of saved pages or
# exports); lines starting with # are ignored.  Unchanged sources cost a cache hit or a
# 304 and a content-hash comparison; only new or changed documents are analysed.  A second
# job on the same database waits for the write lock instead of failing, and a job killed
# half-way leaves the database consistent: the next run completes the work.
set -uo pipefail

cd "$(dirname "$0")/.."
ARGMINE=${ARGMINE:-.venv/bin/argmine}
DB=${DB:-argmine.db}
SOURCES=${SOURCES:-sources.txt}
SINCE=${SINCE:-$(date -u -d "2 days ago" +%F 2>/dev/null || date -u +%F)}

if [ ! -f "$SOURCES" ]; then
  echo "$(date -u +%FT%TZ) no source list at $SOURCES" >&2
  exit 2
fi
mapfile -t specs < <(grep -v -e '^\s*#' -e '^\s*$' "$SOURCES")

echo "$(date -u +%FT%TZ) ingesting ${#specs[@]} sources into $DB (feeds since $SINCE)"
# --reanalyze first relabels what an older version of the stance model labelled (a run of
# its own), then the sources are ingested: the ingest is the last run, the one `runs` and
# the report show with its failed sources
# --max-age 1: a page cached by last night's run is revalidated (a 304 costs little), not
# taken as fresh because this run started a few minutes earlier than 24 hours after it
"$ARGMINE" ingest --db "$DB" --reanalyze --max-age 1 --since "$SINCE" "${specs[@]}"
status=$?  # 1 = some sources failed (listed above and in ingest_errors); the rest is stored

"$ARGMINE" runs --db "$DB" --limit 1
"$ARGMINE" report --db "$DB" --format html --output "report-$(date -u +%F).html"
exit $status
