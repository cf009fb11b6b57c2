"""PostgreSQL: the search index over a function of the stored words, no stored tokens or vectors.

The documents' `headline_text` and `body_text` become the runs of letters and digits that queries
are cut into, space-separated (`王耀 核酸检测`); `articles_search_tokens()` cuts such words into
their characters and bigrams, and two GIN expression indexes hold them (all the words, and the
headline's). The token columns and the generated vectors are no longer filled or kept on
PostgreSQL (SQLite's FTS5 table still reads the tokens). Measured on 10,000 imported articles:
from 18.9 to about 6 KB an article on disk (see bench/README.md).
"""

import importlib

from django.db import migrations

from articles.search.text import document_text

DOCUMENT_TABLE = "articles_articlesearchdocument"
CONVERT_BATCH = 2000

# Characters and bigrams of space-separated words: the same tokens as
# `articles.search.text.document_tokens`, as a tsvector (lexemes taken as they are).
TOKENS_FUNCTION = r"""CREATE FUNCTION articles_search_tokens(words text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tokens text[] := '{}';
    previous text := ' ';
    character text;
BEGIN
    FOREACH character IN ARRAY string_to_array(words, NULL) LOOP
        IF character <> ' ' THEN
            tokens := tokens || character;
            IF previous <> ' ' THEN
                tokens := tokens || (previous || character);
            END IF;
        END IF;
        previous := character;
    END LOOP;
    RETURN array_to_tsvector(tokens);
END
$$"""
WORDS = "articles_search_tokens(headline_text || ' ' || body_text)"
HEADLINE_WORDS = "articles_search_tokens(headline_text)"
PHRASES_FOUND = """NOT EXISTS (
            SELECT 1 FROM unnest(phrases) AS phrase
            WHERE strpos(headline_text, phrase) = 0 AND strpos(body_text, phrase) = 0
          )"""

DROP_OLD = [
    "DROP FUNCTION IF EXISTS articles_search_some_ids(tsquery, text[], integer)",
    "DROP FUNCTION IF EXISTS articles_search_headline_ids(tsquery, text[])",
    "DROP FUNCTION IF EXISTS articles_search_ids(tsquery, text[])",
    f"ALTER TABLE {DOCUMENT_TABLE} DROP COLUMN IF EXISTS headline_vector",
    f"ALTER TABLE {DOCUMENT_TABLE} DROP COLUMN IF EXISTS vector",
]
CREATE_NEW = [
    f"UPDATE {DOCUMENT_TABLE} SET headline_tokens = '', body_tokens = ''",
    # The updates queue the deferred foreign-key checks, which must run before an index is made.
    "SET CONSTRAINTS ALL IMMEDIATE",
    TOKENS_FUNCTION,
    f"CREATE INDEX articles_search_words_gin ON {DOCUMENT_TABLE} USING gin ({WORDS})",
    f"CREATE INDEX articles_search_headline_gin ON {DOCUMENT_TABLE} USING gin ({HEADLINE_WORDS})",
    f"""CREATE FUNCTION articles_search_ids(query tsquery, phrases text[])
    RETURNS SETOF bigint LANGUAGE sql STABLE ROWS 1000 SET enable_seqscan = off AS $$
        SELECT article_id FROM {DOCUMENT_TABLE}
        WHERE {WORDS} @@ query AND {PHRASES_FOUND}
    $$""",
    f"""CREATE FUNCTION articles_search_some_ids(query tsquery, phrases text[], cap integer)
    RETURNS SETOF bigint LANGUAGE sql STABLE ROWS 1000 SET enable_seqscan = off AS $$
        SELECT article_id FROM {DOCUMENT_TABLE}
        WHERE {WORDS} @@ query AND {PHRASES_FOUND}
        LIMIT cap
    $$""",
    f"""CREATE FUNCTION articles_search_headline_ids(query tsquery, terms text[])
    RETURNS SETOF bigint LANGUAGE sql STABLE ROWS 100 SET enable_seqscan = off AS $$
        SELECT article_id FROM {DOCUMENT_TABLE}
        WHERE {HEADLINE_WORDS} @@ query
          AND NOT EXISTS (
            SELECT 1 FROM unnest(terms) AS term WHERE strpos(headline_text, term) = 0
          )
    $$""",
]
DROP_NEW = [
    "DROP FUNCTION IF EXISTS articles_search_some_ids(tsquery, text[], integer)",
    "DROP FUNCTION IF EXISTS articles_search_headline_ids(tsquery, text[])",
    "DROP FUNCTION IF EXISTS articles_search_ids(tsquery, text[])",
    "DROP INDEX IF EXISTS articles_search_headline_gin",
    "DROP INDEX IF EXISTS articles_search_words_gin",
    "DROP FUNCTION IF EXISTS articles_search_tokens(text)",
]


def to_words(schema_editor):
    """The stored normalised texts (one line per text) as words: what queries are cut into."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT article_id, headline_text, body_text FROM {DOCUMENT_TABLE}")
        rows = cursor.fetchall()
    for start in range(0, len(rows), CONVERT_BATCH):
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {DOCUMENT_TABLE} SET headline_text = %s, body_text = %s"
                " WHERE article_id = %s",
                [
                    (document_text(headline), document_text(body), pk)
                    for pk, headline, body in rows[start : start + CONVERT_BATCH]
                ],
            )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP_OLD:
        schema_editor.execute(statement)
    to_words(schema_editor)
    for statement in CREATE_NEW:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    """The stored vectors and their functions again; their tokens are refilled by
    `manage.py refresh_search_documents` (run it after migrating back)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    search = importlib.import_module("articles.migrations.0003_search")
    reader_speed = importlib.import_module("articles.migrations.0004_reader_speed")
    for statement in [*DROP_NEW, *search.POSTGRESQL_INDEX, reader_speed.SOME_IDS]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_stored_renderings"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
