"""Application layer: one function per use case; talks to adapters only through ports."""
