"""Containers that arrive as bytes rather than text: peeled to text before any format is read."""
