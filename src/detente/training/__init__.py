"""Training the coder's decision models from gold/news (`make train`)."""
