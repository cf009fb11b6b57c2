"""PostgreSQL: `articles_alike_fingerprints(keys, per_key)`, a near-duplicate lookup in one call.

The fingerprints holding one of `keys` in their bands (at most `per_key` a key, the newest, read
from the band index alone), each with the keys it shares and what a note says of its article.
Written in PL/pgSQL so that each connection plans it once: as a statement, its five relations
cost PostgreSQL more to plan than to run, and the lookup took two round trips (bench/README.md,
near-duplicates, fifth pass).
"""

from django.db import migrations

CREATE = r"""CREATE FUNCTION articles_alike_fingerprints(band_keys bigint[], per_key integer)
    RETURNS TABLE (
        article_id bigint, size integer, signature bytea, shared_keys bigint[], title text,
        import_key text, reported_at timestamptz, published_at timestamptz, source text,
        merged_into bigint
    )
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT fingerprint.article_id, fingerprint.size, fingerprint.signature, found.shared,
           article.title::text, article.import_key::text, article.reported_at,
           article.published_at, source.name::text, member.merged_into_id
    FROM (
        SELECT band.fingerprint_id, array_agg(wanted.key) AS shared
        FROM unnest(band_keys) AS wanted(key)
        CROSS JOIN LATERAL (
            SELECT held.fingerprint_id FROM articles_fingerprintband AS held
            WHERE held.key = wanted.key ORDER BY held.fingerprint_id DESC LIMIT per_key
        ) AS band
        GROUP BY band.fingerprint_id
    ) AS found
    JOIN articles_articlefingerprint AS fingerprint ON fingerprint.article_id = found.fingerprint_id
    JOIN articles_article AS article ON article.id = fingerprint.article_id
    LEFT JOIN articles_source AS source ON source.id = article.source_id
    LEFT JOIN articles_duplicatemember AS member ON member.article_id = article.id;
END
$$"""
DROP = "DROP FUNCTION IF EXISTS articles_alike_fingerprints(bigint[], integer)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_admin_list_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
