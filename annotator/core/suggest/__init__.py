"""Suggestion engines: propose quotes and speakers for a coder to accept or reject."""
