"""`sitegen verify`: compare records with what arXiv, Crossref and dblp say about the same paper.

    cache.py     answers kept on disk, so that a second run asks the services nothing
    client.py    one polite GET per service at a time: a pause between requests, backoff on 429
    arxiv.py     the arXiv API, ids in batches
    crossref.py  the Crossref REST API, one DOI at a time, in the polite pool
    dblp.py      dblp's publication search, by title
    witness.py   what one service says about one paper
    compare.py   the disagreements between a record and a witness, as check-style warnings
"""
