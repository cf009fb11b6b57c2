"""SQLite: an FTS5 table (unicode61 tokenizer) over the search documents' tokens.

The table `articles_search_fts` is external-content: triggers created in migration
0003 copy every insert, update and delete of `articles_articlesearchdocument` into it.
A term is an FTS5 phrase of its bigrams (or the lone character); terms are ANDed.
FTS5 answers phrases from its own position lists, so no further check is needed.
"""

from .text import document_tokens, term_tokens

FTS_TABLE = "articles_search_fts"


MATCHING_IDS = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"


def document_fields(headline, body):
    """What a search document stores for these texts: the tokens FTS5 indexes."""
    return {"headline_tokens": document_tokens(*headline), "body_tokens": document_tokens(*body)}


def fts_query(terms):
    """`["王耀", "核酸检测"]` → `"王耀" AND "核酸 酸检 检测"`."""
    return " AND ".join(f'"{" ".join(term_tokens(term))}"' for term in terms)


def matching_ids(terms):
    return MATCHING_IDS, [fts_query(terms)]


def some_ids(terms, limit):
    """At most `limit` of the matching ids, in no order: enough to know there are more."""
    return f"{MATCHING_IDS} LIMIT %s", [fts_query(terms), limit]


def headline_ids(terms):
    return MATCHING_IDS, [f"{{headline_tokens}} : ({fts_query(terms)})"]


def estimates(terms):
    """None: FTS5 answers every page from its index, so pages need no estimate."""
    return {}


def condition(terms, walked=False):
    sql, params = matching_ids(terms)
    return f'"articles_article"."id" IN ({sql})', params


def headline_condition(terms, walked=False):
    sql, params = headline_ids(terms)
    return f'"articles_article"."id" IN ({sql})', params
