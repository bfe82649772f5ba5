"""One module per legal limit: pure functions from typed inputs to typed results."""
