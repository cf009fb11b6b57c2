"""Turn news reports as they arrive into articles: decode → detect → parse → persist."""
