"""PostgreSQL: GIN expression indexes over a function of the documents' stored words.

The documents hold their words only (`headline_text`, `body_text`: `text.document_text`,
runs of letters and digits, space-separated). Migration 0012 adds `articles_search_tokens(words)`,
which cuts words into their characters and bigrams as a tsvector, and two GIN indexes over it:
`articles_search_tokens(headline_text || ' ' || body_text)` and the headline's alone. No tokens
or vectors are stored (they were 80 % of the documents' 18.9 KB an article; see
bench/README.md). The functions `articles_search_ids(tsquery, phrases)`,
`articles_search_some_ids(tsquery, phrases, cap)` and `articles_search_headline_ids(tsquery,
terms)` read the indexes. The tsquery ANDs every token of every term (lexemes as they are:
`'王耀' & '核酸'::tsquery`, never re-parsed), which the index answers exactly without
evaluating the function again; a term of three characters or more is then confirmed as
contiguous with `strpos` on the document's words.

Why functions: the planner does not count the cost of reading TOASTed values, so for a
common character it prefers a sequential scan (measured on 20,000 articles: 350 ms instead of
60 ms); the functions plan their one query with `enable_seqscan = off`. Called in FROM, their
rows join without being evaluated once per article (measured: 55 ms instead of 190 ms for the
count of `党`).
"""

from .text import document_text, term_tokens

MATCHING_IDS = "SELECT id FROM articles_search_ids(%s::tsquery, %s::text[]) AS id"
SOME_IDS = "SELECT id FROM articles_search_some_ids(%s::tsquery, %s::text[], %s) AS id"
HEADLINE_IDS = "SELECT id FROM articles_search_headline_ids(%s::tsquery, %s::text[]) AS id"


def document_fields(headline, body):
    """What a search document stores for these texts: their words (no tokens)."""
    return {"headline_text": document_text(*headline), "body_text": document_text(*body)}


def tsquery(terms):
    """`["王耀", "核酸检测"]` → `'王耀' & '核酸' & '酸检' & '检测'` (tokens hold no quote)."""
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
# Every term found by a string search in the document's words: what the index's tokens
# find (a term is a run of letters and digits, the words are such runs space-separated, so
# a term is in the words exactly when all its tokens are and, of three characters or more,
# contiguous), at ~1 µs a headline and ~5 µs a body instead of the function's ~20 µs and
# ~500 µs. Tested on articles walked newest first, where the index cannot serve.
WALKED_CONDITION = (
    f"EXISTS (SELECT 1 FROM {DOCUMENT} document WHERE document.article_id = {ARTICLE_ID} "
    "AND NOT EXISTS (SELECT 1 FROM unnest(%s::text[]) AS term "
    "WHERE strpos(document.headline_text, term) = 0 AND strpos(document.body_text, term) = 0))"
)
WALKED_HEADLINE_CONDITION = (
    f"EXISTS (SELECT 1 FROM {DOCUMENT} document WHERE document.article_id = {ARTICLE_ID} "
    "AND NOT EXISTS (SELECT 1 FROM unnest(%s::text[]) AS term "
    "WHERE strpos(document.headline_text, term) = 0))"
)
# The share of the documents holding the rarest of the tokens, from the statistics ANALYZE
# keeps of each index's expression (`most_common_elems`: its 1,000 commonest tokens); 0 for
# a token not among them, NULL before the first ANALYZE.
TOKEN_SHARE = (
    "SELECT min(coalesce(stats.most_common_elem_freqs[array_position("
    "stats.most_common_elems::text::text[], token)], 0)) "
    "FROM pg_stats stats CROSS JOIN unnest(%s::text[]) AS token WHERE stats.tablename = %s"
)
DOCUMENTS = f"SELECT reltuples FROM pg_class WHERE oid = '{DOCUMENT}'::regclass"


def estimates(terms):
    """SQL for `Found`'s estimates: the share of documents holding the terms' rarest token
    anywhere and in the headline (an upper bound), and how many documents there are."""
    tokens = list(dict.fromkeys(token for term in terms for token in term_tokens(term)))
    return {
        "share": (TOKEN_SHARE, [tokens, "articles_search_words_gin"]),
        "headline_share": (TOKEN_SHARE, [tokens, "articles_search_headline_gin"]),
        "documents": (DOCUMENTS, []),
    }


def condition(terms, walked=False):
    """The article's document holds every term: for pages of results, newest first,
    walked (`WALKED_CONDITION`) or from the index's set of matches.

    The set is an array, so that the articles are looked up by id, one per match: as
    `IN (SELECT …)` the planner hashed the set and scanned every published article to
    join them (at 10,000 articles, 4.4 ms instead of 2.5 ms for the 113 of `樱桃丰收`)."""
    if walked:
        return WALKED_CONDITION, [list(terms)]
    sql, params = matching_ids(terms)
    return f"{ARTICLE_ID} = ANY(ARRAY({sql}))", params


def headline_condition(terms, walked=False):
    if walked:
        return WALKED_HEADLINE_CONDITION, [list(terms)]
    sql, params = headline_ids(terms)
    return f"{ARTICLE_ID} IN ({sql})", params
