"""Data, validation and rendering behind the peer support and recovery knowledge base.

The package is plain, typed Python that tests import directly. MkDocs only meets it through
`peerkb.macros.define_env`, which registers macros and nothing else.
"""
