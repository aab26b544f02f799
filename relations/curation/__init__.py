"""The curated seed data: TOML files under fixtures/curation/ built into loadable fixtures.

`build` reads and merges the curation files into fixture records, `validate` passes every record through
the models' own `full_clean`, and `checks` holds the mechanical curation rules. The command
`manage.py build_fixtures [--check]` is a thin shell over `build.run()`.
"""
