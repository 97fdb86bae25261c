"""newslens: the engines behind `helpers.py`.

The notebooks import only `helpers`; this package holds the code that grew past one readable
module. Data flows one way:

    corpus/ files --> corpus.load_corpus --> articles table
    articles --> sentences / tokens / terms / quotes / figures --> analysis tables --> charts

Language resources (stop words, reporting verbs, boilerplate patterns, spelling variants) live
in `newslens/data/` as documented text files, so they travel with the code, not with a corpus.
"""
