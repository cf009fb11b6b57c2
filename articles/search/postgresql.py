"""PostgreSQL: a weighted tsvector of the search documents' tokens, GIN-indexed.

Migration 0003 adds the stored generated column `vector` (headline tokens weighted
A, the rest B, `simple` configuration) and its GIN index. A term is a phrase
tsquery of its bigrams (or the lone character); terms are ANDed; the same query
limited to weight A finds headline matches.
"""

from .text import term_tokens

MATCHING_IDS = (
    "SELECT article_id FROM articles_articlesearchdocument "
    "WHERE vector @@ to_tsquery('simple'::regconfig, %s)"
)


def query(terms, headline=False):
    """`["王耀", "核酸检测"]` → `('王耀') & ('核酸' <-> '酸检' <-> '检测')`."""
    weight = ":A" if headline else ""
    phrases = (" <-> ".join(f"'{token}'{weight}" for token in term_tokens(term)) for term in terms)
    return " & ".join(f"({phrase})" for phrase in phrases)
