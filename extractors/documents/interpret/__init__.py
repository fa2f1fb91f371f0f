"""The table interpreter: reads what a table says (header tree, stub, caption) into facts.

`labels` holds the label rules every reader shares (total rows, row numbering), `periods` the period
vocabulary, `grid` the interpreter of count and score tables.
"""
