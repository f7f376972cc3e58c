"""Imports: parsers that read users' files into plain data for the services."""
