"""Recognisers turn tables of the document model into facts; each module knows one family of tables."""
