"""The notebooks' front door: load the corpus and get tidy tables for every analysis.

Every notebook does `import helpers` and nothing else from the project. Data flows one way:
corpus/ files -> `load_corpus` (articles table) -> analysis tables -> charts drawn in the notebook.
The engines live in the `newslens` package next to this file; this module re-exports their
public functions so a notebook never needs to know where one lives:

- newslens.corpus     load_corpus, article_overview, cleaning_report      (01)
- newslens.overview   date_summary, publication_gap                       (01)
- newslens.sentences  sentences                                           (01, 03, 04)
- newslens.tokens     tokens, tokenize                                    (02)
- newslens.terms      frequencies, keyness, kwic, collocates, variants    (02, 04, 05)
- newslens.quotes     extract_quotes, speaker_counts (engine: attribution,
                      cues, coref, names)                                 (03, 04, 05)
- newslens.voices     quotation_totals, voice_table, ranked_shares, speaker_reach,
                      pick_speaker, speaker_lines, cue_totals (findings)  (03, 04)
- newslens.figures    extract_figures, compare_figures                    (04)
- newslens.compare    control claims, sources, similarity, summary        (04)
- newslens.agreement  shared_facts, stance_table, voice_summary, ...
                      (findings)                                          (04)
- newslens.explore    concordance, speaker and outlet explorers           (05)
- newslens.term_summaries  what 02's and 05's findings state: top-word reach,
                      keyness candidates, spread, plural folds, word choice
                      with fallback, repeated phrases, spellings, clouds  (02, 05)
- newslens.scale      the Dask path for large corpora                     (benchmarks)
- newslens.style      use_house_style, outlet_colors, pool_outlets, SEED  (every notebook)
- newslens.findings   say, plural, listing, percent, corpus_notes         (every notebook)
- newslens.report     save_tables (every notebook); make_report (`make report`)
- newslens.importing  import_articles: web pages, URL lists and exports
                      into a corpus folder (also `python -m newslens import`)
- newslens.patterns   shared regex builders (no notebook uses it directly)
- newslens.collector  pauses the garbage collector inside the quote and figure engines
"""
from newslens.corpus import (  # noqa: F401
    CorpusError, CorpusWarning, article_overview, cleaning_report, load_corpus,
)
from newslens.importing import import_articles  # noqa: F401
from newslens.names import NamesError  # noqa: F401
from newslens.sentences import LongSentenceWarning, SentencesError, sentences  # noqa: F401
from newslens.overview import date_summary, publication_gap  # noqa: F401
from newslens.style import (  # noqa: F401
    OTHER_COLOR, OTHER_OUTLETS, SEED, largest_outlets, outlet_colors, outlet_order, pool_outlets, use_house_style,
)
from newslens.findings import (  # noqa: F401
    FindingsError, corpus_fingerprint, corpus_notes, listing, percent, plural, say,
)
from newslens.report.tables import save_tables  # noqa: F401
from newslens.tokens import tokenize, tokens  # noqa: F401
from newslens.terms import (  # noqa: F401
    TermsError, cloud_excluded_words, cloud_frequencies, collocates, comparison_cloud_terms,
    comparison_word_cloud, dispersion, distinctive_terms, frequencies, key_terms, keyness,
    keyness_summary, kwic, load_spelling_variants, ngrams, plot_word_cloud,
    propose_variant_groups, spelling_variants, stopword_version, stopwords, word_cloud,
)
from newslens.quotes import (  # noqa: F401
    QuotesError, cue_counts, extract_quotes, quote_mark_problems, quotes_by_speaker,
    speaker_counts, voice_shares,
)
from newslens.voices import (  # noqa: F401
    QuotationTotals, attributed_quotations, cue_totals, cue_variety, known_side_share, pick_speaker,
    plot_count_grid, plot_stacked, pooled_table, printed_names, quotation_totals, ranked_shares, speaker_lines, speaker_reach,
    voice_table,
)
from newslens.figures import FiguresError, compare_figures, extract_figures  # noqa: F401
from newslens.compare import (  # noqa: F401
    CompareError, article_similarity, classify_control, control_claims, named_sources,
    outlet_similarity, outlet_summary, pair_copy, pair_passages, shared_copy, shared_passages, translation_markers,
)
from newslens.agreement import (  # noqa: F401
    FactTotals, base_units, channel_counts, claim_sources, claims_about, clash_mentions, cross_outlet_pairs,
    fact_totals, is_translated, leading, marker_kinds, place_mentions, shared_facts, source_table, stance_table,
    voice_summary,
)
from newslens.explore import (  # noqa: F401
    ALL_OUTLETS, MEASURES, ExploreError, concordance_explorer, concordance_table,
    key_terms_title, outlet_choices, outlet_explorer, outlet_key_terms, plot_key_terms,
    sentence_at, speaker_choices, speaker_explorer, speaker_quotes,
)
from newslens.scale import (  # noqa: F401
    ScaleError, combine_counts, count_terms, dask_articles, dask_figures, dask_quotes, keyness_from_counts,
    map_articles, term_counts,
)
from newslens.terms import G2_FLOOR, name_like_terms  # noqa: F401
from newslens.term_summaries import (  # noqa: F401
    Spread, TopTermReach, WordChoice, capped_listing, choice_sentence, choose_words, cloud_leaders,
    comparison_groups, comparison_owners, concordance_rates, count_of, dispersion_hits, frequent_names, grid_title,
    keyness_candidates, lemma_gains, minority_forms, ngram_leaders, outlet_term_matrix, panel_grid, speaker_outlets,
    strongest_key_outlet, strongest_near_miss, term_spread, top_term_reach, variant_alternates,
)
