"""The legal-policy library: bundled documents with counselor notes, the center's own imported
documents, and accent-insensitive search that goes straight to the article.

Public API (built by `hotline.app.open_app` as `app.library`):

- `LibraryService.search(query, *, limit=20, in_force=False, doc_type=None, doc_id=None,
  conn=None) -> list[SearchHit]`
- `LibraryService.documents() / document(doc_id) / articles(doc_id) / article(id) /
  find_article(doc_id, label) / neighbours(article) / citation(article) / as_of`
- `LibraryService.preview(path) -> ParsedDocument`, `import_file(path, metadata=None, *,
  progress=None, actor="")`, `import_parsed(parsed, metadata=None, *, actor="")`,
  `update_metadata(doc_id, metadata, *, actor="")`, `remove(doc_id, *, actor="")`
- `LibraryService.compact()`: merge the search postings into one segment after a batch of
  imports (hotline/library/README.md: how search ranks without FTS5's per-match cost)

Plain data in `hotline.library.models`; the bundled file format in resources/library/README.md.
"""
