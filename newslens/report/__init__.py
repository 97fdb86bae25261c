"""Reports: every notebook run on any corpus folder, saved as notebooks, HTML pages and CSV tables.

- `newslens.report.run`     make_report: papermill runs each notebook with CORPUS set, nbconvert
                            writes its HTML (`make report`, `python -m newslens report`)
- `newslens.report.tables`  save_tables: the notebooks' main tables as CSV when a report asks
- `newslens.report.cli`     the `report` command of `python -m newslens`
"""
