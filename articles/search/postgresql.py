"""PostgreSQL: GIN-indexed tsvectors of the search documents' tokens.

Migration 0003 adds two stored generated columns, `vector` (all the tokens' lexemes,
`simple` configuration, positions stripped) and `headline_vector` (the headline's,
small enough to stay in the row), each with a GIN index, and two functions that read
them: `articles_search_ids(tsquery, phrases)` and `articles_search_headline_ids(tsquery,
terms)`. The tsquery ANDs every token of every term, which the index answers exactly
without reading a single vector; a term of three characters or more is then confirmed
as contiguous with `strpos` on the document's normalised text (a phrase tsquery would
re-read every candidate's vector instead: 600–1,000 ms for a common word).

Migration 0004 adds `articles_search_some_ids(tsquery, phrases, cap)`, the same search
stopping after `cap` rows, for counts that stop counting (`matching_count()`).

Why functions: the planner does not count the cost of reading TOASTed vectors, so
for a common character it prefers a sequential scan that reads all of them (measured
on 20,000 articles: 350 ms instead of 60 ms); the functions plan their one query with
`enable_seqscan = off`. Called in FROM, their rows join without being evaluated once
per article (measured: 55 ms instead of 190 ms for the count of `党`).
"""

from .text import term_tokens

MATCHING_IDS = (
    "SELECT id FROM articles_search_ids(to_tsquery('simple'::regconfig, %s), %s::text[]) AS id"
)
SOME_IDS = (
    "SELECT id FROM articles_search_some_ids("
    "to_tsquery('simple'::regconfig, %s), %s::text[], %s) AS id"
)
HEADLINE_IDS = (
    "SELECT id FROM articles_search_headline_ids("
    "to_tsquery('simple'::regconfig, %s), %s::text[]) AS id"
)


def tsquery(terms):
    """`["王耀", "核酸检测"]` → `'王耀' & '核酸' & '酸检' & '检测'`."""
    tokens = dict.fromkeys(token for term in terms for token in term_tokens(term))
    return " & ".join(f"'{token}'" for token in tokens)


def matching_ids(terms):
    phrases = [term for term in terms if len(term) > 2]
    return MATCHING_IDS, [tsquery(terms), phrases]


def some_ids(terms, limit):
    """At most `limit` of the matching ids, in no order: enough to know there are more."""
    sql, params = matching_ids(terms)
    return SOME_IDS, [*params, limit]


def headline_ids(terms):
    """Articles with every term in the headline: its own small vector, then the phrase."""
    return HEADLINE_IDS, [tsquery(terms), list(terms)]


DOCUMENT = "articles_articlesearchdocument"
ARTICLE_ID = '"articles_article"."id"'
CONDITION = (
    f"EXISTS (SELECT 1 FROM {DOCUMENT} document WHERE document.article_id = {ARTICLE_ID} "
    "AND document.vector @@ to_tsquery('simple'::regconfig, %s) AND NOT EXISTS ("
    "SELECT 1 FROM unnest(%s::text[]) AS phrase "
    "WHERE strpos(document.headline_text, phrase) = 0 AND strpos(document.body_text, phrase) = 0))"
)
HEADLINE_CONDITION = (
    f"EXISTS (SELECT 1 FROM {DOCUMENT} document WHERE document.article_id = {ARTICLE_ID} "
    "AND document.headline_vector @@ to_tsquery('simple'::regconfig, %s) AND NOT EXISTS ("
    "SELECT 1 FROM unnest(%s::text[]) AS term WHERE strpos(document.headline_text, term) = 0))"
)


def condition(terms):
    """The article's document holds every term: for pages of results, newest first."""
    return CONDITION, matching_ids(terms)[1]


def headline_condition(terms):
    return HEADLINE_CONDITION, headline_ids(terms)[1]
